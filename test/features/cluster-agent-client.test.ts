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

test('without a Cluster Agent every container that would talk to one is told so, as the chart does', () => {
  const m = render({ clusterAgent: { enabled: false } });
  for (const name of ['agent', 'trace-agent']) {
    const env = envOf(m.container(name));
    expect([name, env.DD_CLUSTER_AGENT_ENABLED, env.DD_CLUSTER_AGENT_AUTH_TOKEN]).toEqual([name, 'false', undefined]);
  }
});
