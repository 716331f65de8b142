import { KubernetesPlatform } from '../../src';

/** Review topologies: the default, node agents only, and every feature at once. */
export const REVIEW_TOPOLOGIES: Array<[string, any]> = [
  ['default', { clusterName: 'prod' }],
  ['agent only', { clusterAgent: { enabled: false } }],
  ['everything on', {
    clusterName: 'c',
    platform: KubernetesPlatform.OPENSHIFT,
    logs: { enabled: true, containerCollectAll: true },
    apm: { useHostPort: true, instrumentation: { enabled: true } },
    dogstatsd: { useHostPort: true, originDetection: true },
    processes: { processCollection: true },
    networkMonitoring: { enabled: true },
    serviceMonitoring: { enabled: true },
    oomKill: { enabled: true },
    tcpQueueLength: { enabled: true },
    serviceDiscovery: { enabled: true },
    security: { runtime: { enabled: true }, compliance: { enabled: true } },
    otlp: { grpc: { enabled: true }, http: { enabled: true }, logsEnabled: true },
    sbom: { containerImage: { enabled: true }, host: { enabled: true } },
    prometheusScrape: { enabled: true, serviceEndpoints: true },
    clusterChecksRunner: { enabled: true },
    kubeStateMetricsCore: { collectVpaMetrics: true, collectCrdMetrics: true, collectApiServicesMetrics: true },
    clusterAgent: { externalMetrics: { enabled: true, useDatadogMetrics: true } },
    eventCollection: { unbundleEvents: true },
    secretBackend: { enabled: true, readableSecrets: [{ namespace: 'datadog', names: ['x'] }] },
    images: { pullSecrets: ['regcred'] },
  }],
];
