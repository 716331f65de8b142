import { createHash } from 'crypto';
import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { CONTAINER, VOLUME } from '../components/containers';
import { componentLabels, selectorLabels } from '../components/labels';
import type { PodPlacementOptions, ResolvedPodPlacement } from '../components/workload';
import { applyPodPlacement, resolvePodPlacement } from '../components/workload';
import type { CoreConfig } from '../config';
import type { EnvValueSource, ProbeOptions } from '../env-value';
import { resolveProbeOptions } from '../env-value';
import type { View } from '../feature';
import { defineFeature } from '../feature';
import { parseVersion, versionAtLeast } from '../images';
import { checkAnnotations } from '../input/kubernetes';
import type { ContainerPort, PolicyRule, Probe, ResourceRequirements, Volume } from '../model/k8s-json';
import { clusterScoped, intOrString, typedPodTemplate, typedRules } from '../model/objects';
import { PodModel } from '../model/pod';
import { toYaml } from '../model/yaml';
import {
  bool, checkInt, checkLabelKey, checkLabelValue, checkString, checkUnusedWhenOff, fail, list, options, resolveContainerPorts, show,
} from '../validation';
import type { ContainerResources, LogLevel } from '../workload-options';
import { checkLogLevel, resolveResources } from '../workload-options';
import type { ExtraVolume, ExtraVolumeMount, ResolvedMount } from './extra-volumes';
import { resolveVolumeSet } from './extra-volumes';
import type { OtelCollectorConfigMap, OtelCollectorConfigMapItem, OtelCollectorPort, OtelCollectorRbacOptions } from './otel-collector';
import { OTEL_CONFIG_DIR, isMap, resolveCollectorRbac, resolveConfigMapRef, resolveFeatureGates, resolveGivenConfig } from './otel-collector';

/**
 * Horizontal pod autoscaling of the gateway (`otelAgentGateway.autoscaling` in the chart): an
 * `autoscaling/v2` HorizontalPodAutoscaler `F-otel-agent-gateway-hpa` on the Deployment.
 */
