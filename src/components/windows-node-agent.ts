import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import type { CoreConfig, ResolvedConfig } from '../config';
import type { EnvValueSource } from '../env-value';
import type { LocalServicePort, Resolver } from '../feature';
import { traceAgentLiveness } from '../features/apm';
import { platformConstant, platformTraits } from '../features/platform';
import type { ContainerPort, ResourceRequirements, SecurityContext, Toleration } from '../model/k8s-json';
import { intOrString, typedPodTemplate } from '../model/objects';
import type { EnvValue } from '../model/pod';
import { PodModel } from '../model/pod';
import type { DatadogAgentProps } from '../props';
import { bool, checkString, checkUnusedWhenOff, fail, show } from '../validation';
import type { ContainerResources } from '../workload-options';
import { UpdateStrategy, resolveResources } from '../workload-options';
import { CONTAINER, VOLUME } from './containers';
import { componentLabels, selectorLabels } from './labels';
import { agentProbes } from './node-agent';
import type { ResolvedPodPlacement } from './workload';
import { resolvePodPlacement } from './workload';

/**
 * Windows nodes of a mixed cluster (AKS, EKS, GKE Windows node pools): a second node-agent
 * DaemonSet, `F-windows`, scheduled only on `kubernetes.io/os: windows` nodes. The Helm chart
 * needs a second release with `targetSystem: windows` for this; here it is part of the same
 * installation: same credentials, site, cluster name, tags, image and features, and it joins this
 * installation's Cluster Agent.
 */
export interface WindowsNodesOptions {
  /**
   * Deploy the Windows node agent DaemonSet.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Suffix of the agent image tag on Windows nodes (the chart's `agents.image.tagSuffix`), e.g.
   * `servercore` for `agent:7.81.1-servercore`. Without it the Windows pods run the multi-arch tag
   * the Linux pods run (it carries the Windows LTSC 2019 and 2022 images), as the chart does.
   * @default - none: the multi-arch tag
   */
  readonly imageTagSuffix?: string;
  /**
   * Extra node selector labels. `kubernetes.io/os: windows` is always set.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Tolerations, added after the `node.kubernetes.io/os=windows:NoSchedule` one the Windows pods
   * always have (the taint AKS and EKS guides put on Windows node pools).
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Affinity of the Windows agent pods.
   * @default - none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * PriorityClass of the Windows agent pods.
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Extra labels on the Windows agent pods.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Extra annotations on the Windows agent pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Extra env for every Windows node-agent container; replaces a library variable of the same
   * name in place. `nodeAgent.env` applies to the Linux pods only.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Extra env from a Secret or ConfigMap key, a pod field or a resource (`valueFrom`), for every
   * Windows node-agent container.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * CPU and memory of the Windows `agent` container.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * CPU and memory of the other Windows containers.
   * @default - none
   */
  readonly containerResources?: WindowsNodeAgentContainerResources;
  /**
   * How the Windows DaemonSet rolls out changes.
   * @default UpdateStrategy.rollingUpdateOf(PercentOrAbsolute.percent(10))
   */
  readonly updateStrategy?: UpdateStrategy;
}

/** Resources of the Windows node agent's containers other than `agent`. */
export interface WindowsNodeAgentContainerResources {
  /**
   * Resources of the `trace-agent` container.
   * @default - none
   */
  readonly traceAgent?: ContainerResources;
  /**
   * Resources of the `process-agent` container.
   * @default - none
   */
  readonly processAgent?: ContainerResources;
  /**
   * Resources of the init containers.
   * @default - none
   */
  readonly initContainers?: ContainerResources;
}

/** @internal */
export interface ResolvedWindowsNodes extends ResolvedPodPlacement {
  readonly enabled: boolean;
  readonly image: string;
  readonly resources: { [container: string]: ResourceRequirements | undefined };
  readonly updateStrategy: any;
  /** The trace-agent runs: APM on, reachable over TCP (hostPort or the node-local Service). */
  readonly traceAgent: boolean;
  /** The process-agent runs: process checks run in the core agent on Linux only. */
  readonly processAgent: boolean;
  readonly logs: boolean;
}

/** Where the agent keeps its configuration in the Windows image. */
const CONF = 'C:/ProgramData/Datadog';
/** The container runtimes' named pipes (the chart mounts both when no CRI socket is given). */
const DOCKER_PIPE = '\\\\.\\pipe\\docker_engine';
const CONTAINERD_PIPE = '\\\\.\\pipe\\containerd-containerd';
/** The taint Windows node pools carry (AKS, EKS guides), tolerated as the chart does. */
const WINDOWS_TOLERATION: Toleration = { key: 'node.kubernetes.io/os', operator: 'Equal', value: 'windows', effect: 'NoSchedule' };

