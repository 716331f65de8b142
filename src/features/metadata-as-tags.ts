import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import { fail, show } from '../validation';

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
}

/** @internal */
export interface ResolvedMetadataAsTags {
  /** Env var name → JSON object with sorted keys; only the maps the user set. */
  readonly env: { [name: string]: string };
}

/** A label or annotation key: optional DNS-subdomain prefix, a name; `*` as a wildcard. */
const KEY = /^(\*|([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9*]([-A-Za-z0-9_.*]*[A-Za-z0-9*])?)$/;
/** A tag name: no spaces or commas, at most 200 characters. */
const TAG_NAME = /^[A-Za-z%][^\s,]{0,199}$/;

function serialize(path: string, map: { [key: string]: string } | undefined): string | undefined {
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
  return JSON.stringify(Object.fromEntries(keys.map(k => [k, map[k]])));
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
  return { env };
}

/**
 * Tags from metadata: every node container and the Cluster Agent, as the chart's
 * components-common-env does (the Cluster Agent tags cluster checks and orchestrator data with them).
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
});
