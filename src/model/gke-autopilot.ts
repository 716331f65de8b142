/**
 * GKE Autopilot: what Datadog's published WorkloadAllowlist admits, as the Helm chart's
 * `providers.gke.autopilot` output shows it, and a check of rendered pods against it.
 *
 * GKE Warden refuses a pod outside the allowlist at admission ("autogke-no-write-mode-hostpath",
 * "autogke-no-host-port", "autogke-disallow-hostnamespaces"...). Here the same rules run at
 * synthesis, on the pods as they render (features and escape hatches included).
 */
import { CONTAINER } from '../components/containers';

/** The writable host directory the allowlist grants the agent (the chart's `datadog.hostMountRoot` + `/logs`). */
export const AUTOPILOT_POINTER_DIR = '/var/autopilot/addon/datadog/logs';

/** The ServiceAccount name the allowlist matches. */
export const AUTOPILOT_SERVICE_ACCOUNT = 'datadog-agent';

/** The container runtime socket on Autopilot nodes (always containerd). */
export const AUTOPILOT_RUNTIME_SOCKET = '/var/run/containerd/containerd.sock';

/** The AllowlistSynchronizer the chart renders: name and the allowlist files it installs. */
export const AUTOPILOT_ALLOWLIST_SYNCHRONIZER = {
  name: 'datadog-synchronizer',
  allowlistPaths: [
    'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.1.yaml',
    'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.2.yaml',
    'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.3.yaml',
    'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.4.yaml',
    'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.5.yaml',
  ],
} as const;

/**
 * Host paths the allowlisted DaemonSet may mount, and the containers that may mount each one
 * writable (every other mount of it must be read-only): the exemptions of Datadog's
 * WorkloadAllowlist, as the chart's own allowlist test keeps them in sync.
 */
export const AUTOPILOT_HOST_PATHS: { readonly [path: string]: { readonly writableBy: readonly string[] } } = {
  ...Object.fromEntries([
    '/proc', '/sys/fs/cgroup', '/etc/os-release', '/etc/passwd', '/var/run/containerd', '/var/log/pods',
    '/var/log/containers', '/var/lib/docker/containers', '/sys/fs/bpf', '/lib/modules',
    // system-probe reads the host's root filesystem (read-only) for some features
    '/',
    // package-manager configuration for kernel-header downloads
    '/etc/apt', '/etc/yum.repos.d', '/etc/zypp', '/etc/pki', '/etc/yum/vars', '/etc/dnf/vars', '/etc/rhsm',
  ].map(path => [path, { writableBy: [] }])),
  // the socket directory, for the chart's CSI-less host-path mode (not rendered here on Autopilot)
  '/var/run/datadog': { writableBy: [CONTAINER.AGENT, CONTAINER.TRACE_AGENT] },
  [AUTOPILOT_POINTER_DIR]: { writableBy: [CONTAINER.AGENT, CONTAINER.SYSTEM_PROBE] },
  '/var/lib/kubelet/seccomp': { writableBy: [CONTAINER.SECCOMP_SETUP] },
  '/sys/kernel/debug': { writableBy: [CONTAINER.SYSTEM_PROBE] },
  '/var/tmp/datadog-agent/system-probe/build': { writableBy: [CONTAINER.SYSTEM_PROBE] },
  '/var/tmp/datadog-agent/system-probe/kernel-headers': { writableBy: [CONTAINER.SYSTEM_PROBE] },
};

/** Capabilities the allowlist grants, per container: system-probe's set, as the chart's allowlist test keeps it; none elsewhere. */
export const AUTOPILOT_CAPABILITIES: { readonly [container: string]: readonly string[] } = {
  [CONTAINER.SYSTEM_PROBE]: ['SYS_ADMIN', 'SYS_RESOURCE', 'SYS_PTRACE', 'NET_ADMIN', 'NET_BROADCAST', 'NET_RAW', 'IPC_LOCK', 'CHOWN', 'DAC_READ_SEARCH', 'BPF'],
};

/** The commands the allowlist matches, per node agent container. */
export const AUTOPILOT_COMMANDS: { readonly [container: string]: readonly string[] } = {
  [CONTAINER.AGENT]: ['agent', 'run'],
};

/** Which user option most likely put a host path or capability there, for messages. */
const HINTS: { readonly [key: string]: string } = {
  [`SYS_ADMIN@${CONTAINER.AGENT}`]: 'sbom.containerImage.uncompressedLayersSupport',
  [`KILL@${CONTAINER.SYSTEM_PROBE}`]: 'security.runtime (CWS enforcement)',
  ['/etc/group']: 'security.runtime (CWS)',
  ['/var/lib/containerd']: 'sbom.containerImage',
};

/** One rule a rendered pod breaks. */
export interface AutopilotViolation {
  /** GKE Warden's policy name. */
  readonly policy: string;
  readonly message: string;
}

/**
 * Checks a rendered pod template (`{ metadata, spec }`) of `component` against Autopilot.
 * The node agent must match the allowlist exactly; other pods follow Autopilot's general rules
 * (no host namespaces, host ports or host paths outside /var/log, no added capabilities beyond
 * the default set).
 */