export interface OtelAgentGatewayAutoscaling {
  /**
   * Create the HorizontalPodAutoscaler. The Deployment then has no `replicas` (the HPA owns the
   * count), and `otelAgentGateway.replicas` must be left out.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * The fewest replicas.
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * The most replicas (required with `enabled`).
   * @default - none: required with `enabled`
   */
  readonly maxReplicas?: number;
  /**
   * What the HPA scales on (`autoscaling/v2` metric specs: `Resource`, `External`...).
   * @default - Kubernetes' default: 80% average CPU utilization
   */
  readonly metrics?: k8s.MetricSpecV2[];
  /**
   * Scale-up and scale-down behaviour (stabilization windows, policies).
   * @default - Kubernetes' defaults
   */
  readonly behavior?: k8s.HorizontalPodAutoscalerBehaviorV2;
  /**
   * Annotations on the HorizontalPodAutoscaler.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * The DDOT gateway (`otelAgentGateway.*` in the chart): a Deployment of the standalone
 * `ddot-collector` in gateway mode, behind the Service `F-otel-agent-gateway`, that the node
 * agents' collectors (`otelCollector`) or applications send OTLP to. It exports to Datadog
 * (tail sampling, load balancing... are configured in `config`).
 */
export interface OtelAgentGatewayOptions {
  /**
   * Deploy the gateway. With `otelCollector` enabled and its default configuration, the node
   * collectors forward everything to it over OTLP/HTTP.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Number of gateway pods (left out with `autoscaling.enabled`).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Ports of the `otel-agent` container, also the ports of the Service. The default configuration
   * receives OTLP on the ports named `otel-grpc` and `otel-http`.
   * @default - `otel-grpc` 4317 and `otel-http` 4318 (TCP, no host port)
   */
  readonly ports?: OtelCollectorPort[];
  /**
   * The gateway's collector configuration, as an object (written as YAML into the ConfigMap
   * `F-otel-gateway-config`). A literal Datadog exporter API key is refused: use `${env:DD_API_KEY}`.
   * @default - OTLP receivers on `otel-grpc` and `otel-http`, the Datadog exporter, the
   * `health_check` extension on `healthPort` and the `datadog` extension, pipelines for traces,
   * metrics and logs
   */
  readonly config?: { [key: string]: any };
  /**
   * Your own ConfigMap holding the configuration, instead of `config`. Without `items`, its key
   * (`otel-gateway-config.yaml` unless `key` says otherwise) is mounted as `otel-gateway-config.yaml`.
   * @default - the ConfigMap `F-otel-gateway-config` rendered from `config`
   */
  readonly configMap?: OtelCollectorConfigMap;
  /**
   * Collector feature gates (`--feature-gates`), e.g. `-datadog.EnableOperationAndResourceNameV2`.
   * @default - none
   */
  readonly featureGates?: string[];
  /**
   * Kubernetes API access of the gateway: the ClusterRole `F-otel-agent-gateway`, bound to the
   * gateway's own ServiceAccount, when the configuration has a `k8sattributes` processor (not in
   * passthrough mode) or `rules` are given.
   * @default - the k8sattributes rules when the configuration needs them
   */
  readonly rbac?: OtelCollectorRbacOptions;
  /**
   * Type of the Service `F-otel-agent-gateway`: `ClusterIP`, `NodePort` or `LoadBalancer`.
   * @default "ClusterIP"
   */
  readonly serviceType?: string;
  /**
   * Tag of the `ddot-collector` image (7.67.0 or newer; not a `-full` tag).
   * @default - the node agent's version (`images.agentTag`)
   */
  readonly imageTag?: string;
  /**
   * CPU and memory of the `otel-agent` container.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * CPU and memory of the `init-volume` init container.
   * @default - none
   */
  readonly initContainerResources?: ContainerResources;
  /**
   * Log level of the gateway.
   * @default - the top-level `logLevel`
   */
  readonly logLevel?: LogLevel;
  /**
   * Port of the collector's `health_check` extension, which the probes query (the default
   * configuration listens on it; a `config` of yours must, for the probes).
   * @default 13133
   */
  readonly healthPort?: number;
  /**
   * Adds a liveness probe (httpGet `/` on `healthPort`) tuned by these settings; `{}` takes the
   * defaults (15s initial delay and period, 5s timeout, success 1, failure 6).
   * @default - no liveness probe (the chart's default)
   */
  readonly livenessProbe?: ProbeOptions;
  /**
   * Adds a readiness probe (httpGet `/` on `healthPort`) tuned by these settings; `{}` takes the
   * defaults (15s initial delay and period, 5s timeout, success 1, failure 6).
   * @default - no readiness probe (the chart's default)
   */
  readonly readinessProbe?: ProbeOptions;
  /**
   * Tolerations of the gateway pods.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Extra node selector labels. `kubernetes.io/os: linux` is always set.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity of the gateway pods.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Topology spread constraints of the gateway pods.
   * @default - none (the cluster's defaults)
   */
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  /**
   * PriorityClass of the gateway pods.
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Extra labels on the gateway pods.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Extra annotations on the gateway pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Extra labels on the Deployment and its pods (`additionalLabels` in the chart).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations on the Deployment (`deploymentAnnotations` in the chart).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Annotations on the gateway's ServiceAccount, such as a cloud identity.
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Extra env of the `otel-agent` container. A name the library also sets is replaced by yours.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Extra env of the `otel-agent` container from a Secret or ConfigMap key, a pod field or a
   * container resource. A name in both `env` and `envValueFrom` is an error.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * Extra volumes of the gateway pods; each must be mounted by `volumeMounts`.
   * @default - none
   */
  readonly volumes?: ExtraVolume[];
  /**
   * Mounts of `volumes` into the `otel-agent` container.
   * @default - none
   */
  readonly volumeMounts?: ExtraVolumeMount[];
  /**
   * Lifecycle hooks of the `otel-agent` container (a `preStop` sleep lets a load balancer drain).
   * @default - none
   */
  readonly lifecycle?: k8s.Lifecycle;
  /**
   * Seconds a pod has to stop after SIGTERM.
   * @default - Kubernetes' default (30)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Old ReplicaSets kept for rollbacks.
   * @default 10
   */
  readonly revisionHistoryLimit?: number;
  /**
   * A HorizontalPodAutoscaler for the Deployment.
   * @default - none: `replicas` pods
   */
  readonly autoscaling?: OtelAgentGatewayAutoscaling;
}

/** @internal */
export interface ResolvedOtelAgentGateway extends ResolvedPodPlacement {
  readonly enabled: boolean;
  /** Deployment, Service, ServiceAccount and ClusterRole(Binding): `F-otel-agent-gateway`. */
  readonly name: string;
  readonly serviceName: string;
  /** Undefined with autoscaling: the HPA owns the count. */
  readonly replicas?: number;
  readonly ports: ContainerPort[];
  /** The configuration rendered into `F-otel-gateway-config`; undefined with `configMap`. */
  readonly config?: { [k: string]: unknown };
  readonly configMap?: { readonly name: string; readonly items: OtelCollectorConfigMapItem[] };
  readonly featureGates: string[];
  /** The rules of `F-otel-agent-gateway`; empty: no ClusterRole, and no API token in the pods. */
  readonly rules: PolicyRule[];
  readonly serviceType: string;
  readonly image: string;
  readonly resources?: ResourceRequirements;
  readonly initResources?: ResourceRequirements;
  readonly logLevel: string;
  readonly healthPort: number;
  readonly probes: { readonly liveness?: Probe; readonly readiness?: Probe };
  readonly topologySpreadConstraints: k8s.TopologySpreadConstraint[];
  readonly labels: { [k: string]: string };
  readonly annotations: { [k: string]: string };
  readonly extraVolumes: { readonly volumes: Volume[]; readonly mounts: ResolvedMount[] };
  readonly lifecycle?: k8s.Lifecycle;
  readonly terminationGracePeriodSeconds?: number;
  readonly revisionHistoryLimit: number;
  readonly autoscaling?: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly metrics: k8s.MetricSpecV2[];
    readonly behavior?: k8s.HorizontalPodAutoscalerBehaviorV2;
    readonly annotations: { [k: string]: string };
  };
}

