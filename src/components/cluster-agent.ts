import { Lazy } from 'cdk8s';
import type { JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { CoreConfig } from '../config';
import { clusterAgentConfd } from './cluster-agent-confd';
import { addContainerPatches, containerPointer } from './container-patch';
import type { EnvValueSource, ProbeOptions, ResolvedProbes } from '../env-value';
import { resolveProbes, tuneProbes } from '../env-value';
import { componentLabels, selectorLabels } from './labels';
import type { ResolvedPodPlacement } from './workload';
import { applyPodPlacement, resolvePodPlacement, deployment, podDisruptionBudget, serviceAccount, spreadAcrossNodes } from './workload';
import type { AdmissionControllerOptions } from '../features/admission-controller';
import type { ExternalMetricsOptions } from '../features/external-metrics';
import type { ExtraVolume, ExtraVolumeMount } from '../features/extra-volumes';
import type { ResourceRequirements, SecurityContext } from '../model/k8s-json';
import { intOrString } from '../model/objects';
import { PodModel } from '../model/pod';
import { checkDnsLabel, checkDnsSubdomain, checkInt, checkString, fail, bool } from '../validation';
import type { ContainerResources, LogLevel } from '../workload-options';
import { checkLogLevel, resolveResources } from '../workload-options';
import { CONTAINER, VOLUME } from './containers';

/**
 * A Cluster Agent installed by something else (another DatadogAgent, the Helm chart, the
 * Operator) in the same namespace. Node agents join it; this construct creates no Cluster Agent
 * objects.
 */
export interface ExistingClusterAgentOptions {
  /**
   * Name of its Service, in the agents' namespace (node agents find it through the Service
   * environment variables Kubernetes injects, which exist only for Services of their namespace).
   */
  readonly serviceName: string;
  /**
   * Secret holding the token shared with that Cluster Agent.
   * @default - the credentials Secret
   */
  readonly tokenSecretName?: string;
  /**
   * Key of the token in that Secret.
   * @default - the credentials' token key ("token")
   */
  readonly tokenSecretKey?: string;
  /**
   * The existing Cluster Agent dispatches cluster checks to these node agents (it has no Cluster
   * Checks Runners). When false, node agents only take endpoint checks from it.
   * @default true
   */
  readonly clusterChecksOnNodeAgents?: boolean;
}

/** Options of the Cluster Agent Deployment (`clusterAgent.*` in the chart). */
export interface ClusterAgentOptions {
  /**
   * Deploy the Cluster Agent. Without it the node agents collect events and elect a leader
   * themselves, and cluster-level features are off.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Number of Cluster Agent replicas. With 2 or more, a PodDisruptionBudget keeps one running
   * during node drains (the admission webhook and external metrics depend on it).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * CPU and memory of the `cluster-agent` container.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * Extra env of the `cluster-agent` container. A name the library also sets is replaced by yours.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Extra env of the `cluster-agent` container whose value comes from a Secret or ConfigMap key, a pod
   * field or a container resource (`valueFrom`). Replaces a library variable of the same name,
   * like `env`; a name in both `env` and `envValueFrom` is an error.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * Tunes the liveness probe of the `cluster-agent` container (httpGet `/live` on 5556).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly livenessProbe?: ProbeOptions;
  /**
   * Tunes the readiness probe of the `cluster-agent` container (httpGet `/ready` on 5556).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly readinessProbe?: ProbeOptions;
  /**
   * Tunes the startup probe of the `cluster-agent` container (httpGet `/startup` on 5556).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly startupProbe?: ProbeOptions;
  /**
   * Tolerations of the Cluster Agent pods.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Extra node selector labels. `kubernetes.io/os: linux` is always set.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity of the Cluster Agent pods.
   * @default - preferred pod anti-affinity (weight 50) across `kubernetes.io/hostname`
   */
  readonly affinity?: k8s.Affinity;
  /**
   * PriorityClass of the Cluster Agent pods.
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Log level of the Cluster Agent.
   * @default - the top-level `logLevel`
   */
  readonly logLevel?: LogLevel;
  /**
   * Extra labels on the Cluster Agent pods.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Extra annotations on the Cluster Agent pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Annotations on the Cluster Agent's ServiceAccount, such as a cloud identity
   * (`clusterAgent.rbac.serviceAccountAnnotations` in the chart).
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Extra labels on the Cluster Agent's ServiceAccount (`clusterAgent.rbac.serviceAccountAdditionalLabels`).
   * @default - none
   */
  readonly serviceAccountLabels?: { [key: string]: string };
  /**
   * ConfigMaps or Secrets whose keys become env vars of the `cluster-agent` container.
   * @default - none
   */
  readonly envFrom?: k8s.EnvFromSource[];
  /**
   * Extra volumes of the Cluster Agent pods; each must be mounted by `volumeMounts`.
   * @default - none
   */
  readonly volumes?: ExtraVolume[];
  /**
   * Mounts of `volumes` into the `cluster-agent` container.
   * @default - none
   */
  readonly volumeMounts?: ExtraVolumeMount[];
  /**
   * Seconds a Cluster Agent pod has to stop after SIGTERM (the pod's
   * `terminationGracePeriodSeconds`). An integer >= 0. The chart sets it from
   * `agents.terminationGracePeriodSeconds`; `import-helm` sets both.
   * @default - Kubernetes' default (30)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * Join a Cluster Agent that already runs in the namespace instead of deploying one. Options
   * that shape the Cluster Agent pods (replicas, resources, env, ...) are rejected with it.
   * @default - deploy a Cluster Agent
   */
  readonly existing?: ExistingClusterAgentOptions;
  /**
   * The external metrics server, so HorizontalPodAutoscalers can scale on Datadog metrics.
   * @default - disabled
   */
  readonly externalMetrics?: ExternalMetricsOptions;
  /**
   * The admission controller: injects the agent's address, unified service tags and, with
   * `apm.instrumentation`, tracing libraries into application pods.
   * @default - enabled
   */
  readonly admissionController?: AdmissionControllerOptions;
}

/** @internal */
export interface ResolvedClusterAgent extends ResolvedPodPlacement {
  /** This library deploys a Cluster Agent. */
  readonly deployed: boolean;
  /** Node agents talk to a Cluster Agent (deployed here or existing). */
  readonly enabled: boolean;
  /** Service name node agents use to reach it. */
  readonly serviceName: string;
  /** Secret and key of the token node agents present. */
  readonly tokenSecret: { readonly name: string; readonly key: string };
  readonly replicas: number;
  readonly resources?: ResourceRequirements;
  readonly logLevel: string;
  /** Set when joining an existing Cluster Agent. */
  readonly existing?: { readonly clusterChecksOnNodeAgents: boolean };
  readonly probes: ResolvedProbes;
}

/** Options that shape Cluster Agent pods, meaningless when joining an existing one. */
const DEPLOYMENT_OPTIONS: (keyof ClusterAgentOptions)[] = [
  'replicas', 'resources', 'env', 'envValueFrom', 'livenessProbe', 'readinessProbe', 'startupProbe', 'tolerations', 'nodeSelector', 'affinity', 'priorityClassName', 'logLevel', 'podLabels', 'podAnnotations',
  'serviceAccountAnnotations', 'serviceAccountLabels', 'terminationGracePeriodSeconds',
];

/** @internal */
export function resolveClusterAgent(o: ClusterAgentOptions = {}, c: Pick<CoreConfig, 'names' | 'credentials' | 'logLevel'>): ResolvedClusterAgent {
  checkInt('clusterAgent.replicas', o.replicas, 1, 100);
  checkLogLevel('clusterAgent.logLevel', o.logLevel);
  const placement = resolvePodPlacement('clusterAgent', o);
  const x = o.existing;
  if (x !== undefined) {
    if (o.enabled === false) fail('clusterAgent.existing conflicts with clusterAgent.enabled: false: remove one (existing joins a Cluster Agent, enabled: false runs without any)');
    for (const k of DEPLOYMENT_OPTIONS) {
      if (o[k] !== undefined) fail(`clusterAgent.${k} shapes a Cluster Agent this construct deploys; with clusterAgent.existing there is none: remove it`);
    }
    if (typeof x.serviceName !== 'string') fail('clusterAgent.existing.serviceName is required: the name of the existing Cluster Agent Service');
    checkDnsLabel('clusterAgent.existing.serviceName', x.serviceName);
    checkDnsSubdomain('clusterAgent.existing.tokenSecretName', x.tokenSecretName);
    checkString('clusterAgent.existing.tokenSecretKey', x.tokenSecretKey, /^[-._a-zA-Z0-9]+$/, 'a Secret key (letters, digits, "-", "_", ".")');
  }
  const deployed = x === undefined && ((bool('clusterAgent.enabled', o.enabled) ?? true));
  return {
    deployed,
    enabled: deployed || x !== undefined,
    serviceName: x ? x.serviceName : c.names.clusterAgent,
    tokenSecret: x
      ? { name: x.tokenSecretName ?? c.credentials.secretName, key: x.tokenSecretKey ?? c.credentials.tokenKey }
      : { name: c.credentials.secretName, key: c.credentials.tokenKey },
    existing: x ? { clusterChecksOnNodeAgents: (bool('clusterAgent.existing.clusterChecksOnNodeAgents', x.clusterChecksOnNodeAgents) ?? true) } : undefined,
    ...placement,
    replicas: o.replicas ?? 2,
    resources: resolveResources('clusterAgent.resources', o.resources),
    logLevel: o.logLevel ?? c.logLevel,
    probes: resolveProbes('clusterAgent', o),
  };
}

/** Ports the cluster-agent container always uses, by owner as messages name it. */
/** The Cluster Agent's API port (node agents, runners and the other replicas call it). */
export const CLUSTER_AGENT_API_PORT = 5005;
/** The Cluster Agent's metrics port (the node agents' prometheus check scrapes it). */
export const CLUSTER_AGENT_METRICS_PORT = 5000;

export const CLUSTER_AGENT_RESERVED_PORTS: { [port: number]: string } = {
  [CLUSTER_AGENT_METRICS_PORT]: 'the Cluster Agent metrics port',
  [CLUSTER_AGENT_API_PORT]: 'the Cluster Agent API port',
  5556: 'the Cluster Agent health port',
};

/** The Cluster Agent runs unprivileged: no capabilities, no escalation, read-only root. */
export const CLUSTER_CONTAINER_SECURITY: SecurityContext = {
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

/** The Cluster Agent pod every topology starts from. Features add the rest. @internal */
export function baseClusterAgentPod(c: CoreConfig): PodModel {
  const pod = new PodModel('clusterAgent');
  const ca = c.clusterAgent;
  const image = c.images.clusterAgent;
  const imagePullPolicy = c.images.pullPolicy;

  applyPodPlacement(pod, c, ca, {
    selectorName: c.names.clusterAgent,
    component: 'cluster-agent',
    serviceAccountName: c.names.clusterAgent,
    defaultAffinity: spreadAcrossNodes(c.names.clusterAgent),
  });
  pod.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };

  pod.addInitContainer(CONTAINER.INIT_VOLUME, {
    image,
    imagePullPolicy,
    command: ['cp', '-r'],
    args: ['/etc/datadog-agent', '/opt'],
    securityContext: CLUSTER_CONTAINER_SECURITY,
  }).mount({ name: VOLUME.CONFIG, mountPath: '/opt/datadog-agent' });

  const dca = pod.addContainer(CONTAINER.CLUSTER_AGENT, { image, imagePullPolicy, securityContext: CLUSTER_CONTAINER_SECURITY });
  dca.setResources(ca.resources);
  dca.addPort({ name: 'agentport', containerPort: 5005, protocol: 'TCP' });
  dca.addPort({ name: 'agentmetrics', containerPort: 5000, protocol: 'TCP' });
  dca.setEnv({
    DD_POD_NAME: { fieldRef: { fieldPath: 'metadata.name' } },
    DD_CLUSTER_AGENT_SERVICE_ACCOUNT_NAME: { fieldRef: { fieldPath: 'spec.serviceAccountName' } },
    DD_HEALTH_PORT: '5556',
    DD_API_KEY: { secretKeyRef: { name: c.credentials.secretName, key: c.credentials.apiKeyKey } },
    DD_APP_KEY: !c.credentials.hasAppKey ? undefined
      : { secretKeyRef: { name: c.credentials.secretName, key: c.credentials.appKeyKey, ...(c.credentials.appKeyKnown ? {} : { optional: true }) } },
    DD_SITE: c.site.host,
    DD_CLUSTER_NAME: c.clusterName,
    DD_TAGS: c.tags.length ? JSON.stringify(c.tags) : undefined,
    KUBERNETES: 'yes',
    DD_CSI_ENABLED: 'false',
  });
  // Off unless APM instrumentation turns language detection on (as the chart does).
  dca.setDefaultEnv({ DD_LANGUAGE_DETECTION_ENABLED: 'false', DD_LANGUAGE_DETECTION_REPORTING_ENABLED: 'false' });
  // Off unless a feature that needs it in the Cluster Agent turns it on (as the chart does).
  dca.setDefaultEnv({ DD_REMOTE_CONFIGURATION_ENABLED: 'false' });
  dca.setEnv({
    DD_LOG_LEVEL: ca.logLevel,
    DD_KUBERNETES_USE_ENDPOINT_SLICES: 'true',
    DD_KUBERNETES_KUBE_SERVICE_IGNORE_READINESS: 'false',
    DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: ca.serviceName,
    DD_CLUSTER_AGENT_AUTH_TOKEN: { secretKeyRef: { name: ca.tokenSecret.name, key: ca.tokenSecret.key } },
    DD_CLUSTER_AGENT_COLLECT_KUBERNETES_TAGS: 'false',
    DD_KUBE_RESOURCES_NAMESPACE: c.namespace,
    AGENT_DAEMONSET: c.names.nodeAgent,
    CLUSTER_AGENT_DEPLOYMENT: c.names.clusterAgent,
  });
  const probe = (path: string) => ({
    httpGet: { path, port: 5556, scheme: 'HTTP' },
    initialDelaySeconds: 15,
    periodSeconds: 15,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: 6,
  });
  dca.setProbes({ liveness: probe('/live'), readiness: probe('/ready'), startup: probe('/startup') });

  for (const v of ['datadogrun', 'varlog', 'tmpdir', 'config']) pod.emptyDir(v);
  dca.mount({ name: 'datadogrun', mountPath: '/opt/datadog-agent/run' });
  dca.mount({ name: 'varlog', mountPath: '/var/log/datadog' });
  dca.mount({ name: VOLUME.TMP, mountPath: '/tmp' });
  dca.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent' });
  pod.addVolume({ name: VOLUME.INSTALL_INFO, configMap: { name: c.names.installInfo } });
  dca.mount({ name: VOLUME.INSTALL_INFO, mountPath: '/etc/datadog-agent/install_info', subPath: 'install_info', readOnly: true });
  return pod;
}

/** @internal */
export function finishClusterAgentPod(c: CoreConfig, pod: PodModel): void {
  // The conf.d files are final only when the pod renders (see ClusterAgentConfd).
  pod.onRender(() => {
    const confd = clusterAgentConfd(pod);
    confd.seal();
    if (confd.empty) return;
    pod.addVolume({ name: 'confd', configMap: { name: c.names.clusterAgentConfd, items: confd.items() } });
    pod.container(CONTAINER.CLUSTER_AGENT).mount({ name: 'confd', mountPath: '/conf.d', readOnly: true });
    pod.annotations['checksum/confd-config'] = confd.checksum();
  });
  if (Object.keys(c.clusterAgent.env).length) pod.container(CONTAINER.CLUSTER_AGENT).overrideEnv(c.clusterAgent.env);
  tuneProbes(pod.container(CONTAINER.CLUSTER_AGENT), c.clusterAgent.probes);
}

/**
 * The Cluster Agent: Deployment, ServiceAccount, Service (and PodDisruptionBudget with 2+
 * replicas). Created by `DatadogAgent`.
 */
export class ClusterAgent extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, c: CoreConfig, pod: PodModel): ClusterAgent {
    return new ClusterAgent(scope, id, c, pod);
  }

  /** The Cluster Agent Deployment (also `ApiObject.of(clusterAgent)`). */
  public readonly deployment: k8s.KubeDeployment;
  /** The ServiceAccount of the Cluster Agent pods. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The Service node agents reach the Cluster Agent through (port 5005). */
  public readonly service: k8s.KubeService;
  /** The PodDisruptionBudget, with 2 or more replicas. */
  public readonly podDisruptionBudget?: k8s.KubePodDisruptionBudget;

  /** @internal */
  public readonly _pod: PodModel;

  private constructor(scope: Construct, id: string, c: CoreConfig, pod: PodModel) {
    super(scope, id);
    this._pod = pod;
    const name = c.names.clusterAgent;
    const labels = componentLabels(c, 'cluster-agent');
    this.serviceAccount = serviceAccount(this, c, name, labels, c.clusterAgent);
    this.deployment = deployment(this, c, name, labels, c.clusterAgent.replicas, pod);
    this.service = new k8s.KubeService(this, 'Service', {
      metadata: { name, namespace: c.namespace, labels },
      spec: {
        type: 'ClusterIP',
        selector: selectorLabels(name),
        ports: [{ name: 'agentport', port: 5005, targetPort: intOrString(5005), protocol: 'TCP' }],
      },
    });
    // The conf.d ConfigMap exists once a module adds a file. Its data is read at synthesis, after
    // the pod has rendered (render-time hooks may still add files; rendering seals the registry).
    const confd = clusterAgentConfd(pod);
    confd.whenNotEmpty(() => new k8s.KubeConfigMap(this, 'Confd', {
      metadata: { name: c.names.clusterAgentConfd, namespace: c.namespace, labels },
      data: Lazy.any({ produce: () => (pod.render(), confd.data()) }),
    }));
    if (c.clusterAgent.replicas >= 2) {
      this.podDisruptionBudget = podDisruptionBudget(this, c, name, labels, { minAvailable: 1 });
    }
  }

  /**
   * The JSON pointer of a container (or init container) in `deployment`, by name
   * (`/spec/template/spec/containers/0`), for `deployment.addJsonPatch`.
   *
   * @param containerName `cluster-agent`, `init-volume`
   */
  public containerPath(containerName: string): string {
    return containerPointer('clusterAgent', this._pod, containerName);
  }

  /**
   * Adds JSON patches to `deployment` whose paths are relative to the named container
   * (`JsonPatch.add('/env/-', { name: 'X', value: '1' })`). They apply after the library renders
   * the object and are not validated.
   */
  public addContainerJsonPatch(containerName: string, ...ops: JsonPatch[]): void {
    addContainerPatches('clusterAgent', this.deployment, this._pod, containerName, ops);
  }
}
