import * as YAML from 'yaml';
import { clusterCheckFiles } from '../../src/integrations/cluster-agent-confd';
import { IntegrationRegistry } from '../../src/integrations/registry';
import { mountsOf, render } from '../support/helpers';

test('clusterCheckFiles is the interface for the Cluster Agent conf.d registry: file name to YAML', () => {
  const reg = new IntegrationRegistry(true);
  reg.addIntegration('a', { name: 'http_check', clusterCheck: true, instances: [{ name: 'api', url: 'https://api.example.com' }] });
  reg.addIntegration('b', { name: 'redisdb', instances: [{ host: 'r' }] });
  const files = clusterCheckFiles(reg);
  expect(Object.keys(files)).toEqual(['http_check.yaml']);
  expect(YAML.parse(files['http_check.yaml'])).toEqual({ cluster_check: true, init_config: {}, instances: [{ name: 'api', url: 'https://api.example.com' }] });
});

test('without cluster checks the Cluster Agent pod is unchanged', () => {
  const a = render().clusterAgent;
  const b = render({ integrations: [{ name: 'redisdb', instances: [{ host: 'r' }] }] }).clusterAgent;
  expect(b).toEqual(a);
});

test('one mount per cluster check, in file order', () => {
  const m = render({ integrations: [{ name: 'b_check', clusterCheck: true, instances: [{}] }, { name: 'a_check', clusterCheck: true, instances: [{}] }] });
  const mounts = Object.keys(mountsOf(m.container('cluster-agent', m.clusterAgent))).filter(p => p.startsWith('/etc/datadog-agent/conf.d/'));
  expect(mounts).toEqual(['/etc/datadog-agent/conf.d/a_check.yaml', '/etc/datadog-agent/conf.d/b_check.yaml']);
});
