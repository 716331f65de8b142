import { ResolvedConfig } from '../config';
import { Feature, RbacGrant } from '../feature';
import { unique } from './leader-election';
import { PodModel } from '../model/pod';

/**
 * Kubernetes event collection: the leader (Cluster Agent, or a node agent without one) watches
 * events and keeps its resume position in the `Ftoken` ConfigMap.
 */
export const eventCollection: Feature = {
  id: 'event-collection',
  enabled: (c) => c.clusterAgent.deployed || !c.clusterAgent.enabled,
  nodeAgent(c: ResolvedConfig, pod: PodModel) {
    if (c.clusterAgent.enabled) return;
    pod.container('agent').setEnv({ DD_COLLECT_KUBERNETES_EVENTS: 'true', DD_CLUSTER_AGENT_TOKEN_NAME: c.names.eventTokenConfigMap });
  },
  clusterAgent(c: ResolvedConfig, pod: PodModel) {
    pod.container('cluster-agent').setEnv({
      DD_COLLECT_KUBERNETES_EVENTS: 'true',
      DD_CLUSTER_AGENT_TOKEN_NAME: c.names.eventTokenConfigMap,
      DD_KUBERNETES_EVENTS_SOURCE_DETECTION_ENABLED: 'false',
    });
  },
  rbac(c: ResolvedConfig): RbacGrant[] {
    return [{
      to: c.clusterAgent.deployed ? 'clusterAgent' : 'nodeAgent',
      rules: [
        // `datadogtoken` is the name agents older than 7.37 use; kept as the chart does.
        { apiGroups: [''], resources: ['configmaps'], resourceNames: unique([c.names.eventTokenConfigMap, 'datadogtoken']), verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
      ],
    }];
  },
};
