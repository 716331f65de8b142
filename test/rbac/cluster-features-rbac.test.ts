import { ApiObject, Chart, Testing } from 'cdk8s';
import { AdmissionConfigMode, Credentials } from '../../src';
import { EXTERNAL_METRICS_READER_RULE, checkRule } from '../../src/rbac/render';
import type { Manifest } from '../support/helpers';
import { render } from '../support/helpers';

const DCA = 'datadog-cluster-agent';
const CLC = 'datadog-cluster-checks';
const API_KEY = '0123456789abcdef0123456789abcdef';

/** Every rule of every Role/ClusterRole in the output. */
function allRules(m: Manifest): [string, any][] {
  return m.objects.filter(o => o.kind === 'ClusterRole' || o.kind === 'Role').flatMap(o => (o.rules ?? []).map((r: any) => [`${o.kind}/${o.metadata.name}`, r] as [string, any]));
}

const EVERYTHING_ON = {
  credentials: Credentials.fromValues({ apiKey: API_KEY, appKey: '0123456789abcdef0123456789abcdef01234567' }),
  clusterChecksRunner: { enabled: true },
  kubeStateMetricsCore: { collectVpaMetrics: true, collectCrdMetrics: true, collectApiServicesMetrics: true, useClusterChecksRunners: true },
  clusterAgent: { externalMetrics: { enabled: true, useDatadogMetrics: true }, admissionController: { configMode: AdmissionConfigMode.CSI } },
  apm: { instrumentation: { enabled: true } },
};

describe('no wildcard verbs or resources', () => {
  test.each([
    ['defaults', {}],
    ['everything on', EVERYTHING_ON],
    ['no Cluster Agent', { clusterAgent: { enabled: false } }],
    ['existing Cluster Agent', { clusterAgent: { existing: { serviceName: 'dca' } } }],
  ])('%s', (_n, props) => {
    for (const [role, rule] of allRules(render(props as any))) {
      const words = [...rule.verbs, ...(rule.resources ?? []), ...(rule.apiGroups ?? [])];
      if (role === 'ClusterRole/datadog-cluster-agent-external-metrics-reader') {
        // The single documented exception, exactly.
        expect(rule).toEqual(EXTERNAL_METRICS_READER_RULE);
        continue;
      }
      expect({ role, wildcard: words.filter(w => w.includes('*')) }).toEqual({ role, wildcard: [] });
    }
  });

  test('the renderer allows the external-metrics exception only in its own role, only exactly', () => {
    expect(() => checkRule('ClusterRole/datadog-cluster-agent-external-metrics-reader', EXTERNAL_METRICS_READER_RULE)).not.toThrow();
    expect(() => checkRule('ClusterRole/datadog-cluster-agent', EXTERNAL_METRICS_READER_RULE)).toThrow(/wildcard rule/);
    expect(() => checkRule('ClusterRole/datadog-cluster-agent-external-metrics-reader', { ...EXTERNAL_METRICS_READER_RULE, verbs: ['list', 'get'] })).toThrow(/wildcard rule/);
    expect(() => checkRule('ClusterRole/datadog-cluster-agent-external-metrics-reader', { apiGroups: ['custom.metrics.k8s.io'], resources: ['*'], verbs: ['list'] })).toThrow(/wildcard rule/);
    expect(() => checkRule('Role/datadog-cluster-agent-external-metrics-reader', EXTERNAL_METRICS_READER_RULE)).toThrow(/wildcard rule/);
  });
});

