import { render } from '../support/helpers';

const CLUSTER_WIDE_READS = ['services', 'events', 'pods', 'nodes', 'namespaces', 'componentstatuses'];

describe('RBAC: agent-only topology', () => {
  const m = render({ clusterAgent: { enabled: false } });
  const sa = 'datadog';

  test('the node agent collects events and elects a leader itself', () => {
    expect(m.allows(sa, 'get', '', 'configmaps', 'datadogtoken')).toBe(true);
    expect(m.allows(sa, 'update', '', 'configmaps', 'datadogtoken')).toBe(true);
    expect(m.allows(sa, 'list', '', 'events')).toBe(true);
    expect(m.allows(sa, 'watch', '', 'events')).toBe(true);
    expect(m.allows(sa, 'get', '', 'configmaps', 'datadog-leader-election')).toBe(true);
    expect(m.allows(sa, 'update', '', 'configmaps', 'datadog-leader-election')).toBe(true);
    expect(m.allows(sa, 'create', '', 'configmaps')).toBe(true);
    expect(m.allows(sa, 'update', 'coordination.k8s.io', 'leases', 'datadog-leader-election')).toBe(true);
    expect(m.allows(sa, 'create', 'coordination.k8s.io', 'leases')).toBe(true);
    expect(m.allows(sa, 'list', '', 'componentstatuses')).toBe(true);
    for (const r of CLUSTER_WIDE_READS) expect(m.allows(sa, 'watch', '', r)).toBe(true);
    expect(m.rulesFor(sa)).toContainEqual({ nonResourceURLs: ['/version', '/healthz'], verbs: ['get'] });
  });

  test('named ConfigMaps are restricted by name', () => {
    expect(m.allows(sa, 'update', '', 'configmaps', 'some-other-configmap')).toBe(false);
    // Secrets only through the admission controller's namespaced Role (its webhook certificate).
    const clusterWide = m.objects.filter(o => o.kind === 'ClusterRole').flatMap(o => o.rules);
    expect(clusterWide.some((r: any) => r.resources?.includes('secrets') && r.verbs.includes('get'))).toBe(false);
    expect(render({ clusterAgent: { admissionController: { enabled: false } } }).allows(sa, 'get', '', 'secrets')).toBe(false);
  });

  test('leader-election and event env on the agent', () => {
    const env = Object.fromEntries(m.container('agent').env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ DD_LEADER_ELECTION: 'true', DD_COLLECT_KUBERNETES_EVENTS: 'true', DD_LEADER_LEASE_NAME: 'datadog-leader-election' });
    expect(env.DD_CLUSTER_AGENT_ENABLED).toEqual('false'); // as the chart renders on every container that talks to one
  });

  test('snapshot of the node ClusterRole', () => {
    expect(m.get('ClusterRole', 'datadog')).toMatchSnapshot();
  });
});

describe('RBAC: with the Cluster Agent', () => {
  const m = render();

  test('the node agent keeps only kubelet and lock-reading rules', () => {
    expect(m.rulesFor('datadog')).toEqual([
      { apiGroups: [''], resources: ['nodes/metrics', 'nodes/spec', 'nodes/proxy', 'nodes/stats'], verbs: ['get'] },
      { nonResourceURLs: ['/metrics', '/metrics/slis'], verbs: ['get'] },
      { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get'] },
    ]);
    for (const r of CLUSTER_WIDE_READS) expect(m.allows('datadog', 'list', '', r)).toBe(false);
  });

  test('the Cluster Agent gets events, leader election and cluster reads', () => {
    const sa = 'datadog-cluster-agent';
    for (const r of ['services', 'endpoints', 'pods', 'nodes', 'namespaces', 'componentstatuses', 'limitranges']) expect(m.allows(sa, 'watch', '', r)).toBe(true);
    expect(m.allows(sa, 'create', '', 'events')).toBe(true);
    expect(m.allows(sa, 'update', '', 'configmaps', 'datadogtoken')).toBe(true);
    expect(m.allows(sa, 'update', 'coordination.k8s.io', 'leases', 'datadog-leader-election')).toBe(true);
    expect(m.allows(sa, 'list', 'autoscaling', 'horizontalpodautoscalers')).toBe(true);
    // Secrets only through the admission controller's namespaced Role (its webhook certificate).
    const clusterWide = m.objects.filter(o => o.kind === 'ClusterRole').flatMap(o => o.rules);
    expect(clusterWide.some((r: any) => r.resources?.includes('secrets') && r.verbs.includes('get'))).toBe(false);
    expect(render({ clusterAgent: { admissionController: { enabled: false } } }).allows(sa, 'get', '', 'secrets')).toBe(false);
  });

  test('snapshot of the Cluster Agent ClusterRole', () => {
    expect(m.get('ClusterRole', 'datadog-cluster-agent')).toMatchSnapshot();
  });
});

test('no rule anywhere has a wildcard', () => {
  for (const m of [render(), render({ clusterAgent: { enabled: false } })]) {
    for (const o of m.objects.filter(x => x.kind === 'ClusterRole' || x.kind === 'Role')) {
      expect(JSON.stringify(o.rules)).not.toContain('*');
    }
  }
});
