import { k8s } from 'cdk8s-plus-27';
import { componentLabels } from '../components/labels';
import { NODE_CONTAINER_SECURITY } from '../components/node-agent';
import type { CoreConfig } from '../config';
import type { SystemProbeNeed, View } from '../feature';
import { defineFeature } from '../feature';
import { versionAtLeast } from '../images';
import type { SecurityContext } from '../model/k8s-json';
import type { ContainerModel, PodModel } from '../model/pod';
import { toYaml } from '../model/yaml';
import { checkAbsolutePath, checkInt, checkString, fail, show, bool } from '../validation';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';
import { systemProbeSeccompJson } from './system-probe-seccomp';
import { CONTAINER, VOLUME } from '../components/containers';

/**
 * system-probe: the eBPF companion that NPM, USM, OOM kill, TCP queue length, service discovery
 * and CWS run in (`datadog.systemProbe.*` in the chart). It is not a feature of its own: it runs
 * exactly when one of those features is on. These options tune it.
 */
export interface SystemProbeOptions {
  /**
   * Allow system-probe. `false` forbids it: turning on a feature that needs it is then an error,
   * which keeps the privileged-capability container off a cluster by policy.
   * @default - system-probe runs exactly when a feature needs it
   */
  readonly enabled?: boolean;
  /**
   * Port where system-probe serves pprof and expvar on localhost; 0 turns it off.
   * @default 0
   */
  readonly debugPort?: number;
  /**
   * Track NAT translations through conntrack (NPM).
   * @default true
   */
  readonly enableConntrack?: boolean;
  /**
   * Log eBPF debug output (`bpf_debug`). Verbose: for troubleshooting only.
   * @default false
   */
  readonly bpfDebug?: boolean;
  /**
   * Collect DNS statistics (NPM).
   * @default true
   */
  readonly collectDnsStats?: boolean;
  /**
   * Most connections NPM tracks at once.
   * @default 131072
   */
  readonly maxTrackedConnections?: number;
  /**
   * Most closed connections buffered between two collections.
   * @default - the agent's default
   */
  readonly maxConnectionStateBuffered?: number;
  /**
   * Most entries of the conntrack cache.
   * @default 131072
   */
  readonly conntrackMaxStateSize?: number;
  /**
   * How long system-probe waits for conntrack to initialise, as a Go duration.
   * @default "10s"
   */
  readonly conntrackInitTimeout?: string;
  /**
   * Host directory where runtime compilation keeps compiled programs (`build/`) and downloaded
   * kernel headers (`kernel-headers/`).
   * @default "/var/tmp/datadog-agent/system-probe"
   */
  readonly runtimeCompilationAssetDir?: string;
  /**
   * The kubelet's seccomp directory on the host; `seccomp-setup` installs the profile there as
   * `system-probe`.
   * @default "/var/lib/kubelet/seccomp"
   */
  readonly seccompRoot?: string;
  /**
   * Host path of a BTF file for kernels without `/sys/kernel/btf/vmlinux`; mounted read-only.
   * @default - none
   */
  readonly btfPath?: string;
  /**
   * When runtime compilation is on, mount the host's `/lib/modules` and `/usr/src` (kernel
   * headers). Turn off on hosts where `/usr` cannot be mounted (e.g. Flatcar, COS).
   * @default true
   */
  readonly enableDefaultKernelHeadersPaths?: boolean;
  /**
   * Mount `/etc/redhat-release`, `/etc/fedora-release` and `/etc/lsb-release` so system-probe can
   * tell the distribution.
   * @default true
   */
  readonly enableDefaultOsReleasePaths?: boolean;
}

