import { defineFeature } from '../feature';

/**
 * How node agents reach the Cluster Agent: its Service name and the shared token, for every
 * container in the `clusterAgentClient` env group (agent, trace-agent, process-agent,
 * security-agent). Without one, those containers are told so (`DD_CLUSTER_AGENT_ENABLED=false`,
 * as the chart renders on every one of them).
 */
export const clusterAgentClient = defineFeature({
  id: 'cluster-agent-client',
  enabled: () => true,
  nodeAgent: (c, pod) => {
    if (!c.clusterAgent.enabled) {
      pod.addGroupEnv('clusterAgentClient', { DD_CLUSTER_AGENT_ENABLED: 'false' });
      return;
    }
    pod.addGroupEnv('clusterAgentClient', {
      DD_CLUSTER_AGENT_ENABLED: 'true',
      DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: c.clusterAgent.serviceName,
      DD_CLUSTER_AGENT_AUTH_TOKEN: { secretKeyRef: { name: c.clusterAgent.tokenSecret.name, key: c.clusterAgent.tokenSecret.key } },
    });
  },
});