const P = 'otelAgentGateway';
const GATEWAY_FILE = 'otel-gateway-config.yaml';
const GATEWAY_CONFIG_VOLUME = 'otelgatewayconfig';
/** The first agent version with the standalone `ddot-collector` image, which the gateway runs. */
const GATEWAY_SINCE: [number, number, number] = [7, 67, 0];
/** From this version the `datadog` extension reports the deployment as a gateway. */
const DEPLOYMENT_TYPE_SINCE: [number, number, number] = [7, 75, 0];
const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer'];

/** Every gateway container: no privilege, read-only root (scratch space is emptyDirs). */
const GATEWAY_CONTAINER_SECURITY = {
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

/** @internal */
export function resolveOtelAgentGateway(p: { readonly otelAgentGateway?: OtelAgentGatewayOptions }, c: CoreConfig): ResolvedOtelAgentGateway {
  const o = options(P, p.otelAgentGateway);
  const enabled = bool(`${P}.enabled`, o.enabled) ?? false;
  checkUnusedWhenOff(P, o, enabled);
  const name = `${c.names.fullname}-otel-agent-gateway`;

  const ports = o.ports === undefined
    ? [{ name: 'otel-grpc', containerPort: 4317, protocol: 'TCP' as const }, { name: 'otel-http', containerPort: 4318, protocol: 'TCP' as const }]
    : resolveContainerPorts(`${P}.ports`, o.ports);
  if (enabled && ports.length === 0) fail(`${P}.ports must list at least one port: the Service needs one`);
  checkInt(`${P}.healthPort`, o.healthPort, 1, 65535);
  const healthPort = o.healthPort ?? 13133;
  const clash = ports.find(x => x.containerPort === healthPort);
  if (clash) fail(`${P}.healthPort ${healthPort} is also the port ${clash.name} of ${P}.ports: choose another`);

  const tag = o.imageTag ?? imageTagOf(c);
  const version = parseVersion(tag);
  if (enabled) {
    checkString(`${P}.imageTag`, tag, /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'an image tag');
    if (/-full$/.test(tag)) fail(`${P}.imageTag: the gateway runs the ddot-collector image, which has no -full variant, got ${show(tag)}`);
    if (!versionAtLeast(version, GATEWAY_SINCE)) {
      fail(`${P} needs the ddot-collector image ${GATEWAY_SINCE.join('.')} or newer (${o.imageTag === undefined ? 'images.agentTag' : `${P}.imageTag`}), got ${show(tag)}`);
    }
  }

  let config: { [k: string]: unknown } | undefined;
  let configMap: ResolvedOtelAgentGateway['configMap'];
  if (o.configMap !== undefined) {
    if (o.config !== undefined) fail(`${P}.config and ${P}.configMap are both set: give the configuration one way`);
    configMap = resolveConfigMapRef(`${P}.configMap`, o.configMap, GATEWAY_FILE);
  } else if (o.config !== undefined) {
    config = resolveGivenConfig(`${P}.config`, o.config);
  } else {
    const port = (n: string) => {
      const x = ports.find(y => y.name === n);
      if (!x) fail(`${P}.ports must have a port named ${n}: the default configuration's OTLP receiver listens on it (or give ${P}.config)`);
      return x.containerPort;
    };
    config = enabled ? defaultGatewayConfig(port('otel-grpc'), port('otel-http'), healthPort, c.site.host, versionAtLeast(version, DEPLOYMENT_TYPE_SINCE)) : undefined;
  }
  const { rules } = resolveCollectorRbac(`${P}.rbac`, o.rbac, config);

  const probe = (kind: 'liveness' | 'readiness', settings: ProbeOptions | undefined): Probe | undefined => {
    const s = resolveProbeOptions(`${P}.${kind}Probe`, kind, settings);
    if (!s) return undefined;
    if (config && !hasHealthCheck(config)) fail(`${P}.${kind}Probe queries the health_check extension, which ${P}.config does not run (service.extensions)`);
    return {
      httpGet: { path: '/', port: healthPort, scheme: 'HTTP' },
      initialDelaySeconds: 15,
      periodSeconds: 15,
      timeoutSeconds: 5,
      successThreshold: 1,
      failureThreshold: 6,
      ...s,
    };
  };

  const serviceType = o.serviceType ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(serviceType)) fail(`${P}.serviceType must be one of ${SERVICE_TYPES.join(', ')}, got ${show(serviceType)}`);
  checkLogLevel(`${P}.logLevel`, o.logLevel);
  checkInt(`${P}.replicas`, o.replicas, 1, 1000);
  checkInt(`${P}.terminationGracePeriodSeconds`, o.terminationGracePeriodSeconds, 0, 86400);
  checkInt(`${P}.revisionHistoryLimit`, o.revisionHistoryLimit, 0, 1000);
  for (const [k, v] of Object.entries(o.labels ?? {})) {
    checkLabelKey(`${P}.labels`, k);
    checkLabelValue(`${P}.labels["${k}"]`, v);
  }
  const problems: string[] = [];
  checkAnnotations(`${P}.annotations`, o.annotations ?? {}, problems);
  checkAnnotations(`${P}.podAnnotations`, o.podAnnotations ?? {}, problems);
  if (problems.length) fail(problems[0]);

  const autoscaling = resolveAutoscaling(options(`${P}.autoscaling`, o.autoscaling));
  if (autoscaling && o.replicas !== undefined) fail(`${P}.replicas and ${P}.autoscaling.enabled are both set: the HPA decides the count (between autoscaling.minReplicas and maxReplicas)`);

  const placement: PodPlacementOptions = {
    tolerations: o.tolerations,
    nodeSelector: o.nodeSelector,
    affinity: o.affinity,
    priorityClassName: o.priorityClassName,
    podLabels: o.podLabels,
    podAnnotations: o.podAnnotations,
    serviceAccountAnnotations: o.serviceAccountAnnotations,
    env: o.env,
    envValueFrom: o.envValueFrom,
  };
  const extra = resolveVolumeSet(P, o.volumes, [[`${P}.volumeMounts`, CONTAINER.OTEL_AGENT, o.volumeMounts]]);
  for (const [i, v] of extra.volumes.entries()) {
    if (['varlog', VOLUME.TMP, VOLUME.CONFIG, GATEWAY_CONFIG_VOLUME].includes(v.name)) fail(`${P}.volumes[${i}].name ${show(v.name)} is a volume name the library uses; choose another name`);
  }
  for (const m of extra.mounts) {
    if (['/etc/otel-agent', '/var/log/datadog', '/tmp', '/etc/datadog-agent'].includes(m.mount.mountPath)) {
      fail(`${m.path}.mountPath ${show(m.mount.mountPath)} is already a mount point of container otel-agent; choose another path`);
    }
  }

  return {
    ...resolvePodPlacement(P, placement),
    enabled,
    name,
    serviceName: name,
    replicas: autoscaling ? undefined : o.replicas ?? 1,
    ports,
    config,
    configMap,
    featureGates: resolveFeatureGates(`${P}.featureGates`, o.featureGates),
    rules,
    serviceType,
    image: `${c.images.registry}/ddot-collector:${tag}`,
    resources: resolveResources(`${P}.resources`, o.resources),
    initResources: resolveResources(`${P}.initContainerResources`, o.initContainerResources),
    logLevel: o.logLevel ?? c.logLevel,
    healthPort,
    probes: { liveness: probe('liveness', o.livenessProbe), readiness: probe('readiness', o.readinessProbe) },
    topologySpreadConstraints: list(`${P}.topologySpreadConstraints`, o.topologySpreadConstraints),
    labels: { ...(o.labels ?? {}) },
    annotations: { ...(o.annotations ?? {}) },
    extraVolumes: extra,
    lifecycle: typedLifecycle(o.lifecycle),
    terminationGracePeriodSeconds: o.terminationGracePeriodSeconds,
    revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
    autoscaling,
  };
}

