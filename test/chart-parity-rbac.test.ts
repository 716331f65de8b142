import { render } from './support/helpers';

/**
 * RBAC parity with the Helm chart (3.240.0, release `datadog`, default values), from
 * ../shared/reference/helm-chart.md section c. One line per chart rule:
 * `apiGroup | resources | verbs | resourceNames` (`-` for none). Non-resource URLs use the group `url`.
 */
const CHART_RULES: Record<string, string[]> = {
  // c1, with a Cluster Agent deployed
  'datadog': [
    'url | /metrics,/metrics/slis | get | -',
    ' | nodes/metrics,nodes/spec,nodes/proxy,nodes/stats | get | -',
    ' | endpoints | get | -',
    'security.openshift.io | securitycontextconstraints | use | datadog,hostaccess,privileged',
    'coordination.k8s.io | leases | get | -',
    'metrics.eks.amazonaws.com | kcm/metrics,ksh/metrics | get | -',
  ],
  // c2 + c3 (Role datadog-cluster-agent-main, Role datadog-dca-flare) + c4 (datadog-ksm-core) + c5 (datadog-orchestrator-explorer)
  'datadog-cluster-agent': [
    ' | services,endpoints,pods,nodes,namespaces,componentstatuses,limitranges | get,list,watch | -',
    ' | events | get,list,watch,create | -',
    'discovery.k8s.io | endpointslices | get,list,watch | -',
    'quota.openshift.io | clusterresourcequotas | get,list | -',
    'autoscaling | horizontalpodautoscalers | list,watch | -',
    ' | configmaps | get,update | datadogtoken',
    ' | configmaps | get,update | datadog-leader-election',
    'coordination.k8s.io | leases | get,update | datadog-leader-election',
    'coordination.k8s.io | leases | create | -',
    ' | configmaps,events | create | -',
    'url | /version,/healthz,/metrics | get | -',
    'admissionregistration.k8s.io | validatingwebhookconfigurations,mutatingwebhookconfigurations | get,list,watch,update,delete | datadog-webhook',
    'admissionregistration.k8s.io | validatingwebhookconfigurations,mutatingwebhookconfigurations | create | -',
    'batch | jobs,cronjobs | get | -',
    'apps | statefulsets,replicasets,deployments,daemonsets | get | -',
    ' | replicationcontrollers | get | -',
    'storage.k8s.io | csidrivers | get,list,watch | -',
    'security.openshift.io | securitycontextconstraints | use | datadog-cluster-agent,hostnetwork',
    // (AppSec injector rules omitted here: listed as a deliberate difference)
    // c3
    'ns: | secrets | get,list,watch,update,create | -',
    'ns: | configmaps | get,update,create | -',
    'ns: | secrets,configmaps | get,list | -',
    // c4
    ' | secrets,configmaps,nodes,pods,services,resourcequotas,replicationcontrollers,limitranges,persistentvolumeclaims,persistentvolumes,namespaces,endpoints,events | list,watch | -',
    'discovery.k8s.io | endpointslices | list,watch | -',
    'extensions | daemonsets,deployments,replicasets | list,watch | -',
    'apps | statefulsets,daemonsets,deployments,replicasets,controllerrevisions | list,watch | -',
    'batch | cronjobs,jobs | list,watch | -',
    'autoscaling | horizontalpodautoscalers | list,watch | -',
    'policy | poddisruptionbudgets | list,watch | -',
    'storage.k8s.io | storageclasses,volumeattachments | list,watch | -',
    'networking.k8s.io | ingresses | list,watch | -',
    'apiextensions.k8s.io | customresourcedefinitions | list,watch | -',
    // c5
    ' | namespaces | get | kube-system',
    ' | configmaps | create,get,update | datadog-cluster-id',
    ' | pods,nodes,namespaces,limitranges,services,persistentvolumes,persistentvolumeclaims,serviceaccounts | list,get,watch | -',
    'discovery.k8s.io | endpointslices | list,watch | -',
    'autoscaling | horizontalpodautoscalers | list,watch | -',
    'apps | deployments,replicasets,daemonsets,statefulsets | list,get,watch | -',
    'batch | cronjobs,jobs | list,get,watch | -',
    'networking.k8s.io | ingresses,networkpolicies | list,get,watch | -',
    'rbac.authorization.k8s.io | roles,rolebindings,clusterroles,clusterrolebindings | list,get,watch | -',
    'storage.k8s.io | storageclasses | list,get,watch | -',
    'autoscaling.k8s.io | verticalpodautoscalers | list,get,watch | -',
    'apiextensions.k8s.io | customresourcedefinitions | list,get,watch | -',
    'policy | poddisruptionbudgets | get,list,watch | -',
    'datadoghq.com,eks.amazonaws.com,karpenter.azure.com,karpenter.k8s.aws,karpenter.sh | * | list,watch | -',
    'argoproj.io | rollouts,applications,applicationsets | list,watch,get | -',
    'source.toolkit.fluxcd.io | buckets,helmcharts,externalartifacts,gitrepositories,helmrepositories,ocirepositories | list,watch,get | -',
    'kustomize.toolkit.fluxcd.io | kustomizations | list,watch,get | -',
  ],
};

