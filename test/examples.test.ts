import { readdirSync, existsSync } from 'fs';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { crdErrors } from './support/crd-schema';
import { apiServerErrors } from './support/helpers';
import { schemaErrors } from './support/strict-schema';

const dir = join(__dirname, '..', 'examples');
/** Kinds from CRDs (not in the Kubernetes schema) that examples create on purpose. */
const CUSTOM_RESOURCES = ['datadoghq.com/v1alpha1/DatadogMetric', 'datadoghq.com/v2alpha1/DatadogAgent'];
const examples = readdirSync(dir, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name);
/** The custom resources each example creates, by `kind/name`; every other object is schema-checked. */
const EXPECTED_CUSTOM: Record<string, string[]> = { autoscaling: ['DatadogMetric/checkout-requests'], operator: ['DatadogAgent/datadog'] };
/** Examples with a second node-agent DaemonSet on Windows nodes (`windowsNodes`). */
const WINDOWS_EXAMPLES = ['windows'];
/** Examples that render the Operator's custom resource instead of the agents themselves. */
const OPERATOR_EXAMPLES = ['operator'];

test('every directory under examples/ is an app with a main.ts that exports build (none is skipped)', () => {
  expect(examples).toEqual(expect.arrayContaining(['default', 'agent-only', 'fleet']));
  for (const name of examples) {
    expect({ name, main: existsSync(join(dir, name, 'main.ts')) }).toEqual({ name, main: true });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect({ name, build: typeof require(join(dir, name, 'main.ts')).build }).toEqual({ name, build: 'function' });
  }
});

test.each(examples)('example %s builds and every object passes the strict schema', name => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(join(dir, name, 'main.ts'));
  const app = new App({ outdir: Testing.app().outdir });
  build(app);
  const objs = app.charts.flatMap(chart => chart.toJson());
  // Every example deploys the node agent, itself or through the Operator's DatadogAgent (validated against its CRD).
  if (OPERATOR_EXAMPLES.includes(name)) {
    expect(objs.filter(o => o.kind === 'DatadogAgent').flatMap(crdErrors)).toEqual([]);
  } else {
    const agents = objs.filter(o => o.kind === 'DaemonSet' && o.spec.template.spec.containers.some((c: any) => c.name === 'agent'));
    expect(agents.map(o => o.spec.template.spec.nodeSelector['kubernetes.io/os']))
      .toEqual(WINDOWS_EXAMPLES.includes(name) ? ['linux', 'windows'] : ['linux']);
  }
  // Custom resources a user's app creates have no Kubernetes schema (and only those are skipped); everything else is checked.
  const custom = (o: any) => CUSTOM_RESOURCES.includes(`${o.apiVersion}/${o.kind}`);
  expect(objs.filter(custom).map(o => `${o.kind}/${o.metadata.name}`)).toEqual(EXPECTED_CUSTOM[name] ?? []);
  const errors = objs.filter(o => !custom(o)).flatMap(o => [...schemaErrors(o), ...apiServerErrors(o)]);
  expect(errors).toEqual([]);
});
