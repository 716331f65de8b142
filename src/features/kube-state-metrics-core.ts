import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { clusterAgentConfd } from '../components/cluster-agent-confd';
import type { ResolvedClusterChecksRunner } from '../components/cluster-checks-runner';
import { CONTAINER } from '../components/containers';
import type { RbacGrant, View } from '../feature';
import { defineFeature } from '../feature';
import { versionAtLeast } from '../images';
import type { PolicyRule } from '../model/k8s-json';
import { toYaml } from '../model/yaml';
import { checkDnsLabel, checkLabelKey, checkString, fail, show, bool, list } from '../validation';

/**
 * kube-state-metrics core (`datadog.kubeStateMetricsCore.*`): the `kubernetes_state_core` check,
 * which builds `kubernetes_state.*` metrics from the API server without a kube-state-metrics
 * deployment.
 */
export interface KubeStateMetricsCoreOptions {
  /**
   * Run the check. It runs in the Cluster Agent deployed by this construct (or in the runners,
   * see `useClusterChecksRunners`).
   * @default - true when this construct deploys the Cluster Agent
   */
  readonly enabled?: boolean;
  /**
   * Collect metrics about Secrets (`kubernetes_state.secret.*`: names and types). On grants the
   * check's component `list`/`watch` on every Secret in the cluster, and a Secret list returns the
   * values: the component then holds every Secret of the cluster in memory. Off (the default, where
   * the chart defaults to on) removes that grant.
   * @default false
   */
  readonly collectSecretMetrics?: boolean;
  /**
   * Collect metrics about ConfigMaps. Off removes the read access to ConfigMaps.
   * @default true
   */
  readonly collectConfigMaps?: boolean;
  /**
   * Collect VerticalPodAutoscaler metrics (needs the VPA CRDs in the cluster).
   * @default false
   */
  readonly collectVpaMetrics?: boolean;
  /**
   * Collect CustomResourceDefinition metrics.
   * @default false
   */
  readonly collectCrdMetrics?: boolean;
  /**
   * Collect APIService metrics.
   * @default false
   */
  readonly collectApiServicesMetrics?: boolean;
  /**
   * Kubernetes labels to turn into tags, by resource kind in lower case:
   * `{ pod: { "app.kubernetes.io/team": "team" } }`.
   * @default - none
   */
  readonly labelsAsTags?: { [resource: string]: { [label: string]: string } };
  /**
   * Kubernetes annotations to turn into tags, by resource kind in lower case.
   * @default - none
   */
  readonly annotationsAsTags?: { [resource: string]: { [annotation: string]: string } };
  /**
   * Tags added to every metric of the check.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Run the check on the Cluster Checks Runners instead of the Cluster Agent (for large
   * clusters). Needs `clusterChecksRunner.enabled`; the read access then goes to the runners.
   * @default false
   */
  readonly useClusterChecksRunners?: boolean;
  /**
   * Collect only these namespaces' objects (the chart's `datadog.kubeStateMetricsCore.namespaces`):
   * the check lists them in `namespaces`, and the namespaced resources are readable through a Role
   * in each of them instead of cluster-wide; cluster-scoped resources (nodes, persistent volumes,
   * namespaces, storage classes...) stay in ClusterRole `F-ksm-core`.
   * @default - every namespace
   */
  readonly namespaces?: string[];
}

/** @internal */
export interface ResolvedKubeStateMetricsCore {
  readonly enabled: boolean;
  readonly collectSecretMetrics: boolean;
  readonly collectConfigMaps: boolean;
  readonly collectVpaMetrics: boolean;
  readonly collectCrdMetrics: boolean;
  readonly collectApiServicesMetrics: boolean;
  readonly labelsAsTags: { [resource: string]: { [label: string]: string } };
  readonly annotationsAsTags: { [resource: string]: { [annotation: string]: string } };
  readonly tags: string[];
  readonly useClusterChecksRunners: boolean;
  /** Empty: every namespace. */
  readonly namespaces: string[];
  /**
   * Node agents skip the legacy `kubernetes_state` check (DD_IGNORE_AUTOCONF), as the chart does
   * unless KSM core is turned off: also when KSM core runs in a Cluster Agent deployed elsewhere,
   * or in none, so the legacy check never duplicates its metrics from kube-state-metrics pods.
   */
  readonly ignoreLegacyCheck: boolean;
}

const RESOURCE_KIND = /^[a-z][a-z0-9]{0,62}$/;
const TAG_NAME = /^[A-Za-z][-\w./]{0,199}$/;

