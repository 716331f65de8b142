import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import { checkPort, fail, bool, list, checkUnusedWhenOff } from '../validation';

/** Cloud Network Monitoring (NPM, `datadog.networkMonitoring.*` in the chart). */
export interface NetworkMonitoringOptions {
  /**
   * Collect network connections with system-probe (eBPF); adds the `system-probe` and
   * `process-agent` containers.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * UDP/TCP ports system-probe treats as DNS traffic, when your resolvers listen elsewhere than 53.
   * @default - the agent's default (53)
   */
  readonly dnsMonitoringPorts?: number[];
}

/** @internal */
export interface ResolvedNetworkMonitoring {
  readonly enabled: boolean;
  readonly dnsMonitoringPorts: number[];
}

/** @internal */
export function resolveNetworkMonitoring(o: NetworkMonitoringOptions = {}): ResolvedNetworkMonitoring {
  const enabled = (bool('networkMonitoring.enabled', o.enabled) ?? false);
  const ports = list('networkMonitoring.dnsMonitoringPorts', o.dnsMonitoringPorts);
  if (!Array.isArray(ports)) fail('networkMonitoring.dnsMonitoringPorts must be a list of ports');
  ports.forEach((p, i) => checkPort(`networkMonitoring.dnsMonitoringPorts[${i}]`, p));
  const dup = ports.find((p, i) => ports.indexOf(p) !== i);
  if (dup !== undefined) fail(`networkMonitoring.dnsMonitoringPorts lists port ${dup} twice`);
  checkUnusedWhenOff('networkMonitoring', o, enabled);
  // Sorted: the order of ports means nothing, and the config should not change with it.
  return { enabled, dnsMonitoringPorts: [...ports].sort((a, b) => a - b) };
}

/**
 * NPM: system-probe's network module (config in system-probe.yaml, see system-probe.ts), the
 * BPF filesystem, and the process-agent that ships connections.
 */
export const networkMonitoring = defineFeature({
  id: 'network-monitoring',
  option: 'networkMonitoring',
  resolve: (p) => resolveNetworkMonitoring(p.networkMonitoring),
  enabled: (c) => c.networkMonitoring.enabled,
  needsSystemProbe: (c) => (c.networkMonitoring.enabled
    ? { option: 'networkMonitoring.enabled', processAgent: true, cgroups: true, configSync: true }
    : undefined),
  systemProbeConfig: (c) => {
    const npm = c.networkMonitoring;
    return { network_config: { enabled: npm.enabled, dns_monitoring_ports: npm.dnsMonitoringPorts.length ? npm.dnsMonitoringPorts : undefined } };
  },
  nodeAgent: (_c, pod) => {
    // process-agent (added by system-probe.ts for this need) and the agent expect the network module.
    const env = { DD_SYSTEM_PROBE_ENABLED: 'true', DD_SYSTEM_PROBE_NETWORK_ENABLED: 'true' };
    pod.container(CONTAINER.PROCESS_AGENT).setEnv(env);
    pod.container(CONTAINER.AGENT).setEnv(env);
    pod.hostPath('bpffs', '/sys/fs/bpf');
    pod.container(CONTAINER.SYSTEM_PROBE).mount({ name: 'bpffs', mountPath: '/sys/fs/bpf', readOnly: true, mountPropagation: 'None' });
  },
});
