import { readFileSync } from 'fs';
import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import type { DatadogAgentProps, LogLevel } from '../src';
import { ContainerRuntime, Credentials, DatadogAgent, DatadogSite, ImagePullPolicy, UpdateStrategy } from '../src';
import { Manifest, SECRET, EVERY_FEATURE_ON, envOf, render, synth, testChart } from './support/helpers';

const API_KEY = '0123456789abcdef0123456789abcdef';
const APP_KEY = '0123456789abcdef0123456789abcdef01234567';
const TOKEN = 'abcdefghijklmnopqrstuvwxyz0123456789ABCD';

describe('topologies (snapshots: read every diff before accepting it)', () => {
  test('default: node agents + Cluster Agent', () => {
    const m = render({ clusterName: 'prod-eu-1', site: DatadogSite.EU1, tags: ['env:prod'] });
    // The chart's default set, less what the README's "Differences" section says we leave out.
    expect(m.kinds()).toEqual([
      'ClusterRole/datadog', 'ClusterRole/datadog-cluster-agent', 'ClusterRole/datadog-ksm-core', 'ClusterRole/datadog-orchestrator-explorer',
      'ClusterRoleBinding/datadog', 'ClusterRoleBinding/datadog-cluster-agent', 'ClusterRoleBinding/datadog-ksm-core', 'ClusterRoleBinding/datadog-orchestrator-explorer',
      'ConfigMap/datadog-cluster-agent-confd', 'ConfigMap/datadog-installinfo',
      'DaemonSet/datadog', 'Deployment/datadog-cluster-agent',
      'PodDisruptionBudget/datadog-cluster-agent',
      'Role/datadog-cluster-agent-main', 'RoleBinding/datadog-cluster-agent-main',
      'Service/datadog', 'Service/datadog-cluster-agent', 'Service/datadog-cluster-agent-admission-controller',
      'ServiceAccount/datadog', 'ServiceAccount/datadog-cluster-agent',
    ]);
    expect(m.objects).toMatchSnapshot();
  });

  test('agent only (no Cluster Agent)', () => {
    const m = render({ clusterName: 'lab', clusterAgent: { enabled: false } });
    expect(m.kinds().filter(k => k.includes('cluster-agent'))).toEqual([]);
    expect(m.agent!.clusterAgent).toBeUndefined();
    expect(m.objects).toMatchSnapshot();
  });

  test('credentials from literal values', () => {
    const m = render({ credentials: Credentials.fromValues({ apiKey: API_KEY, appKey: APP_KEY, clusterAgentToken: TOKEN }) });
    expect(m.objects).toMatchSnapshot();
  });

  test('custom registry, digests, pull policy and pull secrets', () => {
    const m = render({
      images: {
        registry: 'mirror.example.com:5000/datadog',
        agentTag: '7.80.0',
        agentDigest: `sha256:${'a'.repeat(64)}`,
        clusterAgentTag: '7.80.0',
        clusterAgentDigest: `sha256:${'b'.repeat(64)}`,
        pullPolicy: ImagePullPolicy.ALWAYS,
        pullSecrets: ['regcred'],
      },
    });
    expect(m.objects).toMatchSnapshot();
  });

  test.each([
    ['containerd', ContainerRuntime.CONTAINERD],
    ['cri-o', ContainerRuntime.CRIO],
    ['docker', ContainerRuntime.DOCKER],
    ['k3s containerd socket', ContainerRuntime.criSocket('/run/k3s/containerd/containerd.sock')],
  ])('container runtime %s', (_name, runtime) => {
    const m = render({ containerRuntime: runtime, clusterAgent: { enabled: false } });
    expect(m.daemonSet).toMatchSnapshot();
  });
});

describe('determinism', () => {
  function yaml(props: Partial<DatadogAgentProps>): string {
    const app = new App({ outdir: Testing.app().outdir });
    const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
    new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...props });
    app.synth();
    return readFileSync(`${app.outdir}/datadog.k8s.yaml`, 'utf-8');
  }

  test('the same input synthesizes byte-identical YAML', () => {
    const props = { clusterName: 'c1', tags: ['b:2', 'a:1'], logs: { enabled: true } };
    expect(yaml(props)).toEqual(yaml(props));
  });

  test('literal credentials give the same Secret every time (no random token)', () => {
    const props = { credentials: Credentials.fromValues({ apiKey: API_KEY }) };
    const a = yaml(props);
    expect(a).toEqual(yaml(props));
    expect(a).toContain('kind: Secret');
  });
});

