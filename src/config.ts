import { CLUSTER_AGENT_RESERVED_PORTS, resolveClusterAgent } from './components/cluster-agent';
import type { ResolvedClusterAgent } from './components/cluster-agent';
import type { ResolvedClusterChecksRunner } from './components/cluster-checks-runner';
import { POD_RESOURCES_DIR } from './components/containers';
import { AGENT_RESERVED_PORTS, resolveNodeAgent } from './components/node-agent';
import type { ResolvedNodeAgent } from './components/node-agent';
import type { ResolvedWindowsNodes } from './components/windows-node-agent';
import type { RuntimeKind } from './container-runtime';
import { ContainerRuntime } from './container-runtime';
import type { ResolvedCredentials } from './credentials';
import type { AnyFeature, PortClaim, Resolver } from './feature';
import type { ResolvedAdmissionController } from './features/admission-controller';
import type { ResolvedApm } from './features/apm';
import type { ResolvedApmInstrumentation } from './features/apm-instrumentation';
import type { ResolvedAppsecInjector } from './features/appsec-injector';
import type { ResolvedAutoscaling } from './features/autoscaling';
import type { ResolvedClusterChecks } from './features/cluster-checks';
import type { ResolvedContainerFilters } from './features/container-filters';
import type { ResolvedContainerOverrides } from './features/container-overrides';
import type { ResolvedDogStatsd } from './features/dogstatsd';
import type { ResolvedEventCollection } from './features/event-collection';
import type { ResolvedExternalMetrics } from './features/external-metrics';
import type { ResolvedExtraVolumes } from './features/extra-volumes';
import type { ResolvedGpuMonitoring } from './features/gpu-monitoring';
import type { ResolvedHelmCheck } from './features/helm-check';
import { COMPONENT_RESOLVERS, FEATURES } from './features/index';
import type { ResolvedKubeStateMetricsCore } from './features/kube-state-metrics-core';
import type { ResolvedKubernetesActions } from './features/kubernetes-actions';
import type { ResolvedLogs } from './features/logs';
import type { ResolvedMetadataAsTags } from './features/metadata-as-tags';
import type { ResolvedNetworkMonitoring } from './features/network-monitoring';
import type { ResolvedNetworkPath } from './features/network-path';
import type { ResolvedNetworkPolicy } from './features/network-policy';
import type { ResolvedOomKill } from './features/oom-kill';
import type { ResolvedOrchestratorExplorer } from './features/orchestrator-explorer';
import type { ResolvedOtelAgentGateway } from './features/otel-agent-gateway';
import type { ResolvedOtelCollector } from './features/otel-collector';
import type { ResolvedOtlp } from './features/otlp';
import type { Platform, ResolvedEks, ResolvedOpenShift } from './features/platform';
import { platformConstant, platformTraits, resolvePlatform } from './features/platform';
import type { ResolvedPodLifecycle } from './features/pod-lifecycle';
import type { ResolvedPriorityClass } from './features/priority-class';
import type { ResolvedProcesses } from './features/processes';
import type { ResolvedPrometheusScrape } from './features/prometheus-scrape';
import type { ResolvedRawConfig } from './features/raw-config';
import type { ResolvedRemoteConfiguration } from './features/remote-configuration';
import type { ResolvedSbom } from './features/sbom';
import type { ResolvedSecretBackend } from './features/secret-backend';
import type { ResolvedSecurity } from './features/security';
import type { ResolvedServiceDiscovery } from './features/service-discovery';
import type { ResolvedServiceMonitoring } from './features/service-monitoring';
import type { ResolvedSystemProbe } from './features/system-probe';
import type { ResolvedTcpQueueLength } from './features/tcp-queue-length';
import type { ResolvedImages } from './images';
import { resolveImages } from './images';
import { InputError } from './input/strict';
import type { IntegrationRegistry } from './integrations/registry';
import { KubeletHost } from './kubelet';
import type { EnvValue } from './model/pod';
import type { Names } from './naming';
import { resolveNames } from './naming';
import type { DatadogAgentProps } from './props';
import { DatadogSite } from './site';
import { ValidationError, checkAbsolutePath, checkDnsLabel, checkString, fail, options, show, bool, list } from './validation';
import { LogLevel, checkLogLevel } from './workload-options';


/**
 * The installation-wide settings every module may read: resolved in this file, before any
 * feature, and independent of them.
 *
 * @internal
 */
export interface CoreConfig {
  readonly names: Names;
  readonly platform: Platform;
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
    /** Mount podResourcesSocketDir into the agent (only when the option is given). */
    readonly mountPodResources: boolean;
  };
  readonly runtime: { readonly kind: RuntimeKind; readonly socketPath: string; readonly socketDir: string };
  readonly nodeAgent: ResolvedNodeAgent;
  readonly clusterAgent: ResolvedClusterAgent;
}

