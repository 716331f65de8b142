// An app on a newer cdk8s-plus major (here cdk8s-plus-33, a devDependency) installs this
// library's cdk8s-plus-27 next to its own. Its workloads are not `instanceof` the
// cdk8s-plus-27 classes: Autodiscovery and UnifiedServiceTagging must still accept them.
import { readFileSync } from 'fs';
import { Chart, Cron, Testing } from 'cdk8s';
import * as kplus33 from 'cdk8s-plus-33';
import { Autodiscovery, Credentials, DatadogAgent, UnifiedServiceTagging } from '../../src';
import { envOf, synth } from '../support/helpers';

function chart(): Chart {
  return new Chart(Testing.app(), 'apps', { namespace: 'apps' });
}

const CONTAINERS = [{ name: 'app', image: 'app:1.4.2', portNumber: 8080 }];
const WORKLOADS: [string, (c: Chart) => kplus33.Workload][] = [
  ['Deployment', c => new kplus33.Deployment(c, 'w', { metadata: { name: 'w' }, containers: CONTAINERS })],
  ['StatefulSet', c => new kplus33.StatefulSet(c, 'w', { metadata: { name: 'w' }, containers: CONTAINERS })],
  ['DaemonSet', c => new kplus33.DaemonSet(c, 'w', { metadata: { name: 'w' }, containers: CONTAINERS })],
  ['Job', c => new kplus33.Job(c, 'w', { metadata: { name: 'w' }, containers: CONTAINERS })],
  ['CronJob', c => new kplus33.CronJob(c, 'w', { metadata: { name: 'w' }, schedule: Cron.daily(), containers: CONTAINERS })],
];

function podTemplate(o: any): any {
  return (o.spec.jobTemplate?.spec ?? o.spec).template;
}

test('the cdk8s-plus used here really is another copy than the library\'s', () => {
  expect(require.resolve('cdk8s-plus-33')).not.toBe(require.resolve('cdk8s-plus-27'));
  expect(JSON.parse(readFileSync(require.resolve('cdk8s-plus-33/package.json'), 'utf-8')).name).toBe('cdk8s-plus-33');
});

describe.each(WORKLOADS)('cdk8s-plus-33 %s', (kind, make) => {
  test('UnifiedServiceTagging.apply: labels and env from the labels', () => {
    const c = chart();
    UnifiedServiceTagging.apply(make(c), { env: 'prod', service: 'checkout', version: '1.4.2' });
    const o = synth(c).find(x => x.kind === kind);
    expect(o.metadata.labels['tags.datadoghq.com/service']).toBe('checkout');
    expect(podTemplate(o).metadata.labels['tags.datadoghq.com/env']).toBe('prod');
    expect(envOf(podTemplate(o).spec.containers[0]).DD_VERSION).toEqual({ fieldRef: { fieldPath: "metadata.labels['tags.datadoghq.com/version']" } });
  });

  test('Autodiscovery.annotate: the check annotation on the pod template', () => {
    const c = chart();
    Autodiscovery.annotate(make(c), 'app', { checks: [{ name: 'http_check', instances: [{ name: 'app', url: 'http://%%host%%:8080/health' }] }] });
    const o = synth(c).find(x => x.kind === kind);
    const checks = JSON.parse(podTemplate(o).metadata.annotations['ad.datadoghq.com/app.checks']);
    expect(checks.http_check.instances[0].url).toBe('http://%%host%%:8080/health');
  });
});

test('an unknown container of a cdk8s-plus-33 workload is still reported by name', () => {
  const c = chart();
  const w = new kplus33.Deployment(c, 'w', { containers: CONTAINERS });
  expect(() => Autodiscovery.annotate(w, 'nope', { tags: { team: 'a' } })).toThrow(/no container "nope"; its containers are "app"/);
});

test('the agent and cdk8s-plus-33 workloads live in one App', () => {
  const app = Testing.app();
  const apps = new Chart(app, 'apps', { namespace: 'apps' });
  UnifiedServiceTagging.apply(new kplus33.Deployment(apps, 'web', { containers: CONTAINERS }), { service: 'web' });
  new DatadogAgent(new Chart(app, 'datadog', { namespace: 'datadog' }), 'dd', { credentials: Credentials.fromSecret('datadog-secret') });
  expect(() => app.synthYaml()).not.toThrow();
});
