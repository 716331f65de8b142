import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { clusterAgentConfd } from '../components/cluster-agent-confd';
import type { RbacGrant, View } from '../feature';
import { defineFeature } from '../feature';
import { toYaml } from '../model/yaml';
import { checkInt, checkString, fail, show, bool, list, checkUnusedWhenOff } from '../validation';
import { unique } from './leader-election';
import { CONTAINER } from '../components/containers';

/** A kind of Kubernetes event to collect, for `eventCollection.collectedEventTypes`. */
export interface KubernetesEventType {
  /**
   * Kind of the object the event is about, e.g. `Pod`, `Node`, `CronJob`.
   * @default - any kind (then `source` is required)
   */
  readonly kind?: string;
  /**
   * Component that reported the event, e.g. `kubelet`, `default-scheduler`.
   * @default - any source (then `kind` is required)
   */
  readonly source?: string;
  /**
   * Event reasons to keep, e.g. `["Failed", "BackOff", "Unhealthy"]`.
   * @default - every reason
   */
  readonly reasons?: string[];
}

/** Kubernetes event collection (`datadog.collectEvents` and `datadog.kubernetesEvents.*`). */
export interface EventCollectionOptions {
  /**
   * Collect Kubernetes events (by the Cluster Agent, or by the node agents' leader without one).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Send each Kubernetes event as its own Datadog event instead of bundling them by object.
   * Needs a Cluster Agent deployed by this construct.
   * @default false
   */
  readonly unbundleEvents?: boolean;
  /**
   * With `unbundleEvents`: the events to collect. Empty means the agent's defaults.
   * @default - the agent's defaults (failures and warnings of pods, nodes and jobs)
   */
  readonly collectedEventTypes?: KubernetesEventType[];
  /**
   * Keep only the events Datadog considers useful (the agent's built-in filter). Needs a Cluster
   * Agent deployed by this construct.
   * @default false
   */
  readonly filteringEnabled?: boolean;
  /**
   * Most events collected per check run.
   * @default - the agent's default (300)
   */
  readonly maxEventsPerRun?: number;
}

/** @internal */
export interface ResolvedEventCollection {
  readonly enabled: boolean;
  readonly unbundleEvents: boolean;
  readonly filteringEnabled: boolean;
  readonly collectedEventTypes: { kind?: string; source?: string; reasons?: string[] }[];
  readonly maxEventsPerRun?: number;
}

const KIND = /^[A-Z][A-Za-z0-9]{0,62}$/;
const WORD = /^[A-Za-z][-A-Za-z0-9_.]{0,127}$/;

/** @internal */
export function resolveEventCollection(o: EventCollectionOptions = {}, ca: ResolvedClusterAgent): ResolvedEventCollection {
  const enabled = (bool('eventCollection.enabled', o.enabled) ?? true);
  const tuned = (['unbundleEvents', 'collectedEventTypes', 'filteringEnabled', 'maxEventsPerRun'] as const).filter(k => o[k] !== undefined);
  checkUnusedWhenOff('eventCollection', o, enabled);
  if (tuned.length && !ca.deployed) {
    fail(`eventCollection.${tuned[0]} configures the Cluster Agent's kubernetes_apiserver check, and this construct deploys no Cluster Agent`);
  }
  if (o.collectedEventTypes !== undefined && !o.unbundleEvents) {
    fail('eventCollection.collectedEventTypes applies only to unbundled events: set eventCollection.unbundleEvents: true');
  }
  checkInt('eventCollection.maxEventsPerRun', o.maxEventsPerRun, 1, 10000);
  const types = list('eventCollection.collectedEventTypes', o.collectedEventTypes).map((t, i) => {
    const p = `eventCollection.collectedEventTypes[${i}]`;
    if (t.kind === undefined && t.source === undefined) fail(`${p} needs a kind or a source (or both), got neither`);
    checkString(`${p}.kind`, t.kind, KIND, 'a Kubernetes kind such as "Pod" (starts with an upper-case letter)');
    checkString(`${p}.source`, t.source, WORD, 'a component name such as "kubelet"');
    list(`${p}.reasons`, t.reasons).forEach((r, j) => checkString(`${p}.reasons[${j}]`, r, WORD, 'an event reason such as "BackOff"'));
    if (t.reasons !== undefined && !Array.isArray(t.reasons)) fail(`${p}.reasons must be a list, got ${show(t.reasons)}`);
    return { kind: t.kind, source: t.source, reasons: t.reasons && t.reasons.length ? [...t.reasons] : undefined };
  });
  return {
    enabled,
    unbundleEvents: (bool('eventCollection.unbundleEvents', o.unbundleEvents) ?? false),
    filteringEnabled: (bool('eventCollection.filteringEnabled', o.filteringEnabled) ?? false),
    collectedEventTypes: types,
    maxEventsPerRun: o.maxEventsPerRun,
  };
}

/** The `kubernetes_apiserver` check config for the Cluster Agent's conf.d. @internal */
export function kubernetesApiserverConfig(c: View<'eventCollection'>): string {
  const e = c.eventCollection;
  const instance: { [k: string]: unknown } = {
    filtering_enabled: e.filteringEnabled,
    unbundle_events: e.unbundleEvents,
  };
  if (e.collectedEventTypes.length) instance.collected_event_types = e.collectedEventTypes;
  if (e.maxEventsPerRun !== undefined) instance.max_events_per_run = e.maxEventsPerRun;
  return toYaml({ init_config: null, instances: [instance] });
}

/**
 * Kubernetes event collection: the leader (Cluster Agent, or a node agent without one) watches
 * events and keeps its resume position in the `Ftoken` ConfigMap. With a Cluster Agent, the
 * `kubernetes_apiserver` check config (bundling and filtering) goes into its conf.d.
 */
export const eventCollection = defineFeature({
  id: 'event-collection',
  option: 'eventCollection',
  resolve: (p, c) => resolveEventCollection(p.eventCollection, c.clusterAgent),
  enabled: (c) => c.eventCollection.enabled && (c.clusterAgent.deployed || !c.clusterAgent.enabled),
  nodeAgent: (c, pod) => {
    if (c.clusterAgent.enabled) return;
    pod.container(CONTAINER.AGENT).setEnv({ DD_COLLECT_KUBERNETES_EVENTS: 'true', DD_CLUSTER_AGENT_TOKEN_NAME: c.names.eventTokenConfigMap });
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_COLLECT_KUBERNETES_EVENTS: 'true',
      DD_CLUSTER_AGENT_TOKEN_NAME: c.names.eventTokenConfigMap,
      DD_KUBERNETES_EVENTS_SOURCE_DETECTION_ENABLED: 'false',
    });
    clusterAgentConfd(pod).add('kubernetes_apiserver', 'kubernetes_apiserver.yaml', kubernetesApiserverConfig(c));
  },
  rbac: (c): RbacGrant[] => {
    return [{
      to: c.clusterAgent.deployed ? 'clusterAgent' : 'nodeAgent',
      rules: [
        // `datadogtoken` is the name agents older than 7.37 use; kept as the chart does.
        { apiGroups: [''], resources: ['configmaps'], resourceNames: unique([c.names.eventTokenConfigMap, 'datadogtoken']), verbs: ['get', 'update'] },
        { apiGroups: [''], resources: ['events'], verbs: ['get', 'list', 'watch'] },
      ],
    }];
  },
});
