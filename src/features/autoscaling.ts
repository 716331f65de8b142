import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { CONTAINER } from '../components/containers';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { DATADOG_CRDS_CHART } from '../required-crds';
import { bool, checkUnusedWhenOff, fail, options } from '../validation';

/** Datadog Kubernetes Autoscaling (`datadog.autoscaling.*`). */
export interface AutoscalingOptions {
  /**
   * Workload autoscaling: DatadogPodAutoscaler objects scale Deployments, StatefulSets,
   * ReplicaSets and Argo Rollouts horizontally and vertically.
   * @default - off
   */
  readonly workload?: WorkloadAutoscalingOptions;
}

/** Workload autoscaling (`datadog.autoscaling.workload.*`). */
export interface WorkloadAutoscalingOptions {
  /**
   * Run the DatadogPodAutoscaler controller in the Cluster Agent (`DD_AUTOSCALING_WORKLOAD_ENABLED`,
   * with failover: the node agents compute `container.cpu.usage` and `container.memory.usage`
   * locally when the Cluster Agent cannot get them from Datadog). Needs remote configuration
   * (`remoteConfiguration.enabled`; turned on in the Cluster Agent), the Cluster Agent deployed by
   * this construct, and the DatadogPodAutoscaler CRDs (from the `datadog-crds` chart). Grants
   * ClusterRole `F-cluster-agent-autoscaling`.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Resize pods in place (the `pods/resize` subresource, Kubernetes 1.33+) instead of recreating
   * them (`DD_AUTOSCALING_WORKLOAD_IN_PLACE_VERTICAL_SCALING_ENABLED`).
   * @default false
   */
  readonly inPlaceVerticalScaling?: boolean;
}

/** @internal */
export interface ResolvedAutoscaling {
  readonly workload: boolean;
  readonly inPlaceVerticalScaling: boolean;
}

/** @internal */
export function resolveAutoscaling(
  o: AutoscalingOptions | undefined, ca: ResolvedClusterAgent,
): ResolvedAutoscaling {
  const a = options('autoscaling', o);
  const w = options('autoscaling.workload', a.workload);
  const workload = bool('autoscaling.workload.enabled', w.enabled) ?? false;
  checkUnusedWhenOff('autoscaling.workload', w, workload);
  if (workload && !ca.deployed) fail('autoscaling.workload.enabled needs a Cluster Agent deployed by this construct (the autoscaler runs there)');
  return { workload, inPlaceVerticalScaling: bool('autoscaling.workload.inPlaceVerticalScaling', w.inPlaceVerticalScaling) ?? false };
}

/** Workloads the autoscaler scales, reads and patches: named, where the chart grants `*` scale. */
const SCALED = [
  { group: 'apps', resources: ['deployments', 'statefulsets', 'replicasets'] },
  { group: 'argoproj.io', resources: ['rollouts'] },
];

/**
 * Workload autoscaling: env in the Cluster Agent and the node agents, remote configuration in the
 * Cluster Agent, and ClusterRole `F-cluster-agent-autoscaling`. The chart's wildcards (every verb
 * on its CRDs, `*\/scale` in every group) are replaced by the verbs and the workload kinds named.
 */
export const autoscaling = defineFeature({
  id: 'autoscaling',
  option: 'autoscaling',
  resolve: (p, c) => resolveAutoscaling(p.autoscaling, c.clusterAgent),
  enabled: (c) => c.autoscaling.workload,
  needsRemoteConfiguration: (c) => (c.autoscaling.workload ? { option: 'autoscaling.workload.enabled', receives: 'autoscaling settings come from Datadog through it' } : undefined),
  requiredCrds: () => [
    { name: 'datadogpodautoscalers.datadoghq.com', kind: 'DatadogPodAutoscaler', option: 'autoscaling.workload.enabled', installWith: DATADOG_CRDS_CHART },
    {
      name: 'datadogpodautoscalerclusterprofiles.datadoghq.com', kind: 'DatadogPodAutoscalerClusterProfile', option: 'autoscaling.workload.enabled', installWith: DATADOG_CRDS_CHART,
    },
  ],
  nodeAgent: (_c, pod) => {
    pod.container(CONTAINER.AGENT).setEnv({
      DD_AUTOSCALING_FAILOVER_ENABLED: 'true',
      DD_AUTOSCALING_FAILOVER_METRICS: 'container.memory.usage container.cpu.usage',
    });
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_AUTOSCALING_WORKLOAD_ENABLED: 'true',
      DD_AUTOSCALING_FAILOVER_ENABLED: 'true',
      DD_AUTOSCALING_WORKLOAD_IN_PLACE_VERTICAL_SCALING_ENABLED: c.autoscaling.inPlaceVerticalScaling ? 'true' : undefined,
    });
  },
  rbac: (c): RbacGrant[] => [{
    to: 'clusterAgent',
    role: c.names.autoscalingRole,
    rules: [
      // Events about scaling decisions.
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      // Its own custom resources: autoscalers set up in Datadog are created and kept in sync.
      {
        apiGroups: ['datadoghq.com'],
        resources: ['datadogpodautoscalers', 'datadogpodautoscalerclusterprofiles'],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
      { apiGroups: ['datadoghq.com'], resources: ['datadogpodautoscalers/status', 'datadogpodautoscalerclusterprofiles/status'], verbs: ['get', 'update', 'patch'] },
      // Horizontal scaling through the scale subresource of the workloads it targets.
      ...SCALED.map(s => ({ apiGroups: [s.group], resources: s.resources.map(r => `${r}/scale`), verbs: ['get', 'update'] })),
      // Vertical scaling: pod annotations, in-place resize, evictions for a rollout.
      { apiGroups: [''], resources: ['pods'], verbs: ['patch'] },
      ...(c.autoscaling.inPlaceVerticalScaling ? [{ apiGroups: [''], resources: ['pods/resize'], verbs: ['patch'] }] : []),
      { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
      // Cluster profiles select namespaces.
      { apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list', 'watch'] },
      // The workloads themselves, read and patched (vertical recommendations roll them out).
      { apiGroups: ['apps'], resources: ['deployments', 'statefulsets'], verbs: ['get', 'list', 'watch', 'patch'] },
      { apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['get', 'list', 'watch', 'patch'] },
    ],
  }],
});
