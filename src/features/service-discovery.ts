import { defineFeature } from '../feature';
import { versionAtLeast } from '../images';
import { bool, checkUnusedWhenOff } from '../validation';

/** Service discovery (`datadog.discovery.*` in the chart). */
export interface ServiceDiscoveryOptions {
  /**
   * Discover the services running on each host (processes listening on ports) with
   * system-probe. Off by default here, unlike the chart (see the docs).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Also collect network statistics of discovered services; turns on runtime compilation.
   * @default true
   */
  readonly networkStats?: boolean;
}

/** @internal */
export interface ResolvedServiceDiscovery {
  readonly enabled: boolean;
  readonly networkStats: boolean;
  /** Agents 7.78+ run discovery in the lighter `system-probe-lite`. */
  readonly useSystemProbeLite: boolean;
}

/** @internal */
export function resolveServiceDiscovery(o: ServiceDiscoveryOptions = {}, agentVersion?: [number, number, number]): ResolvedServiceDiscovery {
  const enabled = (bool('serviceDiscovery.enabled', o.enabled) ?? false);
  checkUnusedWhenOff('serviceDiscovery', o, enabled);
  return {
    enabled,
    networkStats: enabled && ((bool('serviceDiscovery.networkStats', o.networkStats) ?? true)),
    useSystemProbeLite: versionAtLeast(agentVersion, [7, 78, 0]),
  };
}

/**
 * Service discovery: system-probe reading the host cgroups (and, with network stats, compiling
 * eBPF on the node), and the `discovery` section of system-probe.yaml.
 */
export const serviceDiscovery = defineFeature({
  id: 'service-discovery',
  option: 'serviceDiscovery',
  resolve: (p, c) => resolveServiceDiscovery(p.serviceDiscovery, c.images.agentVersion),
  enabled: (c) => c.serviceDiscovery.enabled,
  needsSystemProbe: (c) => {
    const d = c.serviceDiscovery;
    return d.enabled ? { option: 'serviceDiscovery.enabled', cgroups: true, runtimeCompilation: d.networkStats } : undefined;
  },
  systemProbeConfig: (c) => {
    const d = c.serviceDiscovery;
    return d.enabled ? { discovery: { enabled: true, use_system_probe_lite: d.useSystemProbeLite, network_stats: { enabled: d.networkStats } } } : {};
  },
});