describe('secrets', () => {
  test('with an existing Secret, no key or token value appears in the YAML', () => {
    const m = render({ clusterName: 'c1' });
    expect(m.objects.filter(o => o.kind === 'Secret')).toEqual([]);
    // (checksum annotations are hex digests of rendered config, not secrets)
    const text = JSON.stringify(m.objects).replace(/"checksum\/[^"]+":"[0-9a-f]{64}"/g, '');
    expect(text).not.toMatch(/[0-9a-f]{32}/);
    expect(envOf(m.container('agent')).DD_API_KEY).toEqual({ secretKeyRef: { name: 'datadog-secret', key: 'api-key' } });
  });

  test('literal values land only in the Secret, base64-encoded; env references it', () => {
    const m = render({ credentials: Credentials.fromValues({ apiKey: API_KEY, appKey: APP_KEY, clusterAgentToken: TOKEN }) });
    const secret = m.get('Secret', 'datadog');
    expect(Buffer.from(secret.data['api-key'], 'base64').toString()).toEqual(API_KEY);
    expect(Buffer.from(secret.data['app-key'], 'base64').toString()).toEqual(APP_KEY);
    expect(Buffer.from(secret.data.token, 'base64').toString()).toEqual(TOKEN);
    const others = JSON.stringify(m.objects.filter(o => o.kind !== 'Secret'));
    expect(others).not.toContain(API_KEY);
    expect(others).not.toContain(TOKEN);
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_APP_KEY).toEqual({ secretKeyRef: { name: 'datadog', key: 'app-key' } });
  });

  test('without an app key the Cluster Agent gets no DD_APP_KEY', () => {
    const m = render({ credentials: Credentials.fromValues({ apiKey: API_KEY }) });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_APP_KEY).toBeUndefined();
  });

  test('an existing Secret\'s app key is referenced as optional', () => {
    const m = render();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_APP_KEY)
      .toEqual({ secretKeyRef: { name: 'datadog-secret', key: 'app-key', optional: true } });
  });
});

describe('names follow the Helm chart fullname', () => {
  test.each([
    ['datadog', 'datadog', 'datadog-cluster-agent'],
    ['my-datadog', 'my-datadog', 'my-datadog-cluster-agent'],
    ['prod', 'prod-datadog', 'prod-datadog-cluster-agent'],
  ])('name %s', (name, ds, dca) => {
    const m = render({ name });
    expect(m.daemonSet.metadata.name).toEqual(ds);
    expect(m.find('Deployment', dca)).toBeDefined();
    expect(m.daemonSet.spec.selector.matchLabels).toEqual({ app: ds });
  });
});

