import { ResolvedClusterAgent, resolveClusterAgent } from './components/cluster-agent';
import { ResolvedClusterChecksRunner, resolveClusterChecksRunner } from './components/cluster-checks-runner';
import { AGENT_RESERVED_PORTS, ResolvedNodeAgent, resolveNodeAgent } from './components/node-agent';
import { ContainerRuntime } from './container-runtime';
import { ResolvedCredentials } from './credentials';
import { ResolvedAdmissionController, resolveAdmissionController } from './features/admission-controller';
import { ResolvedApm, resolveApm } from './features/apm';
import { ResolvedApmInstrumentation, resolveApmInstrumentation } from './features/apm-instrumentation';
import { resolveChecksCardinality } from './features/checks-cardinality';
import { ResolvedClusterChecks, resolveClusterChecks } from './features/cluster-checks';
import { ResolvedContainerFilters, resolveContainerFilters } from './features/container-filters';
import { ResolvedContainerOverrides, resolveContainerOverrides } from './features/container-overrides';
import { ResolvedDogStatsd, resolveDogStatsd } from './features/dogstatsd';
import { ResolvedEventCollection, resolveEventCollection } from './features/event-collection';
import { ResolvedExternalMetrics, resolveExternalMetrics } from './features/external-metrics';
import { ResolvedExtraVolumes, resolveExtraVolumes } from './features/extra-volumes';
import { ResolvedKubeStateMetricsCore, resolveKubeStateMetricsCore } from './features/kube-state-metrics-core';
import { ResolvedLogs, resolveLogs } from './features/logs';
import { ResolvedMetadataAsTags, resolveMetadataAsTags } from './features/metadata-as-tags';
import { resolveNetworkMonitoring } from './features/network-monitoring';
import { resolveOomKill } from './features/oom-kill';
import { ResolvedOrchestratorExplorer, resolveOrchestratorExplorer } from './features/orchestrator-explorer';
import { ResolvedOtlp, resolveOtlp } from './features/otlp';
import { resolvePlatform } from './features/platform';
import { ResolvedProcesses, resolveProcesses } from './features/processes';
import { ResolvedPrometheusScrape, resolvePrometheusScrape } from './features/prometheus-scrape';
import { ResolvedRemoteConfiguration, resolveRemoteConfiguration } from './features/remote-configuration';
import { ResolvedSbom, resolveSbom } from './features/sbom';
import { ResolvedSecretBackend, resolveSecretBackend } from './features/secret-backend';
import { resolveSecurity } from './features/security';
import { resolveServiceDiscovery } from './features/service-discovery';
import { resolveServiceMonitoring } from './features/service-monitoring';
import { ResolvedSystemProbe, SystemProbeUsers, resolveSystemProbe } from './features/system-probe';
import { resolveTcpQueueLength } from './features/tcp-queue-length';
import { ResolvedImages, resolveImages } from './images';
import { resolveIntegrations } from './integrations/feature';
import { IntegrationRegistry } from './integrations/registry';
import { KubeletHost } from './kubelet';
import { EnvValue } from './model/pod';
import { Names, resolveNames } from './naming';
import { DatadogAgentProps } from './props';
import { DatadogSite } from './site';
import { checkAbsolutePath, checkDnsLabel, checkString, fail, options, show, bool, list } from './validation';
import { LogLevel, checkLogLevel } from './workload-options';


/**
 * Everything the façade needs, resolved once from DatadogAgentProps: defaults applied, input
 * validated, derived values computed. Each feature resolves its own options in its module.
 *
 * @internal
 */
export interface ResolvedConfig extends SystemProbeUsers {
  readonly names: Names;
  readonly platform: string;
  readonly secretBackend: ResolvedSecretBackend;
  readonly namespace: string;
  readonly site: DatadogSite;
  readonly clusterName?: string;
  readonly tags: string[];
  readonly logLevel: string;
  readonly images: ResolvedImages;
  readonly credentials: ResolvedCredentials;
  readonly kubelet: {
    readonly host: EnvValue;
    readonly tlsVerify?: boolean;
    readonly hostCAPath?: string;
    readonly agentCAPath?: string;
    readonly podResourcesSocketDir: string;
  };
  readonly runtime: { readonly kind: string; readonly socketPath: string; readonly socketDir: string };
  readonly nodeAgent: ResolvedNodeAgent;
  readonly clusterAgent: ResolvedClusterAgent;
  readonly apm: ResolvedApm;
  readonly dogstatsd: ResolvedDogStatsd;
  readonly logs: ResolvedLogs;
  readonly processes: ResolvedProcesses;
  readonly systemProbe: ResolvedSystemProbe;
  readonly otlp: ResolvedOtlp;
  readonly sbom: ResolvedSbom;
  readonly prometheusScrape: ResolvedPrometheusScrape;
  readonly remoteConfiguration: ResolvedRemoteConfiguration;
  readonly containerLifecycle: boolean;
  readonly checksCardinality?: string;
  readonly containerFilters: ResolvedContainerFilters;
  readonly metadataAsTags: ResolvedMetadataAsTags;
  readonly containerOverrides: ResolvedContainerOverrides;
  readonly extraVolumes: ResolvedExtraVolumes;
  readonly clusterChecks: ResolvedClusterChecks;
  readonly clusterChecksRunner: ResolvedClusterChecksRunner;
  readonly kubeStateMetricsCore: ResolvedKubeStateMetricsCore;
  readonly orchestratorExplorer: ResolvedOrchestratorExplorer;
  readonly eventCollection: ResolvedEventCollection;
  /** `clusterAgent.externalMetrics`. */
  readonly externalMetrics: ResolvedExternalMetrics;
  /** `clusterAgent.admissionController`. */
  readonly admissionController: ResolvedAdmissionController;
  /** `apm.instrumentation`. */
  readonly apmInstrumentation: ResolvedApmInstrumentation;
  /** Mutable: `DatadogAgent.addIntegration` adds to it after construction. */
  readonly integrations: IntegrationRegistry;
}

