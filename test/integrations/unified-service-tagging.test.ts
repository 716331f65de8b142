import { ApiObject, Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { UnifiedServiceTagging } from '../../src';
import { envOf, synth } from '../support/helpers';

function chart(): Chart {
  return new Chart(Testing.app(), 'apps', { namespace: 'apps' });
}

const TAGS = { env: 'prod', service: 'checkout', version: '1.4.2' };
const labelRef = (key: string) => ({ fieldRef: { fieldPath: `metadata.labels['tags.datadoghq.com/${key}']` } });

function podTemplate(o: any): any {
  return (o.spec.jobTemplate?.spec ?? o.spec).template;
}

const WORKLOADS: [string, (c: Chart) => kplus.Workload][] = [
  ['Deployment', c => new kplus.Deployment(c, 'w', { metadata: { name: 'w' }, containers: [{ name: 'app', image: 'app:1.4.2', portNumber: 8080 }, { name: 'sidecar', image: 'proxy:2' }] })],
  ['StatefulSet', c => new kplus.StatefulSet(c, 'w', { metadata: { name: 'w' }, containers: [{ name: 'app', image: 'app:1.4.2', portNumber: 8080 }, { name: 'sidecar', image: 'proxy:2' }] })],
  ['DaemonSet', c => new kplus.DaemonSet(c, 'w', { metadata: { name: 'w' }, containers: [{ name: 'app', image: 'app:1.4.2' }, { name: 'sidecar', image: 'proxy:2' }] })],
  ['Job', c => new kplus.Job(c, 'w', { metadata: { name: 'w' }, containers: [{ name: 'app', image: 'app:1.4.2' }, { name: 'sidecar', image: 'proxy:2' }] })],
  ['CronJob', c => new kplus.CronJob(c, 'w', {
    metadata: { name: 'w' }, schedule: Cron.daily(), containers: [{ name: 'app', image: 'app:1.4.2' }, { name: 'sidecar', image: 'proxy:2' }],
  })],
];

test('a container named twice in containers fails instead of writing DD_ENV twice', () => {
  const c = chart();
  const w = new ApiObject(c, 'w', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w' },
    spec: { selector: { matchLabels: { app: 'w' } }, template: { metadata: { labels: { app: 'w' } }, spec: { containers: [{ name: 'app', image: 'a' }] } } },
  });
  expect(() => UnifiedServiceTagging.apply(w, { ...TAGS, containers: ['app', 'app'] })).toThrow(/UnifiedServiceTagging.apply: containers lists a container twice/);
  UnifiedServiceTagging.apply(w, { ...TAGS, containers: ['app'] });
  const env = synth(c)[0].spec.template.spec.containers[0].env.map((e: any) => e.name);
  expect(env.filter((n: string) => n === 'DD_ENV')).toHaveLength(1);
});

describe.each(WORKLOADS)('%s', (kind, make) => {
  test('labels on the workload and its pod template, env from the labels in every container', () => {
    const c = chart();
    UnifiedServiceTagging.apply(make(c), TAGS);
    const o = synth(c).find(x => x.kind === kind);
    for (const [k, v] of Object.entries(TAGS)) {
      expect(o.metadata.labels[`tags.datadoghq.com/${k}`]).toBe(v);
      expect(podTemplate(o).metadata.labels[`tags.datadoghq.com/${k}`]).toBe(v);
    }
    for (const ct of podTemplate(o).spec.containers) {
      const env = envOf(ct);
      expect(env.DD_ENV).toEqual(labelRef('env'));
      expect(env.DD_SERVICE).toEqual(labelRef('service'));
      expect(env.DD_VERSION).toEqual(labelRef('version'));
    }
    expect(podTemplate(o).metadata.labels['admission.datadoghq.com/enabled']).toBeUndefined();
  });

  test('admission controller opt-in label, and a subset of containers', () => {
    const c = chart();
    UnifiedServiceTagging.apply(make(c), { service: 'checkout', admissionControllerOptIn: true, containers: ['app'] });
    const o = synth(c).find(x => x.kind === kind);
    expect(podTemplate(o).metadata.labels['admission.datadoghq.com/enabled']).toBe('true');
    expect(o.metadata.labels['admission.datadoghq.com/enabled']).toBeUndefined();
    const [app, sidecar] = podTemplate(o).spec.containers;
    expect(envOf(app)).toMatchObject({ DD_SERVICE: labelRef('service') });
    expect(envOf(app).DD_ENV).toBeUndefined();
    expect(envOf(sidecar).DD_SERVICE).toBeUndefined();
  });
});