describe('bad input fails at synthesis with the option path', () => {
  const cases: [string, () => any, RegExp][] = [
    ['missing credentials', () => ({ credentials: undefined }), /credentials is required/],
    ['invalid custom site', () => ({ site: DatadogSite.custom('https://datadoghq.eu/') }), /site must be a Datadog site host/],
    ['cluster name with uppercase', () => ({ clusterName: 'Prod' }), /clusterName must be a lowercase DNS-like name.*"Prod"/],
    ['cluster name too long', () => ({ clusterName: 'a'.repeat(81) }), /clusterName must be at most 80 characters, got 81/],
    ['bad tag', () => ({ tags: ['env prod'] }), /tags\[0\] must be a Datadog tag/],
    ['replicas 0', () => ({ clusterAgent: { replicas: 0 } }), /clusterAgent.replicas must be >= 1, got 0/],
    ['replicas fraction', () => ({ clusterAgent: { replicas: 1.5 } }), /clusterAgent.replicas must be an integer, got 1.5/],
    ['API key not hex', () => ({ credentials: Credentials.fromValues({ apiKey: 'not-a-key' }) }), /credentials.apiKey must be 32 hexadecimal characters, got 9 characters including non-hexadecimal ones/],
    ['app key wrong length', () => ({ credentials: Credentials.fromValues({ apiKey: API_KEY, appKey: 'abc' }) }), /credentials.appKey must be 40 hexadecimal characters/],
    ['token too short', () => ({ credentials: Credentials.fromValues({ apiKey: API_KEY, clusterAgentToken: 'short' }) }), /credentials.clusterAgentToken must be at least 32 alphanumeric characters/],
    ['secret name invalid', () => ({ credentials: Credentials.fromSecret('Datadog_Secret') }), /credentials secret name must be a lowercase RFC 1123 subdomain/],
    ['secret key invalid', () => ({ credentials: Credentials.fromSecret('s', { apiKeyKey: 'api key' }) }), /credentials.apiKeyKey must be a Secret key/],
    ['runtime socket relative', () => ({ containerRuntime: ContainerRuntime.criSocket('run/containerd.sock') }), /containerRuntime must be an absolute path/],
    ['runtime socket not a socket', () => ({ containerRuntime: ContainerRuntime.criSocket('/var/run/containerd') }), /containerRuntime must be the path of a Unix socket ending in ".sock"/],
    ['runtime socket at root', () => ({ containerRuntime: ContainerRuntime.dockerSocket('/docker.sock') }), /containerRuntime must not sit directly under "\/"/],
    ['agent tag too old', () => ({ images: { agentTag: '7.50.0' } }), /images.agentTag must be 7.60.0 or newer, got "7.50.0"/],
    ['bad digest', () => ({ images: { agentDigest: 'sha256:xyz' } }), /images.agentDigest must be "sha256:" followed by 64 lowercase hex characters/],
    ['bad registry', () => ({ images: { registry: 'https://mirror' } }), /images.registry must be a registry host/],
    ['bad pull policy', () => ({ images: { pullPolicy: 'Sometimes' as ImagePullPolicy } }), /images.pullPolicy must be one of IfNotPresent, Always, Never, got "Sometimes"/],
    ['bad log level', () => ({ logLevel: 'LOUD' as LogLevel }), /logLevel must be one of TRACE/],
    ['bad name', () => ({ name: 'Datadog' }), /name must be a lowercase RFC 1123 label/],
    ['name too long', () => ({ name: 'datadog-' + 'x'.repeat(40) }), /name must give a fullname of at most 40 characters/],
    ['kubelet CA relative', () => ({ kubelet: { hostCAPath: 'etc/ca.crt' } }), /kubelet.hostCAPath must be an absolute path/],
    ['bad resources', () => ({ nodeAgent: { resources: { cpuRequest: 'lots' } } }), /nodeAgent.resources.cpuRequest must be a Kubernetes quantity/],
    ['bad maxUnavailable', () => ({ nodeAgent: { updateStrategy: UpdateStrategy.rollingUpdate('0') } }), /nodeAgent.updateStrategy.maxUnavailable must be a positive count/],
    ['bad node selector key', () => ({ nodeAgent: { nodeSelector: { 'bad key': 'x' } } }), /nodeAgent.nodeSelector has an invalid key "bad key"/],
    ['bad env name', () => ({ clusterAgent: { env: { '1BAD': 'x' } } }), /clusterAgent.env has an invalid env var name "1BAD"/],
    ['bad priority class', () => ({ clusterAgent: { priorityClassName: 'High_Priority' } }), /clusterAgent.priorityClassName must be a lowercase RFC 1123 subdomain/],
    ['APM port equals DogStatsD port', () => ({ apm: { port: 8125 } }), /apm.port must differ from dogstatsd.port/],
    ['bad DogStatsD port', () => ({ dogstatsd: { port: 70000 } }), /dogstatsd.port must be <= 65535, got 70000/],
    // shapes plain JavaScript callers can pass
    ['tags as a string', () => ({ tags: 'env:prod' as any }), /tags must be a list, got "env:prod"/],
    ['DogStatsD tags as a string', () => ({ dogstatsd: { tags: 'a:b' as any } }), /dogstatsd.tags must be a list/],
    ['integrations as an object', () => ({ integrations: {} as any }), /integrations must be a list/],
    ['null options object', () => ({ logs: null as any }), /logs must be an object of options, got null/],
    ['options object as a scalar', () => ({ clusterAgent: true as any }), /clusterAgent must be an object of options, got true/],
    ['nested null', () => ({ clusterAgent: { replicas: null as any } }), /clusterAgent.replicas must not be null: leave it out for the default/],
    ['boolean as a string', () => ({ kubelet: { tlsVerify: 'false' as any } }), /kubelet.tlsVerify must be true or false, got "false"/],
    ['top-level boolean as a string', () => ({ tolerateControlPlane: 'no' as any }), /tolerateControlPlane must be true or false, got "no"/],
    ['feature boolean as a string', () => ({ containerLifecycle: 'false' as any }), /containerLifecycle must be true or false/],
    ['OTLP on the agent IPC port', () => ({ otlp: { http: { enabled: true, endpoint: '0.0.0.0:5009' } } }), /otlp.http.endpoint port 5009 is already used by the agent IPC port/],
  ];
  test.each(cases)('%s', (_name, props, error) => {
    const chart = testChart();
    expect(() => new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...props() })).toThrow(error);
  });

  test('no namespace anywhere', () => {
    const chart = Testing.chart();
    expect(() => new DatadogAgent(chart, 'datadog', { credentials: SECRET })).toThrow(/namespace is required/);
  });

  test('every case throws a ValidationError, never a TypeError', () => {
    for (const [name, props] of cases) {
      let error: any;
      try {
        new DatadogAgent(testChart(), 'datadog', { credentials: SECRET, ...props() });
      } catch (e) {
        error = e;
      }
      expect({ name, error: error?.name }).toEqual({ name, error: 'ValidationError' });
    }
  });
});

