import { AdmissionConfigMode, Credentials } from '../../src';
import type { Manifest } from '../support/helpers';
import { envOf, mountsOf, render } from '../support/helpers';

const API_KEY = '0123456789abcdef0123456789abcdef';
const APP_KEY = '0123456789abcdef0123456789abcdef01234567';

/** Every cluster-level feature off, the Cluster Agent still deployed. */
const ALL_OFF = {
  clusterChecks: { enabled: false },
  kubeStateMetricsCore: { enabled: false },
  orchestratorExplorer: { enabled: false },
  eventCollection: { enabled: false },
  clusterAgent: { admissionController: { enabled: false } },
};

function runner(m: Manifest): any {
  return m.get('Deployment', 'datadog-clusterchecks');
}

describe('default + Cluster Checks Runners', () => {
  const m = render({ clusterName: 'prod', clusterChecksRunner: { enabled: true } });

  test('snapshot', () => {
    expect(m.objects).toMatchSnapshot();
  });

  test('node agents take only endpoint checks, runners take cluster checks', () => {
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBe('endpointschecks');
    const env = envOf(m.container('agent', runner(m)));
    expect(env.DD_EXTRA_CONFIG_PROVIDERS).toBe('clusterchecks');
    expect(env.DD_CLC_RUNNER_ENABLED).toBe('true');
    expect(env.DD_CLC_RUNNER_HOST).toEqual({ fieldRef: { fieldPath: 'status.podIP' } });
    expect(env.DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME).toBe('datadog-cluster-agent');
    expect(env.DD_CLUSTER_AGENT_AUTH_TOKEN).toEqual({ secretKeyRef: { name: 'datadog-secret', key: 'token' } });
  });

  test('the Cluster Agent dispatches cluster checks', () => {
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(env.DD_CLUSTER_CHECKS_ENABLED).toBe('true');
    expect(env.DD_EXTRA_CONFIG_PROVIDERS).toBe('kube_endpoints kube_services');
    expect(env.DD_EXTRA_LISTENERS).toBe('kube_endpoints kube_services');
  });

  test('the runner Deployment, ServiceAccount and PDB', () => {
    const d = runner(m);
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.spec.serviceAccountName).toBe('datadog-cluster-checks');
    expect(m.get('ServiceAccount', 'datadog-cluster-checks')).toBeDefined();
    expect(m.get('PodDisruptionBudget', 'datadog-clusterchecks').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { app: 'datadog-clusterchecks' } } });
  });
});

describe('default topology without runners', () => {
  const m = render();
  test('node agents take cluster and endpoint checks', () => {
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBe('clusterchecks endpointschecks');
    expect(m.find('Deployment', 'datadog-clusterchecks')).toBeUndefined();
    expect(m.agent!.clusterChecksRunner).toBeUndefined();
  });
  test('the confd ConfigMap holds the KSM core and apiserver checks, mounted at /conf.d with a checksum', () => {
    const cm = m.get('ConfigMap', 'datadog-cluster-agent-confd');
    expect(Object.keys(cm.data)).toEqual(['kubernetes_apiserver.yaml', 'kubernetes_state_core.yaml.default']);
    expect(m.volume('confd', m.clusterAgent).configMap.items).toEqual([
      { key: 'kubernetes_apiserver.yaml', path: 'kubernetes_apiserver.d/kubernetes_apiserver.yaml' },
      { key: 'kubernetes_state_core.yaml.default', path: 'kubernetes_state_core.d/kubernetes_state_core.yaml.default' },
    ]);
    expect(mountsOf(m.container('cluster-agent', m.clusterAgent))['/conf.d']).toEqual({ name: 'confd', mountPath: '/conf.d', readOnly: true });
    expect(m.clusterAgent.spec.template.metadata.annotations['checksum/confd-config']).toMatch(/^[0-9a-f]{64}$/);
  });
  test('the checksum follows the content', () => {
    const a = render().clusterAgent.spec.template.metadata.annotations['checksum/confd-config'];
    const b = render({ kubeStateMetricsCore: { collectVpaMetrics: true } }).clusterAgent.spec.template.metadata.annotations['checksum/confd-config'];
    expect(a).toBe(m.clusterAgent.spec.template.metadata.annotations['checksum/confd-config']);
    expect(a).not.toBe(b);
  });
});

