import { CONTAINER, VOLUME } from '../components/containers';
import { defineFeature } from '../feature';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';
import { checkAbsolutePath, checkPort, checkString, fail, show, bool, list } from '../validation';

/** Tag cardinality of DogStatsD metrics (`DD_DOGSTATSD_TAG_CARDINALITY`). */
export enum TagCardinality {
  /** Tags shared by all containers of a workload (image, deployment, namespace...). */
  LOW = 'low',
  /** Also pod-level tags (`pod_name`, `oshift_deployment`...). */
  ORCHESTRATOR = 'orchestrator',
  /** Also container-level tags (`container_id`...): the most timeseries. */
  HIGH = 'high',
}

/** DogStatsD: custom metrics from applications (`datadog.dogstatsd.*` in the chart). */
export interface DogStatsdOptions {
  /**
   * Share DogStatsD's Unix socket with application pods through a host directory.
   *
   * `false` does not close the socket: on Linux the agent always listens on its default socket
   * (an empty `DD_DOGSTATSD_SOCKET` counts as unset, and the Helm chart with
   * `useSocketVolume: false` does the same). The socket then lives in an emptyDir, inside the
   * agent's pod only, and applications send over UDP.
   * @default true
   */
  readonly socketEnabled?: boolean;
  /**
   * Host directory that holds the socket (`dsd.socket`); mounted at `/var/run/datadog`.
   * @default "/var/run/datadog"
   */
  readonly hostSocketDir?: string;
  /**
   * UDP port of DogStatsD.
   * @default 8125
   */
  readonly port?: number;
  /**
   * Also expose the UDP port on the node's IP (hostPort), for applications that send to the
   * node IP. Needs the port free on every node.
   * @default false
   */
  readonly useHostPort?: boolean;
  /**
   * Tag metrics with the container they come from (origin detection).
   * @default false
   */
  readonly originDetection?: boolean;
  /**
   * Tag cardinality of DogStatsD metrics.
   * @default TagCardinality.LOW
   */
  readonly tagCardinality?: TagCardinality;
  /**
   * Accept UDP packets from other hosts (needed for traffic through the pod IP or a Service).
   * @default true
   */
  readonly nonLocalTraffic?: boolean;
  /**
   * Tags added to every DogStatsD metric, e.g. `["team:payments"]`.
   * @default - none
   */
  readonly tags?: string[];
}

/** @internal */
export interface ResolvedDogStatsd {
  readonly socketEnabled: boolean;
  /** The agent opens its socket (in the shared directory, or in the pod when socketEnabled is false); none on GDC. */
  readonly socketDirectory: boolean;
  readonly hostSocketDir: string;
  readonly socketPath: string;
  readonly port: number;
  readonly useHostPort: boolean;
  readonly originDetection: boolean;
  readonly tagCardinality: string;
  readonly nonLocalTraffic: boolean;
  readonly tags: string[];
}

/**
 * The source of a socket directory volume: the host directory, or on GKE Autopilot (which
 * admits no such host path) an emptyDir, as the chart renders it without the CSI driver.
 * @internal
 */
export function socketVolume(platform: Platform, hostDir: string): { hostPath?: { path: string; type: string }; emptyDir?: {} } {
  return platformTraits(platform).sockets === 'host' ? { hostPath: { path: hostDir, type: 'DirectoryOrCreate' } } : { emptyDir: {} };
}

/** Where sockets live inside the agent containers. */
export const SOCKET_DIR_IN_CONTAINER = '/var/run/datadog';