/**
 * The security context of every Windows container: the user the agent image runs as, stated
 * (the agent needs the container administrator for the runtime pipes and host log paths). The
 * Linux fields (`runAsUser`, `readOnlyRootFilesystem`, capabilities...) are refused on Windows pods.
 */
const WINDOWS_SECURITY_CONTEXT: SecurityContext = { windowsOptions: { runAsUserName: 'ContainerAdministrator' } };

/** The secrets helper of the Linux agent image (`secretBackend.command`'s default). */
const LINUX_SECRET_HELPER = '/readsecret_multiple_providers.sh';

const TAG_SUFFIX = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/** @internal */
export function resolveWindowsNodes(
  p: DatadogAgentProps, c: Pick<ResolvedConfig, keyof CoreConfig | 'apm' | 'processes' | 'logs' | 'secretBackend'>,
): ResolvedWindowsNodes {
  const o = p.windowsNodes ?? {};
  const enabled = bool('windowsNodes.enabled', o.enabled) ?? false;
  checkUnusedWhenOff('windowsNodes', o, enabled);
  checkString('windowsNodes.imageTagSuffix', o.imageTagSuffix, TAG_SUFFIX, 'an image tag suffix such as "servercore" (letters, digits, "_", ".", "-")');
  const os = o.nodeSelector?.['kubernetes.io/os'];
  if (os !== undefined && os !== 'windows') fail(`windowsNodes.nodeSelector["kubernetes.io/os"] must be "windows" (or left out), got ${show(os)}`);
  if (enabled) {
    const unsupported = platformTraits(c.platform).unsupported.windowsNodes;
    if (unsupported) fail(`windowsNodes.enabled is not supported on platform ${platformConstant(c.platform)}: ${unsupported}`);
    // The kubelet CA is a Linux host path here; the Windows pods cannot mount it.
    if (p.kubelet?.hostCAPath !== undefined) fail('kubelet.hostCAPath is a Linux host path and cannot apply to windowsNodes: remove it or turn windowsNodes off');
    if (p.kubelet?.agentCAPath !== undefined) fail('kubelet.agentCAPath is a Linux path and cannot apply to windowsNodes: remove it or turn windowsNodes off');
    // The Windows agents run the same secrets command; the default helper is a Linux shell script.
    if (c.secretBackend.enabled && c.secretBackend.command === LINUX_SECRET_HELPER) {
      fail(`secretBackend.command ${LINUX_SECRET_HELPER} (the default) is a Linux script and cannot apply to windowsNodes: set a command both images run, or turn one of them off`);
    }
  }
  const placement = resolvePodPlacement('windowsNodes', o);
  const cr = o.containerResources ?? {};
  let image = c.images.agent;
  if (o.imageTagSuffix !== undefined) {
    if (image.includes('@')) fail('windowsNodes.imageTagSuffix cannot apply to an image pinned by images.agentDigest: remove one of them');
    image = `${image}-${o.imageTagSuffix}`;
  }
  return {
    ...placement,
    nodeSelector: { ...(o.nodeSelector ?? {}), 'kubernetes.io/os': 'windows' },
    tolerations: [WINDOWS_TOLERATION, ...placement.tolerations],
    enabled,
    image,
    resources: {
      [CONTAINER.AGENT]: resolveResources('windowsNodes.resources', o.resources),
      [CONTAINER.TRACE_AGENT]: resolveResources('windowsNodes.containerResources.traceAgent', cr.traceAgent),
      [CONTAINER.PROCESS_AGENT]: resolveResources('windowsNodes.containerResources.processAgent', cr.processAgent),
      init: resolveResources('windowsNodes.containerResources.initContainers', cr.initContainers),
    },
    updateStrategy: (o.updateStrategy ?? UpdateStrategy.rollingUpdate('10%'))._render('windowsNodes.updateStrategy'),
    // Windows has no Unix socket for APM: the trace-agent is useful only where tracers reach it
    // over TCP (the chart's rule: host port or local Service).
    traceAgent: c.apm.enabled && (c.apm.useHostPort || c.nodeAgent.localService),
    processAgent: c.processes.processCollection || c.processes.containerCollection || c.processes.processDiscovery,
    logs: c.logs.enabled,
  };
}