export function autopilotViolations(component: 'nodeAgent' | 'clusterAgent' | 'clusterChecksRunner', template: any): AutopilotViolation[] {
  const spec = template.spec ?? {};
  const out: AutopilotViolation[] = [];
  const nodeAgent = component === 'nodeAgent';
  if (spec.hostNetwork) out.push({ policy: 'autogke-disallow-hostnamespaces', message: `${component}: hostNetwork is not allowed in Autopilot` });
  if (spec.hostIPC) out.push({ policy: 'autogke-disallow-hostnamespaces', message: `${component}: hostIPC is not allowed in Autopilot` });
  // The allowlisted DaemonSet runs in the host PID namespace (the chart renders hostPID: true).
  if (spec.hostPID && !nodeAgent) out.push({ policy: 'autogke-disallow-hostnamespaces', message: `${component}: hostPID is only allowed for the allowlisted node agent` });
  if (nodeAgent && spec.serviceAccountName !== AUTOPILOT_SERVICE_ACCOUNT) {
    out.push({ policy: 'WorkloadAllowlist', message: `nodeAgent: the ServiceAccount must be ${AUTOPILOT_SERVICE_ACCOUNT}, got ${spec.serviceAccountName}` });
  }
  const hostPaths = new Map<string, string>();
  for (const v of spec.volumes ?? []) if (v.hostPath) hostPaths.set(v.name, v.hostPath.path);
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  for (const ct of containers) {
    for (const p of ct.ports ?? []) {
      if (p.hostPort !== undefined) out.push({ policy: 'autogke-no-host-port', message: `container ${ct.name} specifies host port ${p.hostPort} (${p.name ?? p.containerPort}); host ports are not allowed in Autopilot` });
    }
    for (const m of ct.volumeMounts ?? []) {
      const path = hostPaths.get(m.name);
      if (path === undefined) continue;
      const allowed = nodeAgent ? AUTOPILOT_HOST_PATHS[path] : undefined;
      if (!allowed) {
        const from = nodeAgent && HINTS[path] ? ` (from ${HINTS[path]})` : '';
        out.push({
          policy: 'autogke-no-write-mode-hostpath',
          message: `hostPath volume ${m.name} used in container ${ct.name} uses path ${path}${from}, which ${nodeAgent ? "Datadog's WorkloadAllowlist does not list" : 'is not allowed in Autopilot'}`,
        });
      } else if (m.readOnly !== true && !allowed.writableBy.includes(ct.name)) {
        out.push({ policy: 'autogke-no-write-mode-hostpath', message: `hostPath volume ${m.name} (${path}) in container ${ct.name} is accessed in write mode` });
      }
    }
    const caps: string[] = ct.securityContext?.capabilities?.add ?? [];
    const allowedCaps = nodeAgent ? AUTOPILOT_CAPABILITIES[ct.name] ?? [] : [];
    for (const cap of caps) {
      if (!allowedCaps.includes(cap)) {
        const hint = HINTS[`${cap}@${ct.name}`];
        out.push({ policy: 'autogke-default-linux-capabilities', message: `container ${ct.name} adds capability ${cap}${hint ? ` (from ${hint})` : ''}, which Autopilot does not grant it` });
      }
    }
    if (ct.securityContext?.privileged) out.push({ policy: 'autogke-disallow-privilege', message: `container ${ct.name} is privileged` });
    const cmd = nodeAgent ? AUTOPILOT_COMMANDS[ct.name] : undefined;
    if (cmd && JSON.stringify(ct.command) !== JSON.stringify(cmd)) {
      out.push({ policy: 'WorkloadAllowlist', message: `container ${ct.name} must run exactly ${JSON.stringify(cmd)}, got ${JSON.stringify(ct.command)}` });
    }
  }
  return out;
}

/** A request and limit of equal size, as the chart's Autopilot defaults are. */
const sized = (cpu: string, memory: string) => ({ requests: { cpu, memory }, limits: { cpu, memory } });

/**
 * Resources for the containers that set none, as the chart renders them on Autopilot. Without
 * requests, Autopilot gives every container its own default (0.5 vCPU and 2 GiB), which it bills.
 */
export const AUTOPILOT_NODE_RESOURCES: { readonly [container: string]: ReturnType<typeof sized> } = {
  [CONTAINER.AGENT]: sized('200m', '256Mi'),
  [CONTAINER.SYSTEM_PROBE]: sized('100m', '400Mi'),
  [CONTAINER.TRACE_AGENT]: sized('100m', '200Mi'),
  [CONTAINER.PROCESS_AGENT]: sized('100m', '200Mi'),
  [CONTAINER.INIT_VOLUME]: sized('100m', '200Mi'),
  [CONTAINER.INIT_CONFIG]: sized('100m', '200Mi'),
};
export const AUTOPILOT_CLUSTER_AGENT_RESOURCES = {
  [CONTAINER.CLUSTER_AGENT]: sized('200m', '256Mi'),
  [CONTAINER.INIT_VOLUME]: sized('100m', '200Mi'),
};
export const AUTOPILOT_RUNNER_RESOURCES = {
  [CONTAINER.AGENT]: sized('200m', '500Mi'),
  [CONTAINER.INIT_VOLUME]: sized('100m', '200Mi'),
  [CONTAINER.INIT_CONFIG]: sized('100m', '200Mi'),
};
