import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import { bool, checkInt, checkString, checkUnusedWhenOff, fail, options } from '../validation';

/** Network Path (`datadog.traceroute.enabled` and `datadog.networkPath.*` in the chart). */
export interface NetworkPathOptions {
  /**
   * Run system-probe's traceroute module, which Network Path uses to trace the hops to a
   * destination: the `network_path` check (destinations you configure) and
   * `connectionsMonitoring` both need it. Adds system-probe (its `NET_RAW` capability sends the
   * probes).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Network traffic paths: trace the destinations of the connections Cloud Network Monitoring
   * sees. Needs `networkMonitoring.enabled`.
   * @default false
   */
  readonly connectionsMonitoring?: boolean;
  /**
   * Tuning of the collector that schedules the traces of `connectionsMonitoring`.
   * @default - the agent's defaults
   */
  readonly collector?: NetworkPathCollectorOptions;
}

/** The Network Path collector (`network_path.collector.*` of the agent). */
export interface NetworkPathCollectorOptions {
  /**
   * Traces run at once.
   * @default - the agent's default (4)
   */
  readonly workers?: number;
  /**
   * How long a destination keeps being traced after its last connection, as a Go duration.
   * @default - the agent's default
   */
  readonly pathtestTtl?: string;
  /**
   * Time between two traces of one destination, as a Go duration.
   * @default - the agent's default
   */
  readonly pathtestInterval?: string;
  /**
   * Most destinations tracked at once.
   * @default - the agent's default
   */
  readonly pathtestContextsLimit?: number;
  /**
   * Most traces started per minute.
   * @default - the agent's default
   */
  readonly pathtestMaxPerMinute?: number;
}

/** @internal */
export interface ResolvedNetworkPath {
  readonly enabled: boolean;
  readonly connectionsMonitoring: boolean;
  readonly collector: NetworkPathCollectorOptions;
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const DURATION = 'a Go duration such as "15m" or "1h30m" (a bare number would be read as nanoseconds)';

/** @internal */
export function resolveNetworkPath(o: NetworkPathOptions = {}, networkMonitoring: boolean): ResolvedNetworkPath {
  const enabled = bool('networkPath.enabled', o.enabled) ?? false;
  checkUnusedWhenOff('networkPath', o, enabled);
  const connectionsMonitoring = bool('networkPath.connectionsMonitoring', o.connectionsMonitoring) ?? false;
  const collector = options('networkPath.collector', o.collector);
  checkInt('networkPath.collector.workers', collector.workers, 1);
  checkString('networkPath.collector.pathtestTtl', collector.pathtestTtl, GO_DURATION, DURATION);
  checkString('networkPath.collector.pathtestInterval', collector.pathtestInterval, GO_DURATION, DURATION);
  checkInt('networkPath.collector.pathtestContextsLimit', collector.pathtestContextsLimit, 1);
  checkInt('networkPath.collector.pathtestMaxPerMinute', collector.pathtestMaxPerMinute, 1);
  // The collector only schedules the traces of connections monitoring.
  const set = Object.entries(collector).filter(([, v]) => v !== undefined).map(([k]) => k);
  if (set.length && !connectionsMonitoring) fail(`networkPath.collector.${set[0]} needs networkPath.connectionsMonitoring, which is false`);
  if (connectionsMonitoring && !networkMonitoring) {
    fail('networkPath.connectionsMonitoring needs networkMonitoring.enabled, which is false: the traced destinations are the connections it sees');
  }
  return { enabled, connectionsMonitoring, collector };
}

/**
 * Network Path: system-probe's traceroute module, and for connections monitoring the
 * collector settings on process-agent (which runs with NPM and hands it the connections), as the
 * chart does. With direct send (agent 7.81+), system-probe sends the connections itself and runs
 * the collector: it gets the same settings (difference network-path-direct-send).
 */
export const networkPath = defineFeature({
  id: 'network-path',
  option: 'networkPath',
  needs: ['networkMonitoring'],
  uses: ['systemProbe'],
  resolve: (p, c) => resolveNetworkPath(p.networkPath, c.networkMonitoring.enabled),
  enabled: (c) => c.networkPath.enabled,
  needsSystemProbe: (c) => (c.networkPath.enabled ? { option: 'networkPath.enabled' } : undefined),
  // Only when on: off, the agent's default (off) applies (difference system-probe-yaml).
  systemProbeConfig: (c) => (c.networkPath.enabled ? { traceroute: { enabled: true } } : {}),
  nodeAgent: (c, pod) => {
    const np = c.networkPath;
    if (!np.connectionsMonitoring) return;
    const col = np.collector;
    const str = (v: number | string | undefined) => (v === undefined ? undefined : String(v));
    // process-agent is there: connections monitoring needs NPM, which runs it.
    const env = {
      DD_NETWORK_PATH_CONNECTIONS_MONITORING_ENABLED: 'true',
      DD_NETWORK_PATH_COLLECTOR_WORKERS: str(col.workers),
      DD_NETWORK_PATH_COLLECTOR_PATHTEST_TTL: col.pathtestTtl,
      DD_NETWORK_PATH_COLLECTOR_PATHTEST_INTERVAL: col.pathtestInterval,
      DD_NETWORK_PATH_COLLECTOR_PATHTEST_CONTEXTS_LIMIT: str(col.pathtestContextsLimit),
      DD_NETWORK_PATH_COLLECTOR_PATHTEST_MAX_PER_MINUTE: str(col.pathtestMaxPerMinute),
    };
    pod.container(CONTAINER.PROCESS_AGENT).setEnv(env);
    if (c.systemProbe.directSend) pod.container(CONTAINER.SYSTEM_PROBE).setEnv(env);
  },
});