/** @internal */
export const windowsNodesResolver: Resolver<'windowsNodes', 'apm' | 'processes' | 'logs' | 'secretBackend'> = {
  id: 'windows-nodes',
  option: 'windowsNodes',
  needs: ['apm', 'processes', 'logs', 'secretBackend'],
  resolve: (p, c) => resolveWindowsNodes(p, c),
};

/**
 * Env the Linux pods set that means nothing on Windows: Unix sockets, the `/host`-prefixed
 * runtime socket, and switches of Linux-only containers (system-probe, security-agent).
 */
const LINUX_ONLY_ENV = [
  /^DD_DOGSTATSD_SOCKET$/, /^DD_APM_RECEIVER_SOCKET$/, /^DD_CRI_SOCKET_PATH$/, /^DOCKER_HOST$/,
  /^DD_PROCESS_CONFIG_RUN_IN_CORE_AGENT_ENABLED$/, /^DD_SYSTEM_PROBE_/, /^DD_RUNTIME_SECURITY_CONFIG_/,
];
/**
 * Env of the DDOT collector, which runs on the Linux pods only: the chart's Windows otel-agent
 * mounts two volumes at `C:/ProgramData/Datadog`, a pod the API server refuses (difference
 * `windows-no-ddot`).
 */
const DDOT_ENV = /^(DD_OTELCOLLECTOR_|DD_OTEL_STANDALONE$)/;
/** Env of the agent that exists only while the trace-agent runs (the chart's trace-agent block). */
const TRACE_ONLY_ENV = /^(DD_APM_NON_LOCAL_TRAFFIC|DD_APM_RECEIVER_PORT|DD_INSTRUMENTATION_INSTALL_(TIME|ID|TYPE))$/;
/** Env the process-agent reads, taken from the agent's (the chart's processes-common-envs). */
const PROCESS_ENV = /^(DD_PROCESS_CONFIG_(PROCESS|CONTAINER)_COLLECTION_ENABLED|DD_PROCESS_AGENT_DISCOVERY_ENABLED|DD_STRIP_PROCESS_ARGS|DD_ORCHESTRATOR_EXPLORER_ENABLED)$/;

type Env = [string, EnvValue][];

/**
 * The Windows pod of this installation, derived at synthesis from the Linux node pod (so every
 * feature's env, such as tags, DogStatsD, logs, orchestrator explorer or the Cluster Agent client,
 * is the same on both) and rebuilt for Windows: Windows paths and commands, named pipes instead of
 * Unix sockets, no Linux-only container (system-probe, security-agent) and no Linux security
 * context fields (the API server refuses them on a pod whose `os.name` is windows).
 *
 * @internal
 */