describe('external metrics', () => {
  const m = render({
    credentials: Credentials.fromValues({ apiKey: API_KEY, appKey: APP_KEY }),
    clusterAgent: { externalMetrics: { enabled: true, useDatadogMetrics: true } },
  });

  test('snapshot', () => {
    expect(m.objects).toMatchSnapshot();
  });

  test('port, env, Service and APIService', () => {
    const dca = m.container('cluster-agent', m.clusterAgent);
    expect(dca.ports).toContainEqual({ name: 'metricsapi', containerPort: 8443, protocol: 'TCP' });
    const env = envOf(dca);
    expect(env.DD_EXTERNAL_METRICS_PROVIDER_ENABLED).toBe('true');
    expect(env.DD_EXTERNAL_METRICS_PROVIDER_PORT).toBe('8443');
    expect(env.DD_EXTERNAL_METRICS_PROVIDER_USE_DATADOGMETRIC_CRD).toBe('true');
    expect(env.DD_APP_KEY).toEqual({ secretKeyRef: { name: 'datadog', key: 'app-key' } });
    expect(m.get('Service', 'datadog-cluster-agent-metrics-api').spec.ports).toEqual([{ name: 'metricsapi', port: 8443, targetPort: 8443, protocol: 'TCP' }]);
    const api = m.get('APIService', 'v1beta1.external.metrics.k8s.io');
    expect(api.spec).toMatchObject({ group: 'external.metrics.k8s.io', version: 'v1beta1', service: { name: 'datadog-cluster-agent-metrics-api', namespace: 'datadog', port: 8443 } });
  });

  test('a custom port follows everywhere', () => {
    const p = render({ clusterAgent: { externalMetrics: { enabled: true, port: 9443 } } });
    expect(envOf(p.container('cluster-agent', p.clusterAgent)).DD_EXTERNAL_METRICS_PROVIDER_PORT).toBe('9443');
    expect(p.get('APIService', 'v1beta1.external.metrics.k8s.io').spec.service.port).toBe(9443);
    expect(p.get('Service', 'datadog-cluster-agent-metrics-api').spec.ports[0].targetPort).toBe(9443);
  });

  test('delegated auth: auth-delegator, the kube-system reader RoleBinding, and the HPA reader', () => {
    const sa = { kind: 'ServiceAccount', name: 'datadog-cluster-agent', namespace: 'datadog' };
    expect(m.get('ClusterRoleBinding', 'datadog-cluster-agent-system-auth-delegator')).toMatchObject({ roleRef: { kind: 'ClusterRole', name: 'system:auth-delegator' }, subjects: [sa] });
    const rb = m.get('RoleBinding', 'datadog-cluster-agent-apiserver');
    expect(rb.metadata.namespace).toBe('kube-system');
    expect(rb).toMatchObject({ roleRef: { kind: 'Role', name: 'extension-apiserver-authentication-reader' }, subjects: [sa] });
    expect(m.rulesFor('horizontal-pod-autoscaler')).toEqual([{ apiGroups: ['external.metrics.k8s.io'], resources: ['*'], verbs: ['list'] }]);
  });
});

describe('admission controller config modes', () => {
  const cases: [string, any, string][] = [
    ['default (APM socket on)', {}, 'socket'],
    ['APM host port', { apm: { socketEnabled: false, useHostPort: true } }, 'hostip'],
    ['node-local Service', { apm: { socketEnabled: false } }, 'service'],
    ['no local Service', { apm: { socketEnabled: false }, nodeAgent: { localService: false } }, 'socket'],
    ['explicit HOSTIP', { dogstatsd: { useHostPort: true }, clusterAgent: { admissionController: { configMode: AdmissionConfigMode.HOSTIP } } }, 'hostip'],
    ['explicit SERVICE', { clusterAgent: { admissionController: { configMode: AdmissionConfigMode.SERVICE } } }, 'service'],
    ['explicit CSI', { clusterAgent: { admissionController: { configMode: AdmissionConfigMode.CSI } } }, 'csi'],
  ];
  test.each(cases)('%s', (_name, props, mode) => {
    const m = render(props);
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(env.DD_ADMISSION_CONTROLLER_INJECT_CONFIG_MODE).toBe(mode);
    expect(env.DD_ADMISSION_CONTROLLER_INJECT_CONFIG_LOCAL_SERVICE_NAME).toBe('datadog');
    expect(env.DD_CSI_ENABLED).toBe(mode === 'csi' ? 'true' : 'false');
    expect(m.allows('datadog-cluster-agent', 'list', 'storage.k8s.io', 'csidrivers')).toBe(mode === 'csi');
    expect(m.clusterAgent.spec.template.spec).toMatchSnapshot();
  });
});

