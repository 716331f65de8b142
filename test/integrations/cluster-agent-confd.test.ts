import * as YAML from 'yaml';
import { DatadogAgent } from '../../src';
import { IntegrationRegistry } from '../../src/integrations/registry';
import { SECRET, render, synth, testChart } from '../support/helpers';

test('the registry gives the Cluster Agent conf.d its cluster checks: file name to check and YAML', () => {
  const reg = new IntegrationRegistry(true, true);
  reg.addIntegration('a', { name: 'http_check', clusterCheck: true, instances: [{ name: 'api', url: 'https://api.example.com' }] });
  reg.addIntegration('b', { name: 'redisdb', instances: [{ host: 'r' }] });
  const files = reg.clusterConfdFiles();
  expect(Object.keys(files)).toEqual(['http_check.yaml']);
  expect(files['http_check.yaml'].check).toEqual('http_check');
  expect(YAML.parse(files['http_check.yaml'].content)).toEqual({ cluster_check: true, init_config: {}, instances: [{ name: 'api', url: 'https://api.example.com' }] });
});

test('without cluster checks the Cluster Agent pod is unchanged', () => {
  const a = render().clusterAgent;
  const b = render({ integrations: [{ name: 'redisdb', instances: [{ host: 'r' }] }] }).clusterAgent;
  expect(b).toEqual(a);
});

test('cluster checks join the shared conf.d ConfigMap, next to kube-state-metrics core, as <check>.d/<check>.yaml', () => {
  const m = render({ integrations: [{ name: 'b_check', clusterCheck: true, instances: [{}] }, { name: 'a_check', clusterCheck: true, instances: [{}] }] });
  const cm = m.get('ConfigMap', 'datadog-cluster-agent-confd');
  expect(Object.keys(cm.data)).toEqual(expect.arrayContaining(['a_check.yaml', 'b_check.yaml', 'kubernetes_state_core.yaml.default']));
  const items = m.volume('confd', m.clusterAgent).configMap.items;
  expect(items).toEqual(expect.arrayContaining([{ key: 'a_check.yaml', path: 'a_check.d/a_check.yaml' }, { key: 'b_check.yaml', path: 'b_check.d/b_check.yaml' }]));
  expect(m.objects.filter(o => o.kind === 'ConfigMap' && o.metadata.name === 'datadog-cluster-agent-confd')).toHaveLength(1);
});

test('the conf.d checksum changes when a cluster check changes, and only then', () => {
  const sum = (url: string) => render({ integrations: [{ name: 'http_check', clusterCheck: true, instances: [{ name: 'x', url }] }] })
    .clusterAgent.spec.template.metadata.annotations['checksum/confd-config'];
  expect(sum('https://a')).toEqual(sum('https://a'));
  expect(sum('https://a')).not.toEqual(sum('https://b'));
});

test('a cluster check added after construction is still included', () => {


  const chart = testChart();
  const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, kubeStateMetricsCore: { enabled: false }, eventCollection: { enabled: false } });
  dd.addIntegration({ name: 'http_check', clusterCheck: true, instances: [{ name: 'x', url: 'https://x' }] });
  const cm = synth(chart).find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'datadog-cluster-agent-confd');
  expect(Object.keys(cm.data)).toEqual(['http_check.yaml']);
});

test('cluster checks need cluster checks enabled', () => {
  expect(() => render({ clusterChecks: { enabled: false }, integrations: [{ name: 'http_check', clusterCheck: true, instances: [{}] }] }))
    .toThrow(/integrations\[0\].clusterCheck needs cluster checks, but clusterChecks.enabled is false/);
});