/**
 * The options of every feature, resolved by the feature's own module (its `resolve`), keyed as
 * the feature's `option`.
 *
 * @internal
 */
export interface FeatureConfig {
  /** `createNamespace`: render the Namespace object. */
  readonly createNamespace: boolean;
  readonly secretBackend: ResolvedSecretBackend;
  readonly apm: ResolvedApm;
  readonly dogstatsd: ResolvedDogStatsd;
  readonly logs: ResolvedLogs;
  readonly processes: ResolvedProcesses;
  readonly systemProbe: ResolvedSystemProbe;
  readonly networkMonitoring: ResolvedNetworkMonitoring;
  readonly networkPath: ResolvedNetworkPath;
  readonly serviceMonitoring: ResolvedServiceMonitoring;
  readonly oomKill: ResolvedOomKill;
  readonly tcpQueueLength: ResolvedTcpQueueLength;
  readonly gpuMonitoring: ResolvedGpuMonitoring;
  readonly serviceDiscovery: ResolvedServiceDiscovery;
  readonly security: ResolvedSecurity;
  readonly otlp: ResolvedOtlp;
  /** `otelCollector`: DDOT, the OpenTelemetry Collector in the node agent pod. */
  readonly otelCollector: ResolvedOtelCollector;
  /** `otelAgentGateway`: the DDOT gateway Deployment. */
  readonly otelAgentGateway: ResolvedOtelAgentGateway;
  readonly sbom: ResolvedSbom;
  readonly prometheusScrape: ResolvedPrometheusScrape;
  readonly remoteConfiguration: ResolvedRemoteConfiguration;
  readonly containerLifecycle: boolean;
  readonly checksCardinality: string | undefined;
  readonly containerFilters: ResolvedContainerFilters;
  readonly metadataAsTags: ResolvedMetadataAsTags;
  readonly containerOverrides: ResolvedContainerOverrides;
  /** Lifecycle hooks and termination grace periods of the agent pods. */
  readonly podLifecycle: ResolvedPodLifecycle;
  readonly extraVolumes: ResolvedExtraVolumes;
  readonly clusterChecks: ResolvedClusterChecks;
  /** `eks`: EKS control-plane checks, host name from file. */
  readonly eks: ResolvedEks;
  /** `openshift`: OpenShift control-plane checks. */
  readonly openshift: ResolvedOpenShift;
  readonly clusterChecksRunner: ResolvedClusterChecksRunner;
  /** `windowsNodes`: the Windows node agent DaemonSet. */
  readonly windowsNodes: ResolvedWindowsNodes;
  readonly kubeStateMetricsCore: ResolvedKubeStateMetricsCore;
  readonly orchestratorExplorer: ResolvedOrchestratorExplorer;
  readonly eventCollection: ResolvedEventCollection;
  /** `helmCheck`: the Helm check. */
  readonly helmCheck: ResolvedHelmCheck;
  /** `appsecInjector`: the AppSec proxy injector. */
  readonly appsecInjector: ResolvedAppsecInjector;
  /** `kubernetesActions`: remediation actions from Datadog. */
  readonly kubernetesActions: ResolvedKubernetesActions;
  /** `autoscaling`: Datadog Kubernetes Autoscaling. */
  readonly autoscaling: ResolvedAutoscaling;
  /** `clusterAgent.externalMetrics`. */
  readonly externalMetrics: ResolvedExternalMetrics;
  /** `clusterAgent.admissionController`. */
  readonly admissionController: ResolvedAdmissionController;
  /** `apm.instrumentation`. */
  readonly apmInstrumentation: ResolvedApmInstrumentation;
  /** `rawConfig`: raw configuration files. */
  readonly rawConfig: ResolvedRawConfig;
  /** `priorityClass`: the node agents' PriorityClass. */
  readonly priorityClass: ResolvedPriorityClass;
  /** `networkPolicy`: the components' network policies. */
  readonly networkPolicy: ResolvedNetworkPolicy;
  /** Mutable: `DatadogAgent.addIntegration` adds to it after construction. */
  readonly integrations: IntegrationRegistry;
}

/**
 * Everything the façade needs, resolved once from DatadogAgentProps: defaults applied, input
 * validated, derived values computed.
 *
 * @internal
 */
export interface ResolvedConfig extends CoreConfig, FeatureConfig {}

/** The cluster name rule the agent enforces: lowercase DNS-like, dots allowed, at most 80. */
const CLUSTER_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?(\.[a-z]([-a-z0-9]*[a-z0-9])?)*$/;
/** A Datadog tag: `key:value` or a bare value; no spaces or commas. */
const TAG = /^[A-Za-z][-\w.:/]{0,199}$/;

