import { diff, featureSlice, Manifest } from './helpers';

const ds = (containers: any[], volumes: any[] = []) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'datadog', namespace: 'datadog' },
  spec: { template: { spec: { containers, volumes } } },
});
const agent = (env: any[], extra: any = {}) => ({ name: 'agent', image: 'a', env, ...extra });

describe('featureSlice: what a render changes compared with a baseline', () => {
  test('identical renders have an empty slice', () => {
    const m = new Manifest([ds([agent([{ name: 'A', value: '1' }])])]);
    expect(featureSlice(m, new Manifest(JSON.parse(JSON.stringify(m.objects))))).toEqual({});
  });

  test('objects added (in full) and removed (by name), keyed by kind, namespace outside datadog, name', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'kube-system' }, data: { a: 'b' } };
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'old', namespace: 'datadog' } };
    expect(featureSlice(new Manifest([cm]), new Manifest([sa]))).toEqual({ '+ ConfigMap/kube-system/x': cm, '- ServiceAccount/old': '(removed)' });
  });

  test('containers, env, mounts and volumes diff by name; only what changed is shown', () => {
    const before = ds([agent([{ name: 'A', value: '1' }, { name: 'B', value: '2' }], { volumeMounts: [{ name: 'v', mountPath: '/v' }] })], [{ name: 'v', emptyDir: {} }]);
    const after = ds([
      agent([{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
        { volumeMounts: [{ name: 'v', mountPath: '/v' }, { name: 'v', mountPath: '/w', subPath: 'w' }] }),
      { name: 'system-probe', image: 'a' },
    ], [{ name: 'v', emptyDir: {} }, { name: 'h', hostPath: { path: '/h' } }]);
    expect(featureSlice(new Manifest([after]), new Manifest([before]))).toEqual({
      'DaemonSet/datadog': {
        spec: {
          template: {
            spec: {
              containers: {
                'agent': {
                  env: { 'B': { value: { '-': '2', '+': '3' } }, '+ C': { name: 'C', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } } },
                  volumeMounts: { '+ /w': { name: 'v', mountPath: '/w', subPath: 'w' } },
                },
                '+ system-probe': { name: 'system-probe', image: 'a' },
              },
              volumes: { '+ h': { name: 'h', hostPath: { path: '/h' } } },
            },
          },
        },
      },
    });
  });

  test('unnamed items (rules, args) diff as added and removed; a reordering is reported as such', () => {
    const r1 = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
    const r2 = { apiGroups: [''], resources: ['nodes'], verbs: ['get'] };
    const r3 = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] };
    expect(diff({ rules: [r1, r2] }, { rules: [r1, r3] })).toEqual({ rules: { '+': [r3], '-': [r2] } });
    expect(diff({ args: ['a', 'b'] }, { args: ['b', 'a'] })).toEqual({ args: { order: { '-': ['"a"', '"b"'], '+': ['"b"', '"a"'] } } });
    expect(diff([{ name: 'a' }, { name: 'b' }], [{ name: 'b' }, { name: 'a' }])).toEqual({ order: { '-': ['a', 'b'], '+': ['b', 'a'] } });
  });

  test('YAML config files diff by structure; other values show before and after', () => {
    expect(diff({ f: 'a: 1\nb: 2\n' }, { f: 'a: 1\nb: 3\nc: 4\n' })).toEqual({ f: { yaml: { 'b': { '-': 2, '+': 3 }, '+ c': 4 } } });
    expect(diff({ f: 'x' }, { f: 'y' })).toEqual({ f: { '-': 'x', '+': 'y' } });
    expect(diff({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual({ 'key order': { '-': ['a', 'b'], '+': ['b', 'a'] } });
  });
});

test('the seccomp profile is named in slices, not copied; any other content is shown', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { systemProbeSeccompJson } = require('../../src/features/system-probe-seccomp');
  const cm = (data: any) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'datadog-security' }, data });
  expect(featureSlice(new Manifest([cm({ 'p.json': systemProbeSeccompJson({ extraSyscalls: ['kill'] }) })]), new Manifest([])))
    .toEqual({ '+ ConfigMap/datadog-security': cm({ 'p.json': '(systemProbeSeccompJson({ extraSyscalls: ["kill"] }): see system-probe-seccomp.test.ts)' }) });
  expect(featureSlice(new Manifest([cm({ 'p.json': '{}\n' })]), new Manifest([]))).toEqual({ '+ ConfigMap/datadog-security': cm({ 'p.json': '{}\n' }) });
});
