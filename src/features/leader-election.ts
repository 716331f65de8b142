import { ResolvedConfig } from '../config';
import { Feature, RbacGrant } from '../feature';
import { PolicyRule } from '../model/k8s-json';
import { PodModel } from '../model/pod';

/**
 * Leader election: one agent among many runs the cluster-level work. It lives in the Cluster
 * Agent when there is one, else in the node agents. The lock is a ConfigMap (the chart's default
 * resource), with Lease rights as newer agents use.
 */
export const leaderElection: Feature = {
  id: 'leader-election',
  enabled: (c) => c.clusterAgent.deployed || !c.clusterAgent.enabled,
  nodeAgent(c: ResolvedConfig, pod: PodModel) {
    if (c.clusterAgent.enabled) return;
    const env = leaderEnv(c);
    pod.container('agent').setEnv(env);
    pod.container('init-config').setEnv(env);
  },
  clusterAgent(c: ResolvedConfig, pod: PodModel) {
    pod.container('cluster-agent').setEnv(leaderEnv(c));
  },
  rbac(c: ResolvedConfig): RbacGrant[] {
    return [{ to: c.clusterAgent.deployed ? 'clusterAgent' : 'nodeAgent', rules: leaderElectionRules(c) }];
  },
};

function leaderEnv(c: ResolvedConfig) {
  return {
    DD_LEADER_ELECTION: 'true',
    DD_LEADER_ELECTION_DEFAULT_RESOURCE: 'configmap',
    DD_LEADER_LEASE_NAME: c.names.leaderElection,
  };
}

/** The lock objects, by name, plus create (which RBAC cannot restrict by name). */
export function leaderElectionRules(c: ResolvedConfig): PolicyRule[] {
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
