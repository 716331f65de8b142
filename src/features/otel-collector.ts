import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-27';
import { CONTAINER, VOLUME } from '../components/containers';
import { componentLabels } from '../components/labels';
import { NODE_CONTAINER_SECURITY } from '../components/node-agent';
import type { CoreConfig } from '../config';
import type { PortClaim, RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { parseVersion, versionAtLeast } from '../images';
import type { ContainerPort, PolicyRule } from '../model/k8s-json';
import type { PodModel } from '../model/pod';
import { toYaml } from '../model/yaml';
import { bool, checkDnsSubdomain, checkString, checkUnusedWhenOff, fail, list, options, resolveContainerPorts, show } from '../validation';
import { SOCKET_DIR_IN_CONTAINER } from './dogstatsd';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';

/** A port the `otel-agent` container listens on (the chart's `datadog.otelCollector.ports[]`). */
export interface OtelCollectorPort {
  /**
   * Name of the port (an IANA service name: at most 15 lowercase letters, digits and "-"). The
   * default configuration's OTLP receivers listen on the ports named `otel-grpc` and `otel-http`.
   */
  readonly name: string;
  /** Port the collector listens on in the pod. */
  readonly containerPort: number;
  /**
   * Also expose the port on the node's IP, so applications can send to `status.hostIP`.
   * @default - no host port
   */
  readonly hostPort?: number;
  /**
   * `TCP` or `UDP`.
   * @default "TCP"
   */
  readonly protocol?: string;
}

/** One file of a ConfigMap given as the collector configuration. */
export interface OtelCollectorConfigMapItem {
  /** The key in the ConfigMap. */
  readonly key: string;
  /** The file name under `/etc/otel-agent` (each is passed to the collector as a `--config`). */
  readonly path: string;
}

/** A ConfigMap of yours that holds the collector configuration (`datadog.otelCollector.configMap`). */
export interface OtelCollectorConfigMap {
  /** Name of the ConfigMap, in the agent's namespace. */
  readonly name: string;
  /**
   * The key holding the configuration, mounted as `otel-config.yaml`. Ignored when `items` is set.
   * @default "otel-config.yaml"
   */
  readonly key?: string;
  /**
   * Several configuration files, merged by the collector in this order.
   * @default - the single `key`
   */
  readonly items?: OtelCollectorConfigMapItem[];
}

/** The collector's Kubernetes API access (`datadog.otelCollector.rbac`). */
export interface OtelCollectorRbacOptions {
  /**
   * Create the ClusterRole `F-otel-agent` (bound to the node agent's ServiceAccount) when the
   * configuration has a `k8sattributes` processor that is not in passthrough mode (read access to
   * pods, namespaces and replicasets), or when `rules` is set.
   * @default true
   */
  readonly create?: boolean;
  /**
   * More rules for that ClusterRole, for processors or receivers of your configuration that read
   * the Kubernetes API. Wildcards are refused.
   * @default - none
   */
  readonly rules?: k8s.PolicyRule[];
}

/**
 * The Datadog Distribution of the OpenTelemetry Collector (DDOT) in the node agent pod
 * (`datadog.otelCollector.*` in the chart): an `otel-agent` container next to the core agent.
 */
export interface OtelCollectorOptions {
  /**
   * Run the `otel-agent` container.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Ports of the `otel-agent` container, also on the node-local Service. They are checked against
   * every other port of the pod (the core agent's OTLP receivers among them).
   * @default - `otel-grpc` 4317 and `otel-http` 4318 (TCP, no host port)
   */
  readonly ports?: OtelCollectorPort[];
  /**
   * The collector configuration, as an object (written as YAML into the ConfigMap
   * `F-otel-config`). A literal Datadog exporter API key is refused: use `${env:DD_API_KEY}`.
   * @default - OTLP receivers on the `otel-grpc` and `otel-http` ports, the collector's own metrics
   * scraped by a prometheus receiver, the `infraattributes` processor, the Datadog exporter and
   * connector, pipelines for traces, metrics and logs
   */
  readonly config?: { [key: string]: any };
  /**
   * Your own ConfigMap holding the configuration, instead of `config`.
   * @default - the ConfigMap `F-otel-config` rendered from `config`
   */
  readonly configMap?: OtelCollectorConfigMap;
  /**
   * Collector feature gates (`--feature-gates`), e.g. `-datadog.EnableOperationAndResourceNameV2`.
   * @default - none
   */
  readonly featureGates?: string[];
  /**
   * Run the standalone `ddot-collector` image (agent 7.67.0+), tagged like the agent. With
   * `false`, the container runs the agent image's `-full` variant.
   * @default true
   */
  readonly useStandaloneImage?: boolean;
  /**
   * Kubernetes API access of the collector.
   * @default - the k8sattributes rules when the configuration needs them
   */
  readonly rbac?: OtelCollectorRbacOptions;
  /**
   * Mount the pod and container log directories into `otel-agent`, for a `filelog` receiver of
   * `config` (required to be there) or of your `configMap`.
   * @default false
   */
  readonly logsEnabled?: boolean;
}

/** @internal */
export interface ResolvedOtelCollector {
  readonly enabled: boolean;
  readonly ports: ContainerPort[];
  /** The configuration this library renders into `F-otel-config`; undefined with `configMap`. */
  readonly config?: object;
  readonly configMap?: { readonly name: string; readonly items: OtelCollectorConfigMapItem[] };
  readonly featureGates: string[];
  readonly useStandaloneImage: boolean;
  readonly rbacCreate: boolean;
  /** The rules of `F-otel-agent` (k8sattributes' and yours); empty: no ClusterRole. */
  readonly rules: PolicyRule[];
  readonly logsEnabled: boolean;
  /** The OTel gateway runs (`otelAgentGateway.enabled`): the collector's converter leaves out infra attributes and Prometheus. */
  readonly gateway: boolean;
}

/** Where the collector reads its configuration. */
export const OTEL_CONFIG_DIR = '/etc/otel-agent';
const OTEL_CONFIG_VOLUME = 'otelconfig';
const DEFAULT_FILE = 'otel-config.yaml';
/** The first agent version that has the standalone `ddot-collector` image. */
const STANDALONE_SINCE: [number, number, number] = [7, 67, 0];

const FILE_NAME = /^[A-Za-z0-9._-]+$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const FEATURE_GATE = /^[-+]?[A-Za-z0-9][A-Za-z0-9._-]*$/;
const RBAC_WORD = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$|^$/;

/** What the k8sattributes processor reads (the chart's rules). */
const K8S_ATTRIBUTES_RULES: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'watch', 'list'] },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
];

