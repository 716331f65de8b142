import { Feature } from '../feature';
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
 * TCP queue length: `system_probe_config.enable_tcp_queue_length` in system-probe.yaml (written
 * by system-probe.ts); the agent schedules the check from it.
 */
export const tcpQueueLength: Feature = {
  id: 'tcp-queue-length',
  enabled: (c) => c.tcpQueueLength.enabled,
};