export function windowsNodeAgentPod(c: ResolvedConfig, linux: PodModel): PodModel {
  const w = c.windowsNodes;
  const linuxSpec = linux.render().spec;
  const linuxContainer = (name: string) => (linuxSpec.containers as any[]).find(x => x.name === name);
  const pod = new PodModel('windowsNodes');
  pod.serviceAccountName = c.names.nodeAgentServiceAccount;
  pod.priorityClassName = w.priorityClassName;
  pod.imagePullSecrets = c.images.pullSecrets;
  pod.tolerations.push(...w.tolerations);
  Object.assign(pod.nodeSelector, w.nodeSelector);
  pod.affinity = w.affinity;
  Object.assign(pod.labels, w.podLabels, selectorLabels(windowsName(c)), componentLabels(c, 'agent'));
  pod.labels['admission.datadoghq.com/enabled'] = 'false';
  // No checksum annotations: those of the Linux pod are of files (conf.d, checks.d, datadog.yaml)
  // the Windows pods do not mount.
  Object.assign(pod.annotations, w.podAnnotations);

  const windowsEnv = (env: Env): Env => env
    .filter(([n]) => !LINUX_ONLY_ENV.some(r => r.test(n)) && !DDOT_ENV.test(n) && (w.traceAgent || !TRACE_ONLY_ENV.test(n)))
    .map(([n, v]): [string, EnvValue] => {
      if (n === 'DD_AUTH_TOKEN_FILE_PATH') return [n, `${CONF}/auth/token`];
      if (n === 'DD_APM_ENABLED') return [n, String(w.traceAgent)];
      if (n === 'DD_LOG_LEVEL') return [n, c.logLevel];
      return [n, v];
    });
  const common = windowsEnv(linux.groupEnvEntries('common'));
  const clusterAgentClient = windowsEnv(linux.groupEnvEntries('clusterAgentClient'));
  const agentEnv = windowsEnv(linux.libraryEnv(CONTAINER.AGENT));
  const image = w.image;
  const imagePullPolicy = c.images.pullPolicy;
  const set = (env: Env) => Object.fromEntries(env);

  const pipes = [{ name: 'runtimesocket', mountPath: DOCKER_PIPE }, { name: 'containerdsocket', mountPath: CONTAINERD_PIPE }];
  pod.hostPath('runtimesocket', DOCKER_PIPE);
  pod.hostPath('containerdsocket', CONTAINERD_PIPE);
  pod.emptyDir(VOLUME.AUTH_TOKEN);
  pod.emptyDir(VOLUME.CONFIG);
  pod.emptyDir(VOLUME.LOGS);
  pod.addVolume({ name: VOLUME.INSTALL_INFO, configMap: { name: c.names.installInfo } });

  pod.addInitContainer(CONTAINER.INIT_VOLUME, {
    image,
    imagePullPolicy,
    command: ['pwsh', '-Command'],
    securityContext: WINDOWS_SECURITY_CONTEXT,
    args: [`Copy-Item -Recurse -Force ${CONF} C:/Temp\nCopy-Item -Force C:/Temp/install_info/install_info C:/Temp/Datadog/install_info\n`],
  }).mount({ name: VOLUME.CONFIG, mountPath: 'C:/Temp/Datadog', readOnly: false })
    .mount({ name: VOLUME.INSTALL_INFO, mountPath: 'C:/Temp/install_info', readOnly: true })
    .setResources(w.resources.init);
  const initConfig = pod.addInitContainer(CONTAINER.INIT_CONFIG, {
    image,
    imagePullPolicy,
    command: ['pwsh', '-Command'],
    securityContext: WINDOWS_SECURITY_CONTEXT,
    args: ["Get-ChildItem 'entrypoint-ps1' | ForEach-Object { & $_.FullName if (-Not $?) { exit 1 } }"],
  }).mount({ name: VOLUME.CONFIG, mountPath: CONF, readOnly: false }).setEnv(set(common)).setResources(w.resources.init);
  pipes.forEach(m => initConfig.mount(m));

  const agent = pod.addContainer(CONTAINER.AGENT, { image, imagePullPolicy, command: ['agent', 'run'], securityContext: WINDOWS_SECURITY_CONTEXT });
  agent.setEnv(set(agentEnv));
  if (w.processAgent) agent.setEnv({ DD_SYSTEM_PROBE_ENABLED: 'false' });
  for (const port of (linuxContainer(CONTAINER.AGENT)?.ports ?? []) as ContainerPort[]) agent.addPort(port);
  agent.mount({ name: VOLUME.LOGS, mountPath: `${CONF}/logs`, readOnly: false })
    .mount({ name: VOLUME.CONFIG, mountPath: CONF, readOnly: false })
    .mount({ name: VOLUME.AUTH_TOKEN, mountPath: `${CONF}/auth`, readOnly: false });
  pipes.forEach(m => agent.mount(m));
  if (w.logs) {
    // The chart's Windows paths: pointer files under C:/var/log, pod logs, and the Docker
    // container logs under C:/ProgramData.
    pod.hostPath('pointerdir', 'C:/var/log');
    pod.hostPath('logpodpath', 'C:/var/log/pods');
    pod.hostPath('logdockercontainerpath', 'C:/ProgramData');
    agent.mount({ name: 'pointerdir', mountPath: 'c:/programdata/datadog/run', readOnly: false })
      .mount({ name: 'logpodpath', mountPath: 'C:/var/log/pods', readOnly: true })
      .mount({ name: 'logdockercontainerpath', mountPath: 'C:/ProgramData', readOnly: true });
  }
  agent.setProbes(agentProbes());

  const sidecarMounts = [
    { name: VOLUME.CONFIG, mountPath: CONF, readOnly: true },
    { name: VOLUME.LOGS, mountPath: `${CONF}/logs`, readOnly: false },
    { name: VOLUME.AUTH_TOKEN, mountPath: `${CONF}/auth`, readOnly: true },
  ];
  const linuxTrace = linuxContainer(CONTAINER.TRACE_AGENT);
  if (w.traceAgent && linuxTrace) {
    const trace = pod.addContainer(CONTAINER.TRACE_AGENT, {
      image, imagePullPolicy, command: ['trace-agent', '-foreground', `-config=${CONF}/datadog.yaml`], securityContext: WINDOWS_SECURITY_CONTEXT,
    });
    trace.setEnv(set(windowsEnv(linux.libraryEnv(CONTAINER.TRACE_AGENT))));
    for (const port of (linuxTrace.ports ?? []) as ContainerPort[]) trace.addPort(port);
    sidecarMounts.forEach(m => trace.mount(m));
    // The library's probe, not the Linux container's: nodeAgent.containers tunes the Linux pods only.
    trace.setProbes({ liveness: traceAgentLiveness(c.apm.port) });
  }
  if (w.processAgent) {
    const proc = pod.addContainer(CONTAINER.PROCESS_AGENT, {
      image, imagePullPolicy, command: ['process-agent', '-foreground', `--cfgpath=${CONF}/datadog.yaml`], securityContext: WINDOWS_SECURITY_CONTEXT,
    });
    proc.setEnv(set([
      ...common, ...clusterAgentClient,
      ...agentEnv.filter(([n]) => PROCESS_ENV.test(n)),
      ['DD_LOG_LEVEL', c.logLevel], ['DD_SYSTEM_PROBE_ENABLED', 'false'],
    ]));
    sidecarMounts.forEach(m => proc.mount(m));
    pipes.forEach(m => proc.mount(m));
  }
  for (const name of pod.containerNames()) {
    const ct = pod.container(name);
    ct.setResources(w.resources[name]);
    if (Object.keys(w.env).length) ct.overrideEnv(w.env);
  }
  return pod;
}

