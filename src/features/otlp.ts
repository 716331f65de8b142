import { CONTAINER } from '../components/containers';
import type { PortClaim } from '../feature';
import { defineFeature } from '../feature';
import { fail, show, bool, checkUnusedWhenOff } from '../validation';

/** One OTLP receiver (gRPC or HTTP) of the core agent. */
export interface OtlpReceiverOptions {
  /**
   * Run this receiver.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Address the receiver listens on, as `host:port`. The port must be explicit; Unix socket
   * endpoints (`unix:...`) are not supported.
   * @default "0.0.0.0:4317" for gRPC, "0.0.0.0:4318" for HTTP
   */
  readonly endpoint?: string;
  /**
   * Also expose the port on the node's IP (hostPort), so applications can send to
   * `status.hostIP`. The chart does this by default.
   * @default true
   */
  readonly useHostPort?: boolean;
}

/** OTLP ingest in the core agent (`datadog.otlp.*` in the chart). */
export interface OtlpOptions {
  /**
   * The OTLP/gRPC receiver.
   * @default - off; "0.0.0.0:4317" with hostPort when enabled
   */
  readonly grpc?: OtlpReceiverOptions;
  /**
   * The OTLP/HTTP receiver.
   * @default - off; "0.0.0.0:4318" with hostPort when enabled
   */
  readonly http?: OtlpReceiverOptions;
  /**
   * Accept logs over OTLP (`DD_OTLP_CONFIG_LOGS_ENABLED`).
   * @default false
   */
  readonly logsEnabled?: boolean;
}

/** @internal */
export interface ResolvedOtlpReceiver {
  readonly enabled: boolean;
  readonly endpoint: string;
  readonly port: number;
  readonly useHostPort: boolean;
}

/** @internal */
export interface ResolvedOtlp {
  readonly grpc: ResolvedOtlpReceiver;
  readonly http: ResolvedOtlpReceiver;
  readonly logsEnabled: boolean;
}

function resolveReceiver(path: string, o: OtlpReceiverOptions = {}, defaultPort: number): ResolvedOtlpReceiver {
  const endpoint = o.endpoint ?? `0.0.0.0:${defaultPort}`;
  if (typeof endpoint !== 'string' || endpoint.length === 0 || /\s/.test(endpoint)) {
    fail(`${path}.endpoint must be "host:port" without spaces, got ${show(endpoint)}`);
  }
  if (/^unix(-abstract)?:/.test(endpoint)) {
    fail(`${path}.endpoint must be "host:port": Unix socket endpoints are not supported, got ${show(endpoint)}`);
  }
  const m = /:([0-9]+)$/.exec(endpoint);
  if (!m) fail(`${path}.endpoint must set its port explicitly, such as "0.0.0.0:${defaultPort}", got ${show(endpoint)}`);
  const port = Number(m[1]);
  if (port < 1 || port > 65535) fail(`${path}.endpoint port must be between 1 and 65535, got ${port}`);
  const enabled = (bool(`${path}.enabled`, o.enabled) ?? false);
  checkUnusedWhenOff(path, o, enabled);
  return { enabled, endpoint, port, useHostPort: (bool(`${path}.useHostPort`, o.useHostPort) ?? true) };
}

/** @internal */
export function resolveOtlp(o: OtlpOptions = {}): ResolvedOtlp {
  const grpc = resolveReceiver('otlp.grpc', o.grpc, 4317);
  const http = resolveReceiver('otlp.http', o.http, 4318);
  if (grpc.enabled && http.enabled && grpc.port === http.port) {
    fail(`otlp.grpc.endpoint and otlp.http.endpoint must use different ports, both use ${grpc.port}`);
  }
  return { grpc, http, logsEnabled: (bool('otlp.logsEnabled', o.logsEnabled) ?? false) };
}

/**
 * OTLP ingest: the receivers' endpoints in the common env (every node container reads the same
 * config), their ports on the `agent` container and on the node-local Service (with the
 * application protocol the chart declares).
 */
export const otlp = defineFeature({
  id: 'otlp',
  option: 'otlp',
  resolve: (p) => resolveOtlp(p.otlp),
  enabled: () => true,
  // Both ports go on the node pod (shared network) next to DogStatsD, APM and the agent's own ports.
  ports: (c) => receivers(c.otlp).map(([name, r]): PortClaim => ({ component: 'nodeAgent', port: r.port, owner: `otlp.${name}.endpoint port` })),
  localServicePorts: (c) => receivers(c.otlp).map(([name, r]) => ({ name: `otlp${name}port`, port: r.port, protocol: 'TCP' as const, appProtocol: name })),
  nodeAgent: (c, pod) => {
    const o = c.otlp;
    pod.addGroupEnv('common', {
      DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_GRPC_ENDPOINT: o.grpc.enabled ? o.grpc.endpoint : undefined,
      DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_HTTP_ENDPOINT: o.http.enabled ? o.http.endpoint : undefined,
      DD_OTLP_CONFIG_LOGS_ENABLED: String(o.logsEnabled),
    });
    const agent = pod.container(CONTAINER.AGENT);
    for (const [name, r] of [['otlpgrpcport', o.grpc], ['otlphttpport', o.http]] as const) {
      if (!r.enabled) continue;
      agent.addPort({ name, containerPort: r.port, protocol: 'TCP', ...(r.useHostPort ? { hostPort: r.port } : {}) });
    }
  },
});

/** The enabled receivers, gRPC first. */
function receivers(o: ResolvedOtlp): ['grpc' | 'http', ResolvedOtlpReceiver][] {
  return ([['grpc', o.grpc], ['http', o.http]] as ['grpc' | 'http', ResolvedOtlpReceiver][]).filter(([, r]) => r.enabled);
}
