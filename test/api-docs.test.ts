import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';

/**
 * The API standard, enforced: every optional property of every public (not `@internal`)
 * interface documents its default with `@default`, so API.md never leaves a user guessing.
 */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Names src/index.ts exports: the public API. */
function publicNames(src: string): Set<string> {
  const index = readFileSync(join(src, 'index.ts'), 'utf-8');
  return new Set([...index.matchAll(/export \{([^}]*)\}/g)].flatMap(m => m[1].split(',').map(n => n.trim())).filter(Boolean));
}

function undocumented(): string[] {
  const missing: string[] = [];
  const src = join(__dirname, '..', 'src');
  const api = publicNames(src);
  for (const file of files(src)) {
    const text = readFileSync(file, 'utf-8');
    const iface = /(\/\*\*(?:(?!\*\/)[\s\S])*?\*\/\s*)?export interface (\w+)[^{]*\{([\s\S]*?)\n\}/g;
    for (let m = iface.exec(text); m; m = iface.exec(text)) {
      const [, doc = '', name, body] = m;
      if (!api.has(name) || doc.includes('@internal')) continue;
      const prop = /(\/\*\*(?:(?!\*\/)[\s\S])*?\*\/\s*)?readonly (\w+)\?:/g;
      for (let p = prop.exec(body); p; p = prop.exec(body)) {
        if (!p[1] || !p[1].includes('@default')) missing.push(`${relative(src, file)}: ${name}.${p[2]}`);
      }
    }
  }
  return missing;
}

test('every optional property of a public interface documents its @default', () => {
  expect(publicNames(join(__dirname, '..', 'src')).has('DatadogAgentProps')).toBe(true);
  expect(undocumented()).toEqual([]);
});
