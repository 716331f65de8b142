import { defineFeature } from '../feature';
import { bool } from '../validation';

/** TCP queue length metrics from system-probe (`datadog.systemProbe.enableTCPQueueLength`). */
export interface TcpQueueLengthOptions {
  /**
   * Report the fill of TCP send and receive queues per container (the `tcp_queue_length`
   * check), traced by system-probe with eBPF. Turns on runtime compilation.
   * @default false
   */
  readonly enabled?: boolean;
}

/** @internal */
export interface ResolvedTcpQueueLength {
  readonly enabled: boolean;
}

/** @internal */
export function resolveTcpQueueLength(o: TcpQueueLengthOptions = {}): ResolvedTcpQueueLength {
  return { enabled: (bool('tcpQueueLength.enabled', o.enabled) ?? false) };
}

/**
 * TCP queue length: system-probe with runtime compilation and
 * `system_probe_config.enable_tcp_queue_length`; the agent schedules the check from it.
 */
export const tcpQueueLength = defineFeature({
  id: 'tcp-queue-length',
  option: 'tcpQueueLength',
  resolve: (p) => resolveTcpQueueLength(p.tcpQueueLength),
  enabled: (c) => c.tcpQueueLength.enabled,
  needsSystemProbe: (c) => (c.tcpQueueLength.enabled ? { option: 'tcpQueueLength.enabled', runtimeCompilation: true } : undefined),
  systemProbeConfig: (c) => ({ system_probe_config: { enable_tcp_queue_length: c.tcpQueueLength.enabled } }),
});
