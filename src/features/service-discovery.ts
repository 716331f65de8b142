import { Feature } from '../feature';
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
 * Service discovery: the `discovery` section of system-probe.yaml (written by system-probe.ts).
 * The cgroups mount and, with network stats, runtime compilation follow from it there.
 */
export const serviceDiscovery: Feature = {
  id: 'service-discovery',
  enabled: (c) => c.serviceDiscovery.enabled,
};