describe('each feature\'s rules appear only when it is on', () => {
  const on = render(EVERYTHING_ON as any);
  const off = render({
    clusterChecks: { enabled: false },
    kubeStateMetricsCore: { enabled: false },
    orchestratorExplorer: { enabled: false },
    eventCollection: { enabled: false },
    clusterAgent: { admissionController: { enabled: false } },
  });

  test('cluster checks runners: their own least-privilege ClusterRole', () => {
    expect(on.get('ClusterRole', CLC).rules).toEqual([{ nonResourceURLs: ['/metrics', '/metrics/slis'], verbs: ['get'] }]);
    expect(on.get('ClusterRoleBinding', CLC).roleRef.name).toBe(CLC);
    expect(render().find('ClusterRole', CLC)).toBeUndefined();
    // Not bound to the node agent ClusterRole as the chart does.
    expect(on.get('ClusterRoleBinding', CLC).roleRef.name).not.toBe('datadog');
  });

  test('kube-state-metrics core', () => {
    expect(render().allows(DCA, 'list', 'apps', 'deployments')).toBe(true);
    expect(render().get('ClusterRoleBinding', 'datadog-ksm-core').subjects[0].name).toBe(DCA);
    expect(on.get('ClusterRoleBinding', 'datadog-ksm-core').subjects[0].name).toBe(CLC);
    expect(on.allows(CLC, 'watch', 'autoscaling.k8s.io', 'verticalpodautoscalers')).toBe(true);
    expect(on.allows(CLC, 'list', 'apiextensions.k8s.io', 'customresourcedefinitions')).toBe(true);
    expect(on.allows(CLC, 'list', 'apiregistration.k8s.io', 'apiservices')).toBe(true);
    expect(render().allows(DCA, 'list', 'apiregistration.k8s.io', 'apiservices')).toBe(false);
    expect(off.find('ClusterRole', 'datadog-ksm-core')).toBeUndefined();
    const noSecrets = render({ kubeStateMetricsCore: { collectSecretMetrics: false, collectConfigMaps: false } });
    const core = noSecrets.get('ClusterRole', 'datadog-ksm-core').rules[0].resources;
    expect(core).not.toContain('secrets');
    expect(core).not.toContain('configmaps');
    // Secrets: off by default (a Secret list returns values); on only when asked for.
    expect(render().get('ClusterRole', 'datadog-ksm-core').rules[0].resources).toEqual(expect.arrayContaining(['configmaps']));
    expect(render().get('ClusterRole', 'datadog-ksm-core').rules[0].resources).not.toContain('secrets');
    expect(render().allows(DCA, 'list', '', 'secrets')).toBe(false);
    const secrets = render({ kubeStateMetricsCore: { collectSecretMetrics: true } });
    expect(secrets.get('ClusterRole', 'datadog-ksm-core').rules[0].resources).toContain('secrets');
    expect(secrets.allows(DCA, 'watch', '', 'secrets')).toBe(true);
  });

  test('orchestrator explorer', () => {
    expect(render().allows(DCA, 'list', 'rbac.authorization.k8s.io', 'clusterroles')).toBe(true);
    expect(render().allows(DCA, 'list', 'karpenter.sh', 'nodepools')).toBe(true);
    expect(off.find('ClusterRole', 'datadog-orchestrator-explorer')).toBeUndefined();
    expect(off.allows(DCA, 'list', 'rbac.authorization.k8s.io', 'clusterroles')).toBe(false);
    // datadoghq.com is read by resource name, never granted whole.
    expect(render().allows(DCA, 'watch', 'datadoghq.com', 'datadogpodautoscalers')).toBe(true);
    expect(render().allows(DCA, 'list', 'datadoghq.com', '*')).toBe(false);
    expect(off.allows(DCA, 'list', 'datadoghq.com', 'datadogmonitors')).toBe(false);
  });

  test('event collection', () => {
    expect(render().allows(DCA, 'watch', '', 'events')).toBe(true);
    expect(render().allows(DCA, 'update', '', 'configmaps', 'datadogtoken')).toBe(true);
    expect(off.allows(DCA, 'watch', '', 'events')).toBe(false);
    expect(off.allows(DCA, 'update', '', 'configmaps', 'datadogtoken')).toBe(false);
  });

  test('admission controller', () => {
    const d = render();
    expect(d.allows(DCA, 'update', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'datadog-webhook')).toBe(true);
    expect(d.allows(DCA, 'update', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'other')).toBe(false);
    expect(d.allows(DCA, 'create', '', 'secrets')).toBe(true);
    // The webhook certificate Secret by name: the agent watches it with a metadata.name field selector.
    for (const verb of ['get', 'list', 'watch', 'update']) {
      expect(d.allows(DCA, verb, '', 'secrets', 'webhook-certificate')).toBe(true);
      expect(d.allows(DCA, verb, '', 'secrets', 'datadog-secret')).toBe(false);
    }
    const secretRules = d.rulesFor(DCA).filter(r => (r.resources ?? []).includes('secrets'));
    expect(secretRules).toEqual([
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['webhook-certificate'], verbs: ['get', 'list', 'watch', 'update'] },
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
    ]);
    expect(d.get('Role', 'datadog-cluster-agent-main').metadata.namespace).toBe('datadog');
    expect(d.allows(DCA, 'get', 'storage.k8s.io', 'csidrivers')).toBe(false);
    const named = render({ clusterAgent: { admissionController: { webhookName: 'datadog-webhook-b' } } });
    expect(named.allows(DCA, 'delete', 'admissionregistration.k8s.io', 'validatingwebhookconfigurations', 'datadog-webhook-b')).toBe(true);
    expect(off.find('Role', 'datadog-cluster-agent-main')).toBeUndefined();
    expect(off.allows(DCA, 'create', 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations')).toBe(false);
    expect(off.allows(DCA, 'get', 'apps', 'deployments')).toBe(false);
  });

  test('external metrics', () => {
    const customMetrics = { apiGroups: [''], resourceNames: ['datadog-custom-metrics'], resources: ['configmaps'], verbs: ['get', 'update'] };
    expect(on.get('ClusterRole', DCA).rules).toContainEqual(customMetrics);
    expect(on.allows(DCA, 'create', 'datadoghq.com', 'datadogmetrics')).toBe(true);
    const d = render();
    expect(d.get('ClusterRole', DCA).rules).not.toContainEqual(customMetrics);
    for (const [kind, name] of [['ClusterRole', 'datadog-cluster-agent-external-metrics-reader'], ['ClusterRoleBinding', 'datadog-cluster-agent-system-auth-delegator'], ['RoleBinding', 'datadog-cluster-agent-apiserver'], ['APIService', 'v1beta1.external.metrics.k8s.io']]) {
      expect(d.find(kind, name)).toBeUndefined();
      expect(on.find(kind, name)).toBeDefined();
    }
    const noDdm = render({ clusterAgent: { externalMetrics: { enabled: true } } });
    // the orchestrator explorer reads DatadogMetrics; only DatadogMetric support writes them
    expect(noDdm.allows(DCA, 'create', 'datadoghq.com', 'datadogmetrics')).toBe(false);
  });

  test('without a Cluster Agent nothing cluster-level is granted', () => {
    const m = render({ clusterAgent: { enabled: false } });
    expect(m.objects.filter(o => /Role/.test(o.kind)).map(o => o.metadata.name).sort()).toEqual(['datadog', 'datadog']);
  });
});

test('a wildcard anywhere else still fails synthesis', () => {
  const chart = new Chart(Testing.app(), 't');
  expect(() => checkRule('ClusterRole/x', { apiGroups: ['apps'], resources: ['*'], verbs: ['get'] })).toThrow(/ClusterRole\/x would get a wildcard rule/);
  expect(() => checkRule('ClusterRole/x', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] })).toThrow(/wildcard/);
  new ApiObject(chart, 'unused', { apiVersion: 'v1', kind: 'ConfigMap' });
});