function resolveAutoscaling(a: OtelAgentGatewayAutoscaling): ResolvedOtelAgentGateway['autoscaling'] {
  const path = `${P}.autoscaling`;
  const enabled = bool(`${path}.enabled`, a.enabled) ?? false;
  checkUnusedWhenOff(path, a, enabled);
  if (!enabled) return undefined;
  checkInt(`${path}.minReplicas`, a.minReplicas, 1, 1000);
  checkInt(`${path}.maxReplicas`, a.maxReplicas, 1, 1000);
  if (a.maxReplicas === undefined) fail(`${path}.maxReplicas is required with ${path}.enabled`);
  const minReplicas = a.minReplicas ?? 1;
  if (a.maxReplicas < minReplicas) fail(`${path}.maxReplicas (${a.maxReplicas}) must not be below ${path}.minReplicas (${minReplicas})`);
  const problems: string[] = [];
  checkAnnotations(`${path}.annotations`, a.annotations ?? {}, problems);
  if (problems.length) fail(problems[0]);
  return {
    minReplicas,
    maxReplicas: a.maxReplicas,
    metrics: list(`${path}.metrics`, a.metrics).map((x, i) => typedMetric(`${path}.metrics[${i}]`, x)),
    behavior: a.behavior,
    annotations: { ...(a.annotations ?? {}) },
  };
}