/** The cluster name rule the agent enforces: lowercase DNS-like, dots allowed, at most 80. */
const CLUSTER_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?(\.[a-z]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Datadog tag: `key:value` or a bare value; no spaces or commas. */
const TAG = /^[A-Za-z][-\w.:/]{0,199}$/;

/** @internal */
export function resolveConfig(p: DatadogAgentProps, chartNamespace: string | undefined): ResolvedConfig {
  if (!p || !p.credentials || typeof (p.credentials as any)._resolve !== 'function') {
    fail('credentials is required: use Credentials.fromSecret("datadog-secret") or Credentials.fromValues({ apiKey })');
  }
  checkShapes(p);
  const names = resolveNames(p.name ?? 'datadog');
  const namespace = p.namespace ?? chartNamespace;
  if (namespace === undefined) fail('namespace is required: set it on the Chart (new Chart(app, "id", { namespace: "datadog" })) or pass namespace');
  checkDnsLabel('namespace', namespace);

  const site = p.site ?? DatadogSite.US1;
  if (!(site instanceof DatadogSite)) fail(`site must be a DatadogSite (e.g. DatadogSite.EU1 or DatadogSite.custom("...")), got ${show(site)}`);
  site._validate('site');

  if (p.clusterName !== undefined) {
    checkString('clusterName', p.clusterName, CLUSTER_NAME, 'a lowercase DNS-like name (a-z, 0-9, "-", "."; starting with a letter)');
    if (p.clusterName.length > 80) fail(`clusterName must be at most 80 characters, got ${p.clusterName.length}`);
  }
  list('tags', p.tags).forEach((t, i) => checkString(`tags[${i}]`, t, TAG, 'a Datadog tag such as "env:prod" (starts with a letter; no spaces or commas; at most 200)'));
  checkLogLevel('logLevel', p.logLevel);
  const logLevel = p.logLevel ?? LogLevel.INFO;

  const credentials = p.credentials._resolve('credentials', names.fullname);
  const images = resolveImages(p.images, site._defaultRegistry());

  const k = p.kubelet ?? {};
  checkAbsolutePath('kubelet.hostCAPath', k.hostCAPath);
  checkAbsolutePath('kubelet.agentCAPath', k.agentCAPath);
  checkAbsolutePath('kubelet.podResourcesSocketDir', k.podResourcesSocketDir);
  if (k.hostCAPath !== undefined && k.hostCAPath.endsWith('/')) fail(`kubelet.hostCAPath must be a file, got ${show(k.hostCAPath)}`);
  const host = k.host ?? KubeletHost.HOST_IP;
  if (!(host instanceof KubeletHost)) fail('kubelet.host must be a KubeletHost (KubeletHost.HOST_IP, KubeletHost.NODE_NAME or KubeletHost.fromValue(...))');
  const kubelet = {
    host: host._env('kubelet.host'),
    tlsVerify: bool('kubelet.tlsVerify', k.tlsVerify),
    hostCAPath: k.hostCAPath,
    agentCAPath: k.agentCAPath ?? (k.hostCAPath ? `/var/run/kubelet-ca/${k.hostCAPath.slice(k.hostCAPath.lastIndexOf('/') + 1)}` : undefined),
    podResourcesSocketDir: k.podResourcesSocketDir ?? '/var/lib/kubelet/pod-resources',
  };

  const platform = resolvePlatform(p.platform);
  const rt = p.containerRuntime ?? (platform === 'openshift' ? ContainerRuntime.CRIO : ContainerRuntime.CONTAINERD);
  if (!(rt instanceof ContainerRuntime)) fail('containerRuntime must be a ContainerRuntime (CONTAINERD, CRIO, DOCKER, criSocket(path) or dockerSocket(path))');
  rt._validate('containerRuntime');
  const runtime = { kind: rt.kind, socketPath: rt.socketPath, socketDir: rt._socketDir() };

  const base = { names, namespace, credentials, logLevel };
  const nodeAgent = resolveNodeAgent(p.nodeAgent, (bool('tolerateControlPlane', p.tolerateControlPlane) ?? true), logLevel);
  const clusterAgent = resolveClusterAgent(p.clusterAgent, base);

  const partial = {
    names,
    platform,
    secretBackend: resolveSecretBackend(p.secretBackend),
    namespace,
    site,
    clusterName: p.clusterName,
    tags: [...(p.tags ?? [])],
    logLevel,
    images,
    credentials,
    kubelet,
    runtime,
    nodeAgent,
    clusterAgent,
  };
  const dogstatsd = resolveDogStatsd(p.dogstatsd);
  const apm = resolveApm(p.apm, dogstatsd);
  const systemProbeUsers = {
    networkMonitoring: resolveNetworkMonitoring(p.networkMonitoring),
    serviceMonitoring: resolveServiceMonitoring(p.serviceMonitoring),
    oomKill: resolveOomKill(p.oomKill),
    tcpQueueLength: resolveTcpQueueLength(p.tcpQueueLength),
    serviceDiscovery: resolveServiceDiscovery(p.serviceDiscovery, images.agentVersion),
    security: resolveSecurity(p.security),
  };

  // Cluster-level features, in dependency order.
  const clusterChecks = resolveClusterChecks(p.clusterChecks, clusterAgent);
  const clusterChecksRunner = resolveClusterChecksRunner(p.clusterChecksRunner, clusterAgent, clusterChecks, logLevel);
  const externalMetrics = resolveExternalMetrics(p.clusterAgent?.externalMetrics, clusterAgent, credentials);
  const externalMetricsPort = externalMetrics.enabled ? externalMetrics.port : undefined;
  const admissionController = resolveAdmissionController(
    p.clusterAgent?.admissionController, clusterAgent, apm, dogstatsd, nodeAgent, externalMetricsPort);
  return {
    ...systemProbeUsers,
    systemProbe: resolveSystemProbe(p.systemProbe, systemProbeUsers, images.agentVersion),
    ...partial,
    dogstatsd,
    apm,
    logs: resolveLogs(p.logs, runtime),
    processes: resolveProcesses(p.processes),
    // Ports that share the agent container or the node-local Service with the OTLP receivers.
    otlp: resolveOtlp(p.otlp, { ...AGENT_RESERVED_PORTS, ...(apm.enabled ? { [apm.port]: 'apm.port' } : {}) }),
    sbom: resolveSbom(p.sbom, p.containerImageCollection),
    prometheusScrape: resolvePrometheusScrape(p.prometheusScrape),
    remoteConfiguration: resolveRemoteConfiguration(p.remoteConfiguration),
    containerLifecycle: (bool('containerLifecycle', p.containerLifecycle) ?? true),
    checksCardinality: resolveChecksCardinality(p.checksCardinality),
    containerFilters: resolveContainerFilters(p),
    metadataAsTags: resolveMetadataAsTags(p),
    containerOverrides: resolveContainerOverrides(p.nodeAgent, p.clusterAgent),
    extraVolumes: resolveExtraVolumes(p.nodeAgent, p.clusterAgent),
    clusterChecks,
    clusterChecksRunner,
    kubeStateMetricsCore: resolveKubeStateMetricsCore(p.kubeStateMetricsCore, clusterAgent, clusterChecksRunner),
    orchestratorExplorer: resolveOrchestratorExplorer(p.orchestratorExplorer, clusterAgent),
    eventCollection: resolveEventCollection(p.eventCollection, clusterAgent),
    externalMetrics,
    admissionController,
    apmInstrumentation: resolveApmInstrumentation(p.apm?.instrumentation, admissionController, apm.enabled),
    integrations: resolveIntegrations(p.integrations, p.customChecks, clusterAgent.deployed, clusterChecks.enabled),
  };
}

/** Option groups that must be objects when given. */
const OBJECT_OPTIONS: (keyof DatadogAgentProps)[] = [
  'images', 'kubelet', 'nodeAgent', 'clusterAgent', 'apm', 'dogstatsd', 'logs', 'processes', 'systemProbe',
  'networkMonitoring', 'serviceMonitoring', 'oomKill', 'tcpQueueLength', 'serviceDiscovery', 'security', 'otlp', 'sbom',
  'prometheusScrape', 'remoteConfiguration', 'clusterChecks', 'clusterChecksRunner', 'kubeStateMetricsCore',
  'orchestratorExplorer', 'eventCollection', 'secretBackend',
];

/**
 * JavaScript callers can pass what TypeScript would refuse. Catch the shapes that would otherwise
 * surface as a TypeError deep inside a module: a scalar or null where an options object belongs,
 * and null anywhere in the options (leave an option out to get its default). Integration values
 * are free-form JSON and are checked by the integrations module.
 */
function checkShapes(p: DatadogAgentProps): void {
  for (const key of OBJECT_OPTIONS) options(key, p[key] as object | undefined);
  const walk = (path: string, v: unknown): void => {
    if (v === null) fail(`${path} must not be null: leave it out for the default`);
    if (Array.isArray(v)) {v.forEach((x, i) => walk(`${path}[${i}]`, x));} else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v as object)) walk(path ? `${path}.${k}` : k, x);
    }
  };
  for (const [k, v] of Object.entries(p)) if (k !== 'integrations' && k !== 'customChecks') walk(k, v);
}

