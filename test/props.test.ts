import * as fs from 'fs';
import * as path from 'path';
import { PROPS_FQN, typeSchema } from '../src/input/schema';

/**
 * DatadogAgentProps is the one place options are grouped by feature. These tests keep its
 * surface documented where users look first (the README's Options table) and consistent in
 * shape (each feature's options are one struct, not loose top-level flags).
 */
const README = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
const FIELDS = typeSchema(PROPS_FQN).fields ?? {};

function optionsTableFirstColumn(): string {
  const start = README.indexOf('## Options');
  const table = README.slice(start, README.indexOf('\n## ', start + 1)).split('\n').filter(l => l.startsWith('| `'));
  return table.map(l => l.split(' | ')[0]).join(' ');
}

describe('DatadogAgentProps', () => {
  test('every top-level option is named in the first column of the README\'s Options table', () => {
    const named = optionsTableFirstColumn();
    const missing = Object.keys(FIELDS).filter(k => !new RegExp(`\`${k}\`|\`${k}\\.|\\b${k}\\b`).test(named));
    expect(missing).toEqual([]);
  });

  test('feature options are structs (grouped by feature), not loose scalars at the top level', () => {
    const scalars = Object.entries(FIELDS).filter(([, f]) => typeof f.type === 'string').map(([k]) => k).sort();
    // The installation's identity, and three on/off settings without sub-options, are the only
    // top-level scalars; a new feature comes as a struct (`{ enabled, ... }`) so it can grow.
    expect(scalars).toEqual(['clusterName', 'containerImageCollection', 'containerLifecycle', 'createNamespace', 'name', 'namespace', 'tolerateControlPlane']);
  });
});