/** @internal */
export function resolveKubeStateMetricsCore(
  o: KubeStateMetricsCoreOptions = {}, ca: ResolvedClusterAgent, runner: ResolvedClusterChecksRunner,
): ResolvedKubeStateMetricsCore {
  if (o.enabled === true && !ca.deployed) {
    fail('kubeStateMetricsCore.enabled needs a Cluster Agent deployed by this construct (the check runs there); leave it unset without one');
  }
  const enabled = o.enabled ?? ca.deployed;
  const tuned = (Object.keys(o) as (keyof KubeStateMetricsCoreOptions)[]).filter(k => k !== 'enabled' && o[k] !== undefined).sort();
  if (!enabled && tuned.length) {
    fail(`kubeStateMetricsCore.${tuned[0]} needs kube-state-metrics core, which is ${ca.deployed ? 'disabled (kubeStateMetricsCore.enabled: false)' : 'off without a Cluster Agent deployed by this construct'}`);
  }
  if (enabled && o.useClusterChecksRunners && !runner.enabled) {
    fail('kubeStateMetricsCore.useClusterChecksRunners needs clusterChecksRunner.enabled');
  }
  const checkTags = (path: string, m: { [resource: string]: { [k: string]: string } } | undefined) => {
    for (const [resource, map] of Object.entries(m ?? {})) {
      checkString(`${path} key`, resource, RESOURCE_KIND, 'a resource kind in lower case, e.g. "pod" or "deployment"');
      if (map === null || typeof map !== 'object') fail(`${path}["${resource}"] must be a map of ${path.endsWith('labelsAsTags') ? 'label' : 'annotation'} to tag name, got ${show(map)}`);
      for (const [key, tag] of Object.entries(map)) {
        checkLabelKey(`${path}["${resource}"]`, key);
        checkString(`${path}["${resource}"]["${key}"]`, tag, TAG_NAME, 'a tag name (starts with a letter; letters, digits, "-", "_", ".", "/")');
      }
    }
  };
  checkTags('kubeStateMetricsCore.labelsAsTags', o.labelsAsTags);
  checkTags('kubeStateMetricsCore.annotationsAsTags', o.annotationsAsTags);
  const namespaces = list('kubeStateMetricsCore.namespaces', o.namespaces);
  if (o.namespaces !== undefined && namespaces.length === 0) fail('kubeStateMetricsCore.namespaces must list at least one namespace (leave it unset for every namespace)');
  namespaces.forEach((n, i) => checkDnsLabel(`kubeStateMetricsCore.namespaces[${i}]`, n));
  const dup = namespaces.find((n, i) => namespaces.indexOf(n) !== i);
  if (dup !== undefined) fail(`kubeStateMetricsCore.namespaces lists ${show(dup)} twice`);
  list('kubeStateMetricsCore.tags', o.tags).forEach((t, i) => checkString(`kubeStateMetricsCore.tags[${i}]`, t, /^[A-Za-z][-\w.:/]{0,199}$/, 'a Datadog tag such as "env:prod"'));
  return {
    enabled,
    collectSecretMetrics: (bool('kubeStateMetricsCore.collectSecretMetrics', o.collectSecretMetrics) ?? false),
    collectConfigMaps: (bool('kubeStateMetricsCore.collectConfigMaps', o.collectConfigMaps) ?? true),
    collectVpaMetrics: (bool('kubeStateMetricsCore.collectVpaMetrics', o.collectVpaMetrics) ?? false),
    collectCrdMetrics: (bool('kubeStateMetricsCore.collectCrdMetrics', o.collectCrdMetrics) ?? false),
    collectApiServicesMetrics: (bool('kubeStateMetricsCore.collectApiServicesMetrics', o.collectApiServicesMetrics) ?? false),
    labelsAsTags: sortedCopy(o.labelsAsTags),
    annotationsAsTags: sortedCopy(o.annotationsAsTags),
    tags: [...(o.tags ?? [])],
    useClusterChecksRunners: enabled && ((bool('kubeStateMetricsCore.useClusterChecksRunners', o.useClusterChecksRunners) ?? false)),
    namespaces: [...namespaces],
    ignoreLegacyCheck: o.enabled !== false,
  };
}

function sortedCopy(m: { [r: string]: { [k: string]: string } } | undefined): { [r: string]: { [k: string]: string } } {
  const out: { [r: string]: { [k: string]: string } } = {};
  for (const r of Object.keys(m ?? {}).sort()) out[r] = Object.fromEntries(Object.keys(m![r]).sort().map(k => [k, m![r][k]]));
  return out;
}

/** A collector: its name in the check, the API group and resource it reads, and whether that resource is cluster-scoped. */
interface Collector { readonly name: string; readonly group: string; readonly resource: string; readonly clusterScoped?: boolean }

