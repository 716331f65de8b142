import { NODE_CONTAINER_SECURITY } from '../components/node-agent';
import type { RbacGrant, View } from '../feature';
import { defineFeature } from '../feature';
import type { ContainerModel, PodModel } from '../model/pod';
import { checkDnsSubdomain, checkString, fail, show, bool, checkUnusedWhenOff } from '../validation';
import { platformTraits } from './platform';
import { SYSPROBE_CONFIG_PATH, SYSPROBE_SOCKET_DIR } from './system-probe';
import { CONTAINER, VOLUME } from '../components/containers';

/** Cloud Security: workload protection (CWS) and posture management (CSPM) (`datadog.securityAgent.*`). */
export interface SecurityOptions {
  /**
   * Cloud Workload Security: runtime threat detection in system-probe.
   * @default - disabled
   */
  readonly runtime?: RuntimeSecurityOptions;
  /**
   * Cloud Security Posture Management: compliance benchmarks of hosts and the cluster.
   * @default - disabled
   */
  readonly compliance?: ComplianceOptions;
}

/** CWS (`datadog.securityAgent.runtime.*`). */
export interface RuntimeSecurityOptions {
  /**
   * Run CWS: system-probe watches process, file and network activity with eBPF, and the
   * `security-agent` container ships the events (unless `directSendFromSystemProbe`).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Let CWS rules kill offending processes. Adds the KILL capability to system-probe and `kill`
   * to its seccomp profile.
   * @default true
   */
  readonly enforcement?: boolean;
  /**
   * Monitor syscalls (more detail, more overhead).
   * @default false
   */
  readonly syscallMonitor?: boolean;
  /**
   * Network detections (DNS, IMDS...).
   * @default true
   */
  readonly network?: boolean;
  /**
   * Activity dumps: record workload behaviour to build security profiles.
   * @default true
   */
  readonly activityDump?: boolean;
  /**
   * Security profiles, with anomaly detection and auto-suppression.
   * @default true
   */
  readonly securityProfile?: boolean;
  /**
   * Send events on the dedicated secruntime track.
   * @default true
   */
  readonly useSecruntimeTrack?: boolean;
  /**
   * system-probe sends events itself: no `security-agent` container for CWS.
   * @default false
   */
  readonly directSendFromSystemProbe?: boolean;
  /**
   * Name of a ConfigMap of custom policies (`*.policy` files), mounted at
   * `/etc/datadog-agent/runtime-security.d`.
   * @default - the default policies only
   */
  readonly policiesConfigMap?: string;
  /**
   * Containers to include, as `image:<regex>`, `name:<regex>` or `kube_namespace:<regex>`.
   * @default - all
   */
  readonly containerInclude?: string[];
  /**
   * Containers to exclude, same syntax as `containerInclude`.
   * @default - none
   */
  readonly containerExclude?: string[];
}

/** CSPM (`datadog.securityAgent.compliance.*`). */
export interface ComplianceOptions {
  /**
   * Run compliance benchmarks in the `security-agent` container (host root mounted read-only,
   * AUDIT_CONTROL and AUDIT_READ capabilities, host PID namespace).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * How often benchmarks run, as a Go duration.
   * @default "20m"
   */
  readonly checkInterval?: string;
  /**
   * Run the host (OS) benchmarks, XCCDF included.
   * @default true
   */
  readonly hostBenchmarks?: boolean;
  /**
   * Name of a ConfigMap of custom benchmarks, mounted at `/etc/datadog-agent/compliance.d`.
   * @default - the built-in benchmarks only
   */
  readonly configMap?: string;
  /**
   * Containers to include, as `image:<regex>`, `name:<regex>` or `kube_namespace:<regex>`.
   * @default - all
   */
  readonly containerInclude?: string[];
  /**
   * Containers to exclude, same syntax as `containerInclude`.
   * @default - none
   */
  readonly containerExclude?: string[];
}

