import { Feature } from '../feature';
import { admissionController } from './admission-controller';
import { apm } from './apm';
import { apmInstrumentation } from './apm-instrumentation';
import { checksCardinality } from './checks-cardinality';
import { clusterAgentClient } from './cluster-agent-client';
import { clusterChecks } from './cluster-checks';
import { containerFilters } from './container-filters';
import { containerLifecycle } from './container-lifecycle';
import { containerOverrides } from './container-overrides';
import { dogstatsd } from './dogstatsd';
import { eventCollection } from './event-collection';
import { externalMetrics } from './external-metrics';
import { extraVolumes } from './extra-volumes';
import { kubeStateMetricsCore } from './kube-state-metrics-core';
import { leaderElection } from './leader-election';
import { localService } from './local-service';
import { logs } from './logs';
import { metadataAsTags } from './metadata-as-tags';
import { networkMonitoring } from './network-monitoring';
import { oomKill } from './oom-kill';
import { orchestratorExplorer } from './orchestrator-explorer';
import { otlp } from './otlp';
import { platform } from './platform';
import { processes } from './processes';
import { prometheusScrape } from './prometheus-scrape';
import { remoteConfiguration } from './remote-configuration';
import { sbom } from './sbom';
import { secretBackend } from './secret-backend';
import { security } from './security';
import { serviceDiscovery } from './service-discovery';
import { serviceMonitoring } from './service-monitoring';
import { systemProbe } from './system-probe';
import { tcpQueueLength } from './tcp-queue-length';
import { integrations } from '../integrations/feature';

/**
 * Every feature, in the order they contribute. Order matters only for readability of the
 * output (env order); modules do not depend on each other's side effects.
 */
export const FEATURES: Feature[] = [
  clusterAgentClient,
  leaderElection,
  eventCollection,
  dogstatsd,
  apm,
  logs,
  processes,
  // system-probe first: the features after it add to its container.
  systemProbe,
  networkMonitoring,
  serviceMonitoring,
  oomKill,
  tcpQueueLength,
  serviceDiscovery,
  security,
  remoteConfiguration,
  containerFilters,
  metadataAsTags,
  otlp,
  sbom,
  prometheusScrape,
  containerLifecycle,
  checksCardinality,
  localService,
  clusterChecks,
  kubeStateMetricsCore,
  orchestratorExplorer,
  externalMetrics,
  admissionController,
  apmInstrumentation,
  platform,
  secretBackend,
  // The escape hatches act at render, after every other module: keep them last.
  containerOverrides,
  extraVolumes,
  integrations,
];