test('snapshot of a tagged Deployment', () => {
  const c = chart();
  UnifiedServiceTagging.apply(WORKLOADS[0][1](c), { ...TAGS, admissionControllerOptIn: true });
  expect(synth(c).find(x => x.kind === 'Deployment')).toMatchSnapshot();
});

test('a raw ApiObject Deployment is patched (labels and env appear in the synthesized object)', () => {
  const c = chart();
  const d = new ApiObject(c, 'web', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox', env: [{ name: 'KEEP', value: '1' }] }] },
      },
    },
  });
  UnifiedServiceTagging.apply(d, { ...TAGS, admissionControllerOptIn: true });
  const o = synth(c).find(x => x.kind === 'Deployment');
  expect(o.metadata.labels['tags.datadoghq.com/service']).toBe('checkout');
  expect(o.spec.template.metadata.labels).toEqual({
    'app': 'web',
    'admission.datadoghq.com/enabled': 'true',
    'tags.datadoghq.com/env': 'prod',
    'tags.datadoghq.com/service': 'checkout',
    'tags.datadoghq.com/version': '1.4.2',
  });
  expect(envOf(o.spec.template.spec.containers[0])).toEqual({ DD_ENV: labelRef('env'), DD_SERVICE: labelRef('service'), DD_VERSION: labelRef('version') });
  expect(envOf(o.spec.template.spec.containers[1])).toEqual({ KEEP: '1', DD_ENV: labelRef('env'), DD_SERVICE: labelRef('service'), DD_VERSION: labelRef('version') });
  expect(o.spec.selector).toEqual({ matchLabels: { app: 'web' } });
});

describe('bad input', () => {
  const deployment = (c = chart()) => WORKLOADS[0][1](c);

  test('no tags', () => {
    expect(() => UnifiedServiceTagging.apply(deployment(), {})).toThrow(/UnifiedServiceTagging.apply: give at least one of env, service or version/);
  });

  test('a value that is not a label value', () => {
    expect(() => UnifiedServiceTagging.apply(deployment(), { version: '1.4.2+build.7' })).toThrow(/UnifiedServiceTagging.apply: version has an invalid value "1.4.2\+build.7"/);
    expect(() => UnifiedServiceTagging.apply(deployment(), { env: '' })).toThrow(/env must be a non-empty string/);
  });

  test('unknown container', () => {
    expect(() => UnifiedServiceTagging.apply(deployment(), { env: 'prod', containers: ['web'] })).toThrow(/containers names "web", which the workload does not have; its containers are "app", "sidecar"/);
  });

  test('a container that already sets DD_ENV', () => {
    const c = chart();
    const d = new kplus.Deployment(c, 'd', { containers: [{ name: 'app', image: 'x', envVariables: { DD_ENV: kplus.EnvValue.fromValue('staging') } }] });
    expect(() => UnifiedServiceTagging.apply(d, { env: 'prod' })).toThrow(/container "app" already sets DD_ENV/);
    // Nothing was changed by the failed call.
    expect(d.podMetadata.getLabel('tags.datadoghq.com/env')).toBeUndefined();
  });

  test('a conflicting existing label', () => {
    const c = chart();
    const d = deployment(c);
    d.podMetadata.addLabel('tags.datadoghq.com/env', 'staging');
    expect(() => UnifiedServiceTagging.apply(d, { env: 'prod' })).toThrow(/env is "prod", but the pod template already has tags.datadoghq.com\/env="staging"/);
    const e = deployment(chart());
    e.podMetadata.addLabel('admission.datadoghq.com/enabled', 'false');
    expect(() => UnifiedServiceTagging.apply(e, { env: 'prod', admissionControllerOptIn: true })).toThrow(/admission.datadoghq.com\/enabled="false"/);
  });

  test('not a workload', () => {
    const c = chart();
    expect(() => UnifiedServiceTagging.apply(new kplus.ConfigMap(c, 'cm'), { env: 'prod' })).toThrow(/must be a cdk8s-plus workload/);
  });
});