/** @internal */
export interface ResolvedSecurity {
  readonly runtime: {
    readonly enabled: boolean;
    readonly enforcement: boolean;
    readonly syscallMonitor: boolean;
    readonly network: boolean;
    readonly activityDump: boolean;
    readonly securityProfile: boolean;
    readonly useSecruntimeTrack: boolean;
    readonly directSendFromSystemProbe: boolean;
    readonly policiesConfigMap?: string;
    readonly containerInclude: string[];
    readonly containerExclude: string[];
  };
  readonly compliance: {
    readonly enabled: boolean;
    readonly checkInterval: string;
    readonly hostBenchmarks: boolean;
    readonly configMap?: string;
    readonly containerInclude: string[];
    readonly containerExclude: string[];
  };
  /** The security-agent ships CWS events (CWS on, not sent from system-probe). */
  readonly cwsInSecurityAgent: boolean;
  /** The `security-agent` container runs. */
  readonly securityAgent: boolean;
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const CONTAINER_FILTER = /^(image|name|kube_namespace):\S+$/;

function checkFilters(path: string, list: string[] | undefined): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) fail(`${path} must be a list of filters such as "image:nginx"`);
  list.forEach((f, i) => checkString(`${path}[${i}]`, f, CONTAINER_FILTER, '"image:<regex>", "name:<regex>" or "kube_namespace:<regex>" without spaces'));
  return [...list];
}

/** @internal */
export function resolveSecurity(o: SecurityOptions = {}): ResolvedSecurity {
  const r = o.runtime ?? {};
  const k = o.compliance ?? {};
  const runtimeEnabled = (bool('security.runtime.enabled', r.enabled) ?? false);
  const complianceEnabled = (bool('security.compliance.enabled', k.enabled) ?? false);
  checkUnusedWhenOff('security.runtime', r, runtimeEnabled);
  checkUnusedWhenOff('security.compliance', k, complianceEnabled);
  checkDnsSubdomain('security.runtime.policiesConfigMap', r.policiesConfigMap);
  checkDnsSubdomain('security.compliance.configMap', k.configMap);
  checkString('security.compliance.checkInterval', k.checkInterval, GO_DURATION, 'a Go duration such as "20m" or "1h"');
  if (k.checkInterval !== undefined && /^0+(\.0+)?[a-zµ]+$/.test(k.checkInterval)) fail(`security.compliance.checkInterval must be positive, got ${show(k.checkInterval)}`);

  const directSend = runtimeEnabled && ((bool('security.runtime.directSendFromSystemProbe', r.directSendFromSystemProbe) ?? false));
  const cwsInSecurityAgent = runtimeEnabled && !directSend;
  return {
    runtime: {
      enabled: runtimeEnabled,
      enforcement: runtimeEnabled && ((bool('security.runtime.enforcement', r.enforcement) ?? true)),
      syscallMonitor: (bool('security.runtime.syscallMonitor', r.syscallMonitor) ?? false),
      network: (bool('security.runtime.network', r.network) ?? true),
      activityDump: (bool('security.runtime.activityDump', r.activityDump) ?? true),
      securityProfile: (bool('security.runtime.securityProfile', r.securityProfile) ?? true),
      useSecruntimeTrack: (bool('security.runtime.useSecruntimeTrack', r.useSecruntimeTrack) ?? true),
      directSendFromSystemProbe: directSend,
      policiesConfigMap: r.policiesConfigMap,
      containerInclude: checkFilters('security.runtime.containerInclude', r.containerInclude),
      containerExclude: checkFilters('security.runtime.containerExclude', r.containerExclude),
    },
    compliance: {
      enabled: complianceEnabled,
      checkInterval: k.checkInterval ?? '20m',
      hostBenchmarks: (bool('security.compliance.hostBenchmarks', k.hostBenchmarks) ?? true),
      configMap: k.configMap,
      containerInclude: checkFilters('security.compliance.containerInclude', k.containerInclude),
      containerExclude: checkFilters('security.compliance.containerExclude', k.containerExclude),
    },
    cwsInSecurityAgent,
    securityAgent: cwsInSecurityAgent || complianceEnabled,
  };
}

const RO = { readOnly: true };
const PASSWD = { name: VOLUME.PASSWD, hostPath: { path: '/etc/passwd', type: 'File' } };
const GROUP = { name: VOLUME.GROUP, hostPath: { path: '/etc/group', type: 'File' } };
const POLICIES_DIR = '/etc/datadog-agent/runtime-security.d';

/**
 * CWS and CSPM: their part of system-probe (KILL, user and group names, custom policies), the
 * `security-agent` container, and, for CSPM, the Cluster Agent's env and RBAC. The
 * `runtime_security_config` of system-probe.yaml is written by system-probe.ts.
 */