/**
 * Lifecycle hooks with their ports typed: the typed classes read `k8s.IntOrString` there, and a
 * port written as a number or string (JSON or YAML input) would otherwise be dropped from the output.
 */
function typedLifecycle(l: k8s.Lifecycle | undefined): k8s.Lifecycle | undefined {
  if (l === undefined) return undefined;
  options(`${P}.lifecycle`, l);
  const hook = (name: 'postStart' | 'preStop') => {
    const h: any = l[name];
    if (!isMap(h)) return h;
    const out: any = { ...h };
    for (const kind of ['httpGet', 'tcpSocket']) {
      const port = (h[kind] as any)?.port;
      if (typeof port === 'number' || typeof port === 'string') out[kind] = { ...(h[kind] as object), port: intOrString(port) };
    }
    return out;
  };
  return { ...l, ...(l.postStart ? { postStart: hook('postStart') } : {}), ...(l.preStop ? { preStop: hook('preStop') } : {}) };
}

const METRIC_SOURCES: { [type: string]: string } = {
  Resource: 'resource', ContainerResource: 'containerResource', External: 'external', Object: 'object', Pods: 'pods',
};

/**
 * An HPA metric with its target quantities typed: the typed classes read `k8s.Quantity`, and a
 * quantity written as a string (JSON or YAML input) would otherwise be dropped from the output.
 */
