import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { clusterAgentConfd } from '../components/cluster-agent-confd';
import { CONTAINER } from '../components/containers';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { toYaml } from '../model/yaml';
import { fail, bool, checkUnusedWhenOff, list, show } from '../validation';

/** The orchestrator explorer (`datadog.orchestratorExplorer.*`): Kubernetes resources in Datadog. */
export interface OrchestratorExplorerOptions {
  /**
   * Send Kubernetes resources (pods, deployments, nodes, ...) to the Orchestrator Explorer. Needs
   * a Cluster Agent.
   * @default - true when there is a Cluster Agent
   */
  readonly enabled?: boolean;
  /**
   * Redact sensitive words (passwords, tokens, ...) in container commands and env before sending.
   * @default true
   */
  readonly containerScrubbing?: boolean;
  /**
   * Node agents also send their kubelet's configuration (`DD_ORCHESTRATOR_EXPLORER_KUBELET_CONFIG_CHECK_ENABLED`).
   * @default true
   */
  readonly kubeletConfigCheck?: boolean;
  /**
   * Custom resources the Cluster Agent also collects, as `group/version/resource`
   * (`"karpenter.sh/v1/nodepools"`): the orchestrator check gets them as `crd_collectors`, and the
   * Cluster Agent `get`/`list`/`watch` on each resource by name. With `autoscaling.workload`, the
   * Datadog pod autoscalers and their cluster profiles are added, as the chart does.
   * @default - none
   */
  readonly customResources?: string[];
}

/** @internal */
export interface ResolvedOrchestratorExplorer {
  readonly enabled: boolean;
  readonly containerScrubbing: boolean;
  readonly kubeletConfigCheck: boolean;
  readonly customResources: readonly string[];
}

