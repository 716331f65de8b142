import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import { fail } from '../validation';

/** Cluster checks (`datadog.clusterChecks.*`): checks the Cluster Agent dispatches. */
export interface ClusterChecksOptions {
  /**
   * The Cluster Agent dispatches cluster checks (checks on Services, endpoints, or any
   * `cluster_check: true` config) to node agents, or to Cluster Checks Runners when they are
   * deployed. Needs a Cluster Agent (deployed here or existing).
   * @default - true when there is a Cluster Agent
   */
  readonly enabled?: boolean;
}

/** @internal */
export interface ResolvedClusterChecks {
  readonly enabled: boolean;
}

/** @internal */
export function resolveClusterChecks(o: ClusterChecksOptions = {}, ca: ResolvedClusterAgent): ResolvedClusterChecks {
  if (o.enabled === true && !ca.enabled) fail('clusterChecks.enabled needs a Cluster Agent: set clusterAgent.enabled (or clusterAgent.existing), or leave clusterChecks.enabled unset');
  return { enabled: o.enabled ?? ca.enabled };
}

/**
 * Where cluster checks run. The Cluster Agent watches Services and endpoints for check
 * annotations and dispatches the configs; node agents always take endpoint checks (they run on
 * the node of the endpoint's pod), and take cluster checks too unless runners do that work.
 */
export const clusterChecks = defineFeature({
  id: 'cluster-checks',
  option: 'clusterChecks',
  resolve: (p, c) => resolveClusterChecks(p.clusterChecks, c.clusterAgent),
  uses: ['clusterChecksRunner'],
  enabled: (c) => c.clusterChecks.enabled,
  nodeAgent: (c, pod) => {
    const runnersElsewhere = c.clusterChecksRunner.enabled
      || (c.clusterAgent.existing !== undefined && !c.clusterAgent.existing.clusterChecksOnNodeAgents);
    pod.container(CONTAINER.AGENT).setEnv({ DD_EXTRA_CONFIG_PROVIDERS: runnersElsewhere ? 'endpointschecks' : 'clusterchecks endpointschecks' });
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_CLUSTER_CHECKS_ENABLED: 'true',
      DD_EXTRA_CONFIG_PROVIDERS: 'kube_endpoints kube_services',
      DD_EXTRA_LISTENERS: 'kube_endpoints kube_services',
      // With runners, a shorter lease (the chart's 15 s) moves dispatching to another replica
      // sooner when the leader dies, so checks pause less.
      DD_LEADER_LEASE_DURATION: c.clusterChecksRunner.enabled ? '15' : undefined,
    });
  },
});
