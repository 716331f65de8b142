import { CONTAINER } from '../components/containers';
import type { CoreConfig } from '../config';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import type { PolicyRule } from '../model/k8s-json';

/**
 * Leader election: one agent among many runs the cluster-level work. It lives in the Cluster
 * Agent when there is one, else in the node agents. The lock is a ConfigMap (the chart's default
 * resource), with Lease rights as newer agents use.
 */
export const leaderElection = defineFeature({
  id: 'leader-election',
  enabled: (c) => c.clusterAgent.deployed || !c.clusterAgent.enabled,
  nodeAgent: (c, pod) => {
    if (c.clusterAgent.enabled) return;
    const env = leaderEnv(c);
    pod.container(CONTAINER.AGENT).setEnv(env);
    pod.container(CONTAINER.INIT_CONFIG).setEnv(env);
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv(leaderEnv(c));
  },
  rbac: (c): RbacGrant[] => {
    return [{ to: c.clusterAgent.deployed ? 'clusterAgent' : 'nodeAgent', rules: leaderElectionRules(c) }];
  },
});

function leaderEnv(c: CoreConfig) {
  return {
    DD_LEADER_ELECTION: 'true',
    DD_LEADER_ELECTION_DEFAULT_RESOURCE: 'configmap',
    DD_LEADER_LEASE_NAME: c.names.leaderElection,
  };
}

/** The lock objects, by name, plus create (which RBAC cannot restrict by name). */
export function leaderElectionRules(c: CoreConfig): PolicyRule[] {
  // `datadog-leader-election` is the name agents older than 7.37 use; kept as the chart does.
  const names = unique([c.names.leaderElection, 'datadog-leader-election']);
  return [
    { apiGroups: [''], resources: ['configmaps'], resourceNames: names, verbs: ['get', 'update'] },
    { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: [c.names.leaderElection], verbs: ['get', 'update'] },
    { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
  ];
}

export function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}
