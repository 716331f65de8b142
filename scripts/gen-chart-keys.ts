/**
 * Writes src/cli/chart-keys.generated.json, the keys the official chart's values.yaml defines
 * (for `import-helm` to tell a typo from a real chart key) and their defaults where they are
 * scalars. Run with the chart's values.yaml of the version the library follows:
 *   ts-node --transpile-only scripts/gen-chart-keys.ts <helm-charts>/charts/datadog/values.yaml 3.240.0
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

const [file, version] = process.argv.slice(2);
const values = YAML.parse(fs.readFileSync(file, 'utf8'));
const keys: { [k: string]: unknown } = {};
const open: string[] = [];
(function walk(v: any, at: string) {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v);
    if (!entries.length && at) open.push(at);
    for (const [k, x] of entries) walk(x, at ? `${at}.${k}` : k);
    return;
  }
  // null defaults are open too: the chart accepts any structure there (e.g. `affinity: {}` or a commented default).
  if (v === null) open.push(at);
  keys[at] = Array.isArray(v) ? (v.length ? v : []) : v;
})(values, '');
fs.writeFileSync(path.join(__dirname, '..', 'src', 'cli', 'chart-keys.generated.json'),
  JSON.stringify({ chartVersion: version, keys, open: open.sort() }, null, 1) + '\n');
