import { Feature } from '../feature';
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
 * OOM kill: `system_probe_config.enable_oom_kill` in system-probe.yaml (written by
 * system-probe.ts), which the agent reads to schedule the check. Nothing else to add: the
 * runtime-compilation mounts follow from `systemProbe.runtimeCompilation`.
 */
export const oomKill: Feature = {
  id: 'oom-kill',
  enabled: (c) => c.oomKill.enabled,
};
