import { defineFeature } from '../feature';
import { bool, checkUnusedWhenOff } from '../validation';

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
 * USM: system-probe with the process-agent, the host root and cgroups, runtime compilation, and
 * `service_monitoring_config` in system-probe.yaml.
 */
export const serviceMonitoring = defineFeature({
  id: 'service-monitoring',
  option: 'serviceMonitoring',
  resolve: (p) => resolveServiceMonitoring(p.serviceMonitoring),
  enabled: (c) => c.serviceMonitoring.enabled,
  needsSystemProbe: (c) => (c.serviceMonitoring.enabled
    ? { option: 'serviceMonitoring.enabled', processAgent: true, hostRoot: true, cgroups: true, runtimeCompilation: true, configSync: true }
    : undefined),
  systemProbeConfig: (c) => {
    const usm = c.serviceMonitoring;
    const tls = (on: boolean | undefined) => (on === undefined ? undefined : { enabled: on });
    return {
      service_monitoring_config: {
        enabled: usm.enabled,
        enable_http_monitoring: usm.httpMonitoring,
        enable_http2_monitoring: usm.http2Monitoring,
        tls: { go: tls(usm.tlsGo), istio: tls(usm.tlsIstio), nodejs: tls(usm.tlsNodejs), native: tls(usm.tlsNative) },
      },
    };
  },
});
