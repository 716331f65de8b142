import { Chart, Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { Credentials, DatadogAgentResource, DatadogSite, EnvValueSource, KubernetesPlatform, LogLevel, NetworkPolicyFlavor } from '../../src';
import { REVIEW_TOPOLOGIES } from '../review/topologies';
import { crdErrors } from '../support/crd-schema';

const SECRET = Credentials.fromSecret('datadog-secret');

function cr(props: any = {}): any {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  new DatadogAgentResource(chart, 'datadog', { credentials: SECRET, ...props });
  const objs = Testing.synth(chart);
  expect(objs).toHaveLength(1);
  expect(crdErrors(objs[0])).toEqual([]);
  return objs[0];
}

test('the strict CRD check rejects unknown fields and wrong types (it can fail)', () => {
  const base = cr();
  expect(crdErrors({ ...base, spec: { ...base.spec, features: { logCollection: { enabeld: true } } } })).toEqual(['/spec/features/logCollection must NOT have additional properties: enabeld']);
  expect(crdErrors({ ...base, spec: { override: { clusterAgent: { replicas: 'two' } } } }).join()).toMatch(/replicas must be integer/);
});

test('minimal: credentials from the Secret, name and namespace', () => {
  expect(cr()).toEqual({
    apiVersion: 'datadoghq.com/v2alpha1',
    kind: 'DatadogAgent',
    metadata: { name: 'datadog', namespace: 'datadog', labels: { 'app.kubernetes.io/managed-by': 'cdk8s-datadog' } },
    spec: {
      global: {
        credentials: { apiSecret: { secretName: 'datadog-secret', keyName: 'api-key' }, appSecret: { secretName: 'datadog-secret', keyName: 'app-key' } },
        clusterAgentTokenSecret: { secretName: 'datadog-secret', keyName: 'token' },
      },
    },
  });
});

test('global settings, features and overrides', () => {
  const o = cr({
    name: 'prod',
    site: DatadogSite.EU1,
    clusterName: 'prod-eu-1',
    tags: ['env:prod'],
    logLevel: LogLevel.WARN,
    podLabelsAsTags: { app: 'kube_app' },
    logs: { enabled: true, containerCollectAll: true },
    apm: { instrumentation: { enabled: true } },
    networkMonitoring: { enabled: true },
    security: { runtime: { enabled: true } },
    sbom: { host: { enabled: true } },
    clusterChecksRunner: { enabled: true, replicas: 3 },
    clusterAgent: { replicas: 3, env: { DD_X: '1' }, externalMetrics: { enabled: true, useDatadogMetrics: true }, resources: { cpu: { request: Cpu.millis(200) }, memory: { limit: Size.mebibytes(512) } } },
    nodeAgent: { tolerations: [{ operator: 'Exists' }], hostPID: false },
    images: { agentTag: '7.81.1', clusterAgentTag: '7.81.1' },
  });
  expect(o.metadata.name).toBe('prod-datadog');
  expect(o.spec.global).toMatchObject({ site: 'datadoghq.eu', clusterName: 'prod-eu-1', tags: ['env:prod'], logLevel: 'warn', podLabelsAsTags: { app: 'kube_app' } });
  expect(o.spec.features).toEqual({
    logCollection: { enabled: true, containerCollectAll: true },
    apm: { instrumentation: { enabled: true } },
    npm: { enabled: true },
    cws: { enabled: true },
    sbom: { enabled: true, host: { enabled: true } },
    clusterChecks: { useClusterChecksRunners: true },
    externalMetricsServer: { enabled: true, useDatadogMetrics: true },
  });
  expect(o.spec.override).toEqual({
    nodeAgent: { tolerations: [{ operator: 'Exists' }], hostPID: false, image: { tag: '7.81.1' } },
    clusterAgent: {
      replicas: 3,
      env: [{ name: 'DD_X', value: '1' }],
      image: { tag: '7.81.1' },
      containers: { 'cluster-agent': { resources: { requests: { cpu: '200m' }, limits: { memory: '512Mi' } } } },
    },
    clusterChecksRunner: { replicas: 3, image: { tag: '7.81.1' } },
  });
});

test('network policies: create, flavor and the Cilium DNS endpoints', () => {
  expect(cr({ networkPolicy: { create: true } }).spec.global.networkPolicy).toEqual({ create: true });
  expect(cr({ networkPolicy: { create: true, flavor: NetworkPolicyFlavor.CILIUM, cilium: { dnsEndpointLabels: { 'k8s:k8s-app': 'coredns' } } } }).spec.global.networkPolicy)
    .toEqual({ create: true, flavor: 'cilium', dnsSelectorEndpoints: [{ matchLabels: { 'k8s:k8s-app': 'coredns' } }] });
});

test('GPU monitoring maps to features.gpu; its eBPF probes, the driver directory and Network Path do not', () => {
  const gpu = cr({ gpuMonitoring: { enabled: true, privilegedMode: true, configureCgroupPerms: true, runtimeClassName: 'nvidia-cdi' } }).spec.features.gpu;
  expect(gpu).toEqual({ enabled: true, privilegedMode: true, patchCgroupPermissions: true, requiredRuntimeClassName: 'nvidia-cdi' });
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  expect(() => new DatadogAgentResource(chart, 'datadog', {
    credentials: SECRET,
    networkMonitoring: { enabled: true },
    networkPath: { enabled: true },
    gpuMonitoring: { enabled: true, privilegedMode: true, enableEbpfProbes: true, nvidiaDriverLibDir: '/home/kubernetes/bin/nvidia/lib64' },
  })).toThrow(/gpuMonitoring\.enableEbpfProbes is not supported by the Operator output[\s\S]*gpuMonitoring\.nvidiaDriverLibDir is not supported[\s\S]*networkPath\.enabled is not supported/);
});

test('the Cluster Agent off', () => {
  expect(cr({ clusterAgent: { enabled: false } }).spec.override).toEqual({ clusterAgent: { disabled: true } });
});

test('every option the Operator output cannot express fails with its path (no silent drop)', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  expect(() => new DatadogAgentResource(chart, 'datadog', {
    credentials: SECRET,
    platform: KubernetesPlatform.OPENSHIFT,
    logs: { enabled: true, autoMultiLineDetection: true },
    nodeAgent: { env: { A: 'b' }, containers: { agent: { logLevel: LogLevel.DEBUG } } },
  })).toThrow(/logs\.autoMultiLineDetection is not supported by the Operator output[\s\S]*nodeAgent\.containers\.agent\.logLevel is not supported[\s\S]*platform is not supported/);
});

