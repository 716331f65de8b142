import { clusterChecksRunnerResolver } from '../components/cluster-checks-runner';
import { windowsNodesResolver } from '../components/windows-node-agent';
import type { AnyFeature, Resolver } from '../feature';
import { admissionController } from './admission-controller';
import { apm } from './apm';
import { apmInstrumentation } from './apm-instrumentation';
import { appsecInjector } from './appsec-injector';
import { autoscaling } from './autoscaling';
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
import { gpuMonitoring } from './gpu-monitoring';
import { helmCheck } from './helm-check';
import { kubeStateMetricsCore } from './kube-state-metrics-core';
import { kubernetesActions } from './kubernetes-actions';
import { leaderElection } from './leader-election';
import { localService } from './local-service';
import { logs } from './logs';
import { metadataAsTags } from './metadata-as-tags';
import { namespaceObject } from './namespace';
import { networkMonitoring } from './network-monitoring';
import { networkPath } from './network-path';
import { networkPolicy } from './network-policy';
import { oomKill } from './oom-kill';
import { orchestratorExplorer } from './orchestrator-explorer';
import { otelAgentGateway } from './otel-agent-gateway';
import { otelCollector } from './otel-collector';
import { otlp } from './otlp';
import { openshiftResolver, platform } from './platform';
import { podLifecycle } from './pod-lifecycle';
import { priorityClass } from './priority-class';
import { processes } from './processes';
import { prometheusScrape } from './prometheus-scrape';
import { rawConfig } from './raw-config';
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
 * Every feature. The order decides only the order in which features write into the pods (so the
 * order of env entries, containers and Service ports in the output), never resolution: that
 * follows each feature's declared `needs`. Two rules keep the output stable:
 * - system-probe comes before the features that add to its container (network monitoring...);
 * - the escape hatches (container overrides, extra volumes) and the integrations act on what
 *   every other module added: they stay last.
 */
export const FEATURES: AnyFeature[] = [
  namespaceObject,
  clusterAgentClient,
  leaderElection,
  eventCollection,
  dogstatsd,
  apm,
  logs,
  processes,
  systemProbe,
  networkMonitoring,
  networkPath,
  serviceMonitoring,
  oomKill,
  tcpQueueLength,
  gpuMonitoring,
  serviceDiscovery,
  security,
  remoteConfiguration,
  containerFilters,
  metadataAsTags,
  otlp,
  otelCollector,
  otelAgentGateway,
  sbom,
  prometheusScrape,
  containerLifecycle,
  checksCardinality,
  localService,
  clusterChecks,
  kubeStateMetricsCore,
  orchestratorExplorer,
  helmCheck,
  appsecInjector,
  kubernetesActions,
  autoscaling,
  externalMetrics,
  admissionController,
  apmInstrumentation,
  platform,
  secretBackend,
  rawConfig,
  priorityClass,
  networkPolicy,
  podLifecycle,
  containerOverrides,
  extraVolumes,
  integrations,
];

/** Resolution of options that are not features (the runners' component options). */
export const COMPONENT_RESOLVERS: Resolver<any, any>[] = [clusterChecksRunnerResolver, windowsNodesResolver, openshiftResolver];