/**
 * Resolves the props: the core first, then every feature's `resolve` in the order their `needs`
 * imply, then the checks across features (port claims).
 *
 * @internal
 */
export function resolveConfig(
  p: DatadogAgentProps, chartNamespace: string | undefined,
  features: readonly AnyFeature[] = FEATURES, resolvers: readonly Resolver<any, any>[] = COMPONENT_RESOLVERS,
): ResolvedConfig {
  const core = resolveCore(p, chartNamespace);
  const c: any = { ...core };
  // Every feature's problems are reported together; a feature that needs one that failed is
  // skipped (its own checks would only repeat the first problem).
  const problems: string[] = [];
  const failed = new Set<string>();
  for (const r of resolutionOrder([...features, ...resolvers])) {
    const users = gatheredFrom(r, features);
    if ([...(r.needs ?? []), ...users.map(f => f.option)].some(n => failed.has(n))) {
      failed.add(r.option);
      continue;
    }
    try {
      const gather = (k: keyof typeof GATHERERS): any[] => (GATHERERS[k] === r.id ? users.flatMap(f => hook(f, k)?.(c) ?? []) : []);
      c[r.option] = r.resolve!(p, c, { systemProbeNeeds: gather('needsSystemProbe'), remoteConfigurationNeeds: gather('needsRemoteConfiguration') });
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(...(e instanceof InputError ? e.problems : [e.message]));
      failed.add(r.option);
    }
  }
  if (problems.length === 1) fail(problems[0]);
  if (problems.length) throw new InputError(problems);
  const config = c as ResolvedConfig;
  checkPortClaims(config, features);
  return config;
}

/**
 * The features that own a shared decision, by the hook they gather from every other feature
 * before they resolve (so they resolve after every feature that has the hook).
 */
const GATHERERS = {
  needsSystemProbe: 'system-probe',
  needsRemoteConfiguration: 'remote-configuration',
} as const;

type Gatherable = Resolver<any, any> & { [K in keyof typeof GATHERERS]?: unknown };

function hook(f: Gatherable, k: keyof typeof GATHERERS): ((c: unknown) => unknown) | undefined {
  return f[k] as ((c: unknown) => unknown) | undefined;
}

/** The features whose hook `r` gathers (none unless `r` is a gatherer). */
function gatheredFrom<T extends Gatherable>(r: T, all: readonly T[]): T[] {
  const hooks = (Object.keys(GATHERERS) as (keyof typeof GATHERERS)[]).filter(k => GATHERERS[k] === r.id);
  return all.filter(f => f !== r && hooks.some(k => f[k] !== undefined));
}

/**
 * The resolvers in an order where each comes after what it `needs` (and each gatherer after every
 * feature with its hook); ties keep the registry's order. A cycle is a bug in the registry.
 */
export function resolutionOrder<T extends Gatherable>(all: readonly T[]): T[] {
  const withOption = all.filter(r => r.option !== undefined && r.resolve !== undefined);
  const byOption = new Map(withOption.map(r => [r.option as string, r]));
  const deps = (r: T): T[] => {
    const named = (r.needs ?? []).map(k => {
      const d = byOption.get(k as string);
      if (!d) throw new Error(`feature ${r.id} needs ${String(k)}, which no feature resolves`);
      return d;
    });
    return [...named, ...gatheredFrom(r, withOption)];
  };
  const out: T[] = [];
  const state = new Map<T, 'visiting' | 'done'>();
  const visit = (r: T, path: string[]): void => {
    if (state.get(r) === 'done') return;
    if (state.get(r) === 'visiting') throw new Error(`features need each other in a cycle: ${[...path, r.id].join(' -> ')}`);
    state.set(r, 'visiting');
    for (const d of deps(r)) visit(d, [...path, r.id]);
    state.set(r, 'done');
    out.push(r);
  };
  withOption.forEach(r => visit(r, []));
  return out;
}

/** Two claims of one port (and protocol) on one component's pod fail, naming both owners. */
function checkPortClaims(c: ResolvedConfig, features: readonly AnyFeature[]): void {
  const claims: PortClaim[] = [
    ...Object.entries(AGENT_RESERVED_PORTS).map(([port, owner]) => ({ component: 'nodeAgent' as const, port: Number(port), owner })),
    ...Object.entries(CLUSTER_AGENT_RESERVED_PORTS).map(([port, owner]) => ({ component: 'clusterAgent' as const, port: Number(port), owner })),
    ...features.flatMap(f => f.ports?.(c) ?? []),
  ];
  const seen = new Map<string, PortClaim>();
  for (const claim of claims) {
    const key = `${claim.component}/${claim.port}/${claim.protocol ?? 'TCP'}`;
    const prev = seen.get(key);
    if (prev) fail(`${claim.owner} ${claim.port} is already used by ${prev.owner}`);
    seen.set(key, claim);
  }
}

