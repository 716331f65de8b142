import { envOf, render } from '../support/helpers';

describe('event collection', () => {
  test('the Cluster Agent collects events and keeps its position in Ftoken', () => {
    const m = render();
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({ DD_COLLECT_KUBERNETES_EVENTS: 'true', DD_CLUSTER_AGENT_TOKEN_NAME: 'datadogtoken' });
    expect(m.allows('datadog-cluster-agent', 'watch', '', 'events')).toBe(true);
    expect(m.allows('datadog', 'watch', '', 'events')).toBe(false);
  });

  test('without a Cluster Agent the node agent does', () => {
    const m = render({ clusterAgent: { enabled: false } });
    expect(envOf(m.container('agent')).DD_COLLECT_KUBERNETES_EVENTS).toEqual('true');
    expect(m.allows('datadog', 'update', '', 'configmaps', 'datadogtoken')).toBe(true);
  });
});
