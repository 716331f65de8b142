import { Feature } from '../feature';
import { apm } from './apm';
import { clusterAgentClient } from './cluster-agent-client';
import { dogstatsd } from './dogstatsd';
import { eventCollection } from './event-collection';
import { leaderElection } from './leader-election';
import { localService } from './local-service';
import { logs } from './logs';
import { processes } from './processes';
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
  localService,
  integrations,
];
