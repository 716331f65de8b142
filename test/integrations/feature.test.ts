import { createHash } from 'crypto';
import { Testing, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import type { Integration } from '../../src';
import { DatadogAgent } from '../../src';
import { Manifest, SECRET, mountsOf, render, synth, testChart } from '../support/helpers';

const REDIS: Integration = { name: 'redisdb', instances: [{ host: 'redis.cache.svc', port: 6379 }] };
const PG: Integration = {
  name: 'postgres',
  clusterCheck: true,
  initConfig: {},
  instances: [{ host: 'db.example.com', port: 5432, username: 'datadog', password: 'ENC[k8s_secret@databases/pg/password]', dbm: true }],
};

function agentPod(m: Manifest): any {
  return m.daemonSet.spec.template;
}

describe('node checks', () => {
  const m = render({ integrations: [REDIS] });

  test('snapshot of the conf.d ConfigMap and the agent mount', () => {
    expect(m.get('ConfigMap', 'datadog-confd')).toMatchSnapshot();
    expect(mountsOf(m.container('agent'))['/etc/datadog-agent/conf.d/redisdb.d/conf.yaml']).toMatchSnapshot();
  });

  test('the ConfigMap holds <check>.yaml, and it parses back to the configuration', () => {
    const cm = m.get('ConfigMap', 'datadog-confd');
    expect(Object.keys(cm.data)).toEqual(['redisdb.yaml']);
    expect(YAML.parse(cm.data['redisdb.yaml'])).toEqual({ init_config: {}, instances: [{ host: 'redis.cache.svc', port: 6379 }] });
    expect(cm.metadata.namespace).toBe('datadog');
  });

  test('the file is mounted at conf.d/<check>.d/conf.yaml in the agent container only', () => {
    expect(mountsOf(m.container('agent'))['/etc/datadog-agent/conf.d/redisdb.d/conf.yaml'])
      .toEqual({ name: 'confd', mountPath: '/etc/datadog-agent/conf.d/redisdb.d/conf.yaml', subPath: 'redisdb.yaml', readOnly: true });
    expect(m.volume('confd')).toEqual({ name: 'confd', configMap: { name: 'datadog-confd' } });
    for (const c of ['trace-agent', 'init-config', 'init-volume']) {
      expect(Object.values(mountsOf(m.container(c))).some((x: any) => x.name === 'confd')).toBe(false);
    }
  });

  test('the pod carries a sha256 checksum of the conf.d data', () => {
    expect(agentPod(m).metadata.annotations['checksum/confd-config']).toMatch(/^[0-9a-f]{64}$/);
    expect(agentPod(m).metadata.annotations['checksum/checksd-config']).toBeUndefined();
  });

  test('no integrations: no ConfigMaps, volumes or checksum annotations', () => {
    const d = render();
    // (the Cluster Agent's conf.d holds the built-in kube-state-metrics and API server checks)
    expect(d.kinds().filter(k => /confd|checksd/.test(k))).toEqual(['ConfigMap/datadog-cluster-agent-confd']);
    expect(Object.keys(d.get('ConfigMap', 'datadog-cluster-agent-confd').data)).toEqual(['kubernetes_apiserver.yaml', 'kubernetes_state_core.yaml.default']);
    expect(d.volume('confd')).toBeUndefined();
    expect(d.daemonSet.spec.template.metadata.annotations ?? {}).toEqual({});
  });

  test('every key of instances and init_config is written sorted; list order is kept', () => {
    const d = render({ integrations: [{ name: 'http_check', initConfig: { b: 1, a: 2 }, instances: [{ url: 'https://b', name: 'b' }, { name: 'a', url: 'https://a', headers: { Z: '1', A: '2' } }] }] });
    const text = d.get('ConfigMap', 'datadog-confd').data['http_check.yaml'];
    expect(text).toBe([
      'init_config:', '  a: 2', '  b: 1',
      'instances:', '  - name: b', '    url: https://b', '  - headers:', '      A: "2"', '      Z: "1"', '    name: a', '    url: https://a', '',
    ].join('\n'));
  });

  test('strings that look like other YAML types stay strings for a YAML 1.1 parser (the agent\'s)', () => {
    const values = { a: 'yes', b: 'on', c: '0123', d: '1e3', e: '~', f: 'null', g: '%', h: 'multi\nline', i: '12:30' };
    const d = render({ integrations: [{ name: 'custom_thing', instances: [values] }] });
    const text = d.get('ConfigMap', 'datadog-confd').data['custom_thing.yaml'];
    expect(YAML.parse(text, { version: '1.1' }).instances[0]).toEqual(values);
  });

  test('adIdentifiers and logs are written to the file', () => {
    const d = render({ integrations: [{ name: 'nginx', adIdentifiers: ['nginx'], instances: [{ nginx_status_url: 'http://%%host%%:81/nginx_status/' }], logs: [{ source: 'nginx', service: 'web' }] }] });
    expect(YAML.parse(d.get('ConfigMap', 'datadog-confd').data['nginx.yaml'])).toEqual({
      ad_identifiers: ['nginx'],
      init_config: {},
      instances: [{ nginx_status_url: 'http://%%host%%:81/nginx_status/' }],
      logs: [{ service: 'web', source: 'nginx' }],
    });
  });

  test('a logs-only integration has no init_config or instances', () => {
    const d = render({ integrations: [{ name: 'myapp', logs: [{ type: 'file', path: '/var/log/myapp/*.log', source: 'myapp', service: 'myapp' }] }] });
    expect(YAML.parse(d.get('ConfigMap', 'datadog-confd').data['myapp.yaml'])).toEqual({ logs: [{ type: 'file', path: '/var/log/myapp/*.log', source: 'myapp', service: 'myapp' }] });
  });
});

describe('merging integrations of the same check', () => {
  test('instances merge in the order they were added; one initConfig is enough', () => {
    const m = render({
      integrations: [
        { name: 'redisdb', initConfig: { service: 'cache' }, instances: [{ host: 'a', port: 6379 }] },
        { name: 'redisdb', instances: [{ host: 'b', port: 6379 }] },
        { name: 'redisdb', initConfig: { service: 'cache' }, instances: [{ host: 'c', port: 6380 }] },
      ],
    });
    const cm = m.get('ConfigMap', 'datadog-confd');
    expect(Object.keys(cm.data)).toEqual(['redisdb.yaml']);
    expect(YAML.parse(cm.data['redisdb.yaml'])).toEqual({
      init_config: { service: 'cache' },
      instances: [{ host: 'a', port: 6379 }, { host: 'b', port: 6379 }, { host: 'c', port: 6380 }],
    });
    expect(Object.keys(mountsOf(m.container('agent'))).filter(p => p.includes('conf.d/'))).toEqual(['/etc/datadog-agent/conf.d/redisdb.d/conf.yaml']);
  });

  test('a node check and a cluster check of the same name go to different files', () => {
    const m = render({ integrations: [REDIS, { ...REDIS, clusterCheck: true, instances: [{ host: 'other', port: 6379 }] }] });
    expect(Object.keys(m.get('ConfigMap', 'datadog-confd').data)).toEqual(['redisdb.yaml']);
    expect(Object.keys(m.get('ConfigMap', 'datadog-cluster-agent-confd').data)).toContain('redisdb.yaml');
  });

  test('conflicting initConfig fails and names both sources', () => {
    expect(() => render({ integrations: [{ ...REDIS, initConfig: { a: 1 } }, { name: 'redisdb', initConfig: { a: 2 }, instances: [{ host: 'x' }] }] }))
      .toThrow(/integrations\[1\] \(check redisdb\): initConfig \{"a":2\} conflicts with \{"a":1\} from integrations\[0\]/);
  });

  test('conflicting adIdentifiers fail', () => {
    expect(() => render({ integrations: [{ ...REDIS, adIdentifiers: ['redis'] }, { ...REDIS, instances: [{ host: 'x' }] }] }))
      .toThrow(/integrations\[1\] \(check redisdb\): adIdentifiers null differ from \["redis"\]/);
  });

  test('the same instance twice fails (within one integration and across merged ones)', () => {
    expect(() => render({ integrations: [{ name: 'redisdb', instances: [{ host: 'a' }, { host: 'a' }] }] }))
      .toThrow(/integrations\[0\]: check redisdb has the same instance twice/);
    expect(() => render({ integrations: [REDIS, { name: 'redisdb', instances: [{ port: 6379, host: 'redis.cache.svc' }] }] }))
      .toThrow(/integrations\[1\] \(check redisdb\): check redisdb has the same instance twice/);
  });
});

describe('cluster checks', () => {
  const m = render({ integrations: [PG] });

  test('snapshot of the Cluster Agent conf.d ConfigMap', () => {
    expect(m.get('ConfigMap', 'datadog-cluster-agent-confd')).toMatchSnapshot();
  });

  test('go into the Cluster Agent conf.d as <check>.yaml with cluster_check: true', () => {
    const cm = m.get('ConfigMap', 'datadog-cluster-agent-confd');
    expect(Object.keys(cm.data)).toEqual(['kubernetes_apiserver.yaml', 'kubernetes_state_core.yaml.default', 'postgres.yaml']);
    expect(YAML.parse(cm.data['postgres.yaml'])).toEqual({
      cluster_check: true,
      init_config: {},
      instances: [{ dbm: true, host: 'db.example.com', password: 'ENC[k8s_secret@databases/pg/password]', port: 5432, username: 'datadog' }],
    });
    expect(m.find('ConfigMap', 'datadog-confd')).toBeUndefined();
  });

  test('are mounted into the cluster-agent container, not the node agent', () => {
    const dca = m.container('cluster-agent', m.clusterAgent);
    // The shared conf.d is mounted at /conf.d; the image copies <check>.d/ directories into its conf.d.
    expect(mountsOf(dca)['/conf.d']).toEqual({ name: 'confd', mountPath: '/conf.d', readOnly: true });
    expect(m.volume('confd', m.clusterAgent).configMap.items).toContainEqual({ key: 'postgres.yaml', path: 'postgres.d/postgres.yaml' });
    expect(m.volume('confd')).toBeUndefined();
    expect(m.clusterAgent.spec.template.metadata.annotations['checksum/confd-config']).toMatch(/^[0-9a-f]{64}$/);
    expect(m.daemonSet.spec.template.metadata.annotations ?? {}).toEqual({});
  });

  test('fail without the Cluster Agent', () => {
    expect(() => render({ clusterAgent: { enabled: false }, integrations: [PG] }))
      .toThrow(/integrations\[0\]\.clusterCheck needs the Cluster Agent deployed by this library .* clusterAgent\.enabled is false/);
    const chart = new Chart(Testing.app(), 't', { namespace: 'datadog' });
    const dd = new DatadogAgent(chart, 'dd', { credentials: SECRET, clusterAgent: { enabled: false } });
    expect(() => dd.addIntegration(PG)).toThrow(/addIntegration\("postgres"\)\.clusterCheck needs the Cluster Agent/);
  });
});

describe('custom checks', () => {
  const SOURCE = 'from datadog_checks.base import AgentCheck\n\nclass Hello(AgentCheck):\n    def check(self, instance):\n        self.gauge("hello.world", 1)\n';
  const m = render({ customChecks: [{ name: 'hello', source: SOURCE }], integrations: [{ name: 'hello', instances: [{ min_collection_interval: 30 }] }] });

  test('the source goes into F-checksd as <name>.py, mounted into checks.d of the agent', () => {
    expect(m.get('ConfigMap', 'datadog-checksd').data).toEqual({ 'hello.py': SOURCE });
    expect(mountsOf(m.container('agent'))['/etc/datadog-agent/checks.d/hello.py'])
      .toEqual({ name: 'checksd', mountPath: '/etc/datadog-agent/checks.d/hello.py', subPath: 'hello.py', readOnly: true });
    expect(m.volume('checksd')).toEqual({ name: 'checksd', configMap: { name: 'datadog-checksd' } });
    expect(YAML.parse(m.get('ConfigMap', 'datadog-confd').data['hello.yaml'])).toEqual({ init_config: {}, instances: [{ min_collection_interval: 30 }] });
    expect(agentPod(m).metadata.annotations['checksum/checksd-config']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a second check with the same file name fails', () => {
    expect(() => render({ customChecks: [{ name: 'hello', source: 'a = 1' }, { name: 'hello', source: 'b = 2' }] }))
      .toThrow(/customChecks\[1\]\.name: custom check file checks.d\/hello.py is already defined by customChecks\[0\]/);
  });

  test('invalid file names fail', () => {
    for (const name of ['hello.py', 'Hello', '../etc/passwd', 'my-check', '1check', '']) {
      expect(() => render({ customChecks: [{ name, source: 'x = 1' }] })).toThrow(/customChecks\[0\]\.name must be a Python module name/);
    }
  });

  test('an empty source fails', () => {
    expect(() => render({ customChecks: [{ name: 'hello', source: '  ' }] })).toThrow(/customChecks\[0\]\.source must be the check's Python source/);
  });

  test('a source larger than a ConfigMap can hold fails', () => {
    expect(() => render({ customChecks: [{ name: 'big', source: 'x'.repeat(1024 * 1024) }] })).toThrow(/customChecks\[0\]\.source: custom checks total 1048576 bytes, more than a ConfigMap can hold/);
  });
});

describe('addIntegration and addCustomCheck after construction', () => {
  test('render exactly like the props', () => {
    const chart = new Chart(Testing.app(), 't', { namespace: 'datadog' });
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET });
    dd.addIntegration(REDIS);
    dd.addIntegration(PG);
    dd.addCustomCheck({ name: 'hello', source: 'x = 1' });
    const late = synth(chart);
    const early = render({ integrations: [REDIS, PG], customChecks: [{ name: 'hello', source: 'x = 1' }] }).objects;
    const byName = (objs: any[]) => [...objs].sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
    expect(byName(late)).toEqual(byName(early));
  });

  test('merge with the props', () => {
    const chart = new Chart(Testing.app(), 't', { namespace: 'datadog' });
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, integrations: [REDIS] });
    dd.addIntegration({ name: 'redisdb', instances: [{ host: 'second', port: 6379 }] });
    const m = new Manifest(synth(chart));
    expect(YAML.parse(m.get('ConfigMap', 'datadog-confd').data['redisdb.yaml']).instances).toEqual([{ host: 'redis.cache.svc', port: 6379 }, { host: 'second', port: 6379 }]);
  });

  test('validate like the props, naming the call', () => {
    const chart = new Chart(Testing.app(), 't', { namespace: 'datadog' });
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET });
    expect(() => dd.addIntegration({ name: 'Redis DB', instances: [{}] })).toThrow(/addIntegration\("Redis DB"\)\.name must be a check name/);
    expect(() => dd.addCustomCheck({ name: 'x.py', source: 'x' })).toThrow(/addCustomCheck\("x.py"\)\.name must be a Python module name/);
  });
});

