import { envOf, render } from '../support/helpers';

describe('Cluster Agent client wiring', () => {
  test('agent and trace-agent get the service name and token; init containers do not', () => {
    const m = render();
    for (const name of ['agent', 'trace-agent']) {
      expect(envOf(m.container(name))).toMatchObject({
        DD_CLUSTER_AGENT_ENABLED: 'true',
        DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: 'datadog-cluster-agent',
        DD_CLUSTER_AGENT_AUTH_TOKEN: { secretKeyRef: { name: 'datadog-secret', key: 'token' } },
      });
    }
    expect(envOf(m.container('init-volume')).DD_CLUSTER_AGENT_ENABLED).toBeUndefined();
  });

  test('nothing without a Cluster Agent', () => {
    const m = render({ clusterAgent: { enabled: false } });
    expect(JSON.stringify(m.daemonSet)).not.toContain('DD_CLUSTER_AGENT_AUTH_TOKEN');
  });
});
