import type { ResolvedClusterAgent } from '../components/cluster-agent';
import { clusterAgentConfd } from '../components/cluster-agent-confd';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { toYaml } from '../model/yaml';
import { bool, checkString, checkUnusedWhenOff, fail, options } from '../validation';

/**
 * The Helm check (`datadog.helmCheck.*`): a `helm.release` metric and a `helm.release_state`
 * service check for every Helm release in the cluster, read from the releases Helm stores in
 * Secrets (Helm 3) or ConfigMaps (Helm 2, or Helm 3 with `HELM_DRIVER=configmap`).
 */
export interface HelmCheckOptions {
  /**
   * Run the check, in the Cluster Agent deployed by this construct (in the Cluster Checks Runners
   * when they are enabled, as the chart does). Its component gets `list`/`watch` on every Secret
   * and ConfigMap of the cluster: RBAC cannot narrow a read to the `owner=helm` label the check
   * selects, and a Secret list returns the values (Helm releases hold the chart values, credentials
   * included). The DatadogReview report lists the grant.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Send an event when a release is installed, upgraded, deleted or fails.
   * @default false
   */
  readonly collectEvents?: boolean;
  /**
   * Helm values of a release to turn into tags, by the value's path (`"image.tag"`) to the tag
   * name (`"chart_image_tag"`).
   * @default - none
   */
  readonly valuesAsTags?: { [helmValue: string]: string };
}

/** @internal */
export interface ResolvedHelmCheck {
  readonly enabled: boolean;
  readonly collectEvents: boolean;
  readonly valuesAsTags: { [helmValue: string]: string };
}

/** A path into the Helm values: keys separated by dots. */
const VALUE_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
const TAG_NAME = /^[A-Za-z][-\w./]{0,199}$/;

/** @internal */
export function resolveHelmCheck(o: HelmCheckOptions | undefined, ca: ResolvedClusterAgent): ResolvedHelmCheck {
  const h = options('helmCheck', o);
  const enabled = bool('helmCheck.enabled', h.enabled) ?? false;
  checkUnusedWhenOff('helmCheck', h, enabled);
  if (enabled && !ca.deployed) fail('helmCheck.enabled needs a Cluster Agent deployed by this construct (the check is configured in its conf.d)');
  const tags = options('helmCheck.valuesAsTags', h.valuesAsTags);
  const valuesAsTags: { [helmValue: string]: string } = {};
  for (const key of Object.keys(tags).sort()) {
    checkString('helmCheck.valuesAsTags key', key, VALUE_PATH, 'a path into the Helm values, keys separated by dots (e.g. "image.tag")');
    checkString(`helmCheck.valuesAsTags["${key}"]`, tags[key], TAG_NAME, 'a tag name (starts with a letter; letters, digits, "-", "_", ".", "/")');
    valuesAsTags[key] = tags[key];
  }
  return { enabled, collectEvents: bool('helmCheck.collectEvents', h.collectEvents) ?? false, valuesAsTags };
}

/** Whether the check is handed to the Cluster Checks Runners (runners imply cluster checks: resolution refuses one without the other). */
function onRunners(c: { clusterChecksRunner: { enabled: boolean } }): boolean {
  return c.clusterChecksRunner.enabled;
}

/**
 * The Helm check: `helm.yaml` in the Cluster Agent's conf.d (a cluster check when runners take
 * cluster checks), and ClusterRole `F-helm-check` bound to the component that runs it. The rule is
 * `list`/`watch` only: the check reads through informers, never `get` (the chart grants `get` too).
 */
export const helmCheck = defineFeature({
  id: 'helm-check',
  option: 'helmCheck',
  uses: ['clusterChecksRunner'],
  resolve: (p, c) => resolveHelmCheck(p.helmCheck, c.clusterAgent),
  enabled: (c) => c.helmCheck.enabled,
  clusterAgent: (c, pod) => {
    const h = c.helmCheck;
    const config = {
      ...(onRunners(c) ? { cluster_check: true } : {}),
      init_config: null,
      instances: [{ collect_events: h.collectEvents, helm_values_as_tags: h.valuesAsTags }],
    };
    clusterAgentConfd(pod).add('helm', 'helm.yaml', toYaml(config));
  },
  rbac: (c): RbacGrant[] => [{
    to: onRunners(c) ? 'clusterChecksRunner' : 'clusterAgent',
    role: c.names.helmCheckRole,
    rules: [{ apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['list', 'watch'] }],
  }],
});