function typedMetric(path: string, m: k8s.MetricSpecV2): k8s.MetricSpecV2 {
  options(path, m);
  const source = METRIC_SOURCES[m.type];
  if (!source) fail(`${path}.type must be one of ${Object.keys(METRIC_SOURCES).join(', ')}, got ${show(m.type)}`);
  const spec = (m as any)[source];
  if (!isMap(spec) || !isMap(spec.target)) fail(`${path}.${source}.target is required for a ${m.type} metric`);
  const target: { [k: string]: unknown } = { ...spec.target };
  for (const q of ['averageValue', 'value']) {
    const v = target[q];
    if (typeof v === 'string' || typeof v === 'number') {
      checkString(`${path}.${source}.target.${q}`, String(v), /^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$/, 'a Kubernetes quantity');
      target[q] = k8s.Quantity.fromString(String(v));
    }
  }
  return { ...m, [source]: { ...spec, target } } as k8s.MetricSpecV2;
}

/** The agent's tag without a digest: the ddot-collector image is released with the same version. */
function imageTagOf(c: CoreConfig): string {
  const ref = c.images.agent;
  const tag = ref.slice(ref.lastIndexOf('/agent:') + '/agent:'.length).split('@')[0];
  const v = parseVersion(tag);
  return v ? v.join('.') : tag.replace(/-jmx$/, '');
}

function hasHealthCheck(config: { [k: string]: unknown }): boolean {
  const service = isMap(config.service) ? config.service : {};
  return Array.isArray(service.extensions) && service.extensions.some(e => e === 'health_check' || String(e).startsWith('health_check/'));
}

/**
 * The gateway's configuration when none is given: OTLP in, the Datadog exporter out, the
 * `health_check` extension the probes query and the `datadog` extension (which reports the
 * gateway deployment type from 7.75).
 */
