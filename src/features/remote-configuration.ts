import { CONTAINER } from '../components/containers';
import type { RemoteConfigurationNeed } from '../feature';
import { defineFeature } from '../feature';
import { InputError } from '../input/strict';
import { fail, show, bool } from '../validation';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';

/** Remote configuration of the node agents from Datadog (`remoteConfiguration.enabled`). */
export interface RemoteConfigurationOptions {
  /**
   * Let the node agents receive configuration from Datadog (Fleet Automation, APM sampling
   * rates, CWS policies...). The Cluster Agent keeps it off, as the chart does, unless a feature
   * needs it there (workload autoscaling, Kubernetes actions, remote instrumentation): those
   * features then fail while this is false.
   * @default true
   */
  readonly enabled?: boolean;
}

/** @internal */
export interface ResolvedRemoteConfiguration {
  readonly enabled: boolean;
  /** Some feature needs it in the Cluster Agent. */
  readonly clusterAgent: boolean;
}

/** @internal */
export function resolveRemoteConfiguration(
  o: RemoteConfigurationOptions = {}, needs: readonly RemoteConfigurationNeed[] = [], platform: Platform = 'generic',
): ResolvedRemoteConfiguration {
  if (o.enabled !== undefined && typeof o.enabled !== 'boolean') fail(`remoteConfiguration.enabled must be true or false, got ${show(o.enabled)}`);
  // GDC has none (the chart turns it off there, whatever the values say).
  const available = platformTraits(platform).remoteConfiguration;
  const offOn = `platform ${platformConstant(platform)}, which has no remote configuration`;
  if (!available && o.enabled === true) fail(`remoteConfiguration.enabled: ${offOn}; leave it unset`);
  const enabled = bool('remoteConfiguration.enabled', o.enabled) ?? available;
  if (!enabled && needs.length) {
    const why = available ? 'which is off (remoteConfiguration.enabled: false)' : `which is off on ${offOn}`;
    const problems = needs.map(n => `${n.option} needs remote configuration, ${why}: ${n.receives}`);
    if (problems.length === 1) fail(problems[0]);
    throw new InputError(problems);
  }
  return { enabled, clusterAgent: needs.length > 0 };
}

/**
 * Remote configuration: `DD_REMOTE_CONFIGURATION_ENABLED` on every node container (the chart's
 * containers-common-env), and in the Cluster Agent when a feature there needs it (each declares
 * `needsRemoteConfiguration`; the Cluster Agent's own default is off).
 */
export const remoteConfiguration = defineFeature({
  id: 'remote-configuration',
  option: 'remoteConfiguration',
  resolve: (p, c, gathered) => resolveRemoteConfiguration(p.remoteConfiguration, gathered.remoteConfigurationNeeds, c.platform),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    pod.addGroupEnv('common', { DD_REMOTE_CONFIGURATION_ENABLED: String(c.remoteConfiguration.enabled) });
  },
  clusterAgent: (c, pod) => {
    if (c.remoteConfiguration.clusterAgent) pod.container(CONTAINER.CLUSTER_AGENT).setEnv({ DD_REMOTE_CONFIGURATION_ENABLED: 'true' });
  },
});
