import { CONTAINER } from '../components/containers';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { DNS_LABEL, DNS_SUBDOMAIN, fail, show } from '../validation';

/**
 * Kubernetes labels and annotations turned into tags. Each map goes from a label (or annotation)
 * key to the tag name, e.g. `{ "app.kubernetes.io/name": "app" }`; the key `"*"` matches every
 * label, and the tag name may use `%%label%%` (or `%%annotation%%`) for the key.
 */
export interface MetadataAsTagsOptions {
  /**
   * Pod labels as tags (`DD_KUBERNETES_POD_LABELS_AS_TAGS`).
   * @default - none
   */
  readonly podLabelsAsTags?: { [key: string]: string };
  /**
   * Pod annotations as tags (`DD_KUBERNETES_POD_ANNOTATIONS_AS_TAGS`).
   * @default - none
   */
  readonly podAnnotationsAsTags?: { [key: string]: string };
  /**
   * Node labels as tags (`DD_KUBERNETES_NODE_LABELS_AS_TAGS`).
   * @default - none
   */
  readonly nodeLabelsAsTags?: { [key: string]: string };
  /**
   * Namespace labels as tags (`DD_KUBERNETES_NAMESPACE_LABELS_AS_TAGS`).
   * @default - none
   */
  readonly namespaceLabelsAsTags?: { [key: string]: string };
  /**
   * Namespace annotations as tags (`DD_KUBERNETES_NAMESPACE_ANNOTATIONS_AS_TAGS`).
   * @default - none
   */
  readonly namespaceAnnotationsAsTags?: { [key: string]: string };
  /**
   * Labels of any Kubernetes resource as tags (`DD_KUBERNETES_RESOURCES_LABELS_AS_TAGS`), keyed by
   * `resource.group` (`"deployments.apps"`) or, for the core group, the plain resource (`"nodes"`):
   * `{ "deployments.apps": { "team": "team" } }`. The Cluster Agent gets `get`/`list`/`watch` on
   * each listed resource (ClusterRole `F-cluster-agent-annotations-and-labels-as-tags`).
   * @default - none
   */
  readonly kubernetesResourcesLabelsAsTags?: { [resource: string]: { [key: string]: string } };
  /**
   * Annotations of any Kubernetes resource as tags (`DD_KUBERNETES_RESOURCES_ANNOTATIONS_AS_TAGS`),
   * keyed like `kubernetesResourcesLabelsAsTags`, with the same read access.
   * @default - none
   */
  readonly kubernetesResourcesAnnotationsAsTags?: { [resource: string]: { [key: string]: string } };
}

/** @internal */
export interface ResolvedMetadataAsTags {
  /** Env var name → JSON object with sorted keys; only the maps the user set. */
  readonly env: { [name: string]: string };
  /** API group → resources the resource maps name (sorted), read by the Cluster Agent. */
  readonly resources: { [group: string]: string[] };
}

/** A label or annotation key: optional DNS-subdomain prefix, a name; `*` as a wildcard. */
const KEY = /^(\*|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9*]([-A-Za-z0-9_.*]*[A-Za-z0-9*])?)$/;
/** A tag name: no spaces or commas, at most 200 characters. */
const TAG_NAME = /^[A-Za-z%][^\s,]{0,199}$/;

function sortedMap(path: string, map: { [key: string]: string } | undefined): { [key: string]: string } | undefined {
  if (map === undefined) return undefined;
  if (map === null || typeof map !== 'object' || Array.isArray(map)) fail(`${path} must be a map from key to tag name, got ${show(map)}`);
  const keys = Object.keys(map).sort();
  if (keys.length === 0) return undefined;
  for (const k of keys) {
    if (!KEY.test(k) || k.length > 317) fail(`${path} has an invalid key ${show(k)}: use a Kubernetes label or annotation key ([prefix/]name) or "*"`);
    const v = map[k];
    if (typeof v !== 'string' || !TAG_NAME.test(v)) {
      fail(`${path}["${k}"] must be a tag name (starts with a letter or "%%", no spaces or commas, at most 200 characters), got ${show(v)}`);
    }
  }
  // Sorted keys: the same props always give the same env value.
  return Object.fromEntries(keys.map(k => [k, map[k]]));
}

function serialize(path: string, map: { [key: string]: string } | undefined): string | undefined {
  const sorted = sortedMap(path, map);
  return sorted === undefined ? undefined : JSON.stringify(sorted);
}

/**
 * `resource` (core group) or `resource.group`, split on the first dot as the agent and the chart
 * do: a lowercase plural resource name and a DNS-subdomain group.
 */
