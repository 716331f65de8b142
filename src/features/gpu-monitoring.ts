import { CONTAINER, POD_RESOURCES_DIR, VOLUME } from '../components/containers';
import { defineFeature } from '../feature';
import { bool, checkAbsolutePath, checkDnsSubdomain, checkUnusedWhenOff, fail } from '../validation';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';

/** GPU monitoring of NVIDIA devices (`datadog.gpuMonitoring.*` in the chart). */
export interface GpuMonitoringOptions {
  /**
   * Run the agent's GPU check: NVML metrics of the node's NVIDIA GPUs, tagged with the pods that
   * hold them (read from the kubelet's pod-resources socket). The node agent pod runs under
   * `runtimeClassName`, and the agent container gets `CAP_MKNOD` (the NVIDIA container runtime
   * creates the device nodes it is handed).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Also run system-probe's GPU module for per-process GPU metrics: adds system-probe (with
   * `CAP_MKNOD` on top of its usual capabilities, the host root, cgroups and the pod-resources
   * socket).
   * @default false
   */
  readonly privilegedMode?: boolean;
  /**
   * Let system-probe adjust the device cgroup permissions of GPU containers (writes systemd's
   * transient units under `/run/systemd/transient`, mounted read-write). Needs `privilegedMode`.
   * @default false
   */
  readonly configureCgroupPerms?: boolean;
  /**
   * Turn on the GPU module's eBPF probes (deprecated by Datadog, off in the agent by default).
   * Needs `privilegedMode`.
   * @default false
   */
  readonly enableEbpfProbes?: boolean;
  /**
   * RuntimeClass the node agent pod runs under, so the NVIDIA container runtime gives it the
   * devices and driver libraries. An empty string leaves `runtimeClassName` out (for nodes whose
   * default runtime is already NVIDIA's).
   * @default "nvidia"
   */
  readonly runtimeClassName?: string;
  /**
   * Host directory of the NVIDIA driver libraries when the driver is installed outside the host's
   * library path, as on GKE Container-Optimized OS nodes (`/home/kubernetes/bin/nvidia/lib64`,
   * the chart's `providers.gke.cos`). Mounted read-only where the agent looks for the driver
   * (`/host/run/nvidia/driver/usr/lib/x86_64-linux-gnu`; in system-probe under `/host/root`).
   * @default - `/home/kubernetes/bin/nvidia/lib64` with platform GKE_COS, none otherwise
   */
  readonly nvidiaDriverLibDir?: string;
}

/** @internal */
export interface ResolvedGpuMonitoring {
  readonly enabled: boolean;
  readonly privilegedMode: boolean;
  readonly configureCgroupPerms: boolean;
  readonly enableEbpfProbes: boolean;
  readonly runtimeClassName?: string;
  readonly nvidiaDriverLibDir?: string;
}

/** Where the agent and system-probe look for a driver the NVIDIA runtime did not mount. */
const DRIVER_LIB_PATH = '/run/nvidia/driver/usr/lib/x86_64-linux-gnu';

/** @internal */
export function resolveGpuMonitoring(o: GpuMonitoringOptions = {}, platform: Platform = 'generic'): ResolvedGpuMonitoring {
  const enabled = bool('gpuMonitoring.enabled', o.enabled) ?? false;
  checkUnusedWhenOff('gpuMonitoring', o, enabled);
  const privilegedMode = bool('gpuMonitoring.privilegedMode', o.privilegedMode) ?? false;
  const configureCgroupPerms = bool('gpuMonitoring.configureCgroupPerms', o.configureCgroupPerms) ?? false;
  const enableEbpfProbes = bool('gpuMonitoring.enableEbpfProbes', o.enableEbpfProbes) ?? false;
  // Both only act through system-probe's GPU module: without it they would do nothing.
  for (const [name, v] of [['configureCgroupPerms', configureCgroupPerms], ['enableEbpfProbes', enableEbpfProbes]] as const) {
    if (v && !privilegedMode) fail(`gpuMonitoring.${name} needs gpuMonitoring.privilegedMode, which is false`);
  }
  if (o.runtimeClassName !== undefined && o.runtimeClassName !== '') checkDnsSubdomain('gpuMonitoring.runtimeClassName', o.runtimeClassName);
  checkAbsolutePath('gpuMonitoring.nvidiaDriverLibDir', o.nvidiaDriverLibDir);
  const traits = platformTraits(platform);
  if (enabled && traits.unsupported.gpuMonitoring) {
    fail(`gpuMonitoring.enabled is not supported on platform ${platformConstant(platform)}: ${traits.unsupported.gpuMonitoring}`);
  }
  const runtimeClassName = o.runtimeClassName ?? 'nvidia';
  return {
    enabled,
    privilegedMode,
    configureCgroupPerms,
    enableEbpfProbes,
    runtimeClassName: runtimeClassName === '' ? undefined : runtimeClassName,
    // Where COS nodes keep the NVIDIA driver (the chart's providers.gke.cos).
    nvidiaDriverLibDir: o.nvidiaDriverLibDir ?? traits.nvidiaDriverLibDir,
  };
}

