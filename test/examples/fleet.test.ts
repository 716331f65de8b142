import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, parseAllDocuments } from 'yaml';
import type { ClusterFile } from '../../examples/fleet/main';
import { loadClusters, synthFleet } from '../../examples/fleet/main';
import { schemaErrors } from '../support/strict-schema';

const tmp = () => mkdtempSync(join(tmpdir(), 'fleet-'));
const file = (name: string, text: string): ClusterFile => ({ name, file: `clusters/${name}.yaml`, text });

test('every cluster file synthesizes strict-valid objects into its own directory, with its own name', () => {
  const clusters = loadClusters();
  expect(clusters.map(c => c.name)).toEqual(['prod-eu-1', 'prod-us-1', 'staging-eu-1']);
  const out = tmp();
  const result = synthFleet(out, clusters);
  expect(result.failures).toEqual([]);
  expect(readdirSync(out).sort()).toEqual(clusters.map(c => c.name));
  for (const c of clusters) {
    const docs = parseAllDocuments(readFileSync(join(out, c.name, 'datadog.k8s.yaml'), 'utf8')).map((d: any) => d.toJSON());
    expect(docs.flatMap((o: any) => schemaErrors(o))).toEqual([]);
    const env = docs.find((o: any) => o.kind === 'DaemonSet').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'DD_CLUSTER_NAME').value).toBe(c.name);
  }
});

test('a cluster file overrides the defaults key by key', () => {
  const out = tmp();
  const doc = 'clusterName: renamed\nnodeAgent: { logLevel: DEBUG }\n';
  expect(synthFleet(out, [file('one', doc)]).failures).toEqual([]);
  const text = readFileSync(join(out, 'one', 'datadog.k8s.yaml'), 'utf8');
  expect(text).toContain('priorityClassName: system-node-critical'); // the default's sibling key survives
  expect(text).toMatch(/name: DD_CLUSTER_NAME\n\s+value: renamed/);
  expect(parse(loadClusters()[0].text)).not.toHaveProperty('credentials'); // credentials come from the defaults
});

test('a broken cluster file writes nothing for any cluster and every failing cluster is reported', () => {
  const out = join(tmp(), 'dist');
  const good = loadClusters();
  const clusters = [
    ...good,
    file('typo', 'site: EU1\nlogs: { enabeld: true }\n'),
    file('bad-yaml', 'site: [EU1\n'),
    file('bad-value', 'clusterAgent: { replicas: 0 }\n'),
  ];
  const result = synthFleet(out, clusters);
  expect(result.written).toEqual([]);
  expect(result.failures).toHaveLength(3);
  expect(result.failures[0]).toMatch(/^clusters\/typo\.yaml: .*logs\.enabeld.*did you mean "enabled"/s);
  expect(result.failures[1]).toMatch(/^clusters\/bad-yaml\.yaml: /);
  expect(result.failures[2]).toMatch(/^clusters\/bad-value\.yaml: .*clusterAgent\.replicas/s);
  expect(existsSync(out)).toBe(false);
});

test('no cluster files is a failure, and the output directory is left as it was', () => {
  const out = tmp();
  mkdirSync(join(out, 'keep'));
  writeFileSync(join(out, 'keep', 'x'), '');
  const result = synthFleet(out, []);
  expect(result.failures).toEqual(['no cluster files']);
  expect(readdirSync(out)).toEqual(['keep']);
});