function splitResource(path: string, key: string): [group: string, resource: string] {
  const dot = key.indexOf('.');
  const resource = dot < 0 ? key : key.slice(0, dot);
  const group = dot < 0 ? '' : key.slice(dot + 1);
  if (!DNS_LABEL.test(resource) || (dot >= 0 && !DNS_SUBDOMAIN.test(group))) {
    fail(`${path} has an invalid resource ${show(key)}: use "resource.group" such as "deployments.apps", or "resource" for the core group such as "nodes"`);
  }
  return [group, resource];
}

/** A map of resource → (key → tag name): the env value (sorted JSON) and the resources read. */
function serializeResources(
  path: string, maps: { [resource: string]: { [key: string]: string } } | undefined, into: Map<string, Set<string>>,
): string | undefined {
  if (maps === undefined) return undefined;
  if (maps === null || typeof maps !== 'object' || Array.isArray(maps)) {
    fail(`${path} must be a map from resource ("deployments.apps") to a map of key to tag name, got ${show(maps)}`);
  }
  const out: { [resource: string]: { [key: string]: string } } = {};
  for (const r of Object.keys(maps).sort()) {
    const [group, resource] = splitResource(path, r);
    const m = sortedMap(`${path}["${r}"]`, maps[r]);
    if (m === undefined) fail(`${path}["${r}"] must map at least one key to a tag name`);
    out[r] = m;
    if (!into.has(group)) into.set(group, new Set());
    into.get(group)!.add(resource);
  }
  return Object.keys(out).length ? JSON.stringify(out) : undefined;
}

/** @internal */
export function resolveMetadataAsTags(o: MetadataAsTagsOptions): ResolvedMetadataAsTags {
  const maps: [string, string, { [key: string]: string } | undefined][] = [
    ['nodeLabelsAsTags', 'DD_KUBERNETES_NODE_LABELS_AS_TAGS', o.nodeLabelsAsTags],
    ['podLabelsAsTags', 'DD_KUBERNETES_POD_LABELS_AS_TAGS', o.podLabelsAsTags],
    ['podAnnotationsAsTags', 'DD_KUBERNETES_POD_ANNOTATIONS_AS_TAGS', o.podAnnotationsAsTags],
    ['namespaceLabelsAsTags', 'DD_KUBERNETES_NAMESPACE_LABELS_AS_TAGS', o.namespaceLabelsAsTags],
    ['namespaceAnnotationsAsTags', 'DD_KUBERNETES_NAMESPACE_ANNOTATIONS_AS_TAGS', o.namespaceAnnotationsAsTags],
  ];
  const env: { [name: string]: string } = {};
  for (const [path, name, map] of maps) {
    const v = serialize(path, map);
    if (v !== undefined) env[name] = v;
  }
  const read = new Map<string, Set<string>>();
  const resourceMaps: [string, string, { [resource: string]: { [key: string]: string } } | undefined][] = [
    ['kubernetesResourcesLabelsAsTags', 'DD_KUBERNETES_RESOURCES_LABELS_AS_TAGS', o.kubernetesResourcesLabelsAsTags],
    ['kubernetesResourcesAnnotationsAsTags', 'DD_KUBERNETES_RESOURCES_ANNOTATIONS_AS_TAGS', o.kubernetesResourcesAnnotationsAsTags],
  ];
  for (const [path, name, map] of resourceMaps) {
    const v = serializeResources(path, map, read);
    if (v !== undefined) env[name] = v;
  }
  const resources = Object.fromEntries([...read.keys()].sort().map(g => [g, [...read.get(g)!].sort()]));
  return { env, resources };
}

/**
 * Tags from metadata: every node container, the Cluster Agent and the runners, as the chart's
 * components-common-env does (the Cluster Agent tags cluster checks and orchestrator data with
 * them). The resource maps also let the Cluster Agent read the resources they name.
 */
export const metadataAsTags = defineFeature({
  id: 'metadata-as-tags',
  option: 'metadataAsTags',
  resolve: (p) => resolveMetadataAsTags(p),
  enabled: (c) => Object.keys(c.metadataAsTags.env).length > 0,
  nodeAgent: (c, pod) => {
    pod.addGroupEnv('common', c.metadataAsTags.env);
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv(c.metadataAsTags.env);
  },
  clusterChecksRunner: (c, pod) => {
    pod.container(CONTAINER.AGENT).setEnv(c.metadataAsTags.env);
  },
  rbac: (c): RbacGrant[] => {
    const groups = Object.keys(c.metadataAsTags.resources);
    if (!groups.length || !c.clusterAgent.deployed) return [];
    return [{
      to: 'clusterAgent',
      role: `${c.names.fullname}-cluster-agent-annotations-and-labels-as-tags`,
      rules: groups.map(g => ({ apiGroups: [g], resources: c.metadataAsTags.resources[g], verbs: ['get', 'list', 'watch'] })),
    }];
  },
});
