import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { CONTAINER } from '../components/containers';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { bool, fail, options, show } from '../validation';

/** Kubernetes actions (`datadog.kubernetesActions.*`): remediation driven from Datadog. */
export interface KubernetesActionsOptions {
  /**
   * Let Datadog's Kubernetes Actions delete pods and restart (patch) Deployments through the
   * Cluster Agent (`DD_KUBEACTIONS_ENABLED`), which receives them over remote configuration (turned
   * on in the Cluster Agent; `remoteConfiguration.enabled` must stay on). Grants ClusterRole `F-kubernetes-actions`: `delete` on every pod and
   * `patch`/`update` on every Deployment of the cluster. Needs a Cluster Agent 7.79 or newer,
   * deployed by this construct.
   * @default false
   */
  readonly enabled?: boolean;
}

/** @internal */
export interface ResolvedKubernetesActions {
  readonly enabled: boolean;
}

/** @internal */
export function resolveKubernetesActions(
  o: KubernetesActionsOptions | undefined, ca: ResolvedClusterAgent,
  dcaVersion: [number, number, number] | undefined,
): ResolvedKubernetesActions {
  const k = options('kubernetesActions', o);
  const enabled = bool('kubernetesActions.enabled', k.enabled) ?? false;
  if (enabled && !ca.deployed) fail('kubernetesActions.enabled needs a Cluster Agent deployed by this construct');
  if (enabled && dcaVersion && (dcaVersion[0] < 7 || (dcaVersion[0] === 7 && dcaVersion[1] < 79))) {
    fail(`kubernetesActions.enabled needs a Cluster Agent 7.79.0 or newer, got images.clusterAgentTag ${show(dcaVersion.join('.'))}`);
  }
  return { enabled };
}

/** Kubernetes actions: env and remote configuration in the Cluster Agent, and its ClusterRole. */
export const kubernetesActions = defineFeature({
  id: 'kubernetes-actions',
  option: 'kubernetesActions',
  resolve: (p, c) => resolveKubernetesActions(p.kubernetesActions, c.clusterAgent, c.images.clusterAgentVersion),
  enabled: (c) => c.kubernetesActions.enabled,
  needsRemoteConfiguration: (c) => (c.kubernetesActions.enabled ? { option: 'kubernetesActions.enabled', receives: 'the actions arrive through it' } : undefined),
  clusterAgent: (_c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({ DD_KUBEACTIONS_ENABLED: 'true' });
  },
  rbac: (c): RbacGrant[] => [{
    to: 'clusterAgent',
    role: c.names.kubernetesActionsRole,
    rules: [
      { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'patch', 'update'] },
      { apiGroups: ['apps'], resources: ['deployments/status'], verbs: ['get'] },
    ],
  }],
});