export const security = defineFeature({
  id: 'security',
  option: 'security',
  resolve: (p) => resolveSecurity(p.security),
  uses: ['systemProbe', 'dogstatsd'],
  enabled: () => true,
  needsSystemProbe: (c) => {
    const cws = c.security.runtime;
    return cws.enabled ? { option: 'security.runtime.enabled', hostRoot: true, cgroups: true, syscalls: cws.enforcement ? ['kill'] : [] } : undefined;
  },
  systemProbeConfig: (c) => ({ runtime_security_config: runtimeSecurityConfig(c.security.runtime) }),
  nodeAgent: (c, pod) => {
    const s = c.security;
    // Rendered with every config, as the chart does: the agent reports CSPM as off.
    pod.container(CONTAINER.AGENT).setEnv({
      DD_COMPLIANCE_CONFIG_ENABLED: String(s.compliance.enabled),
      DD_COMPLIANCE_CONFIG_RUN_IN_SYSTEM_PROBE: 'false',
    });

    if (s.runtime.enabled) {
      const probe = pod.container(CONTAINER.SYSTEM_PROBE);
      if (s.runtime.enforcement) probe.addCapabilities('KILL');
      // User and group names come from the host's files (Talos has none, as the chart).
      if (platformTraits(c.platform).hostUserFiles) {
        pod.addVolume(PASSWD);
        pod.addVolume(GROUP);
        probe.mount({ name: VOLUME.PASSWD, mountPath: '/etc/passwd', ...RO }).mount({ name: VOLUME.GROUP, mountPath: '/etc/group', ...RO });
      }
      if (s.runtime.policiesConfigMap) {
        pod.volumeWithMounts({ name: 'runtimepoliciesdir', configMap: { name: s.runtime.policiesConfigMap } }, {
          [CONTAINER.SYSTEM_PROBE]: { mountPath: POLICIES_DIR, ...RO },
          [CONTAINER.SECURITY_AGENT]: { mountPath: POLICIES_DIR, ...RO },
        });
      }
    }
    if (s.compliance.enabled) {
      pod.requireHostPid('security.compliance.enabled'); // benchmarks inspect host processes
      // With CSPM on, system-probe is told so too (it does not run the benchmarks itself).
      pod.onRender(() => pod.existing(CONTAINER.SYSTEM_PROBE).forEach(ct => ct.setEnv({
        DD_COMPLIANCE_CONFIG_ENABLED: 'true', DD_COMPLIANCE_CONFIG_RUN_IN_SYSTEM_PROBE: 'false',
      })));
    }
    if (s.securityAgent) addSecurityAgent(c, pod);
  },
  clusterAgent: (c, pod) => {
    const s = c.security;
    if (!s.securityAgent) return;
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_COMPLIANCE_CONFIG_ENABLED: String(s.compliance.enabled),
      DD_COMPLIANCE_CONFIG_CHECK_INTERVAL: s.compliance.enabled ? s.compliance.checkInterval : undefined,
    });
  },
  rbac: (c): RbacGrant[] => {
    if (!c.security.compliance.enabled || !c.clusterAgent.deployed) return [];
    // The Kubernetes benchmarks run in the Cluster Agent: it reads who may do what.
    return [{
      to: 'clusterAgent',
      rules: [
        { apiGroups: [''], resources: ['namespaces', 'serviceaccounts'], verbs: ['list'] },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterrolebindings', 'rolebindings'], verbs: ['list', 'watch'] },
        { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['list'] },
      ],
    }];
  },
});

/** CWS's part of system-probe.yaml. */
function runtimeSecurityConfig(cws: ResolvedSecurity['runtime']): object {
  if (!cws.enabled) return { enabled: false };
  const profiles = `${SYSPROBE_SOCKET_DIR}/runtime-security/profiles`;
  return {
    enabled: true,
    container_include: cws.containerInclude.length ? cws.containerInclude : undefined,
    container_exclude: cws.containerExclude.length ? cws.containerExclude : undefined,
    use_secruntime_track: cws.useSecruntimeTrack,
    direct_send_from_system_probe: cws.directSendFromSystemProbe,
    socket: `${SYSPROBE_SOCKET_DIR}/runtime-security.sock`,
    policies: { dir: POLICIES_DIR },
    syscall_monitor: { enabled: cws.syscallMonitor },
    network: { enabled: cws.network },
    activity_dump: cws.activityDump
      ? {
        enabled: true,
        traced_cgroups_count: 3,
        cgroup_dump_timeout: 20,
        cgroup_wait_list_size: 0,
        path_merge: { enabled: false },
        local_storage: { output_directory: profiles },
      }
      : { enabled: false, traced_cgroups_count: 0, local_storage: { output_directory: profiles } },
    security_profile: {
      enabled: cws.securityProfile,
      anomaly_detection: { enabled: cws.securityProfile },
      auto_suppression: { enabled: cws.securityProfile },
      dir: profiles,
    },
    enforcement: { enabled: cws.enforcement },
  };
}

