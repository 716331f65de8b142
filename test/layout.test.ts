import * as fs from 'fs';
import * as path from 'path';

/** The project's rule: one test file per source module, at the same relative path under test/. */
test('every module under src/ has its test file', () => {
  const src = path.join(__dirname, '..', 'src');
  const modules: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) modules.push(path.relative(src, p).replace(/\.ts$/, ''));
    }
  };
  walk(src);
  expect(modules.length).toBeGreaterThan(50);
  expect(modules.filter(m => !fs.existsSync(path.join(__dirname, `${m}.test.ts`))).sort()).toEqual([]);
});
