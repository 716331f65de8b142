import { defineFeature } from '../feature';
import { bool } from '../validation';

/** OOM kill events and metrics from system-probe (`datadog.systemProbe.enableOOMKill`). */
export interface OomKillOptions {
  /**
   * Report out-of-memory kills (the `oom_kill` check), traced by system-probe with eBPF. Turns
   * on runtime compilation (kernel headers are mounted).
   * @default false
   */
  readonly enabled?: boolean;
}

/** @internal */
export interface ResolvedOomKill {
  readonly enabled: boolean;
}

/** @internal */
export function resolveOomKill(o: OomKillOptions = {}): ResolvedOomKill {
  return { enabled: (bool('oomKill.enabled', o.enabled) ?? false) };
}

/**
 * OOM kill: system-probe with runtime compilation (kernel headers mounted) and
 * `system_probe_config.enable_oom_kill`, which the agent reads to schedule the check.
 */
export const oomKill = defineFeature({
  id: 'oom-kill',
  option: 'oomKill',
  resolve: (p) => resolveOomKill(p.oomKill),
  enabled: (c) => c.oomKill.enabled,
  needsSystemProbe: (c) => (c.oomKill.enabled ? { option: 'oomKill.enabled', runtimeCompilation: true } : undefined),
  systemProbeConfig: (c) => ({ system_probe_config: { enable_oom_kill: c.oomKill.enabled } }),
});