describe('checksums', () => {
  const annotations = (props: any) => {
    const m = render(props);
    return { node: agentPod(m).metadata.annotations ?? {}, dca: m.clusterAgent.spec.template.metadata.annotations ?? {} };
  };

  test('are deterministic across syntheses', () => {
    expect(annotations({ integrations: [REDIS, PG] })).toEqual(annotations({ integrations: [REDIS, PG] }));
  });

  test('do not change when only the key order of the input changes', () => {
    const a = annotations({ integrations: [{ name: 'redisdb', instances: [{ host: 'a', port: 1, tags: ['x'] }] }] });
    const b = annotations({ integrations: [{ instances: [{ tags: ['x'], port: 1, host: 'a' }], name: 'redisdb' }] });
    expect(a).toEqual(b);
  });

  test('do not change with unrelated configuration', () => {
    const a = annotations({ integrations: [REDIS, PG], customChecks: [{ name: 'hello', source: 'x = 1' }] });
    const b = annotations({ integrations: [REDIS, PG], customChecks: [{ name: 'hello', source: 'x = 1' }], clusterName: 'prod', logs: { enabled: true }, tags: ['team:a'] });
    expect(b).toEqual(a);
  });

  test('change exactly for the pod whose configuration changed', () => {
    const base = annotations({ integrations: [REDIS, PG], customChecks: [{ name: 'hello', source: 'x = 1' }] });
    const nodeChanged = annotations({ integrations: [{ ...REDIS, instances: [{ host: 'redis.cache.svc', port: 6380 }] }, PG], customChecks: [{ name: 'hello', source: 'x = 1' }] });
    expect(nodeChanged.node['checksum/confd-config']).not.toBe(base.node['checksum/confd-config']);
    expect(nodeChanged.node['checksum/checksd-config']).toBe(base.node['checksum/checksd-config']);
    expect(nodeChanged.dca).toEqual(base.dca);

    const clusterChanged = annotations({ integrations: [REDIS, { ...PG, instances: [{ host: 'db2.example.com' }] }], customChecks: [{ name: 'hello', source: 'x = 1' }] });
    expect(clusterChanged.node).toEqual(base.node);
    expect(clusterChanged.dca['checksum/confd-config']).not.toBe(base.dca['checksum/confd-config']);

    const checkChanged = annotations({ integrations: [REDIS, PG], customChecks: [{ name: 'hello', source: 'x = 2' }] });
    expect(checkChanged.node['checksum/confd-config']).toBe(base.node['checksum/confd-config']);
    expect(checkChanged.node['checksum/checksd-config']).not.toBe(base.node['checksum/checksd-config']);
    expect(checkChanged.dca).toEqual(base.dca);
  });

  test('equal the sha256 of the ConfigMap data', () => {
    const m = render({ integrations: [REDIS] });
    const data = m.get('ConfigMap', 'datadog-confd').data;
    const sha = createHash('sha256').update(JSON.stringify(Object.keys(data).sort().map(k => [k, data[k]]))).digest('hex');
    expect(agentPod(m).metadata.annotations['checksum/confd-config']).toBe(sha);
  });
});