/** The installation-wide settings. */
function resolveCore(p: DatadogAgentProps, chartNamespace: string | undefined): CoreConfig {
  if (!p || !p.credentials || typeof (p.credentials as any)._resolve !== 'function') {
    fail('credentials is required: use Credentials.fromSecret("datadog-secret") or Credentials.fromValues({ apiKey })');
  }
  checkShapes(p);
  const platform = resolvePlatform(p.platform);
  const names = resolveNames(p.name ?? 'datadog', platform);
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
  const traits = platformTraits(platform);
  if (!traits.hostSystem && p.clusterName === undefined) {
    fail(`clusterName is required with platform: ${platformConstant(platform)}: host names there are "<node name>-<clusterName>" (DD_HOSTNAME)`);
  }
  const images = resolveImages(p.images, site._defaultRegistry(traits.googleRegistry));

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
    podResourcesSocketDir: k.podResourcesSocketDir ?? POD_RESOURCES_DIR,
    mountPodResources: k.podResourcesSocketDir !== undefined,
  };

  if (!traits.hostSystem && p.containerRuntime !== undefined) {
    fail(`containerRuntime: platform ${platformConstant(platform)} gives the agent no container runtime socket (it reads containers from the kubelet); leave containerRuntime unset`);
  }
  const rt = p.containerRuntime ?? (traits.defaultRuntime === 'crio' ? ContainerRuntime.CRIO : ContainerRuntime.CONTAINERD);
  if (traits.onlyRuntimeSocket && (!(rt instanceof ContainerRuntime) || rt.socketPath !== traits.onlyRuntimeSocket)) {
    fail(`containerRuntime: platform ${platformConstant(platform)} nodes run containerd, and only its socket directory is admitted (${traits.onlyRuntimeSocket}); leave containerRuntime unset or CONTAINERD`);
  }
  if (!(rt instanceof ContainerRuntime)) fail('containerRuntime must be a ContainerRuntime (CONTAINERD, CRIO, DOCKER, criSocket(path) or dockerSocket(path))');
  rt._validate('containerRuntime');
  const runtime = { kind: rt._kind(), socketPath: rt.socketPath, socketDir: rt._socketDir() };

  const nodeAgent = resolveNodeAgent(p.nodeAgent, (bool('tolerateControlPlane', p.tolerateControlPlane) ?? true), logLevel, platform);
  const clusterAgent = resolveClusterAgent(p.clusterAgent, { names, credentials, logLevel });
  return {
    names,
    platform,
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
}

/** Option groups that must be objects when given. */
const OBJECT_OPTIONS: (keyof DatadogAgentProps)[] = [
  'images', 'kubelet', 'nodeAgent', 'clusterAgent', 'apm', 'dogstatsd', 'logs', 'processes', 'systemProbe',
  'networkMonitoring', 'networkPath', 'serviceMonitoring', 'oomKill', 'tcpQueueLength', 'gpuMonitoring', 'serviceDiscovery', 'security', 'otlp', 'sbom',
  'prometheusScrape', 'remoteConfiguration', 'clusterChecks', 'clusterChecksRunner', 'windowsNodes', 'kubeStateMetricsCore',
  'orchestratorExplorer', 'eventCollection', 'helmCheck', 'appsecInjector', 'kubernetesActions', 'autoscaling', 'secretBackend', 'rawConfig', 'priorityClass', 'eks',
  'openshift', 'otelCollector', 'otelAgentGateway',
];

/**
 * JavaScript callers can pass what TypeScript would refuse. Catch the shapes that would otherwise
 * surface as a TypeError deep inside a module: a scalar or null where an options object belongs,
 * and null anywhere in the options (leave an option out to get its default). Integration values,
 * raw configuration files and the OTel collector configuration are free-form JSON, checked by
 * their own modules.
 */
function checkShapes(p: DatadogAgentProps): void {
  for (const key of OBJECT_OPTIONS) options(key, p[key] as object | undefined);
  const walk = (path: string, v: unknown): void => {
    if (v === null) fail(`${path} must not be null: leave it out for the default`);
    if (Array.isArray(v)) {v.forEach((x, i) => walk(`${path}[${i}]`, x));} else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
      for (const [k, x] of Object.entries(v as object)) walk(path ? `${path}.${k}` : k, x);
    }
  };
  for (const [k, v] of Object.entries(p)) {
    if (k === 'integrations' || k === 'customChecks' || k === 'rawConfig') continue;
    // The collector configuration is free-form too (a component with no settings is null).
    if ((k === 'otelCollector' || k === 'otelAgentGateway') && v && typeof v === 'object') walk(k, { ...v, config: undefined });
    else walk(k, v);
  }
}

