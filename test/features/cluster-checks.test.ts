import { envOf, render } from '../support/helpers';

describe('cluster checks', () => {
  test('on by default with a Cluster Agent: Cluster Agent env and node config providers', () => {
    const m = render();
    const dca = envOf(m.container('cluster-agent', m.clusterAgent));
    expect({
      DD_CLUSTER_CHECKS_ENABLED: dca.DD_CLUSTER_CHECKS_ENABLED,
      DD_EXTRA_CONFIG_PROVIDERS: dca.DD_EXTRA_CONFIG_PROVIDERS,
      DD_EXTRA_LISTENERS: dca.DD_EXTRA_LISTENERS,
      agent: envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS,
    }).toMatchSnapshot();
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBe('clusterchecks endpointschecks');
  });

  test('runners take the cluster checks; node agents keep endpoint checks', () => {
    const m = render({ clusterChecksRunner: { enabled: true } });
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBe('endpointschecks');
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_LEADER_LEASE_DURATION).toBe('15');
    expect(envOf(render().container('cluster-agent', render().clusterAgent)).DD_LEADER_LEASE_DURATION).toBeUndefined();
  });

  test('off: no env on either side', () => {
    const m = render({ clusterChecks: { enabled: false } });
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBeUndefined();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_CLUSTER_CHECKS_ENABLED).toBeUndefined();
  });

  test('off by default without a Cluster Agent', () => {
    const m = render({ clusterAgent: { enabled: false } });
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBeUndefined();
  });

  test('bad input: enabled without a Cluster Agent', () => {
    expect(() => render({ clusterAgent: { enabled: false }, clusterChecks: { enabled: true } }))
      .toThrow(/clusterChecks.enabled needs a Cluster Agent/);
  });
});