describe('bad input', () => {
  const bad = (integration: any) => () => render({ integrations: [integration] });

  test('invalid check names', () => {
    for (const name of ['Redis', 'redis-db', 'redisdb.yaml', '../x', '', 'a'.repeat(64)]) {
      expect(bad({ name, instances: [{}] })).toThrow(/integrations\[0\]\.name must be a check name: lowercase letters, digits and "_"/);
    }
  });

  test('an integration with neither instances nor logs', () => {
    expect(bad({ name: 'redisdb' })).toThrow(/integrations\[0\] \(check redisdb\) needs at least one entry in instances or logs/);
    expect(bad({ name: 'redisdb', instances: [] })).toThrow(/needs at least one entry in instances or logs/);
  });

  test('non-serializable values name the path', () => {
    expect(bad({ name: 'redisdb', instances: [{ host: 'a', port: NaN }] })).toThrow(/integrations\[0\]\.instances\[0\]\.port must be a JSON value .*got NaN/);
    expect(bad({ name: 'redisdb', instances: [{ timeout: Infinity }] })).toThrow(/instances\[0\]\.timeout must be a JSON value .*got Infinity/);
    expect(bad({ name: 'redisdb', instances: [{ f: () => 1 }] })).toThrow(/instances\[0\]\.f must be a JSON value .*got a function/);
    expect(bad({ name: 'redisdb', instances: [{ tags: ['a', undefined] }] })).toThrow(/instances\[0\]\.tags\[1\] must be a JSON value .*got undefined/);
    expect(bad({ name: 'redisdb', instances: [{ since: new Date(0) }] })).toThrow(/instances\[0\]\.since must be a JSON value .*got an instance of Date/);
    expect(bad({ name: 'redisdb', instances: [{ n: BigInt(1) }] })).toThrow(/instances\[0\]\.n must be a JSON value .*got a bigint/);
    const loop: any = { host: 'a' };
    loop.self = loop;
    expect(bad({ name: 'redisdb', instances: [loop] })).toThrow(/instances\[0\]\.self must be a JSON value .*got a circular reference/);
    expect(bad({ name: 'redisdb', initConfig: { 'weird key': { x: NaN } }, instances: [{}] })).toThrow(/initConfig\["weird key"\]\.x must be a JSON value/);
  });

  test('a shared (non-circular) object is fine', () => {
    const tags = ['team:cache'];
    const m = render({ integrations: [{ name: 'redisdb', instances: [{ host: 'a', tags }, { host: 'b', tags }] }] });
    expect(YAML.parse(m.get('ConfigMap', 'datadog-confd').data['redisdb.yaml']).instances[1].tags).toEqual(['team:cache']);
  });

  test('wrong shapes', () => {
    expect(bad({ name: 'redisdb', instances: { host: 'a' } })).toThrow(/integrations\[0\]\.instances must be a list, got {"host":"a"}/);
    expect(bad({ name: 'redisdb', instances: [['a']] })).toThrow(/integrations\[0\]\.instances\[0\] must be an object .*got an array/);
    expect(bad({ name: 'redisdb', initConfig: 'x', instances: [{}] })).toThrow(/integrations\[0\]\.initConfig must be an object/);
    expect(bad({ name: 'redisdb', instances: [{}], adIdentifiers: [] })).toThrow(/integrations\[0\]\.adIdentifiers must be a non-empty list/);
    expect(bad({ name: 'redisdb', instances: [{}], adIdentifiers: ['a b'] })).toThrow(/integrations\[0\]\.adIdentifiers\[0\] must be a non-empty identifier/);
    expect(bad({ name: 'redisdb', instances: [{}], clusterCheck: 'yes' })).toThrow(/integrations\[0\]\.clusterCheck must be true or false, got "yes"/);
  });
});

test('addIntegration after the agents were synthesized fails (the pods would never mount it)', () => {
  const chart = testChart();
  const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET });
  dd.addIntegration({ name: 'redisdb', instances: [{ host: 'r1' }] });
  const first = synth(chart).find(o => o.kind === 'DaemonSet');
  expect(first.spec.template.metadata.annotations['checksum/confd-config']).toMatch(/^[0-9a-f]{64}$/);
  expect(() => dd.addIntegration({ name: 'redisdb', instances: [{ host: 'r2' }] })).toThrow(/addIntegration\("redisdb"\): the agents were already synthesized/);
});