/** @internal */
export interface ResolvedSystemProbe {
  /** The system-probe container runs. */
  readonly enabled: boolean;
  readonly debugPort: number;
  readonly enableConntrack: boolean;
  readonly bpfDebug: boolean;
  readonly collectDnsStats: boolean;
  readonly maxTrackedConnections: number;
  readonly maxConnectionStateBuffered?: number;
  readonly conntrackMaxStateSize: number;
  readonly conntrackInitTimeout: string;
  readonly runtimeCompilationAssetDir: string;
  readonly seccompRoot: string;
  readonly btfPath?: string;
  readonly enableDefaultKernelHeadersPaths: boolean;
  readonly enableDefaultOsReleasePaths: boolean;
  /** eBPF programs are compiled on the node: kernel headers and package-manager dirs are mounted. */
  readonly runtimeCompilation: boolean;
  /** The `process-agent` container runs (NPM, USM). */
  readonly processAgent: boolean;
  /** system-probe reads the host filesystem at /host/root (CWS, USM). */
  readonly hostRoot: boolean;
  /** system-probe reads the host cgroups to attribute activity to containers (all but OOM kill and TCP queue length). */
  readonly cgroups: boolean;
  /** NPM sends connections from system-probe itself (agent 7.81+). */
  readonly directSend: boolean;
  /** The agent hands its resolved config to system-probe over IPC (direct send with NPM or USM). */
  readonly configSync: boolean;
  /** Syscalls the seccomp profile allows beyond the base list. */
  readonly extraSyscalls: string[];
  /** The options that need system-probe, for messages. */
  readonly neededBy: string[];
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/** @internal */
export function resolveSystemProbe(
  o: SystemProbeOptions = {}, needs: readonly SystemProbeNeed[], agentVersion?: [number, number, number], platform: Platform = 'generic',
): ResolvedSystemProbe {
  checkInt('systemProbe.debugPort', o.debugPort, 0, 65535);
  checkInt('systemProbe.maxTrackedConnections', o.maxTrackedConnections, 1);
  checkInt('systemProbe.maxConnectionStateBuffered', o.maxConnectionStateBuffered, 1);
  checkInt('systemProbe.conntrackMaxStateSize', o.conntrackMaxStateSize, 1);
  checkString('systemProbe.conntrackInitTimeout', o.conntrackInitTimeout, GO_DURATION, 'a Go duration such as "10s" or "1m30s"');
  checkAbsolutePath('systemProbe.runtimeCompilationAssetDir', o.runtimeCompilationAssetDir);
  checkAbsolutePath('systemProbe.seccompRoot', o.seccompRoot);
  checkAbsolutePath('systemProbe.btfPath', o.btfPath);
  if (o.runtimeCompilationAssetDir !== undefined && (o.runtimeCompilationAssetDir === '/' || o.runtimeCompilationAssetDir.endsWith('/'))) {
    fail(`systemProbe.runtimeCompilationAssetDir must be a directory without a trailing "/", got ${show(o.runtimeCompilationAssetDir)}`);
  }
  if (o.seccompRoot !== undefined && o.seccompRoot === '/') fail('systemProbe.seccompRoot must not be "/": the init container writes into it');

  const neededBy = needs.map(n => n.option);
  const enabled = neededBy.length > 0;
  type Flag = 'runtimeCompilation' | 'processAgent' | 'hostRoot' | 'cgroups' | 'configSync';
  const any = (k: Flag) => needs.some(n => n[k] === true);
  if (o.enabled === false && enabled) {
    fail(`systemProbe.enabled is false, but ${neededBy.join(', ')} need${neededBy.length === 1 ? 's' : ''} system-probe: turn ${neededBy.length === 1 ? 'it' : 'them'} off or allow system-probe`);
  }
  // GDC runs the core agent alone (the chart refuses NPM there and drops the other modules).
  if (enabled && !platformTraits(platform).sidecars) {
    fail(`${neededBy.join(', ')} need${neededBy.length === 1 ? 's' : ''} system-probe, and platform ${platformConstant(platform)} runs the core agent container only: turn ${neededBy.length === 1 ? 'it' : 'them'} off`);
  }
  if (o.enabled === true && !enabled) {
    fail(`systemProbe.enabled is true, but no feature needs system-probe: turn on ${SYSTEM_PROBE_USERS}`);
  }
  const directSend = versionAtLeast(agentVersion, [7, 81, 0]);
  return {
    enabled,
    debugPort: o.debugPort ?? 0,
    enableConntrack: (bool('systemProbe.enableConntrack', o.enableConntrack) ?? true),
    bpfDebug: (bool('systemProbe.bpfDebug', o.bpfDebug) ?? false),
    collectDnsStats: (bool('systemProbe.collectDnsStats', o.collectDnsStats) ?? true),
    maxTrackedConnections: o.maxTrackedConnections ?? 131072,
    maxConnectionStateBuffered: o.maxConnectionStateBuffered,
    conntrackMaxStateSize: o.conntrackMaxStateSize ?? 131072,
    conntrackInitTimeout: o.conntrackInitTimeout ?? '10s',
    runtimeCompilationAssetDir: o.runtimeCompilationAssetDir ?? '/var/tmp/datadog-agent/system-probe',
    seccompRoot: o.seccompRoot ?? '/var/lib/kubelet/seccomp',
    btfPath: o.btfPath,
    enableDefaultKernelHeadersPaths: (bool('systemProbe.enableDefaultKernelHeadersPaths', o.enableDefaultKernelHeadersPaths) ?? true),
    enableDefaultOsReleasePaths: (bool('systemProbe.enableDefaultOsReleasePaths', o.enableDefaultOsReleasePaths) ?? true),
    runtimeCompilation: any('runtimeCompilation'),
    processAgent: any('processAgent'),
    hostRoot: any('hostRoot'),
    cgroups: any('cgroups'),
    directSend,
    configSync: directSend && any('configSync'),
    extraSyscalls: [...new Set(needs.flatMap(n => n.syscalls ?? []))].sort(),
    neededBy,
  };
}

/** The features that can need system-probe, for the message when none does. */
const SYSTEM_PROBE_USERS = 'networkMonitoring, networkPath, serviceMonitoring, oomKill, tcpQueueLength, gpuMonitoring.privilegedMode, serviceDiscovery or security.runtime';

/** Where system-probe and its clients find each other's sockets. */
export const SYSPROBE_SOCKET_DIR = '/var/run/sysprobe';
export const SYSPROBE_CONFIG_PATH = '/etc/datadog-agent/system-probe.yaml';

/**
 * The capabilities system-probe gets, exactly the chart's: eBPF and perf (SYS_ADMIN,
 * SYS_RESOURCE, IPC_LOCK), reading other processes (SYS_PTRACE, DAC_READ_SEARCH), the network
 * stack (NET_ADMIN, NET_BROADCAST, NET_RAW) and CHOWN for its socket. KILL only for CWS enforcement.
 */
export const SYSTEM_PROBE_CAPABILITIES: readonly string[] = [
  'CHOWN', 'DAC_READ_SEARCH', 'IPC_LOCK', 'NET_ADMIN', 'NET_BROADCAST', 'NET_RAW', 'SYS_ADMIN', 'SYS_PTRACE', 'SYS_RESOURCE',
];

/**
 * Never privileged, read-only root, the Localhost seccomp profile `seccomp-setup` installs.
 * No `allowPrivilegeEscalation: false`: Kubernetes rejects it next to CAP_SYS_ADMIN.
 */
const SYSTEM_PROBE_SECURITY: SecurityContext = {
  privileged: false,
  readOnlyRootFilesystem: true,
  seccompProfile: { type: 'Localhost', localhostProfile: 'system-probe' },
};

/** Host paths are mounted without propagation, as the chart's default `hostVolumeMountPropagation`. */
const NONE = { mountPropagation: 'None' };

/** Names of the objects system-probe needs, derived from the fullname like the chart's. */
export function systemProbeConfigMapName(c: Pick<CoreConfig, 'names'>): string {
  return `${c.names.fullname}-system-probe-config`;
}
export function seccompConfigMapName(c: Pick<CoreConfig, 'names'>): string {
  return `${c.names.fullname}-security`;
}

/**
 * The `process-agent` container NPM and USM need (connections and service data go through it):
 * added when a need says `processAgent`. processes.ts gives it the process env; a feature that
 * wants system-probe's network module replaces the default DD_SYSTEM_PROBE_ENABLED.
 */
function addProcessAgent(c: View<'dogstatsd'>, pod: PodModel): ContainerModel {
  const pa = pod.addContainer(CONTAINER.PROCESS_AGENT, {
    image: c.images.agent,
    imagePullPolicy: c.images.pullPolicy,
    command: ['process-agent', '--cfgpath=/etc/datadog-agent/datadog.yaml'],
    envGroups: ['common', 'clusterAgentClient'],
    securityContext: NODE_CONTAINER_SECURITY,
  });
  pa.setEnv({ DD_LOG_LEVEL: c.nodeAgent.logLevel });
  pa.setDefaultEnv({ DD_SYSTEM_PROBE_ENABLED: 'false' });
  pa.setEnv({ DD_DOGSTATSD_SOCKET: c.dogstatsd.socketEnabled ? c.dogstatsd.socketPath : undefined });
  pa.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent', readOnly: true })
    .mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' })
    .mount({ name: VOLUME.AUTH_TOKEN, mountPath: '/etc/datadog-agent/auth', readOnly: true })
    .mount({ name: VOLUME.TMP, mountPath: '/tmp' })
    .mount({ name: VOLUME.OS_RELEASE, mountPath: '/host/etc/os-release', readOnly: true, ...NONE })
    .mount({ name: VOLUME.CGROUPS, mountPath: '/host/sys/fs/cgroup', readOnly: true, ...NONE })
    .mount({ name: VOLUME.PROC, mountPath: '/host/proc', readOnly: true, ...NONE });
  // The agent learns from the same variable whether system-probe's network module is expected.
  pod.container(CONTAINER.AGENT).setDefaultEnv({ DD_SYSTEM_PROBE_ENABLED: 'false' });
  return pa;
}

/**
 * The `system-probe.yaml` system-probe reads (and the agent, process-agent and security-agent,
 * to find its socket and know which modules run): system-probe's own settings deep-merged with
 * every feature's `systemProbeConfig`. Keys are sorted, so the text only changes when a setting does.
 */
export function systemProbeYaml(fragments: readonly object[]): string {
  return toYaml(sortDeep(fragments.reduce((acc, f) => deepMerge(acc, f, ''), {})));
}

/** system-probe's own part of system-probe.yaml. */
function baseSystemProbeConfig(sp: ResolvedSystemProbe): object {
  return {
    system_probe_config: {
      enabled: true,
      debug_port: sp.debugPort,
      sysprobe_socket: `${SYSPROBE_SOCKET_DIR}/sysprobe.sock`,
      enable_conntrack: sp.enableConntrack,
      bpf_debug: sp.bpfDebug,
      collect_dns_stats: sp.collectDnsStats,
      max_tracked_connections: sp.maxTrackedConnections,
      max_connection_state_buffered: sp.maxConnectionStateBuffered,
      conntrack_max_state_size: sp.conntrackMaxStateSize,
      runtime_compiler_output_dir: `${sp.runtimeCompilationAssetDir}/build`,
      kernel_header_download_dir: `${sp.runtimeCompilationAssetDir}/kernel-headers`,
      apt_config_dir: '/host/etc/apt',
      yum_repos_dir: '/host/etc/yum.repos.d',
      zypper_repos_dir: '/host/etc/zypp/repos.d',
      btf_path: sp.btfPath,
    },
    network_config: {
      conntrack_init_timeout: sp.conntrackInitTimeout,
      direct_send: sp.directSend,
    },
    event_monitoring_config: { socket: `${SYSPROBE_SOCKET_DIR}/event-monitor.sock` },
  };
}

/** Merges `b` into `a` (objects only); two modules setting one leaf is a bug, so it throws. */
function deepMerge(a: any, b: any, path: string): any {
  const out: any = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const at = path ? `${path}.${k}` : k;
    if (v === undefined) continue;
    const isObj = (x: unknown) => x !== null && typeof x === 'object' && !Array.isArray(x);
    if (isObj(out[k]) && isObj(v)) out[k] = deepMerge(out[k], v, at);
    else if (out[k] !== undefined) throw new Error(`system-probe.yaml: ${at} is set by two modules`);
    else out[k] = v;
  }
  return out;
}

