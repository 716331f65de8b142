import { NODE_CONTAINER_SECURITY } from '../components/node-agent';
import { defineFeature } from '../feature';
import { versionAtLeast } from '../images';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';
import { checkAbsolutePath, checkPort, fail, bool, checkUnusedWhenOff } from '../validation';
import type { ApmInstrumentationOptions } from './apm-instrumentation';
import type { ResolvedDogStatsd } from './dogstatsd';
import { SOCKET_DIR_IN_CONTAINER, socketVolume } from './dogstatsd';
import { CONTAINER, VOLUME } from '../components/containers';

/** APM: the trace-agent container and how applications reach it (`datadog.apm.*`). */
export interface ApmOptions {
  /**
   * Run the trace-agent. Off means no `trace-agent` container at all.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Receive traces on a Unix socket shared through a host directory (`apm.socket`).
   * @default true
   */
  readonly socketEnabled?: boolean;
  /**
   * Host directory that holds `apm.socket`; mounted at `/var/run/datadog`.
   * @default - the DogStatsD socket directory, "/var/run/datadog"
   */
  readonly hostSocketDir?: string;
  /**
   * TCP port of the trace receiver.
   * @default 8126
   */
  readonly port?: number;
  /**
   * Expose the TCP port on the node's IP (hostPort), for tracers that send to the node IP
   * (`DD_AGENT_HOST` from `status.hostIP`).
   * @default false
   */
  readonly useHostPort?: boolean;
  /**
   * Single-step instrumentation: the Cluster Agent's admission controller injects tracing
   * libraries into application pods.
   * @default - disabled
   */
  readonly instrumentation?: ApmInstrumentationOptions;
}

/** @internal */
export interface ResolvedApm {
  readonly enabled: boolean;
  readonly socketEnabled: boolean;
  readonly hostSocketDir: string;
  readonly containerSocketDir: string;
  readonly socketPath: string;
  readonly port: number;
  readonly useHostPort: boolean;
}

/** @internal */
export function resolveApm(o: ApmOptions = {}, dsd: ResolvedDogStatsd, platform: Platform = 'generic'): ResolvedApm {
  checkAbsolutePath('apm.hostSocketDir', o.hostSocketDir);
  checkPort('apm.port', o.port);
  const traits = platformTraits(platform);
  // GDC runs the core agent alone: no trace-agent.
  if (!traits.sidecars && o.enabled === true) {
    fail(`apm.enabled: platform ${platformConstant(platform)} runs the core agent container only, so no trace-agent; leave apm.enabled unset`);
  }
  const enabled = (bool('apm.enabled', o.enabled) ?? traits.sidecars);
  checkUnusedWhenOff('apm', o, enabled, ['instrumentation']);
  const port = o.port ?? 8126;
  if (port === dsd.port && enabled) fail(`apm.port must differ from dogstatsd.port (both ${port}): one is TCP for traces, the other UDP for metrics, and both go on the node-local Service`);
  const hostSocketDir = o.hostSocketDir ?? dsd.hostSocketDir;
  // Sharing the DogStatsD directory means one volume at /var/run/datadog; a separate host
  // directory gets its own mount point so the two never shadow each other.
  const sharedDir = !dsd.socketEnabled || hostSocketDir === dsd.hostSocketDir;
  // On GKE Autopilot the socket directory is an emptyDir: application pods could not mount it
  // (Warden refuses their hostPath volumes), so traces come over TCP (as the chart renders it).
  const hostSockets = traits.sockets === 'host';
  if (!hostSockets && enabled && o.socketEnabled === true) {
    fail('apm.socketEnabled: on GKE Autopilot application pods cannot mount the socket\'s host directory (Warden refuses their hostPath volumes): '
      + 'applications send traces to apm.port through the node-local Service (nodeAgent.localService, the default); leave apm.socketEnabled unset');
  }
  return {
    enabled,
    socketEnabled: enabled && hostSockets && ((bool('apm.socketEnabled', o.socketEnabled) ?? true)),
    hostSocketDir,
    containerSocketDir: sharedDir ? SOCKET_DIR_IN_CONTAINER : `${SOCKET_DIR_IN_CONTAINER}-apm`,
    socketPath: `${sharedDir ? SOCKET_DIR_IN_CONTAINER : `${SOCKET_DIR_IN_CONTAINER}-apm`}/apm.socket`,
    port,
    useHostPort: (bool('apm.useHostPort', o.useHostPort) ?? false),
  };
}

