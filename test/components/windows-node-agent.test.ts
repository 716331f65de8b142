import * as fs from 'fs';
import * as path from 'path';
import { Credentials, DatadogAgent, DatadogAgentResource, KubernetesPlatform } from '../../src';
import { compareManifests } from '../../src/cli/compare';
import { parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';
import { readManifest } from '../../src/cli/main';
import { explainFinding } from '../../src/differences';
import { EVERY_FEATURE_ON, envOf, mountsOf, render, synth, testChart } from '../support/helpers';

const DIR = path.join(__dirname, '..', 'fixtures', 'chart-3.240.0');
const FIXTURE = path.join(DIR, 'windows-nodes-values.render.yaml');
const WINDOWS = 'datadog-windows';

/** The options test/fixtures/chart-3.240.0/windows-nodes-values.yaml gives the chart. */
const MIRROR = {
  clusterName: 'mixed-cluster',
  tags: ['env:test'],
  logs: { enabled: true, containerCollectAll: true },
  apm: { useHostPort: true },
  dogstatsd: { useHostPort: true },
  windowsNodes: {
    enabled: true,
    nodeSelector: { agentpool: 'win' },
    tolerations: [{ key: 'sku', operator: 'Equal', value: 'windows', effect: 'NoSchedule' }],
  },
};

const attempt = (props: object) => () => render(props as any);

/** The chart's default-values.yaml, imported (extra props merged over it), compared with its render. */
function compareDefaultValues(extra: object = {}) {
  const r = importValues(parseValues(fs.readFileSync(path.join(DIR, 'default-values.yaml'), 'utf8'), 'default-values.yaml'), { keepChartDefaults: true });
  const chart = testChart();
  new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({ ...r.props, ...extra }));
  return compareManifests(readManifest(path.join(DIR, 'default-values.render.yaml')), synth(chart));
}

