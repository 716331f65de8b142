import { ResolvedConfig } from '../config';
import { Feature } from '../feature';
import { PodModel } from '../model/pod';
import { bool, checkUnusedWhenOff } from '../validation';
import { ensureProcessAgent } from './system-probe';

/** Universal Service Monitoring (USM, `datadog.serviceMonitoring.*` in the chart). */
export interface ServiceMonitoringOptions {
  /**
   * Observe HTTP, HTTP/2, gRPC and TLS traffic of every service with system-probe (eBPF); adds
   * the `system-probe` and `process-agent` containers, mounts the host root read-only and turns
   * on runtime compilation.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Monitor HTTP/1.x.
   * @default - the agent's default (on)
   */
  readonly httpMonitoring?: boolean;
  /**
   * Monitor HTTP/2 and gRPC.
   * @default - the agent's default
   */
  readonly http2Monitoring?: boolean;
  /**
   * Decode TLS of Go binaries.
   * @default - the agent's default
   */
  readonly tlsGo?: boolean;
  /**
   * Decode TLS of Istio sidecars.
   * @default - the agent's default
   */
  readonly tlsIstio?: boolean;
  /**
   * Decode TLS of Node.js.
   * @default - the agent's default
   */
  readonly tlsNodejs?: boolean;
  /**
   * Decode TLS of native libraries (OpenSSL, GnuTLS).
   * @default - the agent's default
   */
  readonly tlsNative?: boolean;
}

/** @internal */
export interface ResolvedServiceMonitoring {
  readonly enabled: boolean;
  readonly httpMonitoring?: boolean;
  readonly http2Monitoring?: boolean;
  readonly tlsGo?: boolean;
  readonly tlsIstio?: boolean;
  readonly tlsNodejs?: boolean;
  readonly tlsNative?: boolean;
}

/** @internal */
export function resolveServiceMonitoring(o: ServiceMonitoringOptions = {}): ResolvedServiceMonitoring {
  const enabled = (bool('serviceMonitoring.enabled', o.enabled) ?? false);
  checkUnusedWhenOff('serviceMonitoring', o, enabled);
  const protocol = (k: 'httpMonitoring' | 'http2Monitoring' | 'tlsGo' | 'tlsIstio' | 'tlsNodejs' | 'tlsNative') => bool(`serviceMonitoring.${k}`, o[k]);
  return {
    enabled,
    httpMonitoring: protocol('httpMonitoring'),
    http2Monitoring: protocol('http2Monitoring'),
    tlsGo: protocol('tlsGo'),
    tlsIstio: protocol('tlsIstio'),
    tlsNodejs: protocol('tlsNodejs'),
    tlsNative: protocol('tlsNative'),
  };
}

/**
 * USM: `service_monitoring_config` in system-probe.yaml and the process-agent. The host root
 * mount, HOST_ROOT and runtime compilation come from system-probe.ts, which knows USM needs them.
 */
export const serviceMonitoring: Feature = {
  id: 'service-monitoring',
  enabled: (c) => c.serviceMonitoring.enabled,
  nodeAgent(c: ResolvedConfig, pod: PodModel) {
    ensureProcessAgent(c, pod);
  },
};