/** Chart grants we leave out on purpose (README, "Differences from the Helm chart"), as patterns over triples. */
const LEFT_OUT: RegExp[] = [
  /^security\.openshift\.io\//, // OpenShift SCC use: only on OpenShift
  /^metrics\.eks\.amazonaws\.com\//, // EKS control-plane metrics: only with that feature
  /^quota\.openshift\.io\//, // OpenShift quotas
  /^extensions\//, // removed from Kubernetes in 1.22
  /^storage\.k8s\.io\/csidrivers:/, // only in the admission controller's CSI mode
  /^apiextensions\.k8s\.io\/customresourcedefinitions:(list|watch)@/, // KSM: only with collectCrdMetrics (the explorer still reads them)
  /^\/events:(list|watch)@/, // KSM core has no events collector; the Cluster Agent's own rule covers get/list/watch
  /^(datadoghq\.com|eks\.amazonaws\.com|karpenter\.azure\.com|karpenter\.k8s\.aws|karpenter\.sh)\/\*:/, // wildcards: named resources instead, datadoghq.com left out
  /^ns:\/(secrets|configmaps):list@/, // the dca-flare Role (read every Secret of the namespace) is not rendered
  /^ns:\/secrets:(get|watch|update)@\*$/, // the Cluster Agent's Secret access: only the webhook certificate, by name
  /^\/secrets:(list|watch)@/, // KSM core: Secret metrics only with collectSecretMetrics (a Secret list returns values)
];

type Triple = string; // group/resource:verb@name  (name `*` = any)

function expand(lines: string[]): Triple[] {
  const out: Triple[] = [];
  for (const line of lines) {
    const [groups, resources, verbs, names] = line.split('|').map(x => x.trim());
    for (const g of groups.split(',')) {
      for (const r of resources.split(',')) {
        for (const v of verbs.split(',')) {
          for (const n of names === '-' ? ['*'] : names.split(',')) out.push(`${g}/${r}:${v}@${n}`);
        }
      }
    }
  }
  return out;
}

function ours(m: ReturnType<typeof render>, sa: string): Triple[] {
  const bindings = m.objects.filter(o => (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')
    && o.subjects?.some((s: any) => s.kind === 'ServiceAccount' && s.name === sa));
  const out: Triple[] = [];
  for (const b of bindings) {
    const role = m.find(b.roleRef.kind, b.roleRef.name, b.kind === 'RoleBinding' ? b.metadata.namespace : undefined);
    if (!role) continue; // a built-in role (system:auth-delegator...)
    const ns = b.kind === 'RoleBinding' ? 'ns:' : '';
    for (const r of role.rules) {
      const lines = r.nonResourceURLs
        ? [`url | ${r.nonResourceURLs.join(',')} | ${r.verbs.join(',')} | -`]
        : r.apiGroups.map((g: string) => `${ns}${g} | ${r.resources.join(',')} | ${r.verbs.join(',')} | ${r.resourceNames ? r.resourceNames.join(',') : '-'}`);
      out.push(...expand(lines));
    }
  }
  return out;
}

/** Whether `set` grants `t`: exactly, for any name, or through a resource wildcard of the group. */
function granted(set: Triple[], t: Triple): boolean {
  const [head] = t.split('@');
  const gr = head.slice(0, head.lastIndexOf(':'));
  const verb = head.slice(head.lastIndexOf(':') + 1);
  const group = gr.slice(0, gr.lastIndexOf('/'));
  return set.includes(t) || set.includes(`${gr}:${verb}@*`) || set.includes(`${group}/*:${verb}@*`);
}

const leftOut = (t: Triple) => LEFT_OUT.some(re => re.test(t));

describe('RBAC parity with the Helm chart (default values)', () => {
  const m = render();

  test.each(Object.keys(CHART_RULES))('%s: we grant nothing the chart does not', sa => {
    const chart = expand(CHART_RULES[sa]);
    const extra = ours(m, sa).filter(t => !granted(chart, t));
    expect(extra).toEqual([]);
  });

  test.each(Object.keys(CHART_RULES))('%s: everything the chart grants, we grant too, but for the documented exceptions', sa => {
    const mine = ours(m, sa);
    const missing = expand(CHART_RULES[sa]).filter(t => !granted(mine, t) && !leftOut(t));
    expect(missing).toEqual([]);
  });
});