describe('Windows node agent', () => {
  const m = render(MIRROR);
  const ds = () => m.get('DaemonSet', WINDOWS);
  const spec = () => ds().spec.template.spec;
  const container = (name: string) => m.container(name, ds());

  test('off by default: no Windows objects', () => {
    expect(render().kinds().filter(k => k.includes('windows'))).toEqual([]);
  });

  test('the Windows DaemonSet runs only on Windows nodes, the Linux one only on Linux nodes', () => {
    expect(spec().nodeSelector).toEqual({ 'agentpool': 'win', 'kubernetes.io/os': 'windows' });
    expect(spec().os).toEqual({ name: 'windows' });
    expect(spec().tolerations).toEqual([
      { key: 'node.kubernetes.io/os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' },
      { key: 'sku', operator: 'Equal', value: 'windows', effect: 'NoSchedule' },
    ]);
    expect(m.podSpec('DaemonSet', 'datadog').nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(m.podSpec('Deployment', 'datadog-cluster-agent').nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    // Its own selector: the two DaemonSets never adopt each other's pods.
    expect(ds().spec.selector.matchLabels).toEqual({ app: WINDOWS });
    expect(m.get('DaemonSet', 'datadog').spec.selector.matchLabels).toEqual({ app: 'datadog' });
  });

  test('containers and init containers the chart runs on Windows; an explicit Windows security context (no Linux one), no hostPID', () => {
    expect(m.containerNames(ds())).toEqual(['agent', 'trace-agent', 'process-agent']);
    expect(spec().initContainers.map((c: any) => c.name)).toEqual(['init-volume', 'init-config']);
    expect(spec().hostPID).toBeUndefined();
    expect(spec().securityContext).toBeUndefined();
    for (const c of [...spec().containers, ...spec().initContainers]) {
      // The image's own user, stated: the Linux fields (runAsUser, readOnlyRootFilesystem...) are refused on Windows pods.
      expect(c.securityContext).toEqual({ windowsOptions: { runAsUserName: 'ContainerAdministrator' } });
      expect(c.image).toBe('registry.datadoghq.com/agent:7.81.1');
    }
    expect(container('agent').command).toEqual(['agent', 'run']);
    expect(container('trace-agent').command).toEqual(['trace-agent', '-foreground', '-config=C:/ProgramData/Datadog/datadog.yaml']);
    expect(container('process-agent').command).toEqual(['process-agent', '-foreground', '--cfgpath=C:/ProgramData/Datadog/datadog.yaml']);
    expect(container('init-config').command).toEqual(['pwsh', '-Command']);
  });

  test('env: the installation\'s features and Cluster Agent, Windows paths, no Unix sockets', () => {
    const agent = envOf(container('agent'));
    expect(agent).toMatchObject({
      DD_AUTH_TOKEN_FILE_PATH: 'C:/ProgramData/Datadog/auth/token',
      DD_CLUSTER_NAME: 'mixed-cluster',
      DD_TAGS: '["env:test"]',
      DD_CLUSTER_AGENT_ENABLED: 'true',
      DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: 'datadog-cluster-agent',
      DD_LOGS_ENABLED: 'true',
      DD_LOGS_CONFIG_CONTAINER_COLLECT_ALL: 'true',
      DD_APM_ENABLED: 'true',
      DD_DOGSTATSD_PORT: '8125',
      DD_SYSTEM_PROBE_ENABLED: 'false',
      DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'true',
    });
    expect(agent.DD_CLUSTER_AGENT_AUTH_TOKEN).toEqual(envOf(m.container('agent')).DD_CLUSTER_AGENT_AUTH_TOKEN);
    for (const name of ['DD_DOGSTATSD_SOCKET', 'DD_APM_RECEIVER_SOCKET', 'DD_CRI_SOCKET_PATH', 'DOCKER_HOST', 'DD_PROCESS_CONFIG_RUN_IN_CORE_AGENT_ENABLED']) {
      expect(agent[name]).toBeUndefined();
    }
    const proc = envOf(container('process-agent'));
    expect(proc).toMatchObject({ DD_CLUSTER_AGENT_ENABLED: 'true', DD_SYSTEM_PROBE_ENABLED: 'false', DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'true' });
    expect(envOf(container('trace-agent'))).toMatchObject({ DD_APM_RECEIVER_PORT: '8126', DD_APM_NON_LOCAL_TRAFFIC: 'true' });
    expect(envOf(container('init-config')).DD_AUTH_TOKEN_FILE_PATH).toBe('C:/ProgramData/Datadog/auth/token');
  });

  test('mounts: Windows config paths, the runtime named pipes, the chart\'s log paths', () => {
    expect(mountsOf(container('agent'))).toMatchObject({
      'C:/ProgramData/Datadog': { name: 'config', readOnly: false },
      'C:/ProgramData/Datadog/logs': { name: 'logdatadog' },
      'C:/ProgramData/Datadog/auth': { name: 'auth-token' },
      '\\\\.\\pipe\\docker_engine': { name: 'runtimesocket' },
      '\\\\.\\pipe\\containerd-containerd': { name: 'containerdsocket' },
      'c:/programdata/datadog/run': { name: 'pointerdir', readOnly: false },
      'C:/var/log/pods': { name: 'logpodpath', readOnly: true },
      'C:/ProgramData': { name: 'logdockercontainerpath', readOnly: true },
    });
    const hostPaths = Object.fromEntries(spec().volumes.filter((v: any) => v.hostPath).map((v: any) => [v.name, v.hostPath.path]));
    expect(hostPaths).toEqual({
      runtimesocket: '\\\\.\\pipe\\docker_engine',
      containerdsocket: '\\\\.\\pipe\\containerd-containerd',
      pointerdir: 'C:/var/log',
      logpodpath: 'C:/var/log/pods',
      logdockercontainerpath: 'C:/ProgramData',
    });
    expect(mountsOf(container('process-agent'))['C:/ProgramData/Datadog'].readOnly).toBe(true);
  });

  test('ports and probes: DogStatsD and trace host ports, the agent health probes', () => {
    expect(container('agent').ports).toEqual([{ name: 'dogstatsdport', containerPort: 8125, protocol: 'UDP', hostPort: 8125 }]);
    expect(container('trace-agent').ports).toEqual([{ name: 'traceport', containerPort: 8126, protocol: 'TCP', hostPort: 8126 }]);
    expect(container('agent').livenessProbe.httpGet).toEqual({ path: '/live', port: 5555, scheme: 'HTTP' });
    expect(container('agent').startupProbe.httpGet.path).toBe('/startup');
    expect(container('trace-agent').livenessProbe.tcpSocket).toEqual({ port: 8126 });
  });

  test('the node-local Service F-windows selects the Windows pods', () => {
    const svc = m.get('Service', WINDOWS);
    expect(svc.spec.selector).toEqual({ app: WINDOWS });
    expect(svc.spec.internalTrafficPolicy).toBe('Local');
    expect(svc.spec.ports.map((p: any) => p.name)).toEqual(['dogstatsdport', 'traceport']);
    expect(render({ ...MIRROR, nodeAgent: { localService: false } }).find('Service', WINDOWS)).toBeUndefined();
  });

  test('matches the chart\'s targetSystem: windows DaemonSet, every difference documented', () => {
    const chart = readManifest(FIXTURE).filter((o: any) => o.kind === 'DaemonSet')
      .map((o: any) => ({ ...o, metadata: { ...o.metadata, name: WINDOWS } }));
    const c = compareManifests(chart, [ds()]);
    expect(c.findings.filter(f => !f.documented).map(f => f.key)).toEqual([]);
    // What differs is what differs for the Linux DaemonSet too (labels, the token, DD_SITE, telemetry),
    // and the Windows security context the chart leaves out.
    expect([...new Set(c.findings.map(f => f.documented!.id))].sort()).toEqual(
      ['cluster-agent-token', 'non-deterministic-telemetry', 'object-labels', 'site-always', 'windows-security-context']);
    expect(c.findings.filter(f => f.documented!.id === 'windows-security-context').map(f => f.key)).toEqual(
      ['agent', 'init-config', 'init-volume', 'process-agent', 'trace-agent']
        .map(n => `+securityContext:DaemonSet/datadog-windows/${n}:windowsOptions.runAsUserName`));
  });

  test('next to a Linux release\'s render, the Windows objects are the documented difference; one ServiceAccount', () => {
    const linuxOnly = compareDefaultValues();
    const both = compareDefaultValues({ windowsNodes: { enabled: true } });
    const added = both.findings.filter(f => !linuxOnly.findings.some(g => g.key === f.key));
    // Everything about F-windows is new there (its parity is the test above), and nothing else changes.
    expect(added.filter(f => !f.documented).map(f => f.key)).toEqual([]);
    expect(added.every(f => f.op === '+' && /^(DaemonSet|Service)\/datadog-windows(\/|$)/.test(f.where))).toBe(true);
    expect(added.filter(f => f.fact === 'object').map(f => [f.key, f.documented?.id])).toEqual([
      ['+object:DaemonSet/datadog-windows:', 'windows-nodes'],
      ['+object:Service/datadog-windows:', 'windows-nodes'],
    ]);
    expect(both.findings.length - added.length).toBe(linuxOnly.findings.length);
    expect(explainFinding('+object:DaemonSet/datadog:')).toBeUndefined();
    expect(spec().serviceAccountName).toBe('datadog');
    expect(m.find('ServiceAccount', WINDOWS)).toBeUndefined();
  });

  test('snapshot of the Windows pod template', () => {
    expect(ds().spec.template).toMatchSnapshot();
  });
});

describe('Windows nodes with Linux-only features', () => {
  test('system-probe and security-agent stay on the Linux DaemonSet, which windowsNodes does not change', () => {
    // (the default secrets helper is a Linux script: refused with windowsNodes, see below)
    const features = { ...EVERY_FEATURE_ON, secretBackend: undefined };
    const without = render(features);
    const withWindows = render({ ...features, windowsNodes: { enabled: true } });
    expect(withWindows.get('DaemonSet', 'datadog')).toEqual(without.get('DaemonSet', 'datadog'));
    const win = withWindows.get('DaemonSet', WINDOWS);
    expect(withWindows.containerNames(win)).toEqual(['agent', 'trace-agent', 'process-agent']);
    for (const c of win.spec.template.spec.containers) {
      expect(Object.keys(envOf(c)).filter(n => /^DD_(SYSTEM_PROBE_(?!ENABLED)|RUNTIME_SECURITY_)/.test(n))).toEqual([]);
      expect(envOf(c).DD_SYSTEM_PROBE_ENABLED ?? 'false').toBe('false');
    }
    expect(win.spec.template.spec.volumes.filter((v: any) => v.hostPath && v.hostPath.path.startsWith('/'))).toEqual([]);
  });

  test('no trace-agent where tracers cannot reach it over TCP, and none without APM', () => {
    const noTcp = render({ windowsNodes: { enabled: true }, nodeAgent: { localService: false } });
    expect(noTcp.containerNames(noTcp.get('DaemonSet', WINDOWS))).toEqual(['agent', 'process-agent']);
    expect(envOf(noTcp.container('agent', noTcp.get('DaemonSet', WINDOWS))).DD_APM_ENABLED).toBe('false');
    expect(envOf(noTcp.container('agent', noTcp.get('DaemonSet', WINDOWS))).DD_APM_RECEIVER_PORT).toBeUndefined();
    const noApm = render({
      windowsNodes: { enabled: true }, apm: { enabled: false }, processes: { containerCollection: false, processDiscovery: false },
    });
    expect(noApm.containerNames(noApm.get('DaemonSet', WINDOWS))).toEqual(['agent']);
  });

  test('node integrations stay on the Linux pods: no conf.d mount, no checksum annotation on Windows', () => {
    const r = render({
      integrations: [{ name: 'redisdb', instances: [{ host: 'r' }] }],
      windowsNodes: { enabled: true, podAnnotations: { team: 'win' }, podLabels: { pool: 'win' } },
    });
    expect(r.get('DaemonSet', 'datadog').spec.template.metadata.annotations['checksum/confd-config']).toBeDefined();
    const win = r.get('DaemonSet', WINDOWS).spec.template;
    expect(win.metadata.annotations).toEqual({ team: 'win' });
    expect(win.metadata.labels).toMatchObject({ pool: 'win', app: WINDOWS });
    expect(win.spec.volumes.map((v: any) => v.name)).not.toContain('confd');
  });

  test('nodeAgent.containers tunes the Linux probes only', () => {
    const r = render({ ...MIRROR, nodeAgent: { containers: { traceAgent: { livenessProbe: { initialDelaySeconds: 60 } } } } });
    expect(r.container('trace-agent').livenessProbe.initialDelaySeconds).toBe(60);
    expect(r.container('trace-agent', r.get('DaemonSet', WINDOWS)).livenessProbe)
      .toEqual({ tcpSocket: { port: 8126 }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 5 });
  });

  test('windowsNodes env, resources and image suffix apply to the Windows pods only', () => {
    const r = render({
      nodeAgent: { env: { LINUX_ONLY: '1' } },
      windowsNodes: { enabled: true, env: { WIN: '1' }, imageTagSuffix: 'servercore', resources: { cpuRequest: '200m' } },
    });
    const agent = r.container('agent', r.get('DaemonSet', WINDOWS));
    expect(envOf(agent).WIN).toBe('1');
    expect(envOf(agent).LINUX_ONLY).toBeUndefined();
    expect(envOf(r.container('agent')).WIN).toBeUndefined();
    expect(agent.image).toBe('registry.datadoghq.com/agent:7.81.1-servercore');
    expect(agent.resources).toEqual({ requests: { cpu: '200m' } });
    expect(r.container('agent').image).toBe('registry.datadoghq.com/agent:7.81.1');
  });
});

describe('Windows nodes with the DDOT collector (otelCollector)', () => {
  const OTEL = { clusterName: 'mixed-cluster', otelCollector: { enabled: true }, windowsNodes: { enabled: true } };

  test('the collector runs on the Linux pods only: no collector env on the Windows agent, no collector port on the Windows Service', () => {
    const r = render(OTEL);
    const win = r.get('DaemonSet', WINDOWS);
    expect(r.containerNames(win)).not.toContain('otel-agent');
    expect(r.containerNames()).toContain('otel-agent');
    expect(envOf(r.container('agent', win)).DD_OTELCOLLECTOR_ENABLED).toBeUndefined();
    expect(envOf(r.container('agent')).DD_OTELCOLLECTOR_ENABLED).toBe('true');
    // Every port of the Windows local Service is one a Windows container serves.
    const served = win.spec.template.spec.containers.flatMap((ct: any) => (ct.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol}`));
    const svc = r.get('Service', WINDOWS).spec.ports;
    expect(svc.map((p: any) => p.name)).toEqual(['dogstatsdport', 'traceport']);
    for (const p of svc) expect(served).toContain(`${p.targetPort}/${p.protocol}`);
    expect(r.get('Service', 'datadog').spec.ports.map((p: any) => p.name)).toEqual(['dogstatsdport', 'traceport', 'otel-grpc', 'otel-http']);
  });

  test('OTLP ingest by the core agent stays on Windows (the agent serves its ports there too)', () => {
    const r = render({ windowsNodes: { enabled: true }, otlp: { grpc: { enabled: true } } });
    expect(r.get('Service', WINDOWS).spec.ports.map((p: any) => p.name)).toEqual(r.get('Service', 'datadog').spec.ports.map((p: any) => p.name));
  });

  test('matches the chart\'s targetSystem: windows render with otelCollector, but for its Windows otel-agent (documented)', () => {
    // test/fixtures/chart-3.240.0/windows-otel-collector-values.yaml, rendered by the chart. Its Windows
    // otel-agent mounts two volumes at C:/ProgramData/Datadog: the API server refuses that pod.
    const file = path.join(DIR, 'windows-otel-collector-values.render.yaml');
    const chartDs = readManifest(file).find((o: any) => o.kind === 'DaemonSet');
    const otel = chartDs.spec.template.spec.containers.find((ct: any) => ct.name === 'otel-agent');
    const paths = otel.volumeMounts.map((m: any) => m.mountPath);
    expect(paths.filter((x: string) => x === 'C:/ProgramData/Datadog')).toHaveLength(2);
    const r = render(OTEL);
    const c = compareManifests([{ ...chartDs, metadata: { ...chartDs.metadata, name: WINDOWS } }], [r.get('DaemonSet', WINDOWS)]);
    expect(c.findings.filter(f => !f.documented).map(f => f.key)).toEqual([]);
    // (without apm.portEnabled the chart's Windows release runs no trace-agent; ours does, for the local Service)
    expect([...new Set(c.findings.map(f => f.documented!.id))].sort()).toEqual(
      ['apm-over-local-service', 'cluster-agent-token', 'object-labels', 'site-always', 'windows-no-ddot', 'windows-security-context']);
    expect(c.findings.filter(f => f.documented!.id === 'windows-no-ddot').map(f => f.key).filter(k => !k.includes('/otel-agent:'))).toEqual([
      '-env:DaemonSet/datadog-windows/agent:DD_OTELCOLLECTOR_ENABLED',
    ]);
    expect(c.findings.find(f => f.key === '-container:DaemonSet/datadog-windows/otel-agent:')?.documented?.id).toBe('windows-no-ddot');
  });
});

describe('Windows nodes with GPU monitoring', () => {
  test('the NVIDIA runtime class stays on the Linux pods; the rest is the chart\'s Windows render (documented)', () => {
    const r = render({ clusterName: 'mixed-cluster', gpuMonitoring: { enabled: true }, windowsNodes: { enabled: true } });
    expect(r.podSpec('DaemonSet', 'datadog').runtimeClassName).toBe('nvidia');
    expect(r.podSpec('DaemonSet', WINDOWS).runtimeClassName).toBeUndefined();
    // test/fixtures/chart-3.240.0/windows-gpu-monitoring-values.yaml, rendered by the chart.
    const chartDs = readManifest(path.join(DIR, 'windows-gpu-monitoring-values.render.yaml')).find((o: any) => o.kind === 'DaemonSet');
    expect(chartDs.spec.template.spec.runtimeClassName).toBe('nvidia');
    const c = compareManifests([{ ...chartDs, metadata: { ...chartDs.metadata, name: WINDOWS } }], [r.get('DaemonSet', WINDOWS)]);
    expect(c.findings.filter(f => !f.documented).map(f => f.key)).toEqual([]);
    expect(c.findings.filter(f => f.documented!.id === 'windows-gpu-runtime-class').map(f => f.key))
      .toEqual(['-pod:DaemonSet/datadog-windows:runtimeClassName']);
  });
});

describe('windowsNodes validation', () => {
  test.each([
    [{ windowsNodes: { enabled: true, nodeSelector: { 'kubernetes.io/os': 'linux' } } }, 'windowsNodes.nodeSelector["kubernetes.io/os"] must be "windows" (or left out), got "linux"'],
    [{ windowsNodes: { nodeSelector: { a: 'b' } } }, 'windowsNodes.nodeSelector'],
    [{ windowsNodes: { enabled: true, imageTagSuffix: 'bad tag' } }, 'windowsNodes.imageTagSuffix'],
    [{ windowsNodes: { enabled: true, imageTagSuffix: 'servercore' }, images: { agentDigest: `sha256:${'a'.repeat(64)}` } }, 'windowsNodes.imageTagSuffix cannot apply to an image pinned by images.agentDigest'],
    [{ windowsNodes: { enabled: true }, kubelet: { hostCAPath: '/etc/kubernetes/ca.crt' } }, 'kubelet.hostCAPath is a Linux host path and cannot apply to windowsNodes'],
    [{ windowsNodes: { enabled: true }, platform: KubernetesPlatform.GKE_AUTOPILOT }, 'windowsNodes.enabled is not supported on platform GKE_AUTOPILOT: GKE Autopilot has no Windows nodes'],
    [{ windowsNodes: { enabled: true, tolerations: 'x' } }, 'windowsNodes.tolerations'],
    [{ windowsNodes: { enabled: true }, secretBackend: { enabled: true } }, 'secretBackend.command /readsecret_multiple_providers.sh (the default) is a Linux script and cannot apply to windowsNodes'],
  ])('%j fails naming the option', (props, message) => {
    expect(attempt(props)).toThrow(message);
  });

  test('the Operator output refuses it (the DatadogAgent resource has no Windows nodes)', () => {
    expect(() => new DatadogAgentResource(testChart(), 'op', { credentials: Credentials.fromSecret('s'), windowsNodes: { enabled: true } }))
      .toThrow('windowsNodes.enabled is not supported by the Operator output');
  });

  test('strict input: windowsNodes keys are checked like every option', () => {
    expect(() => DatadogAgent.propsFromJson({ credentials: { fromSecret: 'datadog-secret' }, windowsNodes: { enabled: true, nodeSelectr: {} } }))
      .toThrow(/windowsNodes\.nodeSelectr.*nodeSelector/);
    const props = DatadogAgent.propsFromJson({ credentials: { fromSecret: 'datadog-secret' }, windowsNodes: { enabled: true, imageTagSuffix: 'servercore' } });
    const chart = testChart();
    const dd = new DatadogAgent(chart, 'dd', props);
    expect(dd.windowsNodeAgent?.daemonSet.name).toBe(WINDOWS);
  });
});

describe('import-helm', () => {
  test('targetSystem: windows maps to windowsNodes.enabled; linux is the default', () => {
    const win = importValues({ targetSystem: 'windows' });
    expect(win.props).toMatchObject({ windowsNodes: { enabled: true } });
    expect(win.report[0]).toMatchObject({ key: 'targetSystem', status: 'mapped' });
    const linux = importValues({ targetSystem: 'linux' });
    expect(linux.props.windowsNodes).toBeUndefined();
    expect(linux.report[0].status).toBe('mapped');
    expect(() => importValues({ targetSystem: 'macos' })).toThrow(/targetSystem: must be linux or windows/);
  });

  test('credentials stay the installation\'s', () => {
    const r = render({ credentials: Credentials.fromSecret('other', { apiKeyKey: 'k' }), windowsNodes: { enabled: true } });
    expect(envOf(r.container('agent', r.get('DaemonSet', WINDOWS))).DD_API_KEY).toEqual({ secretKeyRef: { name: 'other', key: 'k' } });
  });
});