/** @internal */
export function isMap(v: unknown): v is { [k: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function resolvePorts(o: OtelCollectorPort[] | undefined): ContainerPort[] {
  if (o === undefined) {
    return [{ name: 'otel-grpc', containerPort: 4317, protocol: 'TCP' }, { name: 'otel-http', containerPort: 4318, protocol: 'TCP' }];
  }
  return resolveContainerPorts('otelCollector.ports', o);
}

/**
 * Refuses a literal API key in a Datadog exporter of the configuration: the ConfigMap would hold
 * the secret. `${env:...}` references (the otel-agent container has `DD_API_KEY`) are fine.
 */
export function checkNoLiteralKeys(config: { [k: string]: unknown }, path = 'otelCollector.config'): void {
  const exporters = isMap(config.exporters) ? config.exporters : {};
  for (const [name, e] of Object.entries(exporters)) {
    if (!/^datadog(\/|$)/.test(name) || !isMap(e) || !isMap(e.api)) continue;
    const key = e.api.key;
    if (key !== undefined && key !== null && !(typeof key === 'string' && /^\$\{(env:)?[A-Za-z_][A-Za-z0-9_]*\}$/.test(key))) {
      fail(`${path}.exporters.${name}.api.key must not be the key itself (the ConfigMap would hold it): use "\${env:DD_API_KEY}"`);
    }
  }
}

/** The processors/receivers of a component type: `k8sattributes` matches `k8sattributes/x` too. @internal */
export function named(section: unknown, type: string): [string, unknown][] {
  return isMap(section) ? Object.entries(section).filter(([k]) => k === type || k.startsWith(`${type}/`)) : [];
}

function resolveRules(r: OtelCollectorRbacOptions, at: string): PolicyRule[] {
  return list(`${at}.rules`, r.rules).map((rule, i) => {
    const path = `${at}.rules[${i}]`;
    options(path, rule);
    const out: { [k: string]: string[] } = {};
    for (const k of ['apiGroups', 'resources', 'resourceNames', 'verbs'] as const) {
      const v = list(`${path}.${k}`, rule[k]);
      v.forEach((x, j) => {
        if (typeof x === 'string' && x.includes('*')) fail(`${path}.${k}[${j}] must not be a wildcard: name what the collector reads, got ${show(x)}`);
        checkString(`${path}.${k}[${j}]`, x, k === 'resources' ? /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[a-z]+)?$/ : RBAC_WORD, k === 'resources' ? 'a resource name (optionally /subresource)' : 'a lowercase name');
      });
      if (v.length) out[k] = [...v];
    }
    const extra = Object.keys(rule).filter(k => !['apiGroups', 'resources', 'resourceNames', 'verbs'].includes(k) && (rule as any)[k] !== undefined);
    if (extra.length) fail(`${path}.${extra[0]} is not supported: a rule has apiGroups, resources, resourceNames and verbs`);
    if (!out.verbs) fail(`${path}.verbs must list at least one verb`);
    if (!out.resources) fail(`${path}.resources must list at least one resource`);
    return { apiGroups: out.apiGroups ?? [''], resources: out.resources, ...(out.resourceNames ? { resourceNames: out.resourceNames } : {}), verbs: out.verbs };
  });
}

/** A collector configuration given as an object, checked and copied. @internal */
export function resolveGivenConfig(path: string, given: unknown): { [k: string]: unknown } {
  if (!isMap(given)) fail(`${path} must be an object (the collector configuration), got ${show(given)}`);
  if (!isMap(given.service) || !isMap(given.service.pipelines)) fail(`${path} must have service.pipelines: the collector runs nothing without it`);
  checkNoLiteralKeys(given, path);
  return JSON.parse(JSON.stringify(given));
}

/** Feature gates of a collector (`--feature-gates`). @internal */
export function resolveFeatureGates(path: string, gates: string[] | undefined): string[] {
  return list(path, gates).map((g, i) => {
    checkString(`${path}[${i}]`, g, FEATURE_GATE, 'a feature gate id, optionally prefixed with "-" or "+"');
    return g;
  });
}

/**
 * The ClusterRole rules of a collector: the k8sattributes processor's (when the configuration has
 * one that is not in passthrough mode) and the user's, unless `create` is false. @internal
 */
export function resolveCollectorRbac(
  path: string, o: OtelCollectorRbacOptions | undefined, config: { [k: string]: unknown } | undefined,
): { create: boolean; rules: PolicyRule[] } {
  const rbac = options(path, o);
  const create = bool(`${path}.create`, rbac.create) ?? true;
  const userRules = resolveRules(rbac, path);
  if (!create && userRules.length) fail(`${path}.rules needs ${path}.create, which is false`);
  const processors = config ? named(config.processors, 'k8sattributes') : [];
  // Passthrough mode only tags with the pod IP: no API access.
  const needsK8sAttributes = processors.some(([, v]) => !isMap(v) || !v.passthrough);
  return { create, rules: create ? [...(needsK8sAttributes ? K8S_ATTRIBUTES_RULES : []), ...userRules] : [] };
}

/** Your ConfigMap holding a collector configuration: its name and the files it mounts. @internal */
export function resolveConfigMapRef(path: string, o: OtelCollectorConfigMap, file: string): { name: string; items: OtelCollectorConfigMapItem[] } {
  const cm = options(path, o);
  checkDnsSubdomain(`${path}.name`, cm.name);
  if (cm.name === undefined) fail(`${path}.name is required`);
  checkString(`${path}.key`, cm.key, CONFIG_KEY, 'a ConfigMap key (letters, digits, "-", "_", ".")');
  const items = cm.items === undefined
    ? [{ key: cm.key ?? file, path: file }]
    : list(`${path}.items`, cm.items).map((it, i) => {
      options(`${path}.items[${i}]`, it);
      checkString(`${path}.items[${i}].key`, it.key, CONFIG_KEY, 'a ConfigMap key (letters, digits, "-", "_", ".")');
      checkString(`${path}.items[${i}].path`, it.path, FILE_NAME, 'a file name (letters, digits, "-", "_", ".")');
      if (it.key === undefined || it.path === undefined) fail(`${path}.items[${i}] needs key and path`);
      return { key: it.key, path: it.path };
    });
  if (cm.items !== undefined && cm.key !== undefined) fail(`${path}.key and ${path}.items are both set: use items only`);
  if (items.length === 0) fail(`${path}.items must list at least one file`);
  const paths = items.map(i => i.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup) fail(`${path}.items mounts two keys at ${show(dup)}`);
  return { name: cm.name, items };
}

/** @internal */
export function resolveOtelCollector(
  o: OtelCollectorOptions | undefined, site: string, agentVersion?: [number, number, number], platform: Platform = 'generic',
  gateway?: OtelGatewayTarget,
): ResolvedOtelCollector {
  const oc = options('otelCollector', o);
  const enabled = bool('otelCollector.enabled', oc.enabled) ?? false;
  if (enabled && !platformTraits(platform).sidecars) {
    fail(`otelCollector.enabled: platform ${platformConstant(platform)} runs the core agent container only, so no otel-agent`);
  }
  checkUnusedWhenOff('otelCollector', oc, enabled);
  const useStandaloneImage = bool('otelCollector.useStandaloneImage', oc.useStandaloneImage) ?? true;
  const logsEnabled = bool('otelCollector.logsEnabled', oc.logsEnabled) ?? false;
  const ports = resolvePorts(oc.ports);
  const featureGates = resolveFeatureGates('otelCollector.featureGates', oc.featureGates);
  if (enabled && useStandaloneImage && !versionAtLeast(agentVersion, STANDALONE_SINCE)) {
    fail(`otelCollector.useStandaloneImage needs agent ${STANDALONE_SINCE.join('.')} or newer (images.agentTag): set it to false to run the agent image's -full variant`);
  }

  let config: { [k: string]: unknown } | undefined;
  let configMap: ResolvedOtelCollector['configMap'];
  if (oc.configMap !== undefined) {
    if (oc.config !== undefined) fail('otelCollector.config and otelCollector.configMap are both set: give the configuration one way');
    configMap = resolveConfigMapRef('otelCollector.configMap', oc.configMap, DEFAULT_FILE);
  } else if (oc.config !== undefined) {
    config = resolveGivenConfig('otelCollector.config', oc.config);
  } else {
    const port = (name: string) => {
      const p = ports.find(x => x.name === name);
      if (!p) fail(`otelCollector.ports must have a port named ${name}: the default configuration's OTLP receiver listens on it (or give otelCollector.config)`);
      return p.containerPort;
    };
    config = gateway && enabled
      ? gatewayClientConfig(port('otel-grpc'), port('otel-http'), gateway)
      : defaultConfig(port('otel-grpc'), port('otel-http'), site);
  }

  const { create: rbacCreate, rules } = resolveCollectorRbac('otelCollector.rbac', oc.rbac, config);

  if (enabled && logsEnabled && config && named(config.receivers, 'filelog').length === 0) {
    fail('otelCollector.logsEnabled mounts the log directories for a filelog receiver, but otelCollector.config has none');
  }
  return { enabled, ports, config, configMap, featureGates, useStandaloneImage, rbacCreate, rules, logsEnabled, gateway: gateway !== undefined };
}

/** Where the node collectors send when the gateway runs (`otelAgentGateway.enabled`). @internal */
export interface OtelGatewayTarget {
  /** The gateway's Service name, in the agent's namespace. */
  readonly service: string;
  /** The gateway's `otel-http` port, where the default configuration sends OTLP over HTTP. */
  readonly httpPort?: number;
}

/**
 * The default configuration with the gateway deployed: the node collector tags what it receives
 * with the pod's infrastructure attributes, computes trace stats, and forwards everything to the
 * gateway over OTLP/HTTP; the gateway exports to Datadog.
 */
function gatewayClientConfig(grpcPort: number, httpPort: number, gateway: OtelGatewayTarget): { [k: string]: unknown } {
  if (gateway.httpPort === undefined) {
    fail('otelCollector\'s default configuration sends to the gateway\'s otel-http port: give otelAgentGateway.ports a port named otel-http, or give otelCollector.config');
  }
  return {
    receivers: {
      otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${grpcPort}` }, http: { endpoint: `0.0.0.0:${httpPort}` } } },
    },
    exporters: {
      otlphttp: { endpoint: `http://${gateway.service}:${gateway.httpPort}`, tls: { insecure: true }, sending_queue: { batch: { flush_timeout: '10s' } } },
    },
    processors: { infraattributes: { cardinality: 2 } },
    connectors: {
      'datadog/connector': { traces: { compute_top_level_by_span_kind: true, peer_tags_aggregation: true, compute_stats_by_span_kind: true } },
    },
    service: {
      pipelines: {
        traces: { receivers: ['otlp'], processors: ['infraattributes'], exporters: ['otlphttp', 'datadog/connector'] },
        metrics: { receivers: ['otlp', 'datadog/connector'], processors: ['infraattributes'], exporters: ['otlphttp'] },
        logs: { receivers: ['otlp'], processors: ['infraattributes'], exporters: ['otlphttp'] },
      },
    },
  };
}

/**
 * The configuration the collector runs when none is given: the pipeline facts of the chart's
 * default (OTLP in, the Datadog exporter out, trace stats through the Datadog connector, the
 * collector's own metrics scraped without the scrape bookkeeping series).
 */
function defaultConfig(grpcPort: number, httpPort: number, site: string): { [k: string]: unknown } {
  return {
    receivers: {
      prometheus: {
        config: { scrape_configs: [{ job_name: 'otelcol', scrape_interval: '60s', static_configs: [{ targets: ['0.0.0.0:8888'] }] }] },
      },
      otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${grpcPort}` }, http: { endpoint: `0.0.0.0:${httpPort}` } } },
    },
    exporters: {
      datadog: { api: { key: '${env:DD_API_KEY}', site }, sending_queue: { batch: { flush_timeout: '10s' } } },
    },
    processors: {
      'infraattributes': { cardinality: 2 },
      'filter/drop-prometheus-internal-metrics': {
        metrics: { exclude: { match_type: 'regexp', metric_names: ['^scrape_.*$', '^up$', '^promhttp_metric_handler_errors_total$'] } },
      },
    },
    connectors: {
      'datadog/connector': { traces: { compute_top_level_by_span_kind: true, peer_tags_aggregation: true, compute_stats_by_span_kind: true } },
    },
    service: {
      pipelines: {
        'traces': { receivers: ['otlp'], processors: ['infraattributes'], exporters: ['datadog', 'datadog/connector'] },
        'metrics': { receivers: ['otlp', 'datadog/connector'], processors: ['infraattributes'], exporters: ['datadog'] },
        'metrics/prometheus': { receivers: ['prometheus'], processors: ['filter/drop-prometheus-internal-metrics', 'infraattributes'], exporters: ['datadog'] },
        'logs': { receivers: ['otlp'], processors: ['infraattributes'], exporters: ['datadog'] },
      },
    },
  };
}

/** The image of `otel-agent`: `ddot-collector` tagged with the agent version, or the agent's `-full` variant. */
function otelImage(c: CoreConfig, standalone: boolean): string {
  const ref = c.images.agent;
  const at = ref.lastIndexOf('/agent:');
  const tagAndDigest = ref.slice(at + '/agent:'.length);
  const [tag, digest] = tagAndDigest.split('@');
  if (standalone) {
    if (/-full$/.test(tag)) fail(`otelCollector.useStandaloneImage runs the ddot-collector image: images.agentTag must not be a -full tag, got ${show(tag)}`);
    const v = parseVersion(tag);
    return `${c.images.registry}/ddot-collector:${v ? v.join('.') : tag.replace(/-jmx$/, '')}`;
  }
  if (digest) fail('otelCollector.useStandaloneImage: false runs the agent image\'s -full variant, which images.agentDigest cannot pin: remove the digest or use the standalone image');
  return `${ref.slice(0, at)}/agent:${/-full$/.test(tag) ? tag : `${tag}-full`}`;
}

function configMapName(c: CoreConfig): string {
  return `${c.names.fullname}-otel-config`;
}

/**
 * DDOT: the `otel-agent` container (the collector, fed the core agent's config over IPC), its
 * configuration ConfigMap, ports (also on the node-local Service), the core agent's IPC env, the
 * log directories for a filelog receiver, and the ClusterRole its processors need.
 */
export const otelCollector = defineFeature({
  id: 'otel-collector',
  option: 'otelCollector',
  needs: ['otelAgentGateway'],
  uses: ['logs'],
  resolve: (p, c) => resolveOtelCollector(p.otelCollector, c.site.host, c.images.agentVersion, c.platform, c.otelAgentGateway.enabled
    ? { service: c.otelAgentGateway.serviceName, httpPort: c.otelAgentGateway.ports.find(x => x.name === 'otel-http')?.containerPort }
    : undefined),
  enabled: (c) => c.otelCollector.enabled,
  ports: (c) => !c.otelCollector.enabled ? [] : c.otelCollector.ports.map((p): PortClaim => ({
    component: 'nodeAgent', port: p.containerPort, protocol: p.protocol, owner: `otelCollector.ports ${p.name}`,
  })),
  localServicePorts: (c) => !c.otelCollector.enabled ? []
    : c.otelCollector.ports.map(p => ({ name: p.name, port: p.containerPort, protocol: p.protocol })),
  nodeAgent: (c, pod) => {
    const o = c.otelCollector;
    const items = o.configMap?.items ?? [{ key: DEFAULT_FILE, path: DEFAULT_FILE }];
    const ipc = { DD_AGENT_IPC_PORT: '5009', DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '60' };
    pod.container(CONTAINER.AGENT).setEnv({ ...ipc, DD_OTELCOLLECTOR_ENABLED: 'true' });

    const ct = pod.addContainer(CONTAINER.OTEL_AGENT, {
      image: otelImage(c, o.useStandaloneImage),
      imagePullPolicy: c.images.pullPolicy,
      // The collector reads the core agent's datadog.yaml (API key, site, tags) and syncs the
      // rest of its settings from the agent over IPC.
      command: ['otel-agent', '--core-config=/etc/datadog-agent/datadog.yaml', '--sync-delay=30s'],
      args: [
        ...items.map(i => `--config=${OTEL_CONFIG_DIR}/${i.path}`),
        ...(o.featureGates.length ? [`--feature-gates=${o.featureGates.join(',')}`] : []),
      ],
      envGroups: ['common', 'clusterAgentClient'],
      securityContext: NODE_CONTAINER_SECURITY,
    });
    for (const p of o.ports) ct.addPort(p);
    ct.setEnv({
      ...ipc,
      DD_OTELCOLLECTOR_ENABLED: 'true',
      DD_OTEL_STANDALONE: 'false',
      DD_OTELCOLLECTOR_INSTALLATION_METHOD: 'kubernetes',
      DD_LOG_LEVEL: c.nodeAgent.logLevel,
      // With the gateway, infra attributes and Prometheus scraping are the user's choice (in the
      // configuration), so that the two layers do not both add them.
      DD_OTELCOLLECTOR_CONVERTER_FEATURES: o.gateway ? 'health_check,zpages,pprof,ddflare,datadog' : undefined,
    });

    pod.addVolume({
      name: OTEL_CONFIG_VOLUME,
      configMap: o.configMap
        ? { name: o.configMap.name, items: o.configMap.items }
        : { name: configMapName(c), items: [{ key: DEFAULT_FILE, path: DEFAULT_FILE }] },
    });
    if (o.config) pod.annotations['checksum/otel-config'] = createHash('sha256').update(toYaml(o.config)).digest('hex');

    const autopilot = c.platform === 'gke-autopilot';
    ct.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent', readOnly: true });
    ct.mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' });
    if (platformTraits(c.platform).authTokenVolume) ct.mount({ name: VOLUME.AUTH_TOKEN, mountPath: '/etc/datadog-agent/auth', readOnly: true });
    ct.mount({ name: OTEL_CONFIG_VOLUME, mountPath: OTEL_CONFIG_DIR, readOnly: true });
    if (!autopilot) {
      ct.mount({ name: VOLUME.PROC, mountPath: '/host/proc', readOnly: true, mountPropagation: 'None' });
      ct.mount({ name: VOLUME.CGROUPS, mountPath: '/host/sys/fs/cgroup', readOnly: true, mountPropagation: 'None' });
    }
    ct.mount({ name: VOLUME.TMP, mountPath: '/tmp' });
    ct.mount({ name: VOLUME.RUNTIME_SOCKET_DIR, mountPath: `/host${c.runtime.socketDir}`, readOnly: true, mountPropagation: 'None' });
    if (c.kubelet.hostCAPath) ct.mount({ name: VOLUME.KUBELET_CA, mountPath: c.kubelet.agentCAPath!, readOnly: true });

    if (o.logsEnabled) {
      const l = c.logs;
      pod.hostPath('logpodpath', l.podLogsPath);
      ct.mount({ name: 'logpodpath', mountPath: '/var/log/pods', readOnly: true, mountPropagation: 'None' });
      pod.hostPath('logscontainerspath', '/var/log/containers');
      ct.mount({ name: 'logscontainerspath', mountPath: '/var/log/containers', readOnly: true, mountPropagation: 'None' });
      if (l.dockerContainersPath) {
        pod.hostPath('logdockercontainerpath', l.dockerContainersPath);
        ct.mount({ name: 'logdockercontainerpath', mountPath: l.dockerContainersPath, readOnly: true, mountPropagation: 'None' });
      }
    }
    // Shared with the core agent, whichever module defines them: the run directory (log pointers)
    // and the DogStatsD socket directory (read-only).
    pod.onRender(() => shareAgentMounts(pod, autopilot));
  },
  rbac: (c): RbacGrant[] => (c.otelCollector.rules.length ? [{ to: 'nodeAgent', role: `${c.names.fullname}-otel-agent`, rules: c.otelCollector.rules }] : []),
  objects: (scope, c) => {
    const o = c.otelCollector;
    if (!o.config) return;
    new k8s.KubeConfigMap(scope, 'OtelConfig', {
      metadata: { name: configMapName(c), namespace: c.namespace, labels: componentLabels(c, 'agent') },
      data: { [DEFAULT_FILE]: toYaml(o.config) },
    });
  },
});

function shareAgentMounts(pod: PodModel, autopilot: boolean): void {
  const ct = pod.container(CONTAINER.OTEL_AGENT);
  const agentMounts = pod.container(CONTAINER.AGENT).mountList();
  const run = agentMounts.find(m => m.mountPath === '/opt/datadog-agent/run');
  if (run && !autopilot) ct.mount({ name: run.name, mountPath: run.mountPath });
  if (pod.hasVolume(VOLUME.DSD_SOCKET)) ct.mount({ name: VOLUME.DSD_SOCKET, mountPath: SOCKET_DIR_IN_CONTAINER, readOnly: true });
}
