import { envOf, featureSlice, render } from '../support/helpers';

describe('kubernetes actions', () => {
  test('off by default: no env, remote configuration off in the Cluster Agent, no role', () => {
    const m = render();
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(env.DD_KUBEACTIONS_ENABLED).toBeUndefined();
    expect(env.DD_REMOTE_CONFIGURATION_ENABLED).toBe('false');
    expect(m.objects.filter(o => o.metadata.name === 'datadog-kubernetes-actions')).toEqual([]);
  });

  test('snapshot: env, remote configuration on, the chart\'s ClusterRole bound to the Cluster Agent', () => {
    const m = render({ kubernetesActions: { enabled: true } });
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(env.DD_KUBEACTIONS_ENABLED).toBe('true');
    expect(env.DD_REMOTE_CONFIGURATION_ENABLED).toBe('true');
    expect(m.get('ClusterRole', 'datadog-kubernetes-actions').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch', 'update'] },
      { apiGroups: ['apps'], resources: ['deployments/status'], verbs: ['get'] },
    ]);
    expect(m.get('ClusterRoleBinding', 'datadog-kubernetes-actions').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'datadog-cluster-agent', namespace: 'datadog' },
    ]);
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('bad input', () => {
    expect(() => render({ clusterAgent: { enabled: false }, kubernetesActions: { enabled: true } })).toThrow(/kubernetesActions.enabled needs a Cluster Agent deployed by this construct/);
    expect(() => render({ images: { clusterAgentTag: '7.78.0' }, kubernetesActions: { enabled: true } })).toThrow(/kubernetesActions.enabled needs a Cluster Agent 7.79.0 or newer, got images.clusterAgentTag "7.78.0"/);
    expect(() => render({ remoteConfiguration: { enabled: false }, kubernetesActions: { enabled: true } })).toThrow(/kubernetesActions.enabled needs remote configuration, which is off/);
    expect(() => render({ kubernetesActions: { enabled: 1 as any } })).toThrow(/kubernetesActions.enabled must be true or false/);
  });
});
