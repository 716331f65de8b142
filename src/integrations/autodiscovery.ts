import type { IConstruct } from 'constructs';
import { checkLabelKey, fail, show } from '../validation';
import type { Integration, ResolvedIntegration } from './integration';
import { mergeIntegrations, resolveIntegration } from './integration';
import { canonicalJson } from './json-value';
import { podTemplateOf } from './pod-template';
import { checkArgs } from '../input/strict';

/** What the agent should do with one container of a workload, found through autodiscovery. */
export interface AutodiscoveryOptions {
  /**
   * Checks to run against the container (`ad.datadoghq.com/<container>.checks`). Use template
   * variables such as `%%host%%` and `%%port%%` in the instances. `clusterCheck`,
   * `adIdentifiers` and check-level `logs` do not apply here (the annotation names the
   * container; use `logs` below).
   * @default - none
   */
  readonly checks?: Integration[];
  /**
   * Log configurations for the container (`ad.datadoghq.com/<container>.logs`), e.g.
   * `[{ source: 'redis', service: 'cache' }]`.
   * @default - none
   */
  readonly logs?: { [key: string]: any }[];
  /**
   * Tags on everything collected from the container (`ad.datadoghq.com/<container>.tags`).
   * @default - none
   */
  readonly tags?: { [key: string]: string };
}

/** The annotation prefix the agent's kubelet/pod listener reads. */
const AD_PREFIX = 'ad.datadoghq.com/';

/**
 * Autodiscovery annotations for your own workloads: the node agent finds the annotated
 * container and runs the checks against it, wherever it is scheduled.
 */
export class Autodiscovery {
  /**
   * Writes the autodiscovery annotations for `containerName` on the pod template of `workload`:
   * a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod, or an ApiObject with a
   * pod template (patched at synthesis). The container must already exist in the workload.
   * `.checks` uses the v2 format: `{"<check>": {"init_config": {...}, "instances": [...]}}`.
   *
   * @example
   * Autodiscovery.annotate(redis, 'redis', {
   *   checks: [{ name: 'redisdb', instances: [{ host: '%%host%%', port: 6379 }] }],
   *   logs: [{ source: 'redis', service: 'cache' }],
   * });
   */
  public static annotate(workload: IConstruct, containerName: string, options: AutodiscoveryOptions): void {
    checkArgs('cdk8s-datadog.Autodiscovery', 'annotate', [workload, containerName, options]);
    const where = `Autodiscovery.annotate(${show(containerName)})`;
    const target = podTemplateOf(where, workload);
    const names = target.containerNames();
    if (typeof containerName !== 'string' || !names.includes(containerName)) {
      fail(`${where}: the workload has no container ${show(containerName)}; its containers are ${names.length ? names.map(n => JSON.stringify(n)).join(', ') : '(none yet: add containers first)'}`);
    }
    const o = options ?? {};
    const annotations: { [key: string]: string } = {};
    if (o.checks !== undefined) annotations[`${AD_PREFIX}${containerName}.checks`] = checksAnnotation(where, o.checks);
    if (o.logs !== undefined) annotations[`${AD_PREFIX}${containerName}.logs`] = logsAnnotation(where, o.logs);
    if (o.tags !== undefined) annotations[`${AD_PREFIX}${containerName}.tags`] = tagsAnnotation(where, o.tags);
    if (Object.keys(annotations).length === 0) fail(`${where}: give at least one of checks, logs or tags`);
    for (const [key, value] of Object.entries(annotations)) {
      checkLabelKey(`${where}: annotation key`, key);
      const prev = target.podAnnotation(key);
      if (prev !== undefined) fail(`${where}: the pod template already has annotation ${key} (${prev}); annotate each container once, with all its checks`);
      target.setPodAnnotation(key, value);
    }
  }

  private constructor() {}
}

function checksAnnotation(where: string, checks: Integration[]): string {
  if (!Array.isArray(checks) || checks.length === 0) fail(`${where}: checks must be a non-empty list of Integration, got ${show(checks)}`);
  const merged = new Map<string, ResolvedIntegration>();
  checks.forEach((c, n) => {
    const path = `${where}: checks[${n}]`;
    const r = resolveIntegration(path, c, true);
    if (r.clusterCheck) fail(`${path}.clusterCheck does not apply to a container annotation; add cluster checks with DatadogAgent.addIntegration`);
    if (r.adIdentifiers) fail(`${path}.adIdentifiers does not apply to a container annotation: the annotation already names the container`);
    if (r.logs.length) fail(`${path}.logs: put log configurations in the logs option (the .logs annotation)`);
    const prev = merged.get(r.name);
    merged.set(r.name, prev ? mergeIntegrations(prev, r) : r);
  });
  const doc: { [check: string]: any } = {};
  for (const name of [...merged.keys()].sort()) {
    const r = merged.get(name)!;
    doc[name] = { init_config: r.initConfig ?? {}, instances: r.instances };
  }
  return JSON.stringify(doc);
}

function logsAnnotation(where: string, logs: { [key: string]: any }[]): string {
  if (!Array.isArray(logs) || logs.length === 0) fail(`${where}: logs must be a non-empty list of log configurations, got ${show(logs)}`);
  return JSON.stringify(logs.map((l, n) => {
    if (l === null || typeof l !== 'object' || Array.isArray(l)) fail(`${where}: logs[${n}] must be an object, got ${show(l)}`);
    return canonicalJson(`${where}: logs[${n}]`, l);
  }));
}

function tagsAnnotation(where: string, tags: { [key: string]: string }): string {
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags) || Object.keys(tags).length === 0) {
    fail(`${where}: tags must be a non-empty map of tag name to value, got ${show(tags)}`);
  }
  for (const [k, v] of Object.entries(tags)) {
    if (!/^[A-Za-z][-\w./]*$/.test(k)) fail(`${where}: tags has an invalid tag name ${show(k)}: start with a letter; letters, digits, "_", "-", ".", "/"`);
    if (typeof v !== 'string' || v === '' || /[\s,]/.test(v)) fail(`${where}: tags[${show(k)}] must be a non-empty string without spaces or commas, got ${show(v)}`);
  }
  return JSON.stringify(canonicalJson(`${where}: tags`, tags));
}
