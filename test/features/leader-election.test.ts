import { envOf, render } from '../support/helpers';

describe('leader election', () => {
  test('in the Cluster Agent when there is one', () => {
    const m = render();
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({ DD_LEADER_ELECTION: 'true', DD_LEADER_ELECTION_DEFAULT_RESOURCE: 'configmap', DD_LEADER_LEASE_NAME: 'datadog-leader-election' });
    expect(envOf(m.container('agent')).DD_LEADER_ELECTION).toBeUndefined();
    expect(m.allows('datadog', 'update', '', 'configmaps', 'datadog-leader-election')).toBe(false);
  });

  test('in the node agents (agent and init-config) without one', () => {
    const m = render({ clusterAgent: { enabled: false } });
    expect(envOf(m.container('agent')).DD_LEADER_ELECTION).toEqual('true');
    expect(envOf(m.container('init-config')).DD_LEADER_ELECTION).toEqual('true');
  });

  test('lock names follow the object name, plus the legacy name', () => {
    const m = render({ name: 'prod' });
    const rule = m.rulesFor('prod-datadog-cluster-agent').find(r => r.resourceNames?.includes('prod-datadog-leader-election') && r.resources[0] === 'configmaps');
    expect(rule.resourceNames).toEqual(['prod-datadog-leader-election', 'datadog-leader-election']);
  });
});
