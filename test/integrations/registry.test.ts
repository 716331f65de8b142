import { IntegrationRegistry } from '../../src/integrations/registry';

test('files are keyed <check>.yaml / <name>.py and sorted, whatever the order of addition', () => {
  const reg = new IntegrationRegistry(true, true);
  reg.addIntegration('a', { name: 'zeta', instances: [{}] });
  reg.addIntegration('b', { name: 'alpha', instances: [{}] });
  reg.addIntegration('c', { name: 'mid', clusterCheck: true, instances: [{}] });
  reg.addCustomCheck('d', { name: 'zz', source: 'x' });
  reg.addCustomCheck('e', { name: 'aa', source: 'y' });
  expect(Object.keys(reg.nodeConfd())).toEqual(['alpha.yaml', 'zeta.yaml']);
  expect(Object.keys(reg.clusterConfd())).toEqual(['mid.yaml']);
  expect(reg.checksd()).toEqual({ 'aa.py': 'y', 'zz.py': 'x' });
});

test('listeners run after every change, and not after a failed one', () => {
  const reg = new IntegrationRegistry(false, false);
  let calls = 0;
  reg.onChange(() => calls++);
  reg.addIntegration('a', { name: 'x', instances: [{}] });
  expect(() => reg.addIntegration('b', { name: 'y', clusterCheck: true, instances: [{}] })).toThrow(/b\.clusterCheck needs the Cluster Agent/);
  expect(() => reg.addIntegration('c', { name: 'x', instances: [{}] })).toThrow(/same instance twice/);
  expect(calls).toBe(1);
  expect(Object.keys(reg.nodeConfd())).toEqual(['x.yaml']);
});

test('configurations that would not fit in a ConfigMap fail', () => {
  const reg = new IntegrationRegistry(true, true);
  const big = 'x'.repeat(600 * 1024);
  reg.addIntegration('a', { name: 'one', instances: [{ big }] });
  expect(() => reg.addIntegration('b', { name: 'two', instances: [{ big }] })).toThrow(/b: the node check configurations total \d+ bytes, more than a ConfigMap can hold/);
  // Cluster checks live in another ConfigMap.
  reg.addIntegration('c', { name: 'two', clusterCheck: true, instances: [{ big }] });
  expect(Object.keys(reg.clusterConfd())).toEqual(['two.yaml']);
  expect(reg.nodeConfd()).not.toHaveProperty('two.yaml');
});

test('after a pod rendered, additions fail instead of reaching a ConfigMap but not the pods', () => {
  const reg = new IntegrationRegistry(true, true);
  reg.addIntegration('a', { name: 'one', instances: [{}] });
  reg.seal();
  expect(() => reg.addIntegration('addIntegration("two")', { name: 'two', instances: [{}] })).toThrow(/addIntegration\("two"\): the agents were already synthesized; add integrations and custom checks before app.synth\(\)/);
  expect(() => reg.addCustomCheck('addCustomCheck("c")', { name: 'c', source: 'x' })).toThrow(/already synthesized/);
});

test('cluster checks: not the library\'s own checks; templates only for Services and Endpoints', () => {
  const reg = new IntegrationRegistry(true, true);
  expect(() => reg.addIntegration('integrations[0]', { name: 'kubernetes_apiserver', clusterCheck: true, instances: [{}] }))
    .toThrow(/integrations\[0\].name kubernetes_apiserver is a cluster check this library configures itself; use the eventCollection options/);
  expect(() => reg.addIntegration('integrations[1]', { name: 'redisdb', clusterCheck: true, adIdentifiers: ['redis'], instances: [{ host: '%%host%%' }] }))
    .toThrow(/integrations\[1\].adIdentifiers of a cluster check must be kube_service:\/\/<namespace>\/<name>/);
  reg.addIntegration('integrations[2]', { name: 'redisdb', clusterCheck: true, adIdentifiers: ['kube_service://cache/redis'], instances: [{ host: '%%host%%' }] });
  expect(Object.keys(reg.clusterConfd())).toEqual(['redisdb.yaml']);
});

test('template variables only in autodiscovery templates', () => {
  const reg = new IntegrationRegistry(true, true);
  expect(() => reg.addIntegration('integrations[0]', { name: 'redisdb', instances: [{ host: '%%host%%' }] }))
    .toThrow(/integrations\[0\] \(check redisdb\) uses the template variable %%host%%, which the agent resolves only in autodiscovery templates/);
  reg.addIntegration('integrations[1]', { name: 'redisdb', adIdentifiers: ['redis'], instances: [{ host: '%%host%%' }] });
  expect(Object.keys(reg.nodeConfd())).toEqual(['redisdb.yaml']);
});
