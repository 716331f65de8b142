import { envOf, mountsOf, render } from '../support/helpers';

describe('Cluster Agent', () => {
  const m = render({ clusterName: 'c1' });
  const dep = m.clusterAgent;
  const dca = m.container('cluster-agent', dep);

  test('Deployment: 2 replicas spread across nodes, surge-only rollout', () => {
    expect(dep.spec.replicas).toEqual(2);
    expect(dep.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(dep.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toEqual({
      weight: 50, podAffinityTerm: { labelSelector: { matchLabels: { app: 'datadog-cluster-agent' } }, topologyKey: 'kubernetes.io/hostname' },
    });
  });

  test('PodDisruptionBudget keeps one running; none with a single replica', () => {
    expect(m.get('PodDisruptionBudget', 'datadog-cluster-agent').spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'datadog-cluster-agent' } } });
    expect(render({ clusterAgent: { replicas: 1 } }).find('PodDisruptionBudget', 'datadog-cluster-agent')).toBeUndefined();
  });

  test('Service on 5005', () => {
    expect(m.get('Service', 'datadog-cluster-agent').spec.ports).toEqual([{ name: 'agentport', port: 5005, targetPort: 5005, protocol: 'TCP' }]);
  });

  test('probes on 5556, unprivileged read-only container', () => {
    expect(dca.livenessProbe.httpGet).toEqual({ path: '/live', port: 5556, scheme: 'HTTP' });
    expect(dca.readinessProbe.httpGet.path).toEqual('/ready');
    expect(dca.startupProbe.httpGet.path).toEqual('/startup');
    expect(dca.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(dep.spec.template.spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(dep.spec.template.spec.volumes.every((v: any) => !v.hostPath)).toBe(true);
  });

  test('env: identity, token, leader election and events', () => {
    expect(envOf(dca)).toMatchObject({
      DD_HEALTH_PORT: '5556',
      DD_CLUSTER_NAME: 'c1',
      DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: 'datadog-cluster-agent',
      DD_CLUSTER_AGENT_AUTH_TOKEN: { secretKeyRef: { name: 'datadog-secret', key: 'token' } },
      DD_LEADER_ELECTION: 'true',
      DD_LEADER_LEASE_NAME: 'datadog-leader-election',
      DD_CLUSTER_AGENT_TOKEN_NAME: 'datadogtoken',
      DD_COLLECT_KUBERNETES_EVENTS: 'true',
      DD_KUBE_RESOURCES_NAMESPACE: 'datadog',
      AGENT_DAEMONSET: 'datadog',
      CLUSTER_AGENT_DEPLOYMENT: 'datadog-cluster-agent',
    });
    expect(mountsOf(dca)['/etc/datadog-agent']).toEqual({ name: 'config', mountPath: '/etc/datadog-agent' });
  });

  test('options', () => {
    const m2 = render({
      clusterAgent: {
        replicas: 3,
        resources: { cpuRequest: '100m' },
        env: { DD_LOG_LEVEL: 'warn' },
        priorityClassName: 'high',
        tolerations: [{ key: 'k', operator: 'Exists' }],
        nodeSelector: { pool: 'sys' },
        affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'datadog-cluster-agent' } } }] } },
        podLabels: { team: 'obs' },
      },
    });
    const d = m2.clusterAgent;
    const s = d.spec.template.spec;
    expect(d.spec.replicas).toEqual(3);
    expect(s.containers[0].resources).toEqual({ requests: { cpu: '100m' } });
    expect(envOf(s.containers[0]).DD_LOG_LEVEL).toEqual('warn');
    expect(s.priorityClassName).toEqual('high');
    expect(s.tolerations).toEqual([{ key: 'k', operator: 'Exists' }]);
    expect(s.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'sys' });
    expect(s.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(d.spec.template.metadata.labels.team).toEqual('obs');
  });

  test('node agents are wired to it', () => {
    expect(envOf(m.container('agent'))).toMatchObject({
      DD_CLUSTER_AGENT_ENABLED: 'true',
      DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: 'datadog-cluster-agent',
      DD_CLUSTER_AGENT_AUTH_TOKEN: { secretKeyRef: { name: 'datadog-secret', key: 'token' } },
    });
  });

  test('ClusterAgent exposes its objects', () => {
    const ca = m.agent!.clusterAgent!;
    expect([ca.deployment.kind, ca.service.kind, ca.serviceAccount.kind]).toEqual(['Deployment', 'Service', 'ServiceAccount']);
  });
});

test('host tags reach the Cluster Agent too (its KSM metrics and events carry them), as the chart', () => {
  const m = render({ tags: ['env:prod', 'team:a'] });
  expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_TAGS).toEqual('["env:prod","team:a"]');
  expect(envOf(render().container('cluster-agent', render().clusterAgent))).not.toHaveProperty('DD_TAGS');
});
