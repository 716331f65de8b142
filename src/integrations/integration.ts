import { toYaml } from '../model/yaml';
import { fail, show, bool } from '../validation';
import { canonicalJson, jsonText } from './json-value';

/**
 * The configuration of one Datadog check (integration): what the agent reads from
 * `conf.d/<name>.d/conf.yaml` on a node, or from `<name>.yaml` in the Cluster Agent's conf.d
 * for a cluster check. Values are free-form JSON-like records, written to YAML as given (with
 * object keys sorted).
 *
 * @example
 * const redis: Integration = {
 *   name: 'redisdb',
 *   instances: [{ host: 'redis.cache.svc', port: 6379 }],
 * };
 */
export interface Integration {
  /**
   * The check name, e.g. `redisdb`, `postgres`, `http_check`, or the module name of a custom
   * check: lowercase letters, digits and `_`, starting with a letter, at most 63 characters.
   */
  readonly name: string;
  /**
   * The check's `init_config` section (settings shared by every instance).
   * @default {} (an empty `init_config`)
   */
  readonly initConfig?: { [key: string]: any };
  /**
   * The check's instances. Each is one run of the check against one target.
   * @default - none (then `logs` is required)
   */
  readonly instances?: { [key: string]: any }[];
  /**
   * Log collection configurations (the `logs` section of the file).
   * @default - none
   */
  readonly logs?: { [key: string]: any }[];
  /**
   * Autodiscovery identifiers (`ad_identifiers`): makes the file a template applied to
   * containers whose short image name (or `com.datadoghq.ad.check.id`) matches, instead of a
   * static configuration. Use template variables such as `%%host%%` in the instances.
   * @default - none (a static configuration)
   */
  readonly adIdentifiers?: string[];
  /**
   * Run the check once for the cluster, dispatched by the Cluster Agent (a cluster check),
   * instead of on every node. Needs the Cluster Agent deployed by this library.
   * @default false
   */
  readonly clusterCheck?: boolean;
}

/** Check names: the agent loads Python checks by module name and core checks by their name. */
export const CHECK_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const CHECK_NAME_HELP = 'a check name: lowercase letters, digits and "_", starting with a letter, at most 63 characters';

/** An integration after validation: canonical values, merged by check name. @internal */
export interface ResolvedIntegration {
  readonly name: string;
  readonly clusterCheck: boolean;
  /** Canonical init_config, or undefined when no integration of this check set one. */
  readonly initConfig?: { [key: string]: any };
  readonly instances: { [key: string]: any }[];
  readonly logs: { [key: string]: any }[];
  readonly adIdentifiers?: string[];
  /** Where each part came from, for conflict messages. */
  readonly sources: string[];
}

/**
 * Validates one integration (`path` names it in errors) and returns its canonical form. A
 * `template` (an autodiscovery annotation) may use template variables without `adIdentifiers`.
 * @internal
 */
export function resolveIntegration(path: string, i: Integration, template = false): ResolvedIntegration {
  if (!i || typeof i !== 'object') fail(`${path} must be an Integration ({ name, instances, ... }), got ${show(i)}`);
  if (typeof i.name !== 'string' || !CHECK_NAME.test(i.name)) fail(`${path}.name must be ${CHECK_NAME_HELP}, got ${show(i.name)}`);
  if (i.clusterCheck !== undefined && typeof i.clusterCheck !== 'boolean') fail(`${path}.clusterCheck must be a boolean, got ${show(i.clusterCheck)}`);
  const initConfig = i.initConfig === undefined ? undefined : record(`${path}.initConfig`, i.initConfig);
  const instances = list(`${path}.instances`, i.instances);
  const logs = list(`${path}.logs`, i.logs);
  if (instances.length === 0 && logs.length === 0) fail(`${path} (check ${i.name}) needs at least one entry in instances or logs`);
  let adIdentifiers: string[] | undefined;
  if (i.adIdentifiers !== undefined) {
    if (!Array.isArray(i.adIdentifiers) || i.adIdentifiers.length === 0) fail(`${path}.adIdentifiers must be a non-empty list of identifiers, got ${show(i.adIdentifiers)}`);
    i.adIdentifiers.forEach((id, n) => {
      if (typeof id !== 'string' || !/^\S+$/.test(id)) fail(`${path}.adIdentifiers[${n}] must be a non-empty identifier without spaces (a short image name or a custom identifier), got ${show(id)}`);
    });
    adIdentifiers = [...i.adIdentifiers];
  }
  checkDuplicateInstances(path, i.name, instances);
  if (!adIdentifiers && !template) {
    // The agent resolves %%host%%, %%port%%, %%env_X%%... only in autodiscovery templates; a
    // static configuration would receive the text literally.
    const text = JSON.stringify({ initConfig, instances, logs });
    const tv = /%%[A-Za-z_][A-Za-z0-9_.]*%%/.exec(text);
    if (tv) fail(`${path} (check ${i.name}) uses the template variable ${tv[0]}, which the agent resolves only in autodiscovery templates: add adIdentifiers, use Autodiscovery.annotate, or for a secret use ENC[<handle>] (secrets backend)`);
  }
  return { name: i.name, clusterCheck: (bool(`${path}.clusterCheck`, i.clusterCheck) ?? false), initConfig, instances, logs, adIdentifiers, sources: [path] };
}

