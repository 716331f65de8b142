import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import { checkInt, checkLabelKey, fail, show, bool, list, checkUnusedWhenOff } from '../validation';

/** Which pods and services an additional scrape config applies to. */
export interface PrometheusScrapeAutodiscovery {
  /**
   * Annotations a pod or service must have (`kubernetes_annotations.include`).
   * @default - the agent's default, `prometheus.io/scrape: "true"`
   */
  readonly includeAnnotations?: { [key: string]: string };
  /**
   * Annotations that exclude a pod or service (`kubernetes_annotations.exclude`).
   * @default - the agent's default, `prometheus.io/scrape: "false"`
   */
  readonly excludeAnnotations?: { [key: string]: string };
  /**
   * Regular expressions of container names to scrape (`kubernetes_container_names`).
   * @default - every container
   */
  readonly containerNames?: string[];
}

/** One openmetrics check instance (the agent's `configurations[]` entry). */
export interface OpenMetricsInstance {
  /**
   * Metrics endpoint URL.
   * @default - built from the `prometheus.io/port` and `prometheus.io/path` annotations
   */
  readonly prometheusUrl?: string;
  /**
   * Prefix of every metric name.
   * @default - the agent's default namespace
   */
  readonly namespace?: string;
  /**
   * Metrics to collect (names or regular expressions).
   * @default - every metric ([".*"])
   */
  readonly metrics?: string[];
  /**
   * Metrics to drop.
   * @default - none
   */
  readonly ignoreMetrics?: string[];
  /**
   * Prefix removed from scraped metric names.
   * @default - none
   */
  readonly prometheusMetricsPrefix?: string;
  /**
   * Report a health service check.
   * @default - agent default
   */
  readonly healthServiceCheck?: boolean;
  /**
   * Rename labels: scraped label → tag name.
   * @default - none
   */
  readonly labelsMapper?: { [label: string]: string };
  /**
   * Force metric types: metric → counter, gauge, histogram or summary.
   * @default - none
   */
  readonly typeOverrides?: { [metric: string]: string };
  /**
   * Labels not turned into tags.
   * @default - none
   */
  readonly excludeLabels?: string[];
  /**
   * Send histogram buckets.
   * @default - agent default
   */
  readonly sendHistogramsBuckets?: boolean;
  /**
   * Send histograms as distributions.
   * @default - agent default
   */
  readonly sendDistributionBuckets?: boolean;
  /**
   * Send counters as monotonic counts.
   * @default - agent default
   */
  readonly sendMonotonicCounter?: boolean;
  /**
   * Send distribution counts as monotonic counts.
   * @default - agent default
   */
  readonly sendDistributionCountsAsMonotonic?: boolean;
  /**
   * Send distribution sums as monotonic counts.
   * @default - agent default
   */
  readonly sendDistributionSumsAsMonotonic?: boolean;
  /**
   * Send the service account token as a bearer token.
   * @default false
   */
  readonly bearerTokenAuth?: boolean;
  /**
   * Path of the bearer token file.
   * @default - the service account token
   */
  readonly bearerTokenPath?: string;
  /**
   * Verify the endpoint's TLS certificate.
   * @default - agent default
   */
  readonly tlsVerify?: boolean;
  /**
   * CA file for TLS verification.
   * @default - system CAs
   */
  readonly tlsCaCert?: string;
  /**
   * Request timeout in seconds.
   * @default - agent default (10)
   */
  readonly timeout?: number;
  /**
   * Tags added to every metric of this instance.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * `service` tag of the metrics.
   * @default - none
   */
  readonly service?: string;
  /**
   * Minimum seconds between two collections.
   * @default - agent default (15)
   */
  readonly minCollectionInterval?: number;
}

/** An additional scrape config (`datadog.prometheusScrape.additionalConfigs[]`). */
export interface PrometheusScrapeConfig {
  /**
   * Which pods and services it applies to.
   * @default - the agent's defaults
   */
  readonly autodiscovery?: PrometheusScrapeAutodiscovery;
  /**
   * Check instances to schedule for each match.
   * @default - one instance with the agent's defaults
   */
  readonly configurations?: OpenMetricsInstance[];
}

/** Scrape pods and services annotated `prometheus.io/scrape` (`datadog.prometheusScrape.*`). */
export interface PrometheusScrapeOptions {
  /**
   * Schedule openmetrics checks for annotated pods (and services).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Also schedule checks on the endpoints of annotated services.
   * @default false
   */
  readonly serviceEndpoints?: boolean;
  /**
   * Additional scrape configs with their own discovery rules.
   * @default - none
   */
  readonly additionalConfigs?: PrometheusScrapeConfig[];
  /**
   * Version of the openmetrics check: 2 (agent 7.34+) or 1.
   * @default 2
   */
  readonly version?: number;
}

/** @internal */
export interface ResolvedPrometheusScrape {
  readonly enabled: boolean;
  readonly env: { [name: string]: string };
}

function sortedMap(path: string, m: { [k: string]: string } | undefined, checkKey?: (path: string, k: string) => void): any {
  if (m === undefined) return undefined;
  const keys = Object.keys(m).sort();
  for (const k of keys) {
    checkKey?.(path, k);
    if (typeof m[k] !== 'string') fail(`${path}["${k}"] must be a string, got ${show(m[k])}`);
  }
  return Object.fromEntries(keys.map(k => [k, m[k]]));
}

