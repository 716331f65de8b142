import type { CoreConfig } from '../config';
import type { ComponentPods, RbacGrant } from '../feature';

/**
 * The rules each component needs for its own work, before any feature. Every rule says why it is
 * there; features add theirs in their own module.
 */
export function baseGrants(c: CoreConfig, pods: ComponentPods): RbacGrant[] {
  const grants: RbacGrant[] = [{
    to: 'nodeAgent',
    rules: [
      // kubelet: metrics, pod list (through /proxy), node spec and stats
      { apiGroups: [''], resources: ['nodes/metrics', 'nodes/spec', 'nodes/proxy', 'nodes/stats'], verbs: ['get'] },
      // API server metrics endpoints (kube_apiserver_metrics and friends)
      { nonResourceURLs: ['/metrics', '/metrics/slis'], verbs: ['get'] },
      // leader election check: read who holds the lock
      { apiGroups: [''], resources: ['endpoints'], verbs: ['get'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get'] },
    ],
  }];
  if (!c.clusterAgent.enabled) {
    // Without a Cluster Agent, the node agents build the cluster-level metadata themselves.
    grants.push({
      to: 'nodeAgent',
      rules: [
        { apiGroups: [''], resources: ['services', 'events', 'endpoints', 'pods', 'nodes', 'namespaces', 'componentstatuses'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
        { nonResourceURLs: ['/version', '/healthz'], verbs: ['get'] },
      ],
    });
  }
  if (c.clusterAgent.deployed) {
    grants.push({
      to: 'clusterAgent',
      rules: [
        // cluster metadata for tagging, services for cluster checks, component statuses for the apiserver check
        { apiGroups: [''], resources: ['services', 'endpoints', 'pods', 'nodes', 'namespaces', 'componentstatuses', 'limitranges'], verbs: ['get', 'list', 'watch'] },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
        // HPA metadata for the autoscaling views
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ['list', 'watch'] },
        // the Cluster Agent reports its own events
        { apiGroups: [''], resources: ['events'], verbs: ['create'] },
        // version, health and metrics of the API server
        { nonResourceURLs: ['/version', '/healthz', '/metrics'], verbs: ['get'] },
      ],
    });
  }
  if (pods.clusterChecksRunner) {
    // Runners get their tags and configs from the Cluster Agent, not from the API. What they
    // read themselves is the API server's metrics (kube_apiserver_metrics as a cluster check);
    // checks that list objects (kube-state-metrics core on runners) bring their own role.
    grants.push({
      to: 'clusterChecksRunner',
      rules: [{ nonResourceURLs: ['/metrics', '/metrics/slis'], verbs: ['get'] }],
    });
  }
  return grants;
}
