import { defineFeature } from '../feature';
import { fail, show } from '../validation';

/**
 * Which containers the agent watches (`datadog.containerInclude` / `containerExclude` and the
 * metrics and logs variants). Each entry is one filter: `image:<regex>`, `name:<regex>` or
 * `kube_namespace:<regex>`, e.g. `"kube_namespace:^kube-system$"` or `"image:.*"`.
 */
export interface ContainerFilterOptions {
  /**
   * Containers to watch even when an exclude filter matches them (`DD_CONTAINER_INCLUDE`).
   * @default - none
   */
  readonly containerInclude?: string[];
  /**
   * Containers to ignore for metrics, logs and autodiscovery (`DD_CONTAINER_EXCLUDE`).
   * @default - none
   */
  readonly containerExclude?: string[];
  /**
   * Containers whose metrics are collected despite an exclude filter (`DD_CONTAINER_INCLUDE_METRICS`).
   * @default - none
   */
  readonly containerIncludeMetrics?: string[];
  /**
   * Containers whose metrics are not collected (`DD_CONTAINER_EXCLUDE_METRICS`).
   * @default - none
   */
  readonly containerExcludeMetrics?: string[];
  /**
   * Containers whose logs are collected despite an exclude filter (`DD_CONTAINER_INCLUDE_LOGS`).
   * @default - none
   */
  readonly containerIncludeLogs?: string[];
  /**
   * Containers whose logs are not collected (`DD_CONTAINER_EXCLUDE_LOGS`).
   * @default - none
   */
  readonly containerExcludeLogs?: string[];
}

/** @internal */
export interface ResolvedContainerFilters {
  /** Env var name → space-separated filters; only the lists the user set. */
  readonly env: { [name: string]: string };
}

const FILTER = /^(image|name|kube_namespace):(\S+)$/;

/**
 * Checks a list of container filters and returns them joined by spaces, as the agent reads them.
 * Used by SBOM's include/exclude lists too.
 *
 * @internal
 */
export function resolveFilterList(path: string, list: string[] | undefined): string | undefined {
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) fail(`${path} must be a list of filters such as ["image:nginx", "kube_namespace:^dev$"], got ${show(list)}`);
  list.forEach((f, i) => {
    const m = typeof f === 'string' ? FILTER.exec(f) : null;
    if (!m) {
      fail(`${path}[${i}] must be "image:<regex>", "name:<regex>" or "kube_namespace:<regex>" without spaces, got ${show(f)}`);
    }
    const re = m[2];
    // The agent compiles these with Go's RE2: no lookaround and no backreferences.
    if (/\(\?<?[=!]/.test(re) || /\\[1-9]/.test(re)) {
      fail(`${path}[${i}] uses lookaround or a backreference, which the agent's regular expressions (RE2) do not support, got ${show(f)}`);
    }
    try {
      new RegExp(re);
    } catch (e) {
      fail(`${path}[${i}] is not a valid regular expression after "${m[1]}:", got ${show(f)}`);
    }
  });
  return list.length ? list.join(' ') : undefined;
}

/** @internal */
export function resolveContainerFilters(o: ContainerFilterOptions): ResolvedContainerFilters {
  const lists: [string, string, string[] | undefined][] = [
    ['containerInclude', 'DD_CONTAINER_INCLUDE', o.containerInclude],
    ['containerExclude', 'DD_CONTAINER_EXCLUDE', o.containerExclude],
    ['containerIncludeMetrics', 'DD_CONTAINER_INCLUDE_METRICS', o.containerIncludeMetrics],
    ['containerExcludeMetrics', 'DD_CONTAINER_EXCLUDE_METRICS', o.containerExcludeMetrics],
    ['containerIncludeLogs', 'DD_CONTAINER_INCLUDE_LOGS', o.containerIncludeLogs],
    ['containerExcludeLogs', 'DD_CONTAINER_EXCLUDE_LOGS', o.containerExcludeLogs],
  ];
  const env: { [name: string]: string } = {};
  for (const [path, name, list] of lists) {
    const v = resolveFilterList(path, list);
    if (v !== undefined) env[name] = v;
  }
  return { env };
}

/**
 * Container filters go to every node container, as the chart's common env does. The Cluster
 * Agent does not get them (the chart has separate `clusterAgent.containerInclude/Exclude`).
 */
export const containerFilters = defineFeature({
  id: 'container-filters',
  option: 'containerFilters',
  resolve: (p) => resolveContainerFilters(p),
  enabled: (c) => Object.keys(c.containerFilters.env).length > 0,
  nodeAgent: (c, pod) => {
    pod.addGroupEnv('common', c.containerFilters.env);
  },
});