function strings(path: string, l: string[] | undefined): string[] | undefined {
  if (l === undefined) return undefined;
  l.forEach((s, i) => { if (typeof s !== 'string' || s.length === 0) fail(`${path}[${i}] must be a non-empty string, got ${show(s)}`); });
  return [...l];
}

const TYPES = ['counter', 'gauge', 'histogram', 'summary'];

function instance(path: string, i: OpenMetricsInstance): any {
  checkInt(`${path}.timeout`, i.timeout, 1, 3600);
  checkInt(`${path}.minCollectionInterval`, i.minCollectionInterval, 1, 86400);
  if (i.prometheusUrl !== undefined && !/^https?:\/\/\S+$/.test(i.prometheusUrl)) fail(`${path}.prometheusUrl must be an http(s) URL, got ${show(i.prometheusUrl)}`);
  for (const [k, v] of Object.entries(i.typeOverrides ?? {})) {
    if (!TYPES.includes(v)) fail(`${path}.typeOverrides["${k}"] must be one of ${TYPES.join(', ')}, got ${show(v)}`);
  }
  // snake_case keys, in a fixed order: the JSON the agent reads from DD_PROMETHEUS_SCRAPE_CHECKS.
  const out: any = {
    prometheus_url: i.prometheusUrl,
    namespace: i.namespace,
    metrics: strings(`${path}.metrics`, i.metrics),
    ignore_metrics: strings(`${path}.ignoreMetrics`, i.ignoreMetrics),
    prometheus_metrics_prefix: i.prometheusMetricsPrefix,
    health_service_check: i.healthServiceCheck,
    labels_mapper: sortedMap(`${path}.labelsMapper`, i.labelsMapper),
    type_overrides: sortedMap(`${path}.typeOverrides`, i.typeOverrides),
    exclude_labels: strings(`${path}.excludeLabels`, i.excludeLabels),
    send_histograms_buckets: i.sendHistogramsBuckets,
    send_distribution_buckets: i.sendDistributionBuckets,
    send_monotonic_counter: i.sendMonotonicCounter,
    send_distribution_counts_as_monotonic: i.sendDistributionCountsAsMonotonic,
    send_distribution_sums_as_monotonic: i.sendDistributionSumsAsMonotonic,
    bearer_token_auth: i.bearerTokenAuth,
    bearer_token_path: i.bearerTokenPath,
    tls_verify: i.tlsVerify,
    tls_ca_cert: i.tlsCaCert,
    timeout: i.timeout,
    tags: strings(`${path}.tags`, i.tags),
    service: i.service,
    min_collection_interval: i.minCollectionInterval,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

function scrapeConfig(path: string, s: PrometheusScrapeConfig): any {
  const out: any = {};
  const ad = s.autodiscovery;
  if (ad) {
    const a: any = {};
    const include = sortedMap(`${path}.autodiscovery.includeAnnotations`, ad.includeAnnotations, checkLabelKey);
    const exclude = sortedMap(`${path}.autodiscovery.excludeAnnotations`, ad.excludeAnnotations, checkLabelKey);
    if (include || exclude) a.kubernetes_annotations = { ...(exclude ? { exclude } : {}), ...(include ? { include } : {}) };
    if (ad.containerNames !== undefined) {
      ad.containerNames.forEach((n, i) => {
        try {
          new RegExp(n);
        } catch {
          fail(`${path}.autodiscovery.containerNames[${i}] must be a regular expression, got ${show(n)}`);
        }
      });
      a.kubernetes_container_names = strings(`${path}.autodiscovery.containerNames`, ad.containerNames);
    }
    out.autodiscovery = a;
  }
  if (s.configurations !== undefined) out.configurations = s.configurations.map((c, i) => instance(`${path}.configurations[${i}]`, c));
  return out;
}

/** @internal */
export function resolvePrometheusScrape(o: PrometheusScrapeOptions = {}): ResolvedPrometheusScrape {
  const enabled = (bool('prometheusScrape.enabled', o.enabled) ?? false);
  checkUnusedWhenOff('prometheusScrape', o, enabled);
  if (!enabled) return { enabled, env: {} };
  const version = o.version ?? 2;
  if (version !== 1 && version !== 2) fail(`prometheusScrape.version must be 1 or 2, got ${show(version)}`);
  const configs = list('prometheusScrape.additionalConfigs', o.additionalConfigs).map((s, i) => scrapeConfig(`prometheusScrape.additionalConfigs[${i}]`, s));
  return {
    enabled,
    env: {
      DD_PROMETHEUS_SCRAPE_ENABLED: 'true',
      DD_PROMETHEUS_SCRAPE_SERVICE_ENDPOINTS: String((bool('prometheusScrape.serviceEndpoints', o.serviceEndpoints) ?? false)),
      ...(configs.length ? { DD_PROMETHEUS_SCRAPE_CHECKS: JSON.stringify(configs) } : {}),
      DD_PROMETHEUS_SCRAPE_VERSION: String(version),
    },
  };
}

/**
 * Prometheus scrape: the node agent schedules checks for annotated pods, the Cluster Agent for
 * annotated services (as cluster checks), so both get the same env, as in the chart.
 */
export const prometheusScrape = defineFeature({
  id: 'prometheus-scrape',
  option: 'prometheusScrape',
  resolve: (p) => resolvePrometheusScrape(p.prometheusScrape),
  enabled: (c) => c.prometheusScrape.enabled,
  nodeAgent: (c, pod) => {
    pod.container(CONTAINER.AGENT).setEnv(c.prometheusScrape.env);
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv(c.prometheusScrape.env);
  },
});
