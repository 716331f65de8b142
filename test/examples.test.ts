import { readdirSync, existsSync } from 'fs';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { schemaErrors } from './support/strict-schema';

const dir = join(__dirname, '..', 'examples');
/** Kinds from CRDs (not in the Kubernetes schema) that examples create on purpose. */
const CUSTOM_RESOURCES = ['datadoghq.com/v1alpha1/DatadogMetric'];
const examples = readdirSync(dir).filter(d => existsSync(join(dir, d, 'main.ts')));

test('there are examples', () => {
  expect(examples).toEqual(expect.arrayContaining(['default', 'agent-only']));
});

test.each(examples)('example %s builds and every object passes the strict schema', name => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(join(dir, name, 'main.ts'));
  const app = new App({ outdir: Testing.app().outdir });
  build(app);
  expect(app.charts.length).toBeGreaterThan(0);
  for (const chart of app.charts) {
    // Custom resources a user's app creates have no Kubernetes schema; everything else is checked.
    const objs = chart.toJson();
    expect(objs.length).toBeGreaterThan(0);
    const errors = objs.filter(o => !CUSTOM_RESOURCES.includes(`${o.apiVersion}/${o.kind}`)).flatMap(o => schemaErrors(o));
    expect(errors).toEqual([]);
  }
});

test('the fleet example: every cluster synthesizes valid objects in its own App', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FLEET, cluster } = require(join(dir, 'fleet', 'main.ts'));
  expect(FLEET.length).toBeGreaterThan(1);
  const names = new Set<string>();
  for (const spec of FLEET) {
    const app = new App({ outdir: Testing.app().outdir });
    const objs = cluster(app, spec).toJson();
    expect(objs.flatMap((o: any) => schemaErrors(o))).toEqual([]);
    const ds = objs.find((o: any) => o.kind === 'DaemonSet');
    names.add(ds.spec.template.spec.containers[0].env.find((e: any) => e.name === 'DD_CLUSTER_NAME').value);
  }
  expect(names.size).toEqual(FLEET.length);
});
