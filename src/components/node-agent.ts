import { Lazy } from 'cdk8s';
import type { JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { CoreConfig } from '../config';
import { addContainerPatches, containerPointer } from './container-patch';
import type { EnvValueSource } from '../env-value';
import { bool, fail } from '../validation';
import { componentLabels, selectorLabels } from './labels';
import type { ResolvedPodPlacement } from './workload';
import { applyPodPlacement, resolvePodPlacement, serviceAccount } from './workload';
import type { NodeAgentContainers } from '../features/container-overrides';
import type { ExtraVolume, ExtraVolumeMount } from '../features/extra-volumes';
import type { ResourceRequirements, SecurityContext, Toleration } from '../model/k8s-json';
import { intOrString, typedPodTemplate } from '../model/objects';
import { PodModel } from '../model/pod';
import type { ContainerResources, LogLevel } from '../workload-options';
import { UpdateStrategy, checkLogLevel, resolveResources } from '../workload-options';
import { CONTAINER, NODE_CONTAINERS, POD_RESOURCES_DIR, VOLUME } from './containers';
import type { Platform } from '../features/platform';
import { platformConstant, platformTraits } from '../features/platform';

/** Options of the node Agent DaemonSet (`agents.*` in the chart). */
export interface NodeAgentOptions {
  /**
   * Tolerations for the agent pods, added after the control-plane ones (see `tolerateControlPlane`).
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Extra node selector labels. `kubernetes.io/os: linux` is always set.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity of the agent pods.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * PriorityClass of the agent pods. Use a high one (e.g. `system-node-critical`) so agents are
   * scheduled on full nodes.
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * CPU and memory of the `agent` container.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * CPU and memory of the other node containers, by container.
   * @default - none
   */
  readonly containerResources?: NodeAgentContainerResources;
  /**
   * How the DaemonSet rolls out changes.
   * @default UpdateStrategy.rollingUpdateOf(PercentOrAbsolute.percent(10))
   */
  readonly updateStrategy?: UpdateStrategy;
  /**
   * Extra env for every node-agent container and the init-config init container (the chart's `datadog.env`). A name the library
   * also sets is replaced, in place, by your value.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Extra env for every node-agent container whose value comes from a Secret or ConfigMap key,
   * a pod field or a container resource (`valueFrom`). Replaces a library variable of the same
   * name in place, like `env`; a name in both `env` and `envValueFrom` is an error.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * Log level of the node agent containers.
   * @default - the top-level `logLevel`
   */
  readonly logLevel?: LogLevel;
  /**
   * Extra labels on the agent pods (not in the selector, so they can change freely).
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Extra annotations on the agent pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Annotations on the node agents' ServiceAccount, such as a cloud identity
   * (`eks.amazonaws.com/role-arn`, `iam.gke.io/gcp-service-account`); the chart's
   * `agents.rbac.serviceAccountAnnotations`.
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Extra labels on the node agents' ServiceAccount (`agents.rbac.serviceAccountAdditionalLabels`).
   * @default - none
   */
  readonly serviceAccountLabels?: { [key: string]: string };
  /**
   * Run the agent pods in the host network namespace.
   * @default false
   */
  readonly hostNetwork?: boolean;
  /**
   * Run the agent pods in the host PID namespace (the chart's `datadog.useHostPID`): PID-based
   * origin detection and process checks see the host's processes. With `false`, the features
   * that need it (`dogstatsd.originDetection`, `security.compliance`, SBOM) are errors.
   * @default true
   */
  readonly hostPID?: boolean;
  /**
   * Create the node-local Service (named like the DaemonSet) with the DogStatsD and trace ports
   * and `internalTrafficPolicy: Local`.
   * @default true
   */
  readonly localService?: boolean;
  /**
   * Per-container log level, env, envFrom and volume mounts (the chart's `agents.containers.*`).
   * @default - none
   */
  readonly containers?: NodeAgentContainers;
  /**
   * Lifecycle hooks (`postStart`, `preStop`; each an `exec`, `httpGet` or `tcpSocket` action) of
   * every long-running node container but system-probe: agent, trace-agent, process-agent,
   * security-agent, otel-agent (those this configuration runs), as the chart's `agents.lifecycle`.
   * A `preStop` sleep keeps the agents up while the applications of a draining node stop. Linux
   * pods only (not `windowsNodes`). `exec` hooks are refused on `GKE_AUTOPILOT`, whose allowlist
   * admits none.
   * @default - none
   */
  readonly lifecycle?: k8s.Lifecycle;
  /**
   * Seconds an agent pod has to stop after SIGTERM (the pod's `terminationGracePeriodSeconds`,
   * the chart's `agents.terminationGracePeriodSeconds`); make it longer than a `preStop` hook.
   * An integer >= 0; 0 kills the pod at once. Linux pods only (not `windowsNodes`).
   * @default - Kubernetes' default (30)
   */
  readonly terminationGracePeriodSeconds?: number;
  /**
   * ConfigMaps or Secrets whose keys become env vars of every node-agent container.
   * @default - none
   */
  readonly envFrom?: k8s.EnvFromSource[];
  /**
   * Extra volumes of the agent pods. Each must be mounted by `volumeMounts` or a container's
   * `volumeMounts`; names must differ from the library's own volumes.
   * @default - none
   */
  readonly volumes?: ExtraVolume[];
  /**
   * Mounts of `volumes` into every long-running node container (agent, trace-agent,
   * process-agent, system-probe, security-agent, otel-agent: those this configuration runs).
   * @default - none
   */
  readonly volumeMounts?: ExtraVolumeMount[];
}

/** Resources of the node agent's containers other than `agent`. */
export interface NodeAgentContainerResources {
  /**
   * Resources of the `trace-agent` container (APM).
   * @default - none
   */
  readonly traceAgent?: ContainerResources;
  /**
   * Resources of the `process-agent` container (NPM, USM).
   * @default - none
   */
  readonly processAgent?: ContainerResources;
  /**
   * Resources of the `system-probe` container.
   * @default - none
   */
  readonly systemProbe?: ContainerResources;
  /**
   * Resources of the `security-agent` container (CWS, CSPM).
   * @default - none
   */
  readonly securityAgent?: ContainerResources;
  /**
   * Resources of the `otel-agent` container (`otelCollector`).
   * @default - none
   */
  readonly otelAgent?: ContainerResources;
  /** Resources of every init container. @default - none */
  readonly initContainers?: ContainerResources;
}

/** @internal */
export interface ResolvedNodeAgent extends ResolvedPodPlacement {
  readonly resources: { [container: string]: ResourceRequirements | undefined };
  readonly updateStrategy: any;
  readonly logLevel: string;
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly localService: boolean;
}

const CONTROL_PLANE_TOLERATIONS: Toleration[] = [
  { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
];

/** @internal */
export function resolveNodeAgent(o: NodeAgentOptions = {}, tolerateControlPlane: boolean, logLevel: string, platform: Platform = 'generic'): ResolvedNodeAgent {
  checkLogLevel('nodeAgent.logLevel', o.logLevel);
  // Without the host system (GDC) there is no host namespace to join.
  const hostSystem = platformTraits(platform).hostSystem;
  for (const k of ['hostPID', 'hostNetwork'] as const) {
    if (!hostSystem && o[k] === true) fail(`nodeAgent.${k}: platform ${platformConstant(platform)} admits no host namespace for the agent; leave nodeAgent.${k} unset`);
  }
  const placement = resolvePodPlacement('nodeAgent', o);
  const cr = o.containerResources ?? {};
  return {
    ...placement,
    tolerations: [...(tolerateControlPlane ? CONTROL_PLANE_TOLERATIONS : []), ...placement.tolerations],
    resources: {
      ...Object.fromEntries(NODE_CONTAINERS.map(({ key, name }) => [name, key === 'agent'
        ? resolveResources('nodeAgent.resources', o.resources)
        : resolveResources(`nodeAgent.containerResources.${key}`, cr[key])])),
      init: resolveResources('nodeAgent.containerResources.initContainers', cr.initContainers),
    },
    updateStrategy: (o.updateStrategy ?? UpdateStrategy.rollingUpdate('10%'))._render('nodeAgent.updateStrategy'),
    logLevel: o.logLevel ?? logLevel,
    hostNetwork: (bool('nodeAgent.hostNetwork', o.hostNetwork) ?? false),
    hostPID: (bool('nodeAgent.hostPID', o.hostPID) ?? hostSystem),
    localService: (bool('nodeAgent.localService', o.localService) ?? true),
  };
}

/**
 * Ports the agent processes of a node pod listen on besides the configurable ones: a receiver
 * (APM, OTLP) on one of them could not bind, since the containers share the pod's network.
 */
export const AGENT_RESERVED_PORTS: { [port: number]: string } = {
  5001: 'the agent command port',
  5009: 'the agent IPC port',
  5012: 'the trace-agent debug port',
  5555: 'the agent health port',
  6000: 'the agent expvar port',
};

/** Security context of every long-running node container that needs no extra privilege. */
export const NODE_CONTAINER_SECURITY: SecurityContext = { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false };


/** The agent container's probes on its health port (Linux and Windows alike). @internal */
export function agentProbes() {
  const probe = (path: string) => ({
    httpGet: { path, port: 5555, scheme: 'HTTP' },
    initialDelaySeconds: 15,
    periodSeconds: 15,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: 6,
  });
  return { liveness: probe('/live'), readiness: probe('/ready'), startup: probe('/startup') };
}

/**
 * The node agent pod every topology starts from: the `agent` container with the common env,
 * its probes, the core host mounts, and the two init containers that seed the config volume.
 * Features add the rest.
 *
 * @internal
 */
export function baseNodeAgentPod(c: CoreConfig): PodModel {
  const pod = new PodModel('nodeAgent');
  const image = c.images.agent;
  const imagePullPolicy = c.images.pullPolicy;
  const na = c.nodeAgent;
  const traits = platformTraits(c.platform);

  applyPodPlacement(pod, c, na, { selectorName: c.names.nodeAgent, component: 'agent', serviceAccountName: c.names.nodeAgentServiceAccount });
  pod.hostPid = na.hostPID; // the chart's default (datadog.useHostPID): PID-based origin detection and process checks
  pod.hostNetwork = na.hostNetwork;
  pod.securityContext = { runAsUser: 0 };
  // The agent must not inject its own config into itself through the admission controller.
  pod.labels['admission.datadoghq.com/enabled'] = 'false';

  // init-volume seeds the writable config volume from the image; init-config runs the image's
  // cont-init scripts (they copy conf.d / checks.d and render the config).
  pod.addInitContainer(CONTAINER.INIT_VOLUME, {
    image,
    imagePullPolicy,
    command: ['bash', '-c'],
    args: ['cp -r /etc/datadog-agent /opt'],
    securityContext: NODE_CONTAINER_SECURITY,
  }).mount({ name: VOLUME.CONFIG, mountPath: '/opt/datadog-agent' }).setResources(na.resources.init);
  pod.addInitContainer(CONTAINER.INIT_CONFIG, {
    image,
    imagePullPolicy,
    command: ['bash', '-c'],
    args: ["for script in $(find /etc/cont-init.d/ -type f -name '*.sh' | sort) ; do bash $script ; done"],
    envGroups: ['common'],
    securityContext: NODE_CONTAINER_SECURITY,
  }).setResources(na.resources.init);

  const agent = pod.addContainer(CONTAINER.AGENT, {
    image,
    imagePullPolicy,
    command: ['agent', 'run'],
    envGroups: ['common', 'clusterAgentClient'],
    securityContext: NODE_CONTAINER_SECURITY,
  });
  agent.setResources(na.resources.agent);

  // Env every node container gets (the chart's containers-common-env).
  pod.addGroupEnv('common', {
    DD_API_KEY: { secretKeyRef: { name: c.credentials.secretName, key: c.credentials.apiKeyKey } },
    DD_SITE: c.site.host,
    DD_CLUSTER_NAME: c.clusterName,
    DD_TAGS: c.tags.length ? JSON.stringify(c.tags) : undefined,
    // On Autopilot the chart renders no auth-token volume: the agent keeps its token in its config dir.
    DD_AUTH_TOKEN_FILE_PATH: traits.authTokenVolume ? '/etc/datadog-agent/auth/token' : undefined,
    KUBERNETES: 'yes',
    DD_CSI_ENABLED: 'false',
    DD_LANGUAGE_DETECTION_ENABLED: 'false',
    DD_LANGUAGE_DETECTION_REPORTING_ENABLED: 'false',
    DD_KUBERNETES_KUBELET_HOST: c.kubelet.host,
    DD_KUBELET_TLS_VERIFY: c.kubelet.tlsVerify === undefined ? undefined : String(c.kubelet.tlsVerify),
    DD_KUBELET_CLIENT_CA: c.kubelet.agentCAPath,
    DD_KUBELET_USE_API_SERVER: 'false',
    DD_KUBERNETES_USE_ENDPOINT_SLICES: 'true',
    DD_CRI_SOCKET_PATH: traits.hostSystem && c.runtime.kind !== 'docker' ? `/host${c.runtime.socketPath}` : undefined,
    DOCKER_HOST: traits.hostSystem && c.runtime.kind === 'docker' ? `unix:///host${c.runtime.socketPath}` : undefined,
  });

  agent.setEnv({
    DD_LOG_LEVEL: na.logLevel,
    DD_HEALTH_PORT: '5555',
    DD_EXPVAR_PORT: '6000',
    DD_KUBELET_CORE_CHECK_ENABLED: 'true',
    DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET: traits.podResourcesSocket ? `${POD_RESOURCES_DIR}/kubelet.sock` : undefined,
    DD_KUBERNETES_KUBE_SERVICE_IGNORE_READINESS: 'false',
  });
  agent.setProbes(agentProbes());

  if (c.kubelet.mountPodResources) {
    pod.volumeWithMounts({ name: VOLUME.POD_RESOURCES, hostPath: { path: c.kubelet.podResourcesSocketDir, type: 'Directory' } }, {
      [CONTAINER.AGENT]: { mountPath: POD_RESOURCES_DIR, readOnly: true },
    });
  }

  // Writable scratch space: the root filesystem is read-only.
  for (const v of ['config', 'logdatadog', 'tmpdir', 'auth-token']) pod.emptyDir(v);
  agent.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent' });
  agent.mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' });
  agent.mount({ name: VOLUME.TMP, mountPath: '/tmp' });
  agent.mount({ name: VOLUME.AUTH_TOKEN, mountPath: '/etc/datadog-agent/auth' });
  pod.container(CONTAINER.INIT_CONFIG).mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent' })
    .mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' });

  pod.addVolume({ name: VOLUME.INSTALL_INFO, configMap: { name: c.names.installInfo } });
  agent.mount({ name: VOLUME.INSTALL_INFO, mountPath: '/etc/datadog-agent/install_info', subPath: 'install_info', readOnly: true });

  // Host paths the core agent reads: processes and cgroups for container metrics, the OS release
  // for host metadata, the runtime socket for container metadata. Some platforms (GDC) give none:
  // the agent then learns about containers from the kubelet only.
  if (traits.hostSystem) hostSystemMounts(c, pod);
  if (c.kubelet.hostCAPath) {
    pod.hostPath(VOLUME.KUBELET_CA, c.kubelet.hostCAPath, 'File');
    agent.mount({ name: VOLUME.KUBELET_CA, mountPath: c.kubelet.agentCAPath!, readOnly: true });
  }
  return pod;
}

/** The host system directories the core agent and init-config read. */
function hostSystemMounts(c: CoreConfig, pod: PodModel): void {
  const agent = pod.container(CONTAINER.AGENT);
  pod.hostPath(VOLUME.PROC, '/proc');
  pod.hostPath(VOLUME.CGROUPS, '/sys/fs/cgroup');
  pod.hostPath(VOLUME.OS_RELEASE, '/etc/os-release', 'File');
  pod.hostPath(VOLUME.RUNTIME_SOCKET_DIR, c.runtime.socketDir);
  agent.mount({ name: VOLUME.PROC, mountPath: '/host/proc', readOnly: true, mountPropagation: 'None' });
  agent.mount({ name: VOLUME.CGROUPS, mountPath: '/host/sys/fs/cgroup', readOnly: true, mountPropagation: 'None' });
  agent.mount({ name: VOLUME.OS_RELEASE, mountPath: '/host/etc/os-release', readOnly: true, mountPropagation: 'None' });
  const runtimeMount = { name: VOLUME.RUNTIME_SOCKET_DIR, mountPath: `/host${c.runtime.socketDir}`, readOnly: true, mountPropagation: 'None' };
  agent.mount(runtimeMount);
  pod.container(CONTAINER.INIT_CONFIG)
    .mount({ name: VOLUME.PROC, mountPath: '/host/proc', readOnly: true, mountPropagation: 'None' })
    .mount(runtimeMount);
}

/** Applies what must come last: user env overrides and mounts that follow the containers features added. @internal */
export function finishNodeAgentPod(c: CoreConfig, pod: PodModel): void {
  const needs = pod.hostPidNeededBy();
  if (!platformTraits(c.platform).hostSystem && needs.length) {
    fail(`${needs.join(' and ')} ${needs.length > 1 ? 'need' : 'needs'} the host PID namespace, which platform ${platformConstant(c.platform)} does not give the agent: turn ${needs.length > 1 ? 'them' : 'it'} off`);
  }
  if (!c.nodeAgent.hostPID && needs.length) {
    fail(`nodeAgent.hostPID is false, but ${needs.join(' and ')} ${needs.length > 1 ? 'need' : 'needs'} the host PID namespace: remove nodeAgent.hostPID: false or turn ${needs.length > 1 ? 'them' : 'it'} off`);
  }
  const runtimeMount = { name: VOLUME.RUNTIME_SOCKET_DIR, mountPath: `/host${c.runtime.socketDir}`, readOnly: true, mountPropagation: 'None' };
  if (pod.hasVolume(VOLUME.RUNTIME_SOCKET_DIR)) {
    for (const ct of pod.existing(CONTAINER.TRACE_AGENT, CONTAINER.PROCESS_AGENT, CONTAINER.SECURITY_AGENT)) ct.mount(runtimeMount);
  }
  if (c.kubelet.hostCAPath) {
    const caMount = { name: VOLUME.KUBELET_CA, mountPath: c.kubelet.agentCAPath!, readOnly: true };
    for (const ct of pod.existing(CONTAINER.TRACE_AGENT, CONTAINER.PROCESS_AGENT)) ct.mount(caMount);
  }
  for (const name of pod.containerNames()) {
    const ct = pod.container(name);
    ct.setResources(c.nodeAgent.resources[name] ?? undefined);
    if (Object.keys(c.nodeAgent.env).length) ct.overrideEnv(c.nodeAgent.env);
  }
  // init-config runs the agent's cont-init.d scripts with the agents' common env, the user's included (as in the chart).
  if (Object.keys(c.nodeAgent.env).length && pod.initContainerNames().includes(CONTAINER.INIT_CONFIG)) {
    pod.container(CONTAINER.INIT_CONFIG).overrideEnv(c.nodeAgent.env);
  }
}

/**
 * The node Agent: its DaemonSet and ServiceAccount. Created by `DatadogAgent`.
 */
export class NodeAgent extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, c: CoreConfig, pod: PodModel): NodeAgent {
    return new NodeAgent(scope, id, c, pod);
  }

  /** The DaemonSet running one agent pod per node (also `ApiObject.of(nodeAgent)`). */
  public readonly daemonSet: k8s.KubeDaemonSet;
  /** The ServiceAccount of the agent pods. */
  public readonly serviceAccount: k8s.KubeServiceAccount;

  /** @internal */
  public readonly _pod: PodModel;

  private constructor(scope: Construct, id: string, c: CoreConfig, pod: PodModel) {
    super(scope, id);
    this._pod = pod;
    const labels = componentLabels(c, 'agent');
    this.serviceAccount = serviceAccount(this, c, c.names.nodeAgentServiceAccount, labels, c.nodeAgent);
    const strategy = c.nodeAgent.updateStrategy;
    const maxUnavailable = strategy.rollingUpdate?.maxUnavailable;
    this.daemonSet = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name: c.names.nodeAgent, namespace: c.namespace, labels },
      spec: {
        selector: { matchLabels: selectorLabels(c.names.nodeAgent) },
        updateStrategy: maxUnavailable === undefined ? strategy : { ...strategy, rollingUpdate: { maxUnavailable: intOrString(maxUnavailable) } },
        template: Lazy.any({ produce: () => typedPodTemplate(pod.render()) }),
      },
    });
  }

  /**
   * The JSON pointer of a container (or init container) in `daemonSet`, by name, e.g.
   * `/spec/template/spec/containers/2` for `system-probe`: for `daemonSet.addJsonPatch`. The
   * order of containers changes with the features that are on; never write an index yourself.
   *
   * @param containerName `agent`, `trace-agent`, `process-agent`, `system-probe`, `security-agent`, `otel-agent`, `init-volume`, `init-config`, `seccomp-setup`
   */
  public containerPath(containerName: string): string {
    return containerPointer('nodeAgent', this._pod, containerName);
  }

  /**
   * Adds JSON patches to `daemonSet` whose paths are relative to the named container:
   * `addContainerJsonPatch('agent', JsonPatch.add('/env/-', { name: 'X', value: '1' }))`.
   * Patches apply after the library renders the DaemonSet, so they can change anything; they are
   * not validated.
   */
  public addContainerJsonPatch(containerName: string, ...ops: JsonPatch[]): void {
    addContainerPatches('nodeAgent', this.daemonSet, this._pod, containerName, ops);
  }
}
