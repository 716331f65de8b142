import { defineFeature } from '../feature';
import { fail, show, bool } from '../validation';

/** Remote configuration of the node agents from Datadog (`remoteConfiguration.enabled`). */
export interface RemoteConfigurationOptions {
  /**
   * Let the node agents receive configuration from Datadog (Fleet Automation, APM sampling
   * rates, CWS policies...). The Cluster Agent keeps it off, as the chart does without the
   * features that need it there.
   * @default true
   */
  readonly enabled?: boolean;
}

/** @internal */
export interface ResolvedRemoteConfiguration {
  readonly enabled: boolean;
}

/** @internal */
export function resolveRemoteConfiguration(o: RemoteConfigurationOptions = {}): ResolvedRemoteConfiguration {
  if (o.enabled !== undefined && typeof o.enabled !== 'boolean') fail(`remoteConfiguration.enabled must be true or false, got ${show(o.enabled)}`);
  return { enabled: (bool('remoteConfiguration.enabled', o.enabled) ?? true) };
}

/** `DD_REMOTE_CONFIGURATION_ENABLED` on every node container (the chart's containers-common-env). */
export const remoteConfiguration = defineFeature({
  id: 'remote-configuration',
  option: 'remoteConfiguration',
  resolve: (p) => resolveRemoteConfiguration(p.remoteConfiguration),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    pod.addGroupEnv('common', { DD_REMOTE_CONFIGURATION_ENABLED: String(c.remoteConfiguration.enabled) });
  },
});