test('the agent container\'s command maps to its override; lifecycle hooks and grace periods have no Operator field', () => {
  expect(cr({ nodeAgent: { containers: { agent: { command: ['/bin/sh', '-c', 'exec agent run'] } } } }).spec.override)
    .toEqual({ nodeAgent: { containers: { agent: { command: ['/bin/sh', '-c', 'exec agent run'] } } } });
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  expect(() => new DatadogAgentResource(chart, 'datadog', {
    credentials: SECRET,
    nodeAgent: { lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } }, terminationGracePeriodSeconds: 60 },
    clusterAgent: { terminationGracePeriodSeconds: 60 },
  })).toThrow(new RegExp([
    'nodeAgent.lifecycle is not supported by the Operator output \\(DatadogAgentResource\\): the DatadogAgent overrides have no such field',
    'nodeAgent.terminationGracePeriodSeconds is not supported',
    'clusterAgent.terminationGracePeriodSeconds is not supported',
  ].join('[\\s\\S]*')));
});

test('Credentials.fromValues is refused: the values would be in the resource', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  expect(() => new DatadogAgentResource(chart, 'datadog', { credentials: Credentials.fromValues({ apiKey: '0123456789abcdef0123456789abcdef' }) }))
    .toThrow(/credentials: Credentials.fromValues is not supported by the Operator output/);
});

test('invalid options fail as DatadogAgent fails them', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  expect(() => new DatadogAgentResource(chart, 'datadog', { credentials: SECRET, logs: { enabeld: true } } as any)).toThrow(/did you mean/);
});

test.each(REVIEW_TOPOLOGIES.filter(([n]) => n !== 'everything on'))('the %s topology renders a valid resource', (_n, props) => {
  expect(cr(props).kind).toBe('DatadogAgent');
});

test('the everything-on topology: what the Operator output cannot express, listed at once', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  const props = REVIEW_TOPOLOGIES.find(([n]) => n === 'everything on')![1];
  let message = '';
  try {
    new DatadogAgentResource(chart, 'datadog', { credentials: SECRET, ...props });
  } catch (e: any) {
    message = e.message;
  }
  expect(message).toMatch(/not supported by the Operator output/);
  expect(message.split('\n')).toMatchSnapshot();
});

test('orchestrator explorer custom resources map to features.orchestratorExplorer.customResources', () => {
  expect(cr({ orchestratorExplorer: { customResources: ['karpenter.sh/v1/nodepools'] } }).spec.features.orchestratorExplorer)
    .toEqual({ customResources: ['karpenter.sh/v1/nodepools'] });
});

test('instrumentation targets map to features.apm.instrumentation.targets, references rendered', () => {
  const spec = cr({
    apm: { instrumentation: { enabled: true, targets: [{ name: 't', podSelector: { matchLabels: { app: 'x' } }, ddTraceConfigs: [{ name: 'DD_SERVICE', valueFrom: EnvValueSource.fromField('metadata.name') }] }] } },
  }).spec;
  expect(spec.features.apm.instrumentation.targets).toEqual([{ ddTraceConfigs: [{ name: 'DD_SERVICE', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }], name: 't', podSelector: { matchLabels: { app: 'x' } } }]);
});

test('ServiceAccount annotations map to the overrides; ServiceAccount labels have no Operator field', () => {
  const irsa = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/datadog' };
  expect(cr({ nodeAgent: { serviceAccountAnnotations: irsa }, clusterAgent: { serviceAccountAnnotations: irsa } }).spec.override)
    .toMatchObject({ nodeAgent: { serviceAccountAnnotations: irsa }, clusterAgent: { serviceAccountAnnotations: irsa } });
  const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
  expect(() => new DatadogAgentResource(chart, 'datadog', { credentials: SECRET, nodeAgent: { serviceAccountLabels: { team: 'obs' } } }))
    .toThrow(/nodeAgent.serviceAccountLabels.team is not supported by the Operator output/);
});