describe('joining an existing Cluster Agent', () => {
  const m = render({ clusterAgent: { existing: { serviceName: 'shared-cluster-agent', tokenSecretName: 'shared-token', tokenSecretKey: 'dca-token' } } });

  test('snapshot', () => {
    expect(m.objects).toMatchSnapshot();
  });

  test('no Cluster Agent objects at all', () => {
    expect(m.clusterAgent).toBeUndefined();
    expect(m.agent!.clusterAgent).toBeUndefined();
    const dcaObjects = m.objects.filter(o => /cluster-agent|ksm-core|orchestrator|clusterchecks/.test(o.metadata.name));
    expect(dcaObjects).toEqual([]);
  });

  test('node agents reach it with its Service and token', () => {
    const env = envOf(m.container('agent'));
    expect(env.DD_CLUSTER_AGENT_ENABLED).toBe('true');
    expect(env.DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME).toBe('shared-cluster-agent');
    expect(env.DD_CLUSTER_AGENT_AUTH_TOKEN).toEqual({ secretKeyRef: { name: 'shared-token', key: 'dca-token' } });
    expect(env.DD_EXTRA_CONFIG_PROVIDERS).toBe('clusterchecks endpointschecks');
    expect(env.DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('true');
    // The existing Cluster Agent collects events and leads: the node agents do not.
    expect(env.DD_COLLECT_KUBERNETES_EVENTS).toBeUndefined();
    expect(env.DD_LEADER_ELECTION).toBeUndefined();
    // ...so their ClusterRole has no cluster-wide reads, event-token or leader-election rights.
    expect(m.allows('datadog', 'watch', '', 'events')).toBe(false);
    expect(m.allows('datadog', 'update', '', 'configmaps', 'datadog-leader-election')).toBe(false);
  });

  test('an existing Cluster Agent with its own runners', () => {
    const r = render({ clusterAgent: { existing: { serviceName: 'shared-cluster-agent', clusterChecksOnNodeAgents: false } } });
    expect(envOf(r.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBe('endpointschecks');
    expect(envOf(r.container('agent')).DD_CLUSTER_AGENT_AUTH_TOKEN).toEqual({ secretKeyRef: { name: 'datadog-secret', key: 'token' } });
  });
});

describe('all cluster features off', () => {
  const m = render(ALL_OFF);

  test('snapshot', () => {
    expect(m.objects).toMatchSnapshot();
  });

  test('no feature objects, env or roles', () => {
    expect(m.kinds()).toEqual([
      'ClusterRole/datadog', 'ClusterRole/datadog-cluster-agent', 'ClusterRoleBinding/datadog', 'ClusterRoleBinding/datadog-cluster-agent',
      'ConfigMap/datadog-installinfo', 'DaemonSet/datadog', 'Deployment/datadog-cluster-agent', 'PodDisruptionBudget/datadog-cluster-agent',
      'Service/datadog', 'Service/datadog-cluster-agent', 'ServiceAccount/datadog', 'ServiceAccount/datadog-cluster-agent',
    ]);
    const dca = envOf(m.container('cluster-agent', m.clusterAgent));
    for (const k of ['DD_CLUSTER_CHECKS_ENABLED', 'DD_COLLECT_KUBERNETES_EVENTS', 'DD_ADMISSION_CONTROLLER_ENABLED', 'DD_EXTERNAL_METRICS_PROVIDER_ENABLED', 'DD_ORCHESTRATOR_EXPLORER_CONTAINER_SCRUBBING_ENABLED']) {
      expect(dca[k]).toBeUndefined();
    }
    expect(dca.DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('false');
    const agent = envOf(m.container('agent'));
    expect(agent.DD_EXTRA_CONFIG_PROVIDERS).toBeUndefined();
    expect(agent.DD_IGNORE_AUTOCONF).toBeUndefined();
    expect(agent.DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('false');
    expect(m.volume('confd', m.clusterAgent)).toBeUndefined();
    expect(m.clusterAgent.spec.template.metadata.annotations).toBeUndefined();
    expect(m.container('cluster-agent', m.clusterAgent).ports.map((p: any) => p.name)).toEqual(['agentport', 'agentmetrics']);
  });
});

test('output is deterministic', () => {
  const props = { clusterChecksRunner: { enabled: true }, clusterAgent: { externalMetrics: { enabled: true } }, kubeStateMetricsCore: { labelsAsTags: { pod: { b: 'b', a: 'a' } } } };
  expect(JSON.stringify(render(props).objects)).toBe(JSON.stringify(render(props).objects));
});