/**
 * GPU monitoring: the agent's GPU check (NVML) under the NVIDIA runtime class, with the
 * pod-resources socket for pod tags; in privileged mode, system-probe's GPU module too.
 */
export const gpuMonitoring = defineFeature({
  id: 'gpu-monitoring',
  option: 'gpuMonitoring',
  resolve: (p, c) => resolveGpuMonitoring(p.gpuMonitoring, c.platform),
  enabled: (c) => c.gpuMonitoring.enabled,
  needsSystemProbe: (c) => {
    const g = c.gpuMonitoring;
    if (!g.enabled || !g.privilegedMode) return undefined;
    // Device nodes are created with mknod; cgroup permissions are written through (f)truncate.
    const syscalls = ['mknod', 'mknodat', ...(g.configureCgroupPerms ? ['ftruncate', 'ftruncate64', 'truncate'] : [])];
    return { option: 'gpuMonitoring.privilegedMode', hostRoot: true, cgroups: true, syscalls };
  },
  // Only when the module runs: off, the agent's default (off) applies (difference system-probe-yaml).
  systemProbeConfig: (c) => {
    const g = c.gpuMonitoring;
    if (!g.enabled || !g.privilegedMode) return {};
    return { gpu_monitoring: { enabled: true, configure_cgroup_perms: g.configureCgroupPerms, enable_ebpf_probes: g.enableEbpfProbes } };
  },
  nodeAgent: (c, pod) => {
    const g = c.gpuMonitoring;
    const privileged = g.privilegedMode;
    pod.runtimeClassName = g.runtimeClassName;

    const agent = pod.container(CONTAINER.AGENT);
    agent.addCapabilities('MKNOD');
    agent.setEnv({
      // The NVIDIA runtime hands the container every GPU (also requested by the device-list mount below).
      NVIDIA_VISIBLE_DEVICES: 'all',
      DD_ENABLE_NVML_DETECTION: 'true',
      DD_GPU_ENABLED: 'true',
      // The core check must know whether system-probe's GPU module probes, or it polls a disabled module.
      DD_GPU_MONITORING_ENABLE_EBPF_PROBES: privileged ? String(g.enableEbpfProbes) : undefined,
    });
    type Mount = { mountPath: string; readOnly?: boolean };
    // system-probe gets the same device and socket mounts in privileged mode.
    const inProbe = (m: Mount): { [container: string]: Mount } => (privileged ? { [CONTAINER.SYSTEM_PROBE]: m } : {});

    // The pod-resources socket (the core defines the same volume when kubelet.podResourcesSocketDir is set).
    pod.volumeWithMounts({ name: VOLUME.POD_RESOURCES, hostPath: { path: c.kubelet.podResourcesSocketDir, type: 'Directory' } }, {
      [CONTAINER.AGENT]: { mountPath: POD_RESOURCES_DIR, readOnly: true },
      ...inProbe({ mountPath: POD_RESOURCES_DIR, readOnly: true }),
    });
    // The NVIDIA runtime's "volume-mounts" device-list strategy: a mount at this path asks for every GPU.
    pod.volumeWithMounts({ name: 'gpu-devices', hostPath: { path: '/dev/null', type: 'CharDevice' } }, {
      [CONTAINER.AGENT]: { mountPath: '/var/run/nvidia-container-devices/all', readOnly: true },
      ...inProbe({ mountPath: '/var/run/nvidia-container-devices/all', readOnly: true }),
    });
    if (g.nvidiaDriverLibDir) {
      pod.volumeWithMounts({ name: 'gke-nvidia-driver-lib64', hostPath: { path: g.nvidiaDriverLibDir, type: 'Directory' } }, {
        [CONTAINER.AGENT]: { mountPath: `/host${DRIVER_LIB_PATH}`, readOnly: true },
        ...inProbe({ mountPath: `/host/root${DRIVER_LIB_PATH}`, readOnly: true }),
      });
    }

    if (!privileged) return;
    const probe = pod.container(CONTAINER.SYSTEM_PROBE);
    probe.addCapabilities('MKNOD');
    probe.setEnv({ NVIDIA_VISIBLE_DEVICES: 'all' });
    if (g.configureCgroupPerms) {
      pod.hostPath('host-systemd-transient', '/run/systemd/transient', 'Directory');
      probe.mount({ name: 'host-systemd-transient', mountPath: '/host/root/run/systemd/transient' });
    }
  },
});