function defaultGatewayConfig(
  grpcPort: number, httpPort: number, healthPort: number, site: string, deploymentType: boolean,
): { [k: string]: unknown } {
  const api = { key: '${env:DD_API_KEY}', site };
  return {
    receivers: {
      otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${grpcPort}` }, http: { endpoint: `0.0.0.0:${httpPort}` } } },
    },
    exporters: {
      datadog: { api, sending_queue: { batch: { flush_timeout: '10s' } } },
    },
    extensions: {
      health_check: { endpoint: `0.0.0.0:${healthPort}` },
      datadog: { api, ...(deploymentType ? { deployment_type: 'gateway' } : {}) },
    },
    service: {
      extensions: ['health_check', 'datadog'],
      pipelines: {
        traces: { receivers: ['otlp'], exporters: ['datadog'] },
        metrics: { receivers: ['otlp'], exporters: ['datadog'] },
        logs: { receivers: ['otlp'], exporters: ['datadog'] },
      },
    },
  };
}

/** The gateway pod: an `init-volume` copy of the image's config directory, then `otel-agent`. @internal */
export function gatewayPod(c: View<'otelAgentGateway'>): PodModel {
  const g = c.otelAgentGateway;
  const pod = new PodModel('otelAgentGateway');
  applyPodPlacement(pod, c, g, { selectorName: g.name, component: 'otel-agent-gateway', serviceAccountName: g.name });
  Object.assign(pod.labels, g.labels, selectorLabels(g.name), componentLabels(c, 'otel-agent-gateway'));
  pod.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
  // A Datadog component: the admission controller must not inject into it.
  pod.labels['admission.datadoghq.com/enabled'] = 'false';
  pod.terminationGracePeriodSeconds = g.terminationGracePeriodSeconds;

  const items = g.configMap?.items ?? [{ key: GATEWAY_FILE, path: GATEWAY_FILE }];
  pod.addInitContainer(CONTAINER.INIT_VOLUME, {
    image: g.image,
    imagePullPolicy: c.images.pullPolicy,
    command: ['cp', '-r'],
    args: ['/etc/datadog-agent', '/opt'],
    securityContext: GATEWAY_CONTAINER_SECURITY,
  }).mount({ name: VOLUME.CONFIG, mountPath: '/opt/datadog-agent' }).setResources(g.initResources);

  const ct = pod.addContainer(CONTAINER.OTEL_AGENT, {
    image: g.image,
    imagePullPolicy: c.images.pullPolicy,
    command: ['otel-agent', '--sync-delay=30s'],
    args: [
      ...items.map(i => `--config=${OTEL_CONFIG_DIR}/${i.path}`),
      ...(g.featureGates.length ? [`--feature-gates=${g.featureGates.join(',')}`] : []),
    ],
    securityContext: GATEWAY_CONTAINER_SECURITY,
  });
  for (const port of g.ports) ct.addPort(port);
  ct.setResources(g.resources);
  ct.setEnv({
    DD_API_KEY: { secretKeyRef: { name: c.credentials.secretName, key: c.credentials.apiKeyKey } },
    DD_OTELCOLLECTOR_ENABLED: 'true',
    DD_OTELCOLLECTOR_INSTALLATION_METHOD: 'kubernetes',
    DD_OTELCOLLECTOR_GATEWAY_MODE: 'true',
    DD_OTEL_STANDALONE: 'false',
    DD_HOSTNAME: { fieldRef: { fieldPath: 'spec.nodeName' } },
    // No infra attributes, Prometheus scraping or flare in the gateway; health_check is in the config.
    DD_OTELCOLLECTOR_CONVERTER_FEATURES: 'zpages,pprof,datadog',
    DD_SITE: c.site.host,
    DD_CLUSTER_NAME: c.clusterName,
    DD_TAGS: c.tags.length ? c.tags.join(' ') : undefined,
    // The gateway is not a host agent: no host metadata, processes, remote configuration, command
    // or IPC server.
    DD_ENABLE_METADATA_COLLECTION: 'false',
    DD_PROCESS_AGENT_ENABLED: 'false',
    DD_REMOTE_CONFIGURATION_ENABLED: 'false',
    DD_INVENTORIES_ENABLED: 'false',
    DD_CMD_PORT: '0',
    DD_AGENT_IPC_PORT: '0',
    DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '0',
    DD_LOG_LEVEL: g.logLevel,
  });
  if (Object.keys(g.env).length) ct.overrideEnv(g.env);
  ct.setProbes({ liveness: g.probes.liveness, readiness: g.probes.readiness });

  pod.addVolume({
    name: GATEWAY_CONFIG_VOLUME,
    configMap: g.configMap ? { name: g.configMap.name, items: g.configMap.items } : { name: configMapName(c), items },
  });
  if (g.config) pod.annotations['checksum/otel-gateway-config'] = createHash('sha256').update(toYaml(g.config)).digest('hex');
  for (const v of ['varlog', VOLUME.TMP, VOLUME.CONFIG]) pod.emptyDir(v);
  ct.mount({ name: GATEWAY_CONFIG_VOLUME, mountPath: OTEL_CONFIG_DIR, readOnly: true });
  ct.mount({ name: 'varlog', mountPath: '/var/log/datadog' });
  ct.mount({ name: VOLUME.TMP, mountPath: '/tmp' });
  ct.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent', readOnly: true });
  for (const v of g.extraVolumes.volumes) pod.addVolume(v);
  for (const m of g.extraVolumes.mounts) ct.mount(m.mount);
  return pod;
}

function configMapName(c: CoreConfig): string {
  return `${c.names.fullname}-otel-gateway-config`;
}

/** The rendered pod template, with what the pod model does not carry (lifecycle, topology spread, the API token). */
function template(g: ResolvedOtelAgentGateway, pod: PodModel): any {
  const t = typedPodTemplate(pod.render());
  return {
    ...t,
    spec: {
      ...t.spec,
      // Only a gateway with Kubernetes API rules gets a token.
      automountServiceAccountToken: g.rules.length > 0,
      containers: t.spec.containers.map((ct: any) => (ct.name === CONTAINER.OTEL_AGENT && g.lifecycle ? { ...ct, lifecycle: g.lifecycle } : ct)),
      ...(g.topologySpreadConstraints.length ? { topologySpreadConstraints: g.topologySpreadConstraints } : {}),
    },
  };
}

function gatewayObjects(scope: Construct, c: View<'otelAgentGateway'>): void {
  const g = c.otelAgentGateway;
  const labels = componentLabels(c, 'otel-agent-gateway');
  const pod = gatewayPod(c);
  const metadata = { name: g.name, namespace: c.namespace, labels };

  new k8s.KubeServiceAccount(scope, 'OtelGatewayServiceAccount', {
    metadata: {
      ...metadata,
      ...(Object.keys(g.serviceAccountAnnotations).length ? { annotations: { ...g.serviceAccountAnnotations } } : {}),
    },
    automountServiceAccountToken: g.rules.length > 0,
  });
  new k8s.KubeDeployment(scope, 'OtelGatewayDeployment', {
    metadata: {
      ...metadata,
      labels: { ...g.labels, ...labels },
      ...(Object.keys(g.annotations).length ? { annotations: { ...g.annotations } } : {}),
    },
    spec: {
      ...(g.replicas !== undefined ? { replicas: g.replicas } : {}),
      revisionHistoryLimit: g.revisionHistoryLimit,
      // Surge-only rollouts: a new gateway is up before an old one goes.
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrString(1), maxUnavailable: intOrString(0) } },
      selector: { matchLabels: selectorLabels(g.name) },
      template: Lazy.any({ produce: () => template(g, pod) }),
    },
  });
  new k8s.KubeService(scope, 'OtelGatewayService', {
    metadata,
    spec: {
      type: g.serviceType,
      selector: selectorLabels(g.name),
      ports: g.ports.map(x => ({
        name: x.name, port: x.containerPort, targetPort: intOrString(x.containerPort), protocol: x.protocol,
      })),
    },
  });
  if (g.config) {
    new k8s.KubeConfigMap(scope, 'OtelGatewayConfig', {
      metadata: { name: configMapName(c), namespace: c.namespace, labels },
      data: { [GATEWAY_FILE]: toYaml(g.config) },
    });
  }
  if (g.rules.length) {
    clusterScoped(new k8s.KubeClusterRole(scope, 'OtelGatewayClusterRole', { metadata: { name: g.name, labels }, rules: typedRules(g.rules) }));
    clusterScoped(new k8s.KubeClusterRoleBinding(scope, 'OtelGatewayClusterRoleBinding', {
      metadata: { name: g.name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: g.name },
      subjects: [{ kind: 'ServiceAccount', name: g.name, namespace: c.namespace }],
    }));
  }
  const a = g.autoscaling;
  if (a) {
    new k8s.KubeHorizontalPodAutoscalerV2(scope, 'OtelGatewayHpa', {
      metadata: {
        name: `${g.name}-hpa`,
        namespace: c.namespace,
        labels: componentLabels(c, 'otel-agent-gateway-hpa'),
        ...(Object.keys(a.annotations).length ? { annotations: { ...a.annotations } } : {}),
      },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: g.name },
        minReplicas: a.minReplicas,
        maxReplicas: a.maxReplicas,
        ...(a.metrics.length ? { metrics: a.metrics } : {}),
        ...(a.behavior ? { behavior: a.behavior } : {}),
      },
    });
  }
}

/**
 * The DDOT gateway: Deployment, Service, ServiceAccount, configuration ConfigMap, the ClusterRole
 * its processors need and an optional HPA. The node agents' collectors point at it (otel-collector.ts).
 */
export const otelAgentGateway = defineFeature({
  id: 'otel-agent-gateway',
  option: 'otelAgentGateway',
  resolve: (p, c) => resolveOtelAgentGateway(p, c),
  enabled: (c) => c.otelAgentGateway.enabled,
  objects: (scope, c) => gatewayObjects(scope, c),
});