/** @internal */
export function resolveDogStatsd(o: DogStatsdOptions = {}, platform: Platform = 'generic'): ResolvedDogStatsd {
  checkAbsolutePath('dogstatsd.hostSocketDir', o.hostSocketDir);
  // Without sockets (GDC), applications send metrics to the port through the node-local Service.
  const sockets = platformTraits(platform).sockets !== 'none';
  if (!sockets) {
    for (const k of ['socketEnabled', 'useHostPort'] as const) {
      if (o[k] === true) fail(`dogstatsd.${k}: platform ${platformConstant(platform)} admits ${k === 'useHostPort' ? 'no host port' : 'no DogStatsD socket'}: applications send metrics to dogstatsd.port through the node-local Service (nodeAgent.localService, the default)`);
    }
  }
  checkPort('dogstatsd.port', o.port);
  if (o.tagCardinality !== undefined && !Object.values(TagCardinality).includes(o.tagCardinality)) {
    fail(`dogstatsd.tagCardinality must be one of ${Object.values(TagCardinality).join(', ')}, got ${show(o.tagCardinality)}`);
  }
  list('dogstatsd.tags', o.tags).forEach((t, i) => checkString(`dogstatsd.tags[${i}]`, t, /^[A-Za-z][-\w.:/]{0,199}$/, 'a Datadog tag such as "team:payments"'));
  return {
    socketEnabled: (bool('dogstatsd.socketEnabled', o.socketEnabled) ?? sockets),
    socketDirectory: sockets,
    hostSocketDir: o.hostSocketDir ?? '/var/run/datadog',
    socketPath: `${SOCKET_DIR_IN_CONTAINER}/dsd.socket`,
    port: o.port ?? 8125,
    useHostPort: (bool('dogstatsd.useHostPort', o.useHostPort) ?? false),
    originDetection: (bool('dogstatsd.originDetection', o.originDetection) ?? false),
    tagCardinality: o.tagCardinality ?? TagCardinality.LOW,
    nonLocalTraffic: (bool('dogstatsd.nonLocalTraffic', o.nonLocalTraffic) ?? true),
    tags: [...(o.tags ?? [])],
  };
}

/** DogStatsD runs inside the core agent: a UDP port, a Unix socket, and their env. */
export const dogstatsd = defineFeature({
  id: 'dogstatsd',
  option: 'dogstatsd',
  resolve: (p, c) => resolveDogStatsd(p.dogstatsd, c.platform),
  enabled: () => true,
  ports: (c) => [{ component: 'nodeAgent', port: c.dogstatsd.port, protocol: 'UDP', owner: 'dogstatsd.port' }],
  localServicePorts: (c) => [{ name: 'dogstatsdport', port: c.dogstatsd.port, protocol: 'UDP' }],
  nodeAgent: (c, pod) => {
    const d = c.dogstatsd;
    const agent = pod.container(CONTAINER.AGENT);
    agent.addPort({ name: 'dogstatsdport', containerPort: d.port, protocol: 'UDP', ...(d.useHostPort ? { hostPort: d.port } : {}) });
    agent.setEnv({
      DD_DOGSTATSD_PORT: String(d.port),
      DD_DOGSTATSD_NON_LOCAL_TRAFFIC: String(d.nonLocalTraffic),
      DD_DOGSTATSD_TAG_CARDINALITY: d.tagCardinality,
      DD_DOGSTATSD_ORIGIN_DETECTION: d.originDetection ? 'true' : undefined,
      DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT: d.originDetection ? 'true' : undefined,
      DD_DOGSTATSD_TAGS: d.tags.length ? d.tags.join(' ') : undefined,
      DD_DOGSTATSD_SOCKET: d.socketDirectory ? d.socketPath : undefined,
    });
    if (d.originDetection) pod.requireHostPid('dogstatsd.originDetection');
    if (d.socketEnabled) {
      // The socket directory is shared with application pods through the host.
      pod.volumeWithMounts({ name: VOLUME.DSD_SOCKET, ...socketVolume(c.platform, d.hostSocketDir) }, {
        [CONTAINER.AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER },
        [CONTAINER.TRACE_AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER },
        [CONTAINER.PROCESS_AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER, readOnly: true },
        [CONTAINER.SECURITY_AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER },
      });
      // Containers other features add (in any order) learn where the socket is.
      pod.onRender(() => pod.existing(CONTAINER.TRACE_AGENT, CONTAINER.PROCESS_AGENT, CONTAINER.SECURITY_AGENT)
        .forEach(ct => ct.setEnv({ DD_DOGSTATSD_SOCKET: d.socketPath })));
    } else if (d.socketDirectory) {
      // The agent opens its socket anyway: give it a writable directory that stays in the pod,
      // not the read-only root filesystem.
      pod.volumeWithMounts({ name: VOLUME.DSD_SOCKET, emptyDir: {} }, { [CONTAINER.AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER } });
    }
  },
});