test('an explicit namespace prop wins over the Chart namespace', () => {
  const m = render({ namespace: 'observability' }, 'other');
  const namespaced = m.objects.filter(o => o.metadata.namespace);
  expect(namespaced.map(o => o.kind)).toEqual(expect.arrayContaining(['DaemonSet', 'Deployment', 'ServiceAccount', 'Service', 'ConfigMap', 'Role']));
  expect(namespaced.every(o => o.metadata.namespace === 'observability')).toBe(true);
  const binding = m.get('ClusterRoleBinding', 'datadog');
  expect(binding.subjects[0].namespace).toEqual('observability');
});

test('the Manifest helper sees everything via synth', () => {
  const chart = testChart();
  new DatadogAgent(chart, 'datadog', { credentials: SECRET });
  expect(new Manifest(synth(chart)).daemonSet.kind).toEqual('DaemonSet');
});

test.each([
  ['default', {}],
  ['agent only', { clusterAgent: { enabled: false } }],
  ['external metrics and runners', { clusterAgent: { externalMetrics: { enabled: true } }, clusterChecksRunner: { enabled: true } }],
])('%s: cluster-scoped objects carry no namespace; namespaced ones carry ours (or kube-system)', (_n, props) => {
  const m = render(props as any);
  const clusterKinds = ['ClusterRole', 'ClusterRoleBinding', 'APIService'];
  for (const o of m.objects) {
    if (clusterKinds.includes(o.kind)) expect(o.metadata.namespace).toBeUndefined();
    else expect(['datadog', 'kube-system']).toContain(o.metadata.namespace);
  }
});


test('every feature at once composes: valid objects, every container, no module overriding another', () => {
  const props = (): any => ({
    ...EVERY_FEATURE_ON,
    tags: ['env:x'],
    podLabelsAsTags: { app: 'kube_app' },
    containerExclude: ['image:busybox'],
    integrations: [{ name: 'redisdb', adIdentifiers: ['redis'], instances: [{ host: '%%host%%' }] }, { name: 'http_check', clusterCheck: true, instances: [{ name: 'a', url: 'https://a' }] }],
    customChecks: [{ name: 'my_check', source: 'from checks import AgentCheck\n' }],
  });
  const m = render(props());
  expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe', 'process-agent', 'security-agent', 'otel-agent']);
  expect(m.find('Deployment', 'datadog-clusterchecks')).toBeDefined();
  expect(m.find('APIService', 'v1beta1.external.metrics.k8s.io')).toBeDefined();
  expect(Object.keys(m.get('ConfigMap', 'datadog-cluster-agent-confd').data)).toEqual(expect.arrayContaining(['http_check.yaml', 'kubernetes_state_core.yaml.default']));
  // and it stays deterministic with everything on
  expect(JSON.stringify(render(props()).objects)).toEqual(JSON.stringify(m.objects));
});

describe('handles', () => {
  test('every synthesized object has a handle, and the components are their workloads\' default child', () => {
    const chart = testChart();
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, clusterChecksRunner: { enabled: true }, clusterAgent: { externalMetrics: { enabled: true } } });
    expect(ApiObject.of(dd.nodeAgent)).toBe(dd.nodeAgent.daemonSet);
    expect(ApiObject.of(dd.clusterAgent!)).toBe(dd.clusterAgent!.deployment);
    expect(ApiObject.of(dd.clusterChecksRunner!)).toBe(dd.clusterChecksRunner!.deployment);
    const objects = synth(chart);
    expect(dd.apiObjects.map(o => `${o.kind}/${o.name}`).sort()).toEqual(objects.map(o => `${o.kind}/${o.metadata.name}`).sort());
    for (const o of objects) expect(dd.findObject(o.kind, o.metadata.name, o.metadata.namespace)).toBeDefined();
    expect(dd.findObject('Service', 'datadog')).toBeDefined();
    expect(dd.findObject('APIService', 'v1beta1.external.metrics.k8s.io')).toBeDefined();
    expect(dd.findObject('Service', 'nope')).toBeUndefined();
    expect(dd.clusterAgent!.podDisruptionBudget).toBeDefined();
  });

  test('a JSON patch on a handle lands in the output', () => {
    const chart = testChart();
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET });
    dd.findObject('Service', 'datadog')!.addJsonPatch(JsonPatch.add('/metadata/annotations', { team: 'platform' }));
    expect(synth(chart).find(o => o.kind === 'Service' && o.metadata.name === 'datadog').metadata.annotations).toEqual({ team: 'platform' });
  });
});