/** `group/version/resource`: a DNS-like group, a version, a plural resource name. */
const CUSTOM_RESOURCE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/v[0-9]+((alpha|beta)[0-9]+)?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The collectors workload autoscaling adds (the chart's list; its v1alpha1 pod autoscalers are no longer served). */
const AUTOSCALING_RESOURCES = ['datadoghq.com/v1alpha2/datadogpodautoscalers', 'datadoghq.com/v1alpha2/datadogpodautoscalerclusterprofiles'];

/** @internal */
export function resolveOrchestratorExplorer(o: OrchestratorExplorerOptions = {}, ca: ResolvedClusterAgent): ResolvedOrchestratorExplorer {
  if (o.enabled === true && !ca.enabled) fail('orchestratorExplorer.enabled needs a Cluster Agent: set clusterAgent.enabled (or clusterAgent.existing), or leave orchestratorExplorer.enabled unset');
  const enabled = o.enabled ?? ca.enabled;
  checkUnusedWhenOff('orchestratorExplorer', o, enabled);
  const customResources = list('orchestratorExplorer.customResources', o.customResources);
  customResources.forEach((r, i) => {
    if (typeof r !== 'string' || !CUSTOM_RESOURCE.test(r)) {
      fail(`orchestratorExplorer.customResources[${i}] must be "group/version/resource" such as "karpenter.sh/v1/nodepools" (core resources are collected already), got ${show(r)}`);
    }
    if (r === 'datadoghq.com/v1alpha1/datadogpodautoscalers') {
      fail(`orchestratorExplorer.customResources[${i}]: the Cluster Agent serves datadogpodautoscalers as datadoghq.com/v1alpha2/datadogpodautoscalers, got ${show(r)}`);
    }
  });
  const dup = customResources.find((r, i) => customResources.indexOf(r) !== i);
  if (dup !== undefined) fail(`orchestratorExplorer.customResources lists ${show(dup)} twice`);
  return {
    enabled,
    containerScrubbing: (bool('orchestratorExplorer.containerScrubbing', o.containerScrubbing) ?? true),
    kubeletConfigCheck: (bool('orchestratorExplorer.kubeletConfigCheck', o.kubeletConfigCheck) ?? true),
    customResources,
  };
}

/** The custom resources collected: the user's, then workload autoscaling's (each once). */
function collectedResources(o: ResolvedOrchestratorExplorer, workloadAutoscaling: boolean): string[] {
  return [...new Set([...o.customResources, ...(workloadAutoscaling ? AUTOSCALING_RESOURCES : [])])];
}

/**
 * The orchestrator explorer: node agents send their pods, the Cluster Agent the cluster-level
 * resources, read through ClusterRole `F-orchestrator-explorer`. The chart's wildcard rule over
 * whole API groups (`datadoghq.com`, Karpenter, EKS) is replaced by the resources the explorer
 * shows, by name.
 */
export const orchestratorExplorer = defineFeature({
  id: 'orchestrator-explorer',
  option: 'orchestratorExplorer',
  uses: ['autoscaling'],
  resolve: (p, c) => resolveOrchestratorExplorer(p.orchestratorExplorer, c.clusterAgent),
  enabled: (c) => c.clusterAgent.enabled,
  nodeAgent: (c, pod) => {
    const o = c.orchestratorExplorer;
    const env = { DD_ORCHESTRATOR_EXPLORER_ENABLED: String(o.enabled) };
    pod.container(CONTAINER.AGENT).setEnv({
      ...env,
      // as the chart: the kubelet configuration check rides on the node agent's orchestrator checks
      DD_ORCHESTRATOR_EXPLORER_KUBELET_CONFIG_CHECK_ENABLED: o.enabled && o.kubeletConfigCheck ? 'true' : undefined,
    });
    pod.onRender(() => pod.existing(CONTAINER.PROCESS_AGENT).forEach(ct => ct.setEnv(env)));
  },
  clusterAgent: (c, pod) => {
    const o = c.orchestratorExplorer;
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_ORCHESTRATOR_EXPLORER_ENABLED: String(o.enabled),
      DD_ORCHESTRATOR_EXPLORER_CONTAINER_SCRUBBING_ENABLED: o.enabled ? String(o.containerScrubbing) : undefined,
    });
    const crds = collectedResources(o, c.autoscaling.workload);
    if (o.enabled && crds.length) {
      // The orchestrator check of the Cluster Agent, with its custom resource collectors.
      clusterAgentConfd(pod).add('orchestrator', 'orchestrator.yaml', toYaml({ ad_identifiers: ['_kube_orchestrator'], init_config: null, instances: [{ crd_collectors: crds }] }));
    }
  },
  rbac: (c): RbacGrant[] => {
    if (!c.orchestratorExplorer.enabled || !c.clusterAgent.deployed) return [];
    const read = ['list', 'get', 'watch'];
    const listWatch = ['list', 'watch'];
    return [{
      to: 'clusterAgent',
      role: c.names.orchestratorExplorerRole,
      rules: [
        // The kube-system namespace UID is the cluster ID, kept in the datadog-cluster-id ConfigMap.
        { apiGroups: [''], resources: ['namespaces'], resourceNames: ['kube-system'], verbs: ['get'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['datadog-cluster-id'], verbs: ['create', 'get', 'update'] },
        { apiGroups: [''], resources: ['pods', 'nodes', 'namespaces', 'limitranges', 'services', 'persistentvolumes', 'persistentvolumeclaims', 'serviceaccounts'], verbs: read },
        { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: listWatch },
        { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: listWatch },
        { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'daemonsets', 'statefulsets'], verbs: read },
        { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: read },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: read },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'], verbs: read },
        { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: read },
        { apiGroups: ['autoscaling.k8s.io'], resources: ['verticalpodautoscalers'], verbs: read },
        { apiGroups: ['apiextensions.k8s.io'], resources: ['customresourcedefinitions'], verbs: read },
        { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: read },
        // Datadog's own resources: the agent's built-in custom resource collectors (7.81), by name.
        {
          apiGroups: ['datadoghq.com'],
          resources: [
            'datadogmetrics', 'datadogpodautoscalers', 'datadogpodautoscalerclusterprofiles', 'datadogagents',
            'datadogagentprofiles', 'datadogmonitors', 'datadogslos', 'datadogdashboards',
          ],
          verbs: listWatch,
        },
        // Node autoscalers, by resource (the chart grants every resource of these groups).
        { apiGroups: ['karpenter.sh'], resources: ['nodepools', 'nodeclaims'], verbs: listWatch },
        { apiGroups: ['karpenter.k8s.aws'], resources: ['ec2nodeclasses'], verbs: listWatch },
        { apiGroups: ['karpenter.azure.com'], resources: ['aksnodeclasses'], verbs: listWatch },
        { apiGroups: ['eks.amazonaws.com'], resources: ['nodeclasses'], verbs: listWatch },
        // GitOps resources.
        { apiGroups: ['argoproj.io'], resources: ['rollouts', 'applications', 'applicationsets'], verbs: read },
        { apiGroups: ['source.toolkit.fluxcd.io'], resources: ['buckets', 'helmcharts', 'externalartifacts', 'gitrepositories', 'helmrepositories', 'ocirepositories'], verbs: read },
        { apiGroups: ['kustomize.toolkit.fluxcd.io'], resources: ['kustomizations'], verbs: read },
        // The custom resources you listed, each by name.
        ...c.orchestratorExplorer.customResources.map(r => ({ apiGroups: [r.split('/')[0]], resources: [r.split('/')[2]], verbs: read })),
      ],
    }];
  },
});
