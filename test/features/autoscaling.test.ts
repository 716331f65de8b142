import { explainFinding } from '../../src/differences';
import { envOf, featureSlice, render } from '../support/helpers';

describe('workload autoscaling', () => {
  test('off by default', () => {
    const m = render();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_AUTOSCALING_WORKLOAD_ENABLED).toBeUndefined();
    expect(envOf(m.container('agent')).DD_AUTOSCALING_FAILOVER_ENABLED).toBeUndefined();
    expect(m.find('ClusterRole', 'datadog-cluster-agent-autoscaling')).toBeUndefined();
  });

  test('snapshot: Cluster Agent and node agent env, remote configuration on, the ClusterRole without wildcards', () => {
    const m = render({ autoscaling: { workload: { enabled: true } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({
      DD_REMOTE_CONFIGURATION_ENABLED: 'true',
      DD_AUTOSCALING_WORKLOAD_ENABLED: 'true',
      DD_AUTOSCALING_FAILOVER_ENABLED: 'true',
    });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_AUTOSCALING_WORKLOAD_IN_PLACE_VERTICAL_SCALING_ENABLED).toBeUndefined();
    expect(envOf(m.container('agent'))).toMatchObject({
      DD_AUTOSCALING_FAILOVER_ENABLED: 'true',
      DD_AUTOSCALING_FAILOVER_METRICS: 'container.memory.usage container.cpu.usage',
    });
    const rules = m.get('ClusterRole', 'datadog-cluster-agent-autoscaling').rules;
    for (const r of rules) {
      expect(r.apiGroups).not.toContain('*');
      expect(r.verbs).not.toContain('*');
      for (const res of r.resources) expect(res).not.toMatch(/\*/);
    }
    for (const [group, res] of [['apps', 'deployments/scale'], ['apps', 'statefulsets/scale'], ['apps', 'replicasets/scale'], ['argoproj.io', 'rollouts/scale']]) {
      expect(m.allows('datadog-cluster-agent', 'update', group, res)).toBe(true);
    }
    expect(m.allows('datadog-cluster-agent', 'create', 'datadoghq.com', 'datadogpodautoscalers')).toBe(true);
    expect(m.allows('datadog-cluster-agent', 'patch', '', 'pods/resize')).toBe(false);
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('in-place vertical scaling: env and pods/resize', () => {
    const m = render({ autoscaling: { workload: { enabled: true, inPlaceVerticalScaling: true } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_AUTOSCALING_WORKLOAD_IN_PLACE_VERTICAL_SCALING_ENABLED).toBe('true');
    expect(m.allows('datadog-cluster-agent', 'patch', '', 'pods/resize')).toBe(true);
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['without remote configuration', { remoteConfiguration: { enabled: false }, autoscaling: { workload: { enabled: true } } }, /autoscaling.workload.enabled needs remote configuration, which is off/],
      ['without a deployed Cluster Agent', { clusterAgent: { enabled: false }, autoscaling: { workload: { enabled: true } } }, /autoscaling.workload.enabled needs a Cluster Agent deployed by this construct/],
      ['an option while off', { autoscaling: { workload: { inPlaceVerticalScaling: true } } }, /autoscaling.workload.inPlaceVerticalScaling needs autoscaling.workload.enabled, which is false/],
      ['a string for a boolean', { autoscaling: { workload: { enabled: 'yes' } } }, /autoscaling.workload.enabled must be true or false/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});

describe('the scale rights by resource are a documented difference (autoscaling-rbac)', () => {
  test('each scale subresource granted here, and only those', () => {
    for (const r of ['apps:deployments', 'apps:statefulsets', 'apps:replicasets', 'argoproj.io:rollouts']) {
      expect(explainFinding(`+rbac:ClusterRole/datadog-cluster-agent-autoscaling:${r}/scale:update:`)?.id).toBe('autoscaling-rbac');
    }
    expect(explainFinding('+rbac:ClusterRole/datadog-cluster-agent-autoscaling:apps:deployments:update:')).toBeUndefined();
  });
});
