import { AUTOPILOT_SERVICE_ACCOUNT } from './model/gke-autopilot';
import { fail, show } from './validation';

/**
 * Object names, derived from `name` exactly as the Helm chart derives them from its fullname,
 * so a cluster can move from the chart (release `datadog`) to this library without renames.
 */
export interface Names {
  /** The chart's fullname `F`. */
  readonly fullname: string;
  /** DaemonSet, node ServiceAccount, node ClusterRole(Binding), node-local Service: `F`. */
  readonly nodeAgent: string;
  /** The node agent's ServiceAccount: `F`, or `datadog-agent` on GKE Autopilot (the allowlist matches it). */
  readonly nodeAgentServiceAccount: string;
  /** Cluster Agent Deployment, ServiceAccount, ClusterRole(Binding), Service, PDB: `F-cluster-agent`. */
  readonly clusterAgent: string;
  /** Namespaced Role of the Cluster Agent: `F-cluster-agent-main`. */
  readonly clusterAgentMainRole: string;
  /** Flare Role of the Cluster Agent: `F-dca-flare`. */
  readonly clusterAgentFlareRole: string;
  /** Cluster Checks Runner Deployment and PDB: `F-clusterchecks`. */
  readonly clusterChecksRunner: string;
  /** Cluster Checks Runner ServiceAccount and ClusterRoleBinding: `F-cluster-checks`. */
  readonly clusterChecksRunnerServiceAccount: string;
  /** The Cluster Agent's conf.d ConfigMap: `F-cluster-agent-confd`. */
  readonly clusterAgentConfd: string;
  /** Node agent ConfigMaps. */
  readonly confd: string;
  readonly checksd: string;
  readonly installInfo: string;
  /** Event-collection state ConfigMap the agents create at run time: `Ftoken`. */
  readonly eventTokenConfigMap: string;
  /** Leader-election ConfigMap / Lease the agents create at run time: `F-leader-election`. */
  readonly leaderElection: string;
  /** Secret created by `Credentials.fromValues`: `F`. */
  readonly credentialsSecret: string;
  /** Admission controller Service: `F-cluster-agent-admission-controller`. */
  readonly admissionControllerService: string;
  /** External metrics Service: `F-cluster-agent-metrics-api`. */
  readonly metricsApiService: string;
  /** kube-state-metrics core ClusterRole(Binding): `F-ksm-core`. */
  readonly ksmCoreRole: string;
  /** Orchestrator explorer ClusterRole(Binding): `F-orchestrator-explorer`. */
  readonly orchestratorExplorerRole: string;
  /** Workload autoscaling ClusterRole(Binding): `F-cluster-agent-autoscaling`. */
  readonly autoscalingRole: string;
  /** Helm check ClusterRole(Binding): `F-helm-check`. */
  readonly helmCheckRole: string;
  /** Kubernetes actions ClusterRole(Binding): `F-kubernetes-actions`. */
  readonly kubernetesActionsRole: string;
  /** ClusterRole(Binding) letting the HPA controller read external metrics: `F-cluster-agent-external-metrics-reader`. */
  readonly externalMetricsReaderRole: string;
  /** ClusterRoleBinding to `system:auth-delegator`: `F-cluster-agent-system-auth-delegator`. */
  readonly authDelegatorBinding: string;
  /** RoleBinding (kube-system) to `extension-apiserver-authentication-reader`: `F-cluster-agent-apiserver`. */
  readonly apiserverAuthReaderBinding: string;
}

/** The Helm chart's `datadog.fullname` for a release named `name`. */
export function fullname(name: string): string {
  const f = name.includes('datadog') ? name : `${name}-datadog`;
  return f.slice(0, 63).replace(/-+$/, '');
}

export function resolveNames(name: string, platform?: string): Names {
  if (typeof name !== 'string' || !/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    fail(`name must be a lowercase RFC 1123 label starting with a letter (a-z, 0-9, "-"), got ${show(name)}`);
  }
  const F = fullname(name);
  // The longest derived name is `F-cluster-agent-external-metrics-reader` (39 more characters);
  // Service names must stay DNS labels (63), so the fullname is limited accordingly.
  if (F.length > 40) fail(`name must give a fullname of at most 40 characters (Service names are limited to 63), got ${show(F)} (${F.length})`);
  // On GKE Autopilot the allowlist matches fixed names (so one installation per namespace).
  const ap = platform === 'gke-autopilot';
  return {
    fullname: F,
    nodeAgent: F,
    nodeAgentServiceAccount: ap ? AUTOPILOT_SERVICE_ACCOUNT : F,
    clusterAgent: `${F}-cluster-agent`,
    clusterAgentMainRole: `${F}-cluster-agent-main`,
    clusterAgentFlareRole: `${F}-dca-flare`,
    clusterChecksRunner: `${F}-clusterchecks`,
    clusterChecksRunnerServiceAccount: `${F}-cluster-checks`,
    clusterAgentConfd: `${F}-cluster-agent-confd`,
    confd: ap ? 'datadog-agent-confd' : `${F}-confd`,
    checksd: ap ? 'datadog-agent-checksd' : `${F}-checksd`,
    installInfo: ap ? 'datadog-agent-installinfo' : `${F}-installinfo`,
    eventTokenConfigMap: `${F}token`,
    leaderElection: `${F}-leader-election`,
    credentialsSecret: F,
    admissionControllerService: `${F}-cluster-agent-admission-controller`,
    metricsApiService: `${F}-cluster-agent-metrics-api`,
    ksmCoreRole: `${F}-ksm-core`,
    orchestratorExplorerRole: `${F}-orchestrator-explorer`,
    autoscalingRole: `${F}-cluster-agent-autoscaling`,
    helmCheckRole: `${F}-helm-check`,
    kubernetesActionsRole: `${F}-kubernetes-actions`,
    externalMetricsReaderRole: `${F}-cluster-agent-external-metrics-reader`,
    authDelegatorBinding: `${F}-cluster-agent-system-auth-delegator`,
    apiserverAuthReaderBinding: `${F}-cluster-agent-apiserver`,
  };
}