/** Drops undefined values and empty objects, and sorts object keys, at every level. */
function sortDeep(v: any): any {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v === null || typeof v !== 'object') return v;
  const out: any = {};
  for (const k of Object.keys(v).sort()) {
    const x = sortDeep(v[k]);
    if (x === undefined) continue;
    if (x !== null && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0) continue;
    out[k] = x;
  }
  return out;
}

/**
 * The system-probe container and what every system-probe feature shares: its config, seccomp
 * profile, socket directory, the mounts of the agent's side, and runtime compilation. The
 * features (network-monitoring.ts, service-monitoring.ts, ...) add their own pieces.
 */
export const systemProbe = defineFeature({
  id: 'system-probe',
  option: 'systemProbe',
  resolve: (p, c, gathered) => resolveSystemProbe(p.systemProbe, gathered.systemProbeNeeds, c.images.agentVersion, c.platform),
  uses: ['dogstatsd'],
  enabled: (c) => c.systemProbe.enabled,
  systemProbeConfig: (c) => baseSystemProbeConfig(c.systemProbe),
  nodeAgent: (c, pod) => {
    const sp = c.systemProbe;
    const image = c.images.agent;
    const imagePullPolicy = c.images.pullPolicy;

    // Install the seccomp profile on the node before system-probe starts under it.
    pod.addVolume({ name: 'datadog-agent-security', configMap: { name: seccompConfigMapName(c) } });
    pod.hostPath('seccomp-root', sp.seccompRoot);
    pod.addInitContainer(CONTAINER.SECCOMP_SETUP, {
      image,
      imagePullPolicy,
      command: ['cp', '/etc/config/system-probe-seccomp.json', '/host/var/lib/kubelet/seccomp/system-probe'],
      securityContext: NODE_CONTAINER_SECURITY,
    }).mount({ name: 'datadog-agent-security', mountPath: '/etc/config', readOnly: true })
      .mount({ name: 'seccomp-root', mountPath: '/host/var/lib/kubelet/seccomp', ...NONE })
      .setResources(c.nodeAgent.resources.init);

    const probe = pod.addContainer(CONTAINER.SYSTEM_PROBE, {
      image,
      imagePullPolicy,
      command: ['system-probe', `--config=${SYSPROBE_CONFIG_PATH}`],
      envGroups: ['common'],
      securityContext: SYSTEM_PROBE_SECURITY,
    });
    probe.addCapabilities(...SYSTEM_PROBE_CAPABILITIES);
    probe.setEnv({
      DD_LOG_LEVEL: c.nodeAgent.logLevel,
      DD_DOGSTATSD_PORT: String(c.dogstatsd.port),
      HOST_ROOT: sp.hostRoot ? '/host/root' : undefined,
    });
    // Kubernetes 1.27 has no securityContext.appArmorProfile (1.30+): the annotation does the
    // same, and 1.30+ still honours it.
    pod.annotations['container.apparmor.security.beta.kubernetes.io/system-probe'] = 'unconfined';

    pod.addVolume({ name: VOLUME.SYSPROBE_CONFIG, configMap: { name: systemProbeConfigMapName(c) } });
    pod.emptyDir(VOLUME.SYSPROBE_SOCKET_DIR);
    pod.hostPath('debugfs', '/sys/kernel/debug');
    probe.mount({ name: VOLUME.AUTH_TOKEN, mountPath: '/etc/datadog-agent/auth', readOnly: true })
      .mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' })
      .mount({ name: VOLUME.TMP, mountPath: '/tmp' })
      .mount({ name: 'debugfs', mountPath: '/sys/kernel/debug', ...NONE }) // RW: kprobe_events
      .mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent', readOnly: true })
      .mount({ name: VOLUME.SYSPROBE_CONFIG, mountPath: SYSPROBE_CONFIG_PATH, subPath: 'system-probe.yaml', readOnly: true })
      .mount({ name: VOLUME.SYSPROBE_SOCKET_DIR, mountPath: SYSPROBE_SOCKET_DIR })
      .mount({ name: VOLUME.PROC, mountPath: '/host/proc', readOnly: true, ...NONE })
      .mount({ name: VOLUME.OS_RELEASE, mountPath: '/host/etc/os-release', readOnly: true, ...NONE });

    // The clients: the agent (checks that query system-probe), process-agent and security-agent.
    const clientMounts = { mountPath: SYSPROBE_SOCKET_DIR, readOnly: true };
    pod.volumeWithMounts({ name: VOLUME.SYSPROBE_SOCKET_DIR, emptyDir: {} }, {
      [CONTAINER.AGENT]: clientMounts, [CONTAINER.PROCESS_AGENT]: clientMounts,
    });
    const configMount = { mountPath: SYSPROBE_CONFIG_PATH, subPath: 'system-probe.yaml', readOnly: true };
    pod.volumeWithMounts({ name: VOLUME.SYSPROBE_CONFIG, configMap: { name: systemProbeConfigMapName(c) } }, {
      [CONTAINER.AGENT]: configMount, [CONTAINER.PROCESS_AGENT]: configMount, [CONTAINER.INIT_CONFIG]: configMount,
    });

    if (sp.configSync) {
      const ipc = { DD_AGENT_IPC_PORT: '5009', DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '60' };
      probe.setEnv(ipc);
      pod.container(CONTAINER.AGENT).setEnv(ipc);
    }

    if (sp.cgroups) probe.mount({ name: VOLUME.CGROUPS, mountPath: '/host/sys/fs/cgroup', readOnly: true, ...NONE });

    if (sp.hostRoot) {
      pod.hostPath(VOLUME.HOST_ROOT, '/');
      probe.mount({ name: VOLUME.HOST_ROOT, mountPath: '/host/root', readOnly: true, ...NONE });
    }

    const traits = platformTraits(c.platform);
    // GKE Autopilot (COS nodes) and Talos have none of these files, and Autopilot's allowlist does not list them (as the chart).
    if (sp.enableDefaultOsReleasePaths && traits.releaseFiles) {
      for (const f of ['redhat', 'fedora', 'lsb']) {
        pod.hostPath(`etc-${f}-release`, `/etc/${f}-release`);
        probe.mount({ name: `etc-${f}-release`, mountPath: `/host/etc/${f}-release`, readOnly: true });
      }
    }

    // Talos cannot compile eBPF programs on the node: nothing to mount for it (as the chart).
    if (sp.runtimeCompilation && traits.runtimeCompilation) {
      if (sp.enableDefaultKernelHeadersPaths) {
        pod.hostPath('modules', '/lib/modules');
        probe.mount({ name: 'modules', mountPath: '/lib/modules', readOnly: true, ...NONE });
        // /usr is read-only on COS (GKE Autopilot and Standard) and Flatcar: no /usr/src (the chart's can-mount-host-usr-src).
        if (traits.usrSrc) {
          pod.hostPath('src', '/usr/src');
          probe.mount({ name: 'src', mountPath: '/usr/src', readOnly: true, ...NONE });
        }
      }
      pod.hostPath('runtime-compiler-output-dir', `${sp.runtimeCompilationAssetDir}/build`, 'DirectoryOrCreate');
      pod.hostPath('kernel-headers-download-dir', `${sp.runtimeCompilationAssetDir}/kernel-headers`, 'DirectoryOrCreate');
      probe.mount({ name: 'runtime-compiler-output-dir', mountPath: `${sp.runtimeCompilationAssetDir}/build`, ...NONE })
        .mount({ name: 'kernel-headers-download-dir', mountPath: `${sp.runtimeCompilationAssetDir}/kernel-headers` });
      // Package-manager configuration lets system-probe download headers matching the kernel.
      for (const [name, path] of PACKAGE_MANAGER_DIRS) {
        pod.hostPath(name, path);
        probe.mount({ name, mountPath: `/host${path}`, readOnly: true });
      }
    }

    if (sp.btfPath) {
      pod.hostPath('btf-path', sp.btfPath);
      probe.mount({ name: 'btf-path', mountPath: sp.btfPath, readOnly: true });
    }
    if (sp.processAgent) addProcessAgent(c, pod);
  },
  objects: (scope, c, shared) => {
    const labels = componentLabels(c, 'agent');
    new k8s.KubeConfigMap(scope, 'SystemProbeConfig', {
      metadata: { name: systemProbeConfigMapName(c), namespace: c.namespace, labels },
      data: { 'system-probe.yaml': systemProbeYaml(shared.systemProbeConfig) },
    });
    new k8s.KubeConfigMap(scope, 'SystemProbeSeccomp', {
      metadata: { name: seccompConfigMapName(c), namespace: c.namespace, labels },
      data: { 'system-probe-seccomp.json': systemProbeSeccompJson({ extraSyscalls: c.systemProbe.extraSyscalls }) },
    });
  },
});

/** Host package-manager directories mounted for kernel-header downloads, as [volume, host path]. */
const PACKAGE_MANAGER_DIRS: [string, string][] = [
  ['apt-config-dir', '/etc/apt'],
  ['yum-repos-dir', '/etc/yum.repos.d'],
  ['opensuse-repos-dir', '/etc/zypp'],
  ['public-key-dir', '/etc/pki'],
  ['yum-vars-dir', '/etc/yum/vars'],
  ['dnf-vars-dir', '/etc/dnf/vars'],
  ['rhel-subscription-dir', '/etc/rhsm'],
];