function record(path: string, value: unknown): { [key: string]: any } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${path} must be an object (a JSON-like record), got ${Array.isArray(value) ? 'an array' : show(value)}`);
  return canonicalJson(path, value);
}

function list(path: string, value: unknown): { [key: string]: any }[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${path} must be a list of objects, got ${show(value)}`);
  return value.map((v, n) => record(`${path}[${n}]`, v));
}

function checkDuplicateInstances(path: string, check: string, instances: { [key: string]: any }[]): void {
  const seen = new Set<string>();
  for (const inst of instances) {
    const t = jsonText(inst);
    if (seen.has(t)) fail(`${path}: check ${check} has the same instance twice (${t}); the agent would run it twice under one check ID`);
    seen.add(t);
  }
}

/**
 * Merges a second integration of the same check (and the same target) into the first: instances
 * and logs are concatenated in the order they were added; `init_config` and `ad_identifiers`
 * apply to the whole file, so they must agree (or be left out by all but one).
 * @internal
 */
export function mergeIntegrations(a: ResolvedIntegration, b: ResolvedIntegration): ResolvedIntegration {
  const where = `${b.sources[0]} (check ${b.name})`;
  if (a.initConfig !== undefined && b.initConfig !== undefined && jsonText(a.initConfig) !== jsonText(b.initConfig)) {
    fail(`${where}: initConfig ${jsonText(b.initConfig)} conflicts with ${jsonText(a.initConfig)} from ${a.sources.join(', ')}; init_config is shared by every instance of a check, so give the same value or leave it out`);
  }
  if (jsonText(a.adIdentifiers) !== jsonText(b.adIdentifiers)) {
    fail(`${where}: adIdentifiers ${jsonText(b.adIdentifiers ?? null)} differ from ${jsonText(a.adIdentifiers ?? null)} from ${a.sources.join(', ')}; a check's file has one ad_identifiers list`);
  }
  const instances = [...a.instances, ...b.instances];
  checkDuplicateInstances(where, b.name, instances);
  return {
    name: a.name,
    clusterCheck: a.clusterCheck,
    initConfig: a.initConfig ?? b.initConfig,
    instances,
    logs: [...a.logs, ...b.logs],
    adIdentifiers: a.adIdentifiers,
    sources: [...a.sources, ...b.sources],
  };
}

/**
 * The YAML document the agent reads for this check. Top-level keys in a fixed order, values
 * canonical, so the same configuration always gives the same bytes.
 * @internal
 */
export function integrationYaml(i: ResolvedIntegration): string {
  const doc: { [key: string]: any } = {};
  if (i.clusterCheck) doc.cluster_check = true;
  if (i.adIdentifiers) doc.ad_identifiers = i.adIdentifiers;
  if (i.instances.length) {
    doc.init_config = i.initConfig ?? {};
    doc.instances = i.instances;
  }
  if (i.logs.length) doc.logs = i.logs;
  return toYaml(doc);
}
