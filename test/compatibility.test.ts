import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { Compatibility } from '../src';
import { DEFAULT_AGENT_VERSION, MIN_AGENT_VERSION } from '../src/images';

const ROOT = join(__dirname, '..');

/** README "Compatibility", as generated from `Compatibility`. */
function renderCompatibility(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| component | minimum | checked against | notes |',
    '|---|---|---|---|',
    ...Compatibility.MATRIX.map(e => `| ${cell(e.component)} | ${cell(e.minimum)} | ${cell(e.checked)} | ${cell(e.notes)} |`),
    '',
    'Renderings that depend on the agent version (an older tag gets the older rendering, not an error):',
    '',
    '| feature | agent version | newer agents | older agents |',
    '|---|---|---|---|',
    ...Compatibility.AGENT_VERSION_GATES.map(g => `| ${cell(g.feature)} | ${g.since} | ${cell(g.newer)} | ${cell(g.older)} |`),
  ].join('\n');
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap(f => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('README "Compatibility" is the table in src/compatibility.ts', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf-8');
  const m = /<!-- compatibility:start[^>]*-->\n([\s\S]*?)\n<!-- compatibility:end -->/.exec(readme);
  expect(m).not.toBeNull();
  // On failure, paste the expected text between the markers.
  expect(m![1]).toBe(renderCompatibility());
});

test('every agent version the source tests for is a listed gate, and every gate is still in the source', () => {
  const found = new Set<string>();
  for (const file of sources(join(ROOT, 'src'))) {
    for (const m of readFileSync(file, 'utf-8').matchAll(/versionAtLeast\([^,]+,\s*\[(\d+),\s*(\d+),\s*(\d+)\]\)/g)) {
      found.add(`${m[1]}.${m[2]}.${m[3]}`);
    }
  }
  expect(found.size).toBeGreaterThan(0); // the scan must find something, or it proves nothing
  expect([...found].sort()).toEqual(Compatibility.AGENT_VERSION_GATES.map(g => g.since).sort());
});

test('the matrix names the real default and minimum agent versions', () => {
  const agent = Compatibility.MATRIX.find(e => e.component.startsWith('Datadog Agent'))!;
  expect(agent.checked).toBe(DEFAULT_AGENT_VERSION);
  expect(agent.minimum).toBe(MIN_AGENT_VERSION.join('.'));
});

test('the matrix names the dependency versions package.json declares', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf-8'));
  const row = (c: string) => Compatibility.MATRIX.find(e => e.component === c)!;
  expect(row('cdk8s / constructs').minimum).toBe(`${pkg.peerDependencies.cdk8s.replace('^', '')} / ${pkg.peerDependencies.constructs.replace('^', '')}`);
  expect(row('cdk8s-plus').minimum).toBe(`cdk8s-plus-27 ${pkg.peerDependencies['cdk8s-plus-27'].replace('^', '')}`);
  expect(pkg.engines.node).toBe(`>= ${row('Node.js').minimum}.0`);
});