/** The Windows DaemonSet's name: what the chart names a second release `<release>-windows`. */
export function windowsName(c: CoreConfig): string {
  return `${c.names.nodeAgent}-windows`;
}

/**
 * The Windows node Agent: its DaemonSet `F-windows` (and node-local Service `F-windows` when
 * `nodeAgent.localService` is on). It shares the Linux agents' ServiceAccount and RBAC. Created by
 * `DatadogAgent` when `windowsNodes.enabled`.
 */
export class WindowsNodeAgent extends Construct {
  /** @internal */
  public static _create(
    scope: Construct, id: string, c: ResolvedConfig, linux: PodModel, localServicePorts: readonly LocalServicePort[],
  ): WindowsNodeAgent {
    return new WindowsNodeAgent(scope, id, c, linux, localServicePorts);
  }

  /** The DaemonSet running one agent pod per Windows node (also `ApiObject.of(windowsNodeAgent)`). */
  public readonly daemonSet: k8s.KubeDaemonSet;
  /** The node-local Service of the Windows agents, when `nodeAgent.localService` is on. */
  public readonly localService?: k8s.KubeService;

  private constructor(scope: Construct, id: string, c: ResolvedConfig, linux: PodModel, localServicePorts: readonly LocalServicePort[]) {
    super(scope, id);
    const name = windowsName(c);
    const labels = componentLabels(c, 'agent');
    const strategy = c.windowsNodes.updateStrategy;
    const maxUnavailable = strategy.rollingUpdate?.maxUnavailable;
    let template: any;
    // Built at synthesis, from the Linux pod as every feature (and addIntegration) left it.
    const render = () => {
      if (!template) {
        const t = windowsNodeAgentPod(c, linux).render();
        template = { ...t, spec: { ...t.spec, os: { name: 'windows' } } };
      }
      return template;
    };
    const produce = () => typedPodTemplate(render());
    this.daemonSet = new k8s.KubeDaemonSet(this, 'Resource', {
      metadata: { name, namespace: c.namespace, labels },
      spec: {
        selector: { matchLabels: selectorLabels(name) },
        updateStrategy: maxUnavailable === undefined ? strategy : { ...strategy, rollingUpdate: { maxUnavailable: intOrString(maxUnavailable) } },
        template: Lazy.any({ produce }),
      },
    });
    if (c.nodeAgent.localService) {
      // Only the ports a Windows container serves (no trace port without the Windows trace-agent,
      // no DDOT collector port): known at synthesis, like the pod.
      const ports = () => {
        const served = new Set((render().spec.containers as any[]).flatMap(ct => (ct.ports ?? []).map((p: ContainerPort) => `${p.containerPort}/${p.protocol ?? 'TCP'}`)));
        return localServicePorts
          .filter(p => served.has(`${p.port}/${p.protocol}`))
          .map(p => ({ name: p.name, port: p.port, targetPort: intOrString(p.port), protocol: p.protocol, appProtocol: p.appProtocol }));
      };
      this.localService = new k8s.KubeService(this, 'LocalService', {
        metadata: { name, namespace: c.namespace, labels },
        spec: { selector: selectorLabels(name), ports: Lazy.any({ produce: ports }), internalTrafficPolicy: 'Local' },
      });
    }
  }
}
