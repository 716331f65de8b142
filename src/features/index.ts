import { Feature } from '../feature';
import { admissionController } from './admission-controller';
import { apm } from './apm';
import { apmInstrumentation } from './apm-instrumentation';
import { clusterAgentClient } from './cluster-agent-client';
import { clusterChecks } from './cluster-checks';
import { dogstatsd } from './dogstatsd';
import { eventCollection } from './event-collection';
import { externalMetrics } from './external-metrics';
import { kubeStateMetricsCore } from './kube-state-metrics-core';
import { leaderElection } from './leader-election';
import { localService } from './local-service';
import { logs } from './logs';
import { orchestratorExplorer } from './orchestrator-explorer';
import { processes } from './processes';

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
  localService,
  clusterChecks,
  kubeStateMetricsCore,
  orchestratorExplorer,
  externalMetrics,
  admissionController,
  apmInstrumentation,
];