/** Collectors in the order the check reports them, with the API group and resource each reads. */
function collectors(c: View<'kubeStateMetricsCore'>): Collector[] {
  const k = c.kubeStateMetricsCore;
  const of = (group: string, name: string, clusterScoped = false): Collector => (
    { name, group, resource: name, ...(clusterScoped ? { clusterScoped } : {}) });
  const all = [
    ...(k.collectSecretMetrics ? [of('', 'secrets')] : []),
    ...(k.collectConfigMaps ? [of('', 'configmaps')] : []),
    of('', 'nodes', true), of('', 'pods'), of('', 'services'), of('', 'resourcequotas'), of('', 'replicationcontrollers'),
    of('', 'limitranges'), of('', 'persistentvolumeclaims'), of('', 'persistentvolumes', true), of('', 'namespaces', true), of('', 'endpoints'),
    ...['daemonsets', 'replicasets', 'statefulsets', 'deployments'].map(r => of('apps', r)),
    ...['cronjobs', 'jobs'].map(r => of('batch', r)),
    of('autoscaling', 'horizontalpodautoscalers'),
    of('policy', 'poddisruptionbudgets'),
    of('storage.k8s.io', 'storageclasses', true),
    of('storage.k8s.io', 'volumeattachments', true),
    of('networking.k8s.io', 'ingresses'),
  ];
  // controllerrevisions: collected by agents 7.72 and newer.
  if (versionAtLeast(c.images.agentVersion, [7, 72, 0])) all.push(of('apps', 'controllerrevisions'));
  if (k.collectVpaMetrics) all.push(of('autoscaling.k8s.io', 'verticalpodautoscalers'));
  if (k.collectCrdMetrics) all.push(of('apiextensions.k8s.io', 'customresourcedefinitions', true));
  if (k.collectApiServicesMetrics) all.push(of('apiregistration.k8s.io', 'apiservices', true));
  return all;
}

/** The check configuration, as the Cluster Agent reads it from its conf.d. @internal */
export function kubeStateMetricsCoreConfig(c: View<'kubeStateMetricsCore'>): string {
  const k = c.kubeStateMetricsCore;
  const onRunners = k.useClusterChecksRunners;
  const instance: { [key: string]: unknown } = { collectors: collectors(c).map(x => x.name) };
  // On runners the Cluster Agent hands the check to one runner. Runners take no part in leader
  // election, so the check must not wait to become leader.
  if (onRunners) instance.skip_leader_election = true;
  if (Object.keys(k.labelsAsTags).length) instance.labels_as_tags = k.labelsAsTags;
  if (Object.keys(k.annotationsAsTags).length) instance.annotations_as_tags = k.annotationsAsTags;
  if (k.tags.length) instance.tags = k.tags;
  if (k.namespaces.length) instance.namespaces = k.namespaces;
  return toYaml({ cluster_check: onRunners, init_config: null, instances: [instance] });
}

/**
 * kube-state-metrics core: the check config in the Cluster Agent's conf.d, list/watch on exactly
 * the resources its collectors read (ClusterRole `F-ksm-core`), and node agents told to ignore
 * the legacy `kubernetes_state` check.
 */
export const kubeStateMetricsCore = defineFeature({
  id: 'kube-state-metrics-core',
  option: 'kubeStateMetricsCore',
  needs: ['clusterChecksRunner'],
  resolve: (p, c) => resolveKubeStateMetricsCore(p.kubeStateMetricsCore, c.clusterAgent, c.clusterChecksRunner),
  enabled: (c) => c.kubeStateMetricsCore.enabled || c.kubeStateMetricsCore.ignoreLegacyCheck,
  requiredCrds: (c) => (c.kubeStateMetricsCore.enabled && c.kubeStateMetricsCore.collectVpaMetrics ? [{
    name: 'verticalpodautoscalers.autoscaling.k8s.io',
    kind: 'VerticalPodAutoscaler',
    option: 'kubeStateMetricsCore.collectVpaMetrics',
    installWith: 'the Kubernetes Vertical Pod Autoscaler (https://github.com/kubernetes/autoscaler)',
  }] : []),
  nodeAgent: (c, pod) => {
    if (c.kubeStateMetricsCore.ignoreLegacyCheck) pod.container(CONTAINER.AGENT).setEnv({ DD_IGNORE_AUTOCONF: 'kubernetes_state' });
  },
  clusterAgent: (c, pod) => {
    if (!c.kubeStateMetricsCore.enabled) return;
    clusterAgentConfd(pod).add('kubernetes_state_core', 'kubernetes_state_core.yaml.default', kubeStateMetricsCoreConfig(c));
  },
  rbac: (c): RbacGrant[] => {
    if (!c.kubeStateMetricsCore.enabled) return [];
    const k = c.kubeStateMetricsCore;
    const to = k.useClusterChecksRunners ? 'clusterChecksRunner' : 'clusterAgent';
    // The endpoints collector reads EndpointSlices when the agent uses them (the default).
    const all: Collector[] = [...collectors(c), { name: 'endpoints', group: 'discovery.k8s.io', resource: 'endpointslices' }];
    const rules = (xs: typeof all): PolicyRule[] => {
      const byGroup = new Map<string, string[]>();
      for (const x of xs) byGroup.set(x.group, [...(byGroup.get(x.group) ?? []), x.resource]);
      return [...byGroup].map(([group, resources]) => ({ apiGroups: [group], resources, verbs: ['list', 'watch'] }));
    };
    if (!k.namespaces.length) return [{ to, role: c.names.ksmCoreRole, rules: rules(all) }];
    // Restricted to namespaces: cluster-scoped resources cluster-wide, the others in each namespace.
    const scoped = all.filter(x => !x.clusterScoped);
    return [
      { to, role: c.names.ksmCoreRole, rules: rules(all.filter(x => x.clusterScoped)) },
      ...k.namespaces.map((namespace): RbacGrant => ({ to, role: c.names.ksmCoreRole, namespace, rules: rules(scoped) })),
    ];
  },
});