/** The trace-agent's liveness probe: its receiver port accepts connections (Linux and Windows). */
export function traceAgentLiveness(port: number) {
  return { tcpSocket: { port }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 5 };
}

/** APM: the trace-agent container, its receiver socket and port, and the agent's APM env. */
export const apm = defineFeature({
  id: 'apm',
  option: 'apm',
  needs: ['dogstatsd'],
  resolve: (p, c) => resolveApm(p.apm, c.dogstatsd, c.platform),
  enabled: () => true,
  ports: (c) => (c.apm.enabled ? [{ component: 'nodeAgent', port: c.apm.port, owner: 'apm.port' }] : []),
  localServicePorts: (c) => (c.apm.enabled ? [{ name: 'traceport', port: c.apm.port, protocol: 'TCP' }] : []),
  nodeAgent: (c, pod) => {
    const a = c.apm;
    const agent = pod.container(CONTAINER.AGENT);
    agent.setEnv({ DD_APM_ENABLED: String(a.enabled) });
    if (!a.enabled) return;
    const apmEnv = {
      DD_APM_ENABLED: 'true',
      DD_APM_NON_LOCAL_TRAFFIC: 'true',
      DD_APM_RECEIVER_PORT: String(a.port),
      DD_APM_RECEIVER_SOCKET: a.socketEnabled ? a.socketPath : undefined,
    };
    agent.setEnv(apmEnv);

    const configPath = '/etc/datadog-agent/datadog.yaml';
    // trace-loader (agent 7.75+) holds the port open and starts trace-agent only when traces arrive.
    // Not on GKE Autopilot: the allowlist matches the trace-agent command (as the chart renders it).
    const command = versionAtLeast(c.images.agentVersion, [7, 75, 0]) && !platformTraits(c.platform).allowlistedCommands
      ? ['trace-loader', configPath, 'trace-agent', `-config=${configPath}`]
      : ['trace-agent', `-config=${configPath}`];
    const trace = pod.addContainer(CONTAINER.TRACE_AGENT, {
      image: c.images.agent,
      imagePullPolicy: c.images.pullPolicy,
      command,
      envGroups: ['common', 'clusterAgentClient'],
      securityContext: NODE_CONTAINER_SECURITY,
    });
    trace.setEnv({ DD_LOG_LEVEL: c.nodeAgent.logLevel, ...apmEnv });
    trace.addPort({ name: 'traceport', containerPort: a.port, protocol: 'TCP', ...(a.useHostPort ? { hostPort: a.port } : {}) });
    trace.setProbes({ liveness: traceAgentLiveness(a.port) });
    trace.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent', readOnly: true })
      .mount({ name: VOLUME.LOGS, mountPath: '/var/log/datadog' })
      .mount({ name: VOLUME.AUTH_TOKEN, mountPath: '/etc/datadog-agent/auth', readOnly: true })
      .mount({ name: VOLUME.PROC, mountPath: '/host/proc', readOnly: true, mountPropagation: 'None' })
      .mount({ name: VOLUME.CGROUPS, mountPath: '/host/sys/fs/cgroup', readOnly: true, mountPropagation: 'None' })
      .mount({ name: VOLUME.TMP, mountPath: '/tmp' });

    if (a.socketEnabled) {
      if (c.dogstatsd.socketEnabled && a.hostSocketDir === c.dogstatsd.hostSocketDir) {
        // One host directory for both sockets: the dsdsocket volume carries apm.socket too.
        pod.volumeWithMounts({ name: VOLUME.DSD_SOCKET, ...socketVolume(c.platform, a.hostSocketDir) }, {
          [CONTAINER.AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER },
          [CONTAINER.TRACE_AGENT]: { mountPath: SOCKET_DIR_IN_CONTAINER },
        });
      } else {
        pod.volumeWithMounts({ name: 'apmsocket', ...socketVolume(c.platform, a.hostSocketDir) }, {
          [CONTAINER.TRACE_AGENT]: { mountPath: a.containerSocketDir },
        });
      }
    }
  },
});