function addSecurityAgent(c: View<'security' | 'systemProbe' | 'dogstatsd'>, pod: PodModel): ContainerModel {
  const s = c.security;
  const sa = pod.addContainer(CONTAINER.SECURITY_AGENT, {
    image: c.images.agent,
    imagePullPolicy: c.images.pullPolicy,
    command: ['security-agent', 'start', '-c=/etc/datadog-agent/datadog.yaml'],
    envGroups: ['common', 'clusterAgentClient'],
    securityContext: NODE_CONTAINER_SECURITY,
  });
  sa.setEnv({
    DD_LOG_LEVEL: c.nodeAgent.logLevel,
    DD_COMPLIANCE_CONFIG_ENABLED: String(s.compliance.enabled),
    DD_RUNTIME_SECURITY_CONFIG_ENABLED: String(s.cwsInSecurityAgent),
    DD_DOGSTATSD_SOCKET: c.dogstatsd.socketEnabled ? c.dogstatsd.socketPath : undefined,
  });
  sa.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent', ...RO })
    .mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' })
    .mount({ name: VOLUME.AUTH_TOKEN, mountPath: '/etc/datadog-agent/auth', ...RO })
    .mount({ name: VOLUME.TMP, mountPath: '/tmp' });
  if (c.systemProbe.enabled) sa.mount({ name: VOLUME.OS_RELEASE, mountPath: '/host/etc/os-release', ...RO });

  if (s.compliance.enabled) {
    sa.addCapabilities('AUDIT_CONTROL', 'AUDIT_READ');
    sa.setEnv({
      DD_COMPLIANCE_CONFIG_CHECK_INTERVAL: s.compliance.checkInterval,
      DD_COMPLIANCE_CONFIG_XCCDF_ENABLED: String(s.compliance.hostBenchmarks),
      DD_COMPLIANCE_CONFIG_HOST_BENCHMARKS_ENABLED: String(s.compliance.hostBenchmarks),
      HOST_ROOT: '/host/root',
      DD_COMPLIANCE_CONFIG_CONTAINER_INCLUDE: s.compliance.containerInclude.length ? s.compliance.containerInclude.join(' ') : undefined,
      DD_COMPLIANCE_CONFIG_CONTAINER_EXCLUDE: s.compliance.containerExclude.length ? s.compliance.containerExclude.join(' ') : undefined,
    });
    pod.hostPath(VOLUME.HOST_ROOT, '/');
    sa.mount({ name: VOLUME.CGROUPS, mountPath: '/host/sys/fs/cgroup', ...RO });
    // Talos has no host passwd or group file (as the chart).
    if (platformTraits(c.platform).hostUserFiles) {
      pod.addVolume(PASSWD);
      pod.addVolume(GROUP);
      sa.mount({ name: VOLUME.PASSWD, mountPath: '/etc/passwd', ...RO }).mount({ name: VOLUME.GROUP, mountPath: '/etc/group', ...RO });
    }
    sa.mount({ name: VOLUME.HOST_ROOT, mountPath: '/host/root', ...RO })
      .mount({ name: VOLUME.PROC, mountPath: '/host/proc', ...RO });
    if (c.kubelet.hostCAPath) sa.mount({ name: VOLUME.KUBELET_CA, mountPath: c.kubelet.agentCAPath!, ...RO });
    if (s.compliance.configMap) {
      pod.addVolume({ name: 'complianceconfigdir', configMap: { name: s.compliance.configMap } });
      sa.mount({ name: 'complianceconfigdir', mountPath: '/etc/datadog-agent/compliance.d', ...RO });
    }
  }

  if (s.cwsInSecurityAgent) {
    sa.setEnv({
      DD_RUNTIME_SECURITY_CONFIG_POLICIES_DIR: POLICIES_DIR,
      DD_RUNTIME_SECURITY_CONFIG_SOCKET: `${SYSPROBE_SOCKET_DIR}/runtime-security.sock`,
      DD_RUNTIME_SECURITY_CONFIG_USE_SECRUNTIME_TRACK: String(s.runtime.useSecruntimeTrack),
    });
    // Read-write: the security-agent connects to system-probe's runtime-security socket.
    sa.mount({ name: VOLUME.SYSPROBE_SOCKET_DIR, mountPath: SYSPROBE_SOCKET_DIR })
      .mount({ name: VOLUME.SYSPROBE_CONFIG, mountPath: SYSPROBE_CONFIG_PATH, subPath: 'system-probe.yaml', ...RO });
  }
  return sa;
}
