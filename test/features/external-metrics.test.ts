import { Credentials } from '../../src';
import { explainFinding } from '../../src/differences';
import { envOf, featureSlice, render } from '../support/helpers';

const API_KEY = '0123456789abcdef0123456789abcdef';

describe('external metrics server', () => {
  test('snapshot of its objects', () => {
    const m = render({ clusterAgent: { externalMetrics: { enabled: true } } });
    const names = ['Service/datadog-cluster-agent-metrics-api', 'APIService/v1beta1.external.metrics.k8s.io',
      'ClusterRole/datadog-cluster-agent-external-metrics-reader', 'ClusterRoleBinding/datadog-cluster-agent-external-metrics-reader',
      'ClusterRoleBinding/datadog-cluster-agent-system-auth-delegator', 'RoleBinding/datadog-cluster-agent-apiserver'];
    // These objects, and no other, are added (keys are Kind/[namespace/]name).
    const added = Object.keys(featureSlice(m)).filter(k => k.startsWith('+ ')).map(k => k.slice(2).split('/')).map(p => `${p[0]}/${p[p.length - 1]}`);
    expect(added.sort()).toEqual([...names].sort());
    expect(featureSlice(m)).toMatchSnapshot();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_EXTERNAL_METRICS_PROVIDER_USE_DATADOGMETRIC_CRD).toBe('false');
    expect(m.get('ClusterRoleBinding', 'datadog-cluster-agent-external-metrics-reader').subjects).toEqual([{ kind: 'ServiceAccount', name: 'horizontal-pod-autoscaler', namespace: 'kube-system' }]);
  });

  test('wpaController: the env and read access to WatermarkPodAutoscalers', () => {
    const m = render({ clusterAgent: { externalMetrics: { enabled: true } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_EXTERNAL_METRICS_PROVIDER_WPA_CONTROLLER).toBe('false');
    expect(m.allows('datadog-cluster-agent', 'watch', 'datadoghq.com', 'watermarkpodautoscalers')).toBe(false);
    const w = render({ clusterAgent: { externalMetrics: { enabled: true, wpaController: true } } });
    expect(envOf(w.container('cluster-agent', w.clusterAgent)).DD_EXTERNAL_METRICS_PROVIDER_WPA_CONTROLLER).toBe('true');
    for (const verb of ['list', 'get', 'watch']) expect(w.allows('datadog-cluster-agent', verb, 'datadoghq.com', 'watermarkpodautoscalers')).toBe(true);
    expect(() => render({ clusterAgent: { externalMetrics: { wpaController: true } } })).toThrow(/clusterAgent.externalMetrics.wpaController needs clusterAgent.externalMetrics.enabled/);
  });

  test('off by default', () => {
    const m = render();
    expect(m.find('Service', 'datadog-cluster-agent-metrics-api')).toBeUndefined();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_EXTERNAL_METRICS_PROVIDER_ENABLED).toBeUndefined();
  });

  test('an existing Secret may hold the app key: accepted', () => {
    expect(() => render({ credentials: Credentials.fromSecret('s'), clusterAgent: { externalMetrics: { enabled: true } } })).not.toThrow();
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['no app key', { credentials: Credentials.fromValues({ apiKey: API_KEY }), clusterAgent: { externalMetrics: { enabled: true } } }, /clusterAgent.externalMetrics.enabled needs an app key/],
      ['no Cluster Agent', { clusterAgent: { enabled: false, externalMetrics: { enabled: true } } }, /clusterAgent.externalMetrics.enabled needs a Cluster Agent deployed by this construct/],
      ['port 0', { clusterAgent: { externalMetrics: { enabled: true, port: 0 } } }, /clusterAgent.externalMetrics.port must be >= 1, got 0/],
      ['port too high', { clusterAgent: { externalMetrics: { enabled: true, port: 70000 } } }, /clusterAgent.externalMetrics.port must be <= 65535/],
      ['a port the Cluster Agent uses', { clusterAgent: { externalMetrics: { enabled: true, port: 5005 } } }, /clusterAgent.externalMetrics.port 5005 is already used by the Cluster Agent API port/],
      ['the admission webhook port', { clusterAgent: { externalMetrics: { enabled: true, port: 8000 } } }, /clusterAgent.admissionController.port 8000 is already used by clusterAgent.externalMetrics.port/],
      ['options while off', { clusterAgent: { externalMetrics: { useDatadogMetrics: true } } }, /clusterAgent.externalMetrics.useDatadogMetrics needs clusterAgent.externalMetrics.enabled/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});

describe('external metrics RBAC, a documented difference (external-metrics-rbac)', () => {
  test('the client CA is read through the kube-system Role, the HPA controller only lists', () => {
    const m = render({ clusterAgent: { externalMetrics: { enabled: true } } });
    const binding = m.get('RoleBinding', 'datadog-cluster-agent-apiserver');
    expect(binding.metadata.namespace).toBe('kube-system');
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'extension-apiserver-authentication-reader' });
    expect(m.get('ClusterRole', 'datadog-cluster-agent-external-metrics-reader').rules).toEqual([{ apiGroups: ['external.metrics.k8s.io'], resources: ['*'], verbs: ['list'] }]);
    for (const k of ['-rbac:ClusterRole/datadog-cluster-agent::configmaps:watch:extension-apiserver-authentication', '~object:RoleBinding/datadog-cluster-agent-apiserver:',
      '-rbac:ClusterRole/datadog-cluster-agent-external-metrics-reader:external.metrics.k8s.io:*:get:']) {
      expect(explainFinding(k)?.id).toBe('external-metrics-rbac');
    }
    expect(explainFinding('-rbac:ClusterRole/datadog-cluster-agent-external-metrics-reader:external.metrics.k8s.io:*:list:')).toBeUndefined();
  });
});
