import { CONTAINER } from '../components/containers';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { registerOptionClass } from '../input/classes';
import type { PolicyRule } from '../model/k8s-json';
import {
  bool, checkDnsLabel, checkInt, checkPort, checkQuantity, checkString, checkUnusedWhenOff, fail, list, options, show,
} from '../validation';

/** A proxy the AppSec injector configures (`datadog.appsec.injector.proxies` in the chart). */
export class AppsecProxy {
  /** Envoy Gateway: the injector creates Envoy extension policies and backends for its Gateways. */
  public static readonly ENVOY_GATEWAY = new AppsecProxy('envoy-gateway');
  /** Istio through the Kubernetes Gateway API: the injector watches Istio-managed GatewayClasses. */
  public static readonly ISTIO = new AppsecProxy('istio');
  /** Native Istio `Gateway` objects (`networking.istio.io`): the injector adds Envoy filters. */
  public static readonly ISTIO_GATEWAY = new AppsecProxy('istio-gateway');
  /** ingress-nginx: found through its IngressClass; the nginx-datadog module is added by an init container. */
  public static readonly INGRESS_NGINX = new AppsecProxy('ingress-nginx');

  private constructor(
    /** The proxy's name, as the Cluster Agent spells it. */
    public readonly name: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.AppsecProxy', AppsecProxy);

/** Where the AppSec processor runs (`datadog.appsec.injector.mode` in the chart). */
export class AppsecInjectorMode {
  /** The admission controller adds the processor as a sidecar of the proxy pods (the Cluster Agent's default). */
  public static readonly SIDECAR = new AppsecInjectorMode('sidecar');
  /** The proxies call a processor Service you deploy yourself (`processor.serviceName` or `processor.address`). */
  public static readonly EXTERNAL = new AppsecInjectorMode('external');

  private constructor(
    /** The mode's name, as the Cluster Agent spells it. */
    public readonly name: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.AppsecInjectorMode', AppsecInjectorMode);

/** When the Cluster Agent gets the injector's RBAC rules (`datadog.appsec.injector.rbac.create` in the chart). */
export class AppsecInjectorRbac {
  /** Only while the injector is enabled. */
  public static readonly WHEN_ENABLED = new AppsecInjectorRbac('when-enabled');
  /**
   * Also while it is off (the chart's default), so a Cluster Agent that ran the injector can
   * still remove the objects it created after you turn it off.
   */
  public static readonly ALWAYS = new AppsecInjectorRbac('always');
  /** Never: you grant equivalent rules yourself. */
  public static readonly NONE = new AppsecInjectorRbac('none');

  private constructor(
    /** The policy's name. */
    public readonly name: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.AppsecInjectorRbac', AppsecInjectorRbac);

/** The AppSec processor sidecar (`datadog.appsec.injector.sidecar.*`), used in SIDECAR mode. */
export interface AppsecSidecarOptions {
  /**
   * Image of the processor, without tag.
   * @default "ghcr.io/datadog/dd-trace-go/service-extensions-callout"
   */
  readonly image?: string;
  /**
   * Tag of the processor image.
   * @default "v2.8.2"
   */
  readonly imageTag?: string;
  /**
   * Port the processor listens on.
   * @default 8080
   */
  readonly port?: number;
  /**
   * Port of the processor's health check.
   * @default 8081
   */
  readonly healthPort?: number;
  /**
   * Request body parsing limit, in bytes: 0 leaves the processor's default, a negative number
   * turns body parsing off.
   * @default 0
   */
  readonly bodyParsingSizeLimit?: number;
  /**
   * CPU request of the sidecar.
   * @default "10m"
   */
  readonly cpuRequest?: string;
  /**
   * Memory request of the sidecar.
   * @default "128Mi"
   */
  readonly memoryRequest?: string;
  /**
   * CPU limit of the sidecar.
   * @default - no limit
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit of the sidecar.
   * @default - no limit
   */
  readonly memoryLimit?: string;
}

/** The processor the proxies call (`datadog.appsec.injector.processor.*`). */
export interface AppsecProcessorOptions {
  /**
   * Address of the processor.
   * @default - `<serviceName>.<serviceNamespace>.svc`, as the Cluster Agent builds it
   */
  readonly address?: string;
  /**
   * Port of the processor.
   * @default 443
   */
  readonly port?: number;
  /**
   * Name of the processor's Service (EXTERNAL mode; you deploy it, this library does not).
   * @default - none
   */
  readonly serviceName?: string;
  /**
   * Namespace of the processor's Service.
   * @default - the Cluster Agent's namespace
   */
  readonly serviceNamespace?: string;
}

/**
 * The AppSec (App and API Protection) proxy injector (`datadog.appsec.injector.*`): the Cluster
 * Agent configures the cluster's ingress proxies (Envoy Gateway, Istio, ingress-nginx) to send
 * traffic to an AppSec processor, which analyses it for Datadog App and API Protection.
 */
export interface AppsecInjectorOptions {
  /**
   * Run the injector in the Cluster Agent deployed by this construct. The Cluster Agent gets
   * rules on Gateway API, Envoy Gateway and Istio objects, and every verb but `patch` on every
   * ConfigMap of the cluster (it copies each ingress-nginx controller's ConfigMap, in its
   * namespace, under a name it derives from the original, which RBAC cannot predict).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Find the supported proxies in the cluster and configure them all (added to `proxies`).
   * @default true
   */
  readonly autoDetect?: boolean;
  /**
   * Proxies to configure (with `autoDetect: false`, only these).
   * @default - none
   */
  readonly proxies?: AppsecProxy[];
  /**
   * Where the processor runs. SIDECAR needs the admission controller.
   * @default - the Cluster Agent's default (SIDECAR); no env is set
   */
  readonly mode?: AppsecInjectorMode;
  /**
   * The processor sidecar (SIDECAR mode).
   * @default - the chart's image, ports and requests
   */
  readonly sidecar?: AppsecSidecarOptions;
  /**
   * The processor Service the proxies call (EXTERNAL mode).
   * @default - port 443, no address or Service
   */
  readonly processor?: AppsecProcessorOptions;
  /**
   * Where the nginx-datadog module is mounted in the ingress-nginx controller pods.
   * @default "/modules_mount"
   */
  readonly nginxModuleMountPath?: string;
  /**
   * When the Cluster Agent gets the injector's RBAC rules.
   * @default AppsecInjectorRbac.WHEN_ENABLED
   */
  readonly rbac?: AppsecInjectorRbac;
}

/** @internal */
export interface ResolvedAppsecInjector {
  readonly enabled: boolean;
  /** Whether the Cluster Agent gets the rules. */
  readonly grantRbac: boolean;
  readonly autoDetect: boolean;
  readonly proxies: string[];
  readonly mode?: string;
  readonly sidecar: {
    readonly image: string;
    readonly imageTag: string;
    readonly port: number;
    readonly healthPort: number;
    readonly bodyParsingSizeLimit: number;
    readonly cpuRequest: string;
    readonly memoryRequest: string;
    readonly cpuLimit?: string;
    readonly memoryLimit?: string;
  };
  readonly processor: { readonly address?: string; readonly port: number; readonly serviceName?: string; readonly serviceNamespace?: string };
  readonly nginxModuleMountPath: string;
}

const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
/** A host name, or an IPv4 address. */
const ADDRESS = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const ABSOLUTE_PATH = /^\/[^\0]*$/;

function oneOf<T extends { name: string }>(path: string, value: unknown, cls: { [k: string]: unknown }, names: string[]): T {
  const values = names.map(n => cls[n]);
  if (!values.includes(value)) fail(`${path} must be one of ${names.join(', ')}, got ${show(value)}`);
  return value as T;
}

/** @internal */
export function resolveAppsecInjector(
  o: AppsecInjectorOptions | undefined, ca: { deployed: boolean }, admissionController: { enabled: boolean },
): ResolvedAppsecInjector {
  const a = options('appsecInjector', o);
  const enabled = bool('appsecInjector.enabled', a.enabled) ?? false;
  checkUnusedWhenOff('appsecInjector', a, enabled, ['rbac']);
  const rbac = a.rbac === undefined ? AppsecInjectorRbac.WHEN_ENABLED
    : oneOf<AppsecInjectorRbac>('appsecInjector.rbac', a.rbac, AppsecInjectorRbac as any, ['WHEN_ENABLED', 'ALWAYS', 'NONE']);
  const grantRbac = rbac === AppsecInjectorRbac.ALWAYS || (enabled && rbac === AppsecInjectorRbac.WHEN_ENABLED);
  if ((enabled || grantRbac) && !ca.deployed) {
    const option = enabled ? 'appsecInjector.enabled' : 'appsecInjector.rbac';
    fail(`${option} needs a Cluster Agent deployed by this construct (not clusterAgent.existing, not clusterAgent.enabled: false): the injector runs in the Cluster Agent`);
  }

  const autoDetect = bool('appsecInjector.autoDetect', a.autoDetect) ?? true;
  const proxies = list('appsecInjector.proxies', a.proxies).map((p, i) =>
    oneOf<AppsecProxy>(`appsecInjector.proxies[${i}]`, p, AppsecProxy as any, ['ENVOY_GATEWAY', 'ISTIO', 'ISTIO_GATEWAY', 'INGRESS_NGINX']).name);
  proxies.forEach((p, i) => {
    if (proxies.indexOf(p) !== i) fail(`appsecInjector.proxies[${i}] repeats "${p}"`);
  });
  if (enabled && !autoDetect && proxies.length === 0) {
    fail('appsecInjector.autoDetect is false and appsecInjector.proxies is empty: the injector would configure no proxy; list the proxies or leave autoDetect on');
  }
  const mode = a.mode === undefined ? undefined
    : oneOf<AppsecInjectorMode>('appsecInjector.mode', a.mode, AppsecInjectorMode as any, ['SIDECAR', 'EXTERNAL']).name;
  if (enabled && (mode ?? 'sidecar') === 'sidecar' && !admissionController.enabled) {
    fail(`appsecInjector.mode ${mode === undefined ? 'SIDECAR (the default)' : 'SIDECAR'} needs the admission controller, which adds the processor sidecar to the proxy pods: leave clusterAgent.admissionController.enabled on, or set appsecInjector.mode to EXTERNAL`);
  }

  const s = options('appsecInjector.sidecar', a.sidecar);
  if (s.image !== undefined) checkString('appsecInjector.sidecar.image', s.image, IMAGE, 'an image name without tag or digest (e.g. "ghcr.io/datadog/dd-trace-go/service-extensions-callout")');
  if (s.imageTag !== undefined) checkString('appsecInjector.sidecar.imageTag', s.imageTag, TAG, 'an image tag (e.g. "v2.8.2")');
  checkPort('appsecInjector.sidecar.port', s.port);
  checkPort('appsecInjector.sidecar.healthPort', s.healthPort);
  checkInt('appsecInjector.sidecar.bodyParsingSizeLimit', s.bodyParsingSizeLimit, Number.MIN_SAFE_INTEGER);
  for (const k of ['cpuRequest', 'memoryRequest', 'cpuLimit', 'memoryLimit'] as const) checkQuantity(`appsecInjector.sidecar.${k}`, s[k]);
  const sidecar = {
    image: s.image ?? 'ghcr.io/datadog/dd-trace-go/service-extensions-callout',
    imageTag: s.imageTag ?? 'v2.8.2',
    port: s.port ?? 8080,
    healthPort: s.healthPort ?? 8081,
    bodyParsingSizeLimit: s.bodyParsingSizeLimit ?? 0,
    cpuRequest: s.cpuRequest ?? '10m',
    memoryRequest: s.memoryRequest ?? '128Mi',
    cpuLimit: s.cpuLimit,
    memoryLimit: s.memoryLimit,
  };
  if (sidecar.port === sidecar.healthPort) fail(`appsecInjector.sidecar.healthPort must differ from appsecInjector.sidecar.port, both are ${sidecar.port}`);

  const p = options('appsecInjector.processor', a.processor);
  if (p.address !== undefined) checkString('appsecInjector.processor.address', p.address, ADDRESS, 'a host name or IPv4 address, without scheme or port (e.g. "appsec-processor.security.svc")');
  checkPort('appsecInjector.processor.port', p.port);
  if (p.serviceName !== undefined) checkDnsLabel('appsecInjector.processor.serviceName', p.serviceName);
  if (p.serviceNamespace !== undefined) {
    checkDnsLabel('appsecInjector.processor.serviceNamespace', p.serviceNamespace);
    if (p.serviceName === undefined) fail('appsecInjector.processor.serviceNamespace needs appsecInjector.processor.serviceName (the namespace of which Service?)');
  }
  if (mode === 'external' && p.address === undefined && p.serviceName === undefined) {
    fail('appsecInjector.mode EXTERNAL needs appsecInjector.processor.serviceName or appsecInjector.processor.address: the proxies must know where your processor runs');
  }
  const nginxModuleMountPath = a.nginxModuleMountPath ?? '/modules_mount';
  checkString('appsecInjector.nginxModuleMountPath', nginxModuleMountPath, ABSOLUTE_PATH, 'an absolute path (e.g. "/modules_mount")');

  return {
    enabled,
    grantRbac,
    autoDetect,
    proxies,
    mode,
    sidecar,
    nginxModuleMountPath,
    processor: { address: p.address, port: p.port ?? 443, serviceName: p.serviceName, serviceNamespace: p.serviceNamespace },
  };
}

/**
 * The rules the injector uses, by what it does: patch Gateway API Gateways and read their classes,
 * create and delete the ReferenceGrants, Envoy Gateway policies and backends and the Istio
 * EnvoyFilters it adds, watch native Istio Gateways and ingress-nginx IngressClasses, and keep
 * copies of the ingress-nginx controllers' ConfigMaps (names derived at run time, in the
 * controllers' namespaces: no `resourceNames`, no namespaced Role).
 */
const RULES: PolicyRule[] = [
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['gateways', 'gatewayclasses'], verbs: ['get', 'list', 'watch', 'patch'] },
  { apiGroups: ['gateway.networking.k8s.io'], resources: ['referencegrants'], verbs: ['get', 'delete', 'create', 'patch'] },
  { apiGroups: ['gateway.envoyproxy.io'], resources: ['envoyextensionpolicies', 'backends'], verbs: ['get', 'delete', 'create'] },
  { apiGroups: ['networking.istio.io'], resources: ['envoyfilters'], verbs: ['get', 'create', 'delete'] },
  { apiGroups: ['networking.istio.io'], resources: ['gateways'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingressclasses'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch', 'create', 'update', 'delete'] },
];

/**
 * The AppSec injector: env on the Cluster Agent (the chart's names and values), and the rules
 * above in the Cluster Agent's ClusterRole, only while it is enabled unless `rbac` says otherwise
 * (the chart grants them always: `appsec-injector-rbac` in CHART_DIFFERENCES).
 */
export const appsecInjector = defineFeature({
  id: 'appsec-injector',
  option: 'appsecInjector',
  needs: ['admissionController'],
  resolve: (p, c) => resolveAppsecInjector(p.appsecInjector, c.clusterAgent, c.admissionController),
  enabled: (c) => (c.appsecInjector.enabled || c.appsecInjector.grantRbac) && c.clusterAgent.deployed,
  clusterAgent: (c, pod) => {
    const a = c.appsecInjector;
    if (!a.enabled) return;
    const s = a.sidecar;
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_APPSEC_PROXY_ENABLED: 'true',
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_ENABLED: 'true',
      DD_APPSEC_PROXY_AUTO_DETECT: a.autoDetect ? 'true' : undefined,
      DD_APPSEC_PROXY_PROXIES: a.proxies.length ? JSON.stringify(a.proxies) : undefined,
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_MODE: a.mode,
      // The sidecar settings go to the Cluster Agent in every mode, as the chart does.
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_IMAGE: s.image,
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_IMAGE_TAG: s.imageTag,
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_PORT: String(s.port),
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_HEALTH_PORT: String(s.healthPort),
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_REQUESTS_CPU: s.cpuRequest,
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_REQUESTS_MEMORY: s.memoryRequest,
      DD_ADMISSION_CONTROLLER_APPSEC_NGINX_MODULE_MOUNT_PATH: a.nginxModuleMountPath,
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_LIMITS_CPU: s.cpuLimit,
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_RESOURCES_LIMITS_MEMORY: s.memoryLimit,
      DD_ADMISSION_CONTROLLER_APPSEC_SIDECAR_BODY_PARSING_SIZE_LIMIT: s.bodyParsingSizeLimit !== 0 ? String(s.bodyParsingSizeLimit) : undefined,
      DD_APPSEC_PROXY_PROCESSOR_PORT: String(a.processor.port),
      DD_APPSEC_PROXY_PROCESSOR_ADDRESS: a.processor.address,
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_PROCESSOR_SERVICE_NAME: a.processor.serviceName,
      DD_CLUSTER_AGENT_APPSEC_INJECTOR_PROCESSOR_SERVICE_NAMESPACE: a.processor.serviceNamespace,
    });
  },
  rbac: (c): RbacGrant[] => c.appsecInjector.grantRbac ? [{ to: 'clusterAgent', rules: RULES.map(r => ({ ...r })) }] : [],
});
