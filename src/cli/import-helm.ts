/**
 * `cdk8s-datadog import-helm`: Helm values → DatadogAgent props (plain data, as
 * `DatadogAgent.propsFromJson` reads it) and a migration report that classifies every key set.
 * Not part of the jsii API.
 */
import * as YAML from 'yaml';
import { chartDifference } from '../differences';
import { DEFAULT_AGENT_VERSION } from '../images';
import { fullname } from '../naming';
import * as chartKeys from './chart-keys.generated.json';
import type { Values } from './helm-values';
import { InputProblem, isMap } from './helm-values';
import { CwsInstrumentationMode } from '../features/admission-controller';
import { AppsecInjectorMode, AppsecProxy } from '../features/appsec-injector';
import { TagCardinality } from '../features/dogstatsd';
import { NetworkPolicyFlavor } from '../features/network-policy';
import type { KubernetesPlatform } from '../features/platform';
import { PROPS_FQN, typeSchema } from '../input/schema';
import { suggest } from '../input/strict';
import { DatadogSite } from '../site';
import { LogLevel } from '../workload-options';

export type KeyStatus = 'mapped' | 'not-supported' | 'not-needed' | 'unknown';

export interface ReportEntry {
  readonly key: string;
  readonly status: KeyStatus;
  /** The option(s) it went to (mapped), or why / the workaround. */
  readonly detail: string;
}

export interface DefaultChange {
  /** The id in src/differences.ts. */
  readonly id: string;
  readonly change: string;
  readonly keep: string;
  readonly kept: boolean;
  /** --keep-chart-defaults can set it. */
  readonly keepable: boolean;
}

export interface ImportResult {
  /** Props in the plain-data form of `DatadogAgent.propsFromJson`. */
  readonly props: Values;
  /** Option path → the chart key(s) it came from. */
  readonly sources: { [option: string]: string };
  readonly report: ReportEntry[];
  readonly defaults: DefaultChange[];
  /** Secrets the user must create (never copied from the values). */
  readonly secrets: string[];
}

export interface Ctx {
  readonly values: Values;
  /** The props set so far. */
  props(): Values;
  set(option: string, value: unknown, from: string): void;
  secret(line: string): void;
}

export type Apply = (v: unknown, ctx: Ctx, key: string) => string | void;

export interface Rule {
  /** Dotted chart key; `*` matches one segment. The rule consumes everything below it. */
  readonly key: string;
  readonly status: 'mapped' | 'not-supported' | 'not-needed';
  /** mapped: the option, or a function that sets options and returns what it did. */
  readonly to?: string | Apply;
  readonly note?: string;
  /** When set and false for the values, the key is `not-needed` (its note says why) and nothing is set. */
  readonly applies?: (values: Values) => boolean;
}

const str = (v: unknown, key: string): string => {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new InputProblem(`${key}: must be a string, got ${describe(v)}`);
};
const bool = (v: unknown, key: string): boolean => {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new InputProblem(`${key}: must be true or false, got ${describe(v)}`);
};
const num = (v: unknown, key: string): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[0-9]+$/.test(v)) return Number(v);
  throw new InputProblem(`${key}: must be a number, got ${describe(v)}`);
};
const list = (v: unknown, key: string): unknown[] => {
  if (Array.isArray(v)) return v;
  throw new InputProblem(`${key}: must be a list, got ${describe(v)}`);
};
const map = (v: unknown, key: string): Values => {
  if (isMap(v)) return v;
  throw new InputProblem(`${key}: must be a map, got ${describe(v)}`);
};
function describe(v: unknown): string {
  return Array.isArray(v) ? 'a list' : v === null ? 'null' : isMap(v) ? 'a map' : `${typeof v} ${JSON.stringify(v)}`;
}

/** A chart key to one option: `value` checks the chart's value and turns it into the option's. */
export const convert = (key: string, option: string, value: (v: unknown, key: string, c: Ctx) => unknown): Rule =>
  ({ key, status: 'mapped', to: (v, c, k) => { c.set(option, value(v, k, c), k); } });
/** A boolean chart key to a boolean option. */
const b = (key: string, option: string): Rule => convert(key, option, bool);
/** A string/number/map/list key copied as is. */
const s = (key: string, option: string): Rule => convert(key, option, str);
const n = (key: string, option: string): Rule => convert(key, option, num);
const m = (key: string, option: string): Rule => convert(key, option, map);
const l = (key: string, option: string): Rule => convert(key, option, list);
/** A space-separated chart string to a list option. */
const words = (key: string, option: string): Rule => convert(key, option, (v, k) => str(v, k).split(/\s+/).filter(x => x));

/** How `oneOf` treats a chart value beyond its choices, and what it reports. */
export interface OneOfOptions {
  /** A value that is not one of the choices: its option value. Without it, such a value is refused, naming the choices. */
  readonly other?: (value: string) => unknown;
  /** Why nothing is set for these values (asked once the value is known to be good), or undefined. */
  readonly unless?: (c: Ctx) => string | undefined;
  /** What the report says for a choice (without one: the option it set). */
  readonly notes?: { readonly [value: string]: string };
}

/**
 * A chart key that takes one of a few values: `choices` maps each (as the chart spells it) to the
 * option's value, or to `undefined` where nothing is set. Any other value is refused naming the
 * choices in their order (`must be a or b`, `must be one of a, b, c`), unless `other` maps it.
 */
export function oneOf(key: string, option: string, choices: { readonly [value: string]: unknown }, how: OneOfOptions = {}): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      const x = str(v, k);
      const known = Object.prototype.hasOwnProperty.call(choices, x);
      if (!known && !how.other) {
        const names = Object.keys(choices);
        throw new InputProblem(`${k}: must be ${names.length === 2 ? names.join(' or ') : `one of ${names.join(', ')}`}, got ${JSON.stringify(v)}`);
      }
      const skip = how.unless?.(c);
      if (skip !== undefined) return skip;
      const value = known ? choices[x] : how.other!(x);
      if (value !== undefined) c.set(option, value, k);
      return known ? how.notes?.[x] : undefined;
    },
  };
}

/** A TypeScript enum of the library as `oneOf` choices: the member's value (the chart's spelling) → the member's name (what propsFromJson reads). */
export function enumChoices(e: { readonly [name: string]: string }): { [value: string]: string } {
  return Object.fromEntries(Object.entries(e).map(([name, value]) => [value, name]));
}

/** The constants of an enum-like class of the library as `oneOf` choices: the chart's spelling (`spelling(constant)`) → the constant's name. */
export function constantChoices<T>(cls: Function, spelling: (constant: T) => string): { [value: string]: string } {
  return Object.fromEntries(Object.entries(cls).filter(([, x]) => x instanceof cls).map(([name, x]) => [spelling(x as T), name]));
}

/**
 * A chart value of one of the library's enums (the member's value, lower case) to the member's name.
 * Any other value goes upper-cased: propsFromJson refuses it naming the members.
 */
const enumOf = (key: string, option: string, e: { readonly [name: string]: string }): Rule =>
  oneOf(key, option, enumChoices(e), { other: x => x.toUpperCase() });
/**
 * A sub-option that is left out when the values repeat the chart's default (the default here is
 * the same): values files copied from the chart's values.yaml then do not set options of a
 * feature that is off, which the library refuses.
 */
const unlessDefault = (r: Rule): Rule => ({
  ...r,
  to: (v, c, k) => {
    if (sameAsChartDefault(k, v)) return 'the chart\'s default, and the default here: nothing to set';
    if (typeof r.to === 'function') return r.to(v, c, k);
    c.set(r.to as string, v, k);
    return undefined;
  },
});
/** A duration the agent parses as a Go duration: a bare number there means nanoseconds, so it is refused. */
const duration = (key: string, option: string): Rule => convert(key, option, (v, k) => {
  if (typeof v === 'number') throw new InputProblem(`${k}: ${v} is read by the agent as a Go duration, so as ${v} nanoseconds; write the unit ("${v}m" for minutes)`);
  return str(v, k);
});
const unsupported = (key: string, note: string): Rule => ({ key, status: 'not-supported', note });
const notNeeded = (key: string, note: string): Rule => ({ key, status: 'not-needed', note });
/** A switch that has one setting here (`note` says which): the other is refused, `refusal` says why. */
const always = (key: string, value: boolean, note: string, refusal: string): Rule => ({
  key,
  status: 'not-needed',
  note,
  to: (v, _c, k) => { if (bool(v, k) !== value) throw new InputProblem(`${k}: ${refusal}`); },
});

/** The AppSec injector's processor modes: the chart's name → AppsecInjectorMode constant. */
const APPSEC_MODES = constantChoices<AppsecInjectorMode>(AppsecInjectorMode, mode => mode.name);
/** The AppSec injector's proxies: the chart's name → AppsecProxy constant. */
const APPSEC_PROXIES = constantChoices<AppsecProxy>(AppsecProxy, proxy => proxy.name);
/**
 * A `datadog.appsec.injector.*` setting: nothing is set while the injector is off (the library
 * refuses settings of a feature that is off), nor when the value is the chart's default (the
 * default here is the same; an empty string is the chart's "unset").
 */
const appsecKey = (r: Rule): Rule => {
  const inner = unlessDefault(r);
  return {
    ...inner,
    to: (v, c, k) => {
      if (chartValue(c.values, 'datadog.appsec.injector.enabled') !== true) return 'nothing: the AppSec injector is off (datadog.appsec.injector.enabled)';
      if (v === '') return 'empty: the Cluster Agent\'s default, nothing to set';
      return (inner.to as Apply)(v, c, k);
    },
  };
};
/** The chart's workloads (top-level keys): node agents, Cluster Agent, Cluster Checks Runners. */
const CHART_WORKLOADS = ['agents', 'clusterAgent', 'clusterChecksRunner'];
/** The library's sites: host → DatadogSite constant. */
const SITES = constantChoices<DatadogSite>(DatadogSite, site => site.host);
/** The library's network policy flavors: the chart's name → NetworkPolicyFlavor constant. */
const FLAVORS = constantChoices<NetworkPolicyFlavor>(NetworkPolicyFlavor, flavor => flavor.name);
/** The names of a struct's fields in the option schema. */
const fieldsOf = (fqn: string): string[] => Object.keys(typeSchema(fqn).fields ?? {});
/** The node agent's containers that take settings here (`nodeAgent.containers.<name>`): the chart's `agents.containers.<name>`. */
const NODE_CONTAINERS = fieldsOf('cdk8s-datadog.NodeAgentContainers');
/** The containers with resources of their own (`nodeAgent.containerResources.<name>`): the chart's `agents.containers.<name>.resources`. */
const NODE_CONTAINER_RESOURCES = fieldsOf('cdk8s-datadog.NodeAgentContainerResources');
/** The metadata-as-tags maps (`podLabelsAsTags`...): the chart's `datadog.<name>` keys, of the same form. */
const AS_TAGS = fieldsOf(PROPS_FQN).filter(f => f.endsWith('AsTags'));
const LOG_LEVELS: string[] = Object.values(LogLevel);
const logLevel = (key: string, option: string): Rule => ({
  key,
  status: 'mapped',
  to: (v, c, k) => {
    const u = str(v, k).toUpperCase();
    const level = u === 'WARNING' ? 'WARN' : u;
    if (!LOG_LEVELS.includes(level)) throw new InputProblem(`${k}: must be one of ${LOG_LEVELS.join(', ').toLowerCase()}, got ${JSON.stringify(v)}`);
    c.set(option, level, k);
  },
});

/** The chart's env list (`- name: X  value: Y` / `valueFrom`) to `env` and `envValueFrom` maps. */
const envList = (key: string, prefix: string): Rule => ({
  key,
  status: 'mapped',
  to: (v, c, k) => {
    for (const [i, e] of list(v, k).entries()) {
      const at = `${k}[${i}]`;
      const name = str(map(e, at).name, `${at}.name`);
      const x = e as Values;
      if (x.valueFrom !== undefined) c.set(`${prefix}.envValueFrom.${name}`, valueFrom(x.valueFrom, `${at}.valueFrom`), k);
      else c.set(`${prefix}.env.${name}`, x.value === undefined || x.value === null ? '' : str(x.value, `${at}.value`), k);
    }
    return `${prefix}.env / envValueFrom`;
  },
});

function valueFrom(v: unknown, key: string): unknown {
  const x = map(v, key);
  if (isMap(x.fieldRef)) return { fromField: str(x.fieldRef.fieldPath, `${key}.fieldRef.fieldPath`) };
  if (isMap(x.secretKeyRef)) return { fromSecret: [str(x.secretKeyRef.name, `${key}.secretKeyRef.name`), str(x.secretKeyRef.key, `${key}.secretKeyRef.key`)] };
  if (isMap(x.configMapKeyRef)) return { fromConfigMap: [str(x.configMapKeyRef.name, `${key}.configMapKeyRef.name`), str(x.configMapKeyRef.key, `${key}.configMapKeyRef.key`)] };
  if (isMap(x.resourceFieldRef)) return { fromResource: str(x.resourceFieldRef.resource, `${key}.resourceFieldRef.resource`) };
  throw new InputProblem(`${key}: must be a fieldRef, secretKeyRef, configMapKeyRef or resourceFieldRef`);
}

/** The chart's env map (`NAME: value`) to an `env` map. */
const envDict = (key: string, prefix: string): Rule => ({
  key,
  status: 'mapped',
  to: (v, c, k) => {
    for (const [name, x] of Object.entries(map(v, k))) {
      if (isMap(x)) c.set(`${prefix}.envValueFrom.${name}`, valueFrom(x.valueFrom, `${k}.${name}.valueFrom`), k);
      else c.set(`${prefix}.env.${name}`, x === null ? '' : str(x, `${k}.${name}`), k);
    }
    return `${prefix}.env / envValueFrom`;
  },
});

/**
 * The chart passes pod annotations through `tpl`: a value referring to another value
 * (`"{{ .Values.datadog.clusterName }}"`) is resolved here; any other template is refused.
 */
function templated(annotations: Values, values: Values, key: string): Values {
  const out: Values = {};
  for (const [name, x] of Object.entries(annotations)) {
    const text = str(x, `${key}.${name}`);
    out[name] = text.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (_all, expr: string) => {
      const ref = /^\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)$/.exec(expr);
      const v = ref ? getPath(values, ref[1].slice(1).split('.')) : undefined;
      if (!ref || v === undefined || v === null || isMap(v) || Array.isArray(v)) {
        throw new InputProblem(`${key}.${name}: the template {{ ${expr} }} is not a plain reference to a value; write the annotation's value`);
      }
      return String(v);
    });
  }
  return out;
}

/** Kubernetes `resources` to `ContainerResources`. */
const resources = (key: string, option: string): Rule => convert(key, option, (v, k) => {
  const r = map(v, k);
  const q = (side: string, res: string) => {
    const x = isMap(r[side]) ? (r[side] as Values)[res] : undefined;
    return x === undefined ? undefined : str(x, `${k}.${side}.${res}`);
  };
  const out: Values = {};
  for (const [o, side, res] of [['cpuRequest', 'requests', 'cpu'], ['cpuLimit', 'limits', 'cpu'], ['memoryRequest', 'requests', 'memory'], ['memoryLimit', 'limits', 'memory']]) {
    const x = q(side, res);
    if (x !== undefined) out[o] = x;
  }
  return out;
});

/** A secret-bearing key: never copied; the user puts the value under `secretKey` in the credentials Secret. */
const secretValue = (key: string, what: string, secretKey: string): Rule => ({
  key,
  status: 'mapped',
  to: (v, c, k) => {
    str(v, k);
    c.secret(`${secretKey}: the value of ${k} (${what})`);
    return `credentials (Credentials.fromSecret, key \`${secretKey}\`): the value is not copied`;
  },
});
/** The existing Secret of another credential: the one of the API key, read under `secretKey`. */
const sameSecret = (key: string, secretKey: string): Rule => ({
  key,
  status: 'mapped',
  to: (v, c, k) => {
    checkSameSecret(v, c, k);
    c.secret(`${secretKey} in Secret ${str(v, k)}`);
    return `credentials (${secretKey} key of the same Secret)`;
  },
});

/** `image.pullSecrets` (a list of `{ name }`) of any component: one list for every image here. */
const pullSecrets = (key: string): Rule => ({
  key,
  status: 'mapped',
  to: (v, c, k) => {
    list(v, k);
    const names = new Set<string>();
    for (const w of CHART_WORKLOADS) {
      const at = `${w}.image.pullSecrets`;
      const names0 = getPath(c.values, at.split('.'));
      if (Array.isArray(names0)) names0.forEach((e, i) => names.add(str(map(e, `${at}[${i}]`).name, `${at}[${i}].name`)));
    }
    c.set('images.pullSecrets', [...names].sort(), k);
    return 'images.pullSecrets (one list for every image)';
  },
});

/** The runners run the node agents' image here: their own tag or digest is not needed when it is the same. */
const sameAsAgents = (key: string): Rule => ({
  key,
  status: 'not-supported',
  applies: (values) => JSON.stringify(getPath(values, key.split('.'))) !== JSON.stringify(getPath(values, ['agents', 'image', key.split('.').pop()!])),
  note: 'the Cluster Checks Runners run the node agents\' image here (agents.image.*)',
});

/** One `prometheusScrape.additionalConfigs` entry of the chart (the agent's snake_case) to PrometheusScrapeConfig. */
function scrapeConfig(v: unknown, key: string): Values {
  const e = map(v, key);
  const out: Values = {};
  for (const k of Object.keys(e)) if (k !== 'autodiscovery' && k !== 'configurations') throw new InputProblem(`${key}.${k}: not a key of an additionalConfigs entry (autodiscovery, configurations)`);
  if (e.autodiscovery !== undefined && e.autodiscovery !== null) {
    const ad = map(e.autodiscovery, `${key}.autodiscovery`);
    const annotations = ad.kubernetes_annotations === undefined ? {} : map(ad.kubernetes_annotations, `${key}.autodiscovery.kubernetes_annotations`);
    const a: Values = {};
    if (annotations.include !== undefined) a.includeAnnotations = map(annotations.include, `${key}.autodiscovery.kubernetes_annotations.include`);
    if (annotations.exclude !== undefined) a.excludeAnnotations = map(annotations.exclude, `${key}.autodiscovery.kubernetes_annotations.exclude`);
    if (ad.kubernetes_container_names !== undefined) a.containerNames = list(ad.kubernetes_container_names, `${key}.autodiscovery.kubernetes_container_names`);
    out.autodiscovery = a;
  }
  if (e.configurations !== undefined && e.configurations !== null) {
    // The instance settings are the openmetrics check's, in snake_case; the options are their camelCase.
    out.configurations = list(e.configurations, `${key}.configurations`).map((x, i) => Object.fromEntries(
      Object.entries(map(x, `${key}.configurations[${i}]`)).map(([k, y]) => [k.replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase()), y])));
  }
  return out;
}

/** The check settings of a conf.d file, in the agent's keys, to Integration fields. */
const CONFD_FIELDS: { [key: string]: string } = { init_config: 'initConfig', instances: 'instances', logs: 'logs', ad_identifiers: 'adIdentifiers', cluster_check: 'clusterCheck' };

/** `datadog.confd` / `clusterAgent.confd` (file name → YAML text) to `integrations`. */
function confd(key: string, clusterAgent: boolean): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      confdFiles(v, c, k, clusterAgent);
      return clusterAgent ? 'integrations (clusterCheck: true)' : 'integrations';
    },
  };
}
function confdFiles(v: unknown, c: Ctx, key: string, clusterAgent: boolean): void {
  const files = Object.entries(map(v, key)).map(([file, text]): [string, string | undefined, unknown] => [`${key}.${file}`, /^(.+)\.yaml$/.exec(file)?.[1], text]);
  for (const [at, name] of files) if (!name) throw new InputProblem(`${at}: a conf.d file name ends with .yaml`);
  addConfdIntegrations(c, key, files as [string, string, unknown][], clusterAgent);
}
/**
 * `clusterAgent.advancedConfd` (`<check>.d` → file name → YAML text): each file to an
 * `integrations` entry of its check, which merge into one file (difference cluster-agent-advanced-confd).
 */
function advancedConfd(key: string): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      const files: [string, string, unknown][] = [];
      for (const [dir, dirFiles] of Object.entries(map(v, k))) {
        const name = /^(.+)\.d$/.exec(dir)?.[1];
        if (!name) throw new InputProblem(`${k}.${dir}: a conf.d directory name ends with .d (the agent reads <check>.d/)`);
        for (const [file, text] of Object.entries(map(dirFiles, `${k}.${dir}`))) files.push([`${k}.${dir}.${file}`, name, text]);
      }
      addConfdIntegrations(c, k, files, true);
      return 'integrations (clusterCheck: true; the files of one check merge into its file, difference cluster-agent-advanced-confd)';
    },
  };
}
function addConfdIntegrations(c: Ctx, key: string, files: [string, string, unknown][], clusterAgent: boolean): void {
  const out = [...((getPath(c.props(), ['integrations']) as unknown[] | undefined) ?? [])];
  for (const [at, name, text] of files) {
    let doc: unknown;
    try {
      doc = YAML.parse(str(text, at));
    } catch (e) {
      throw new InputProblem(`${at}: not YAML: ${(e as Error).message.split('\n')[0]}`);
    }
    const integration: Values = { name };
    for (const [k, x] of Object.entries(map(doc, at))) {
      const field = CONFD_FIELDS[k];
      if (!field) throw new InputProblem(`${at}: ${k} is not a check setting the importer knows (${Object.keys(CONFD_FIELDS).join(', ')})`);
      if (x !== null) integration[field] = x;
    }
    if (clusterAgent) integration.clusterCheck = true;
    out.push(integration);
  }
  c.set('integrations', out, key);
}


/** Keys the Cluster Agent/runners/agents share: placement and metadata. */
function workloadRules(chart: string, ours: string): Rule[] {
  return [
    l(`${chart}.tolerations`, `${ours}.tolerations`),
    m(`${chart}.nodeSelector`, `${ours}.nodeSelector`),
    m(`${chart}.affinity`, `${ours}.affinity`),
    s(`${chart}.priorityClassName`, `${ours}.priorityClassName`),
    m(`${chart}.podLabels`, `${ours}.podLabels`),
    chart === 'clusterChecksRunner'
      ? m(`${chart}.podAnnotations`, `${ours}.podAnnotations`)
      : convert(`${chart}.podAnnotations`, `${ours}.podAnnotations`, (v, k, c) => templated(map(v, k), c.values, k)),
    notNeeded(`${chart}.rbac.create`, 'RBAC is always created, least privilege'),
    notNeeded(`${chart}.rbac.serviceAccountName`, 'the ServiceAccount is always created with the chart\'s name'),
    m(`${chart}.rbac.serviceAccountAnnotations`, `${ours}.serviceAccountAnnotations`),
    m(`${chart}.rbac.serviceAccountAdditionalLabels`, `${ours}.serviceAccountLabels`),
    notNeeded(`${chart}.image.pullPolicy`, 'images.pullPolicy (one policy for every image)'),
  ];
}

/**
 * `clusterAgent.pdb.create` (or the deprecated `createPodDisruptionBudget`): here a PDB comes with 2 or
 * more replicas, so `true` without `clusterAgent.replicas` imports as 2 replicas, which the chart's
 * own notes advise with a PDB (with one replica, its `minAvailable: 1` blocks every node drain).
 */
function dcaPdb(key: string): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      if (!bool(v, k)) return 'no PDB with one replica here (clusterAgent.replicas)';
      const replicas = (c.values as any).clusterAgent?.replicas;
      if (replicas === undefined || replicas === null) {
        c.set('clusterAgent.replicas', 2, k);
        return 'clusterAgent.replicas: 2 (a PDB, minAvailable: 1, comes with 2 or more replicas)';
      }
      return 'clusterAgent.replicas (a PDB, minAvailable: 1, comes with 2 or more replicas)';
    },
  };
}

/**
 * The chart runs a process-agent container only for network or service monitoring (process checks
 * run in the core agent), and so does this library: otherwise its settings are ignored by both.
 */
function processAgentOnly(rule: Rule): Rule {
  return {
    ...rule,
    applies: (values) => getPath(values, ['datadog', 'networkMonitoring', 'enabled']) === true || getPath(values, ['datadog', 'serviceMonitoring', 'enabled']) === true,
    note: 'no process-agent container runs for these values, in the chart either (process checks run in the core agent)',
  };
}

/** The security-agent container runs for CWS or CSPM only, in the chart and here. */
function securityAgentOnly(rule: Rule): Rule {
  return {
    ...rule,
    applies: (values) => getPath(values, ['datadog', 'securityAgent', 'runtime', 'enabled']) === true || getPath(values, ['datadog', 'securityAgent', 'compliance', 'enabled']) === true,
    note: 'no security-agent container runs for these values, in the chart either (neither CWS nor CSPM is on)',
  };
}

/** The table: every chart key the importer knows. */
export const RULES: readonly Rule[] = [
  // credentials and identity
  secretValue('datadog.apiKey', 'API key', 'api-key'),
  secretValue('datadog.appKey', 'application key', 'app-key'),
  secretValue('clusterAgent.token', 'Cluster Agent token, 32+ characters', 'token'),
  { key: 'datadog.apiKeyExistingSecret', status: 'mapped', to: (v, c, k) => { c.set('credentials', { fromSecret: str(v, k) }, k); c.secret(`api-key in your existing Secret ${str(v, k)}`); return 'credentials: Credentials.fromSecret'; } },
  sameSecret('datadog.appKeyExistingSecret', 'app-key'),
  sameSecret('clusterAgent.tokenExistingSecret', 'token'),
  oneOf('datadog.site', 'site', SITES, { other: host => ({ custom: host }) }),
  s('datadog.clusterName', 'clusterName'),
  l('datadog.tags', 'tags'),
  logLevel('datadog.logLevel', 'logLevel'),
  // The chart names every object after fullnameOverride as given; `name` here is a release name,
  // which gets "-datadog" unless it contains "datadog": a mapping that renamed the objects silently
  // would make a migration create a second installation next to the first.
  convert('fullnameOverride', 'name', (v, k) => {
    const f = str(v, k);
    if (fullname(f) !== f) {
      throw new InputProblem(`${k}: objects named "${f}" cannot be kept: here they are named after name, and a name without "datadog" gets "-datadog" `
        + `("${fullname(f)}"); move the release to a fullnameOverride that contains "datadog" first, or remove it and set name, accepting new object names`);
    }
    return f;
  }),
  // images
  s('registry', 'images.registry'),
  // The chart appends agents.image.tagSuffix to the agent tag ("7.81.1-jmx"); on a Windows release
  // (targetSystem: windows) the suffix picks the Windows image variant.
  convert('agents.image.tag', 'images.agentTag', (v, k, c) => {
    const suffix = linuxTagSuffix(c.values);
    return suffix ? `${str(v, k)}-${suffix}` : str(v, k);
  }),
  {
    key: 'agents.image.tagSuffix',
    status: 'mapped',
    // "full" only carried the DDOT collector: it runs its own image here.
    applies: (values) => !(getPath(values, ['agents', 'image', 'tagSuffix']) === 'full' && getPath(values, ['datadog', 'otelCollector', 'enabled']) === true),
    note: 'the DDOT collector runs its own image here (the standalone ddot-collector, or the agent\'s -full variant with otelCollector.useStandaloneImage: false): the other containers need no -full variant',
    to: (v, c, k) => {
      const suffix = str(v, k);
      if (suffix === '') return 'nothing to set: no suffix';
      if (getPath(c.values, ['targetSystem']) === 'windows') {
        c.set('windowsNodes.imageTagSuffix', suffix, k);
        return 'windowsNodes.imageTagSuffix';
      }
      if (getPath(c.values, ['agents', 'image', 'tag']) !== undefined) return 'images.agentTag (with agents.image.tag)';
      c.set('images.agentTag', `${DEFAULT_AGENT_VERSION}-${suffix}`, k);
      return `images.agentTag: "${DEFAULT_AGENT_VERSION}-${suffix}" (the default agent version with the suffix)`;
    },
  },
  s('agents.image.digest', 'images.agentDigest'),
  s('clusterAgent.image.tag', 'images.clusterAgentTag'),
  s('clusterAgent.image.digest', 'images.clusterAgentDigest'),
  ...CHART_WORKLOADS.map(w => pullSecrets(`${w}.image.pullSecrets`)),
  ...(['tag', 'digest'].map(f => sameAsAgents(`clusterChecksRunner.image.${f}`))),
  notNeeded('agents.image.doNotCheckTag', 'tags are validated at synthesis'),
  notNeeded('clusterAgent.image.doNotCheckTag', 'tags are validated at synthesis'),
  notNeeded('clusterChecksRunner.image.doNotCheckTag', 'tags are validated at synthesis'),
  // kubelet and runtime
  b('datadog.kubelet.tlsVerify', 'kubelet.tlsVerify'),
  s('datadog.kubelet.hostCAPath', 'kubelet.hostCAPath'),
  s('datadog.kubelet.agentCAPath', 'kubelet.agentCAPath'),
  s('datadog.kubelet.podResourcesSocketDir', 'kubelet.podResourcesSocketDir'),
  convert('datadog.criSocketPath', 'containerRuntime', (v, k) => ({ criSocket: str(v, k) })),
  convert('datadog.dockerSocketPath', 'containerRuntime', (v, k) => ({ dockerSocket: str(v, k) })),
  // logs, APM, DogStatsD, OTLP
  b('datadog.logs.enabled', 'logs.enabled'),
  b('datadog.logs.containerCollectAll', 'logs.containerCollectAll'),
  b('datadog.logs.containerCollectUsingFiles', 'logs.containerCollectUsingFiles'),
  b('datadog.logs.autoMultiLineDetection', 'logs.autoMultiLineDetection'),
  // The legacy `datadog.apm.enabled` also opens the hostPort in the chart (`portEnabled or enabled`).
  droppedOnGke({
    key: 'datadog.apm.enabled',
    status: 'mapped',
    to: (v, c, k) => {
      const on = bool(v, k);
      if (on) {
        c.set('apm.enabled', true, k);
        c.set('apm.useHostPort', true, k);
        return 'apm.enabled, apm.useHostPort (the chart opens the hostPort for this legacy key)';
      }
      // The chart runs the trace-agent when any of enabled, portEnabled, socketEnabled (default true) is on.
      if (chartValue(c.values, 'datadog.apm.socketEnabled') !== false || chartValue(c.values, 'datadog.apm.portEnabled') === true) return 'nothing to set: the chart still runs the trace-agent for datadog.apm.socketEnabled / portEnabled';
      c.set('apm.enabled', false, k);
      return 'apm.enabled';
    },
  }, v => v === false, 'trace-agent unless it opens the host port'),
  droppedOnGke({
    key: 'datadog.apm.portEnabled',
    status: 'mapped',
    to: (v, c, k) => {
      c.set('apm.useHostPort', bool(v, k) || getPath(c.values, ['datadog', 'apm', 'enabled']) === true, k);
      // APM is off by default on GDC, where the chart still runs a trace-agent for the host port (refused at synthesis).
      if (bool(v, k) && lookup(c.values, 'providers.gke.gdc') === true) c.set('apm.enabled', true, k);
    },
  },
  v => v === false, 'trace-agent unless it opens the host port'),
  droppedOnGke(b('datadog.apm.socketEnabled', 'apm.socketEnabled'), () => true, 'APM socket', ['autopilot', 'gdc']),
  b('datadog.apm.instrumentation.enabled', 'apm.instrumentation.enabled'),
  l('datadog.apm.instrumentation.enabledNamespaces', 'apm.instrumentation.enabledNamespaces'),
  l('datadog.apm.instrumentation.disabledNamespaces', 'apm.instrumentation.disabledNamespaces'),
  m('datadog.apm.instrumentation.libVersions', 'apm.instrumentation.libVersions'),
  b('datadog.apm.instrumentation.language_detection.enabled', 'apm.instrumentation.languageDetection'),
  convert('datadog.apm.instrumentation.targets', 'apm.instrumentation.targets', (v, k) => list(v, k).map((t, i) => {
    const at = `${k}[${i}]`;
    const x = map(t, at);
    const configs = x.ddTraceConfigs === undefined ? undefined : list(x.ddTraceConfigs, `${at}.ddTraceConfigs`).map((e, j) => {
      const y = map(e, `${at}.ddTraceConfigs[${j}]`);
      return y.valueFrom !== undefined ? { name: y.name, valueFrom: valueFrom(y.valueFrom, `${at}.ddTraceConfigs[${j}].valueFrom`) } : y;
    });
    return { ...x, ...(configs ? { ddTraceConfigs: configs } : {}) };
  })),
  droppedOnGke(b('datadog.apm.useSocketVolume', 'apm.socketEnabled'), () => true, 'APM socket', ['autopilot', 'gdc']),
  n('datadog.apm.port', 'apm.port'),
  n('datadog.dogstatsd.port', 'dogstatsd.port'),
  b('datadog.dogstatsd.nonLocalTraffic', 'dogstatsd.nonLocalTraffic'),
  b('datadog.dogstatsd.useHostPort', 'dogstatsd.useHostPort'),
  droppedOnGke(b('datadog.dogstatsd.useSocketVolume', 'dogstatsd.socketEnabled'), () => true, 'DogStatsD socket'),
  b('datadog.dogstatsd.originDetection', 'dogstatsd.originDetection'),
  l('datadog.dogstatsd.tags', 'dogstatsd.tags'),
  enumOf('datadog.dogstatsd.tagCardinality', 'dogstatsd.tagCardinality', TagCardinality),
  b('datadog.otlp.receiver.protocols.grpc.enabled', 'otlp.grpc.enabled'),
  s('datadog.otlp.receiver.protocols.grpc.endpoint', 'otlp.grpc.endpoint'),
  b('datadog.otlp.receiver.protocols.grpc.useHostPort', 'otlp.grpc.useHostPort'),
  b('datadog.otlp.receiver.protocols.http.enabled', 'otlp.http.enabled'),
  s('datadog.otlp.receiver.protocols.http.endpoint', 'otlp.http.endpoint'),
  b('datadog.otlp.receiver.protocols.http.useHostPort', 'otlp.http.useHostPort'),
  b('datadog.otlp.logs.enabled', 'otlp.logsEnabled'),
  // processes and system-probe features
  b('datadog.processAgent.processCollection', 'processes.processCollection'),
  droppedOnGke(b('datadog.processAgent.containerCollection', 'processes.containerCollection'), v => v === true, 'process checks'),
  droppedOnGke(b('datadog.processAgent.processDiscovery', 'processes.processDiscovery'), v => v === true, 'process checks'),
  b('datadog.processAgent.stripProcessArguments', 'processes.stripArguments'),
  {
    key: 'datadog.processAgent.enabled',
    status: 'mapped',
    to: (v, c, k) => {
      if (bool(v, k)) return 'nothing to set (process-agent runs when a feature needs it)';
      for (const o of ['processCollection', 'containerCollection', 'processDiscovery']) c.set(`processes.${o}`, false, k);
      return 'processes.{processCollection,containerCollection,processDiscovery}: false';
    },
  },
  notNeeded('datadog.processAgent.runInCoreAgent', 'process checks run in the core agent whenever the agent supports it'),
  b('datadog.networkMonitoring.enabled', 'networkMonitoring.enabled'),
  b('datadog.serviceMonitoring.enabled', 'serviceMonitoring.enabled'),
  b('datadog.discovery.enabled', 'serviceDiscovery.enabled'),
  b('datadog.discovery.networkStats.enabled', 'serviceDiscovery.networkStats'),
  b('datadog.systemProbe.enableTCPQueueLength', 'tcpQueueLength.enabled'),
  b('datadog.systemProbe.enableOOMKill', 'oomKill.enabled'),
  n('datadog.systemProbe.debugPort', 'systemProbe.debugPort'),
  b('datadog.systemProbe.enableConntrack', 'systemProbe.enableConntrack'),
  b('datadog.systemProbe.bpfDebug', 'systemProbe.bpfDebug'),
  s('datadog.systemProbe.btfPath', 'systemProbe.btfPath'),
  b('datadog.systemProbe.collectDNSStats', 'systemProbe.collectDnsStats'),
  n('datadog.systemProbe.maxTrackedConnections', 'systemProbe.maxTrackedConnections'),
  n('datadog.systemProbe.conntrackMaxStateSize', 'systemProbe.conntrackMaxStateSize'),
  s('datadog.systemProbe.conntrackInitTimeout', 'systemProbe.conntrackInitTimeout'),
  b('datadog.systemProbe.enableDefaultOsReleasePaths', 'systemProbe.enableDefaultOsReleasePaths'),
  convert('datadog.disableDefaultOsReleasePaths', 'systemProbe.enableDefaultOsReleasePaths', (v, k) => !bool(v, k)),
  n('datadog.systemProbe.maxConnectionStateBuffered', 'systemProbe.maxConnectionStateBuffered'),
  b('datadog.systemProbe.enableDefaultKernelHeadersPaths', 'systemProbe.enableDefaultKernelHeadersPaths'),
  s('datadog.systemProbe.runtimeCompilationAssetDir', 'systemProbe.runtimeCompilationAssetDir'),
  s('datadog.systemProbe.seccompRoot', 'systemProbe.seccompRoot'),
  unsupported('datadog.systemProbe.seccomp', 'system-probe always uses its Localhost seccomp profile, the chart\'s default (difference system-probe-seccomp-localhost)'),
  unsupported('datadog.systemProbe.apparmor', 'system-probe always runs unconfined by AppArmor (README, system-probe differences)'),
  b('datadog.securityAgent.runtime.enabled', 'security.runtime.enabled'),
  b('datadog.securityAgent.compliance.enabled', 'security.compliance.enabled'),
  // cluster features
  b('datadog.clusterChecks.enabled', 'clusterChecks.enabled'),
  confd('datadog.confd', false),
  confd('clusterAgent.confd', true),
  advancedConfd('clusterAgent.advancedConfd'),
  {
    key: 'datadog.checksd',
    status: 'mapped',
    to: (v, c, k) => {
      const empty: string[] = [];
      for (const [file, source] of Object.entries(map(v, k))) {
        if (!file.endsWith('.py')) throw new InputProblem(`${k}.${file}: a custom check file name ends with .py`);
        const text = source === null ? '' : str(source, `${k}.${file}`);
        if (!text.trim()) { empty.push(file); continue; }
        c.set('customChecks', [...((getPath(c.props(), ['customChecks']) as unknown[] | undefined) ?? []), { name: file.slice(0, -3), source: text }], k);
      }
      return `customChecks${empty.length ? ` (empty, left out: ${empty.join(', ')})` : ''}`;
    },
  },
  b('datadog.kubeStateMetricsCore.enabled', 'kubeStateMetricsCore.enabled'),
  b('datadog.kubeStateMetricsCore.collectSecretMetrics', 'kubeStateMetricsCore.collectSecretMetrics'),
  b('datadog.kubeStateMetricsCore.collectConfigMaps', 'kubeStateMetricsCore.collectConfigMaps'),
  b('datadog.kubeStateMetricsCore.collectVpaMetrics', 'kubeStateMetricsCore.collectVpaMetrics'),
  b('datadog.kubeStateMetricsCore.collectApiServicesMetrics', 'kubeStateMetricsCore.collectApiServicesMetrics'),
  b('datadog.kubeStateMetricsCore.collectCrdMetrics', 'kubeStateMetricsCore.collectCrdMetrics'),
  b('datadog.kubeStateMetricsCore.useClusterCheckRunners', 'kubeStateMetricsCore.useClusterChecksRunners'),
  m('datadog.kubeStateMetricsCore.labelsAsTags', 'kubeStateMetricsCore.labelsAsTags'),
  m('datadog.kubeStateMetricsCore.annotationsAsTags', 'kubeStateMetricsCore.annotationsAsTags'),
  l('datadog.kubeStateMetricsCore.tags', 'kubeStateMetricsCore.tags'),
  l('datadog.kubeStateMetricsCore.namespaces', 'kubeStateMetricsCore.namespaces'),
  always('datadog.kubeStateMetricsEnabled', false, 'the legacy kube-state-metrics subchart is never deployed here', 'true deploys the legacy kube-state-metrics subchart, which is not supported; use datadog.kubeStateMetricsCore'),
  b('datadog.collectEvents', 'eventCollection.enabled'),
  {
    key: 'datadog.kubernetesEvents.unbundleEvents',
    status: 'mapped',
    to: (v, c, k) => {
      const on = bool(v, k);
      c.set('eventCollection.unbundleEvents', on, k);
      if (!on || getPath(c.values, ['datadog', 'kubernetesEvents', 'collectedEventTypes']) !== undefined) return 'eventCollection.unbundleEvents';
      // The chart writes its default list into the check's configuration: so does the import.
      c.set('eventCollection.collectedEventTypes', KEYS['datadog.kubernetesEvents.collectedEventTypes'], k);
      return 'eventCollection.unbundleEvents, eventCollection.collectedEventTypes (the chart\'s default list)';
    },
  },
  l('datadog.kubernetesEvents.collectedEventTypes', 'eventCollection.collectedEventTypes'),
  n('datadog.kubernetesEvents.maxEventsPerRun', 'eventCollection.maxEventsPerRun'),
  b('datadog.kubernetesEvents.filteringEnabled', 'eventCollection.filteringEnabled'),
  b('datadog.orchestratorExplorer.enabled', 'orchestratorExplorer.enabled'),
  b('datadog.orchestratorExplorer.container_scrubbing.enabled', 'orchestratorExplorer.containerScrubbing'),
  l('datadog.orchestratorExplorer.customResources', 'orchestratorExplorer.customResources'),
  b('datadog.prometheusScrape.enabled', 'prometheusScrape.enabled'),
  b('datadog.prometheusScrape.serviceEndpoints', 'prometheusScrape.serviceEndpoints'),
  n('datadog.prometheusScrape.version', 'prometheusScrape.version'),
  convert('datadog.prometheusScrape.additionalConfigs', 'prometheusScrape.additionalConfigs', (v, k) => list(v, k).map((e, i) => scrapeConfig(e, `${k}[${i}]`))),
  droppedOnGke(b('remoteConfiguration.enabled', 'remoteConfiguration.enabled'), v => v === true, 'remote configuration'),
  droppedOnGke(b('datadog.remoteConfiguration.enabled', 'remoteConfiguration.enabled'), v => v === true, 'remote configuration'),
  b('datadog.containerLifecycle.enabled', 'containerLifecycle'),
  b('datadog.containerImageCollection.enabled', 'containerImageCollection'),
  b('datadog.sbom.containerImage.enabled', 'sbom.containerImage.enabled'),
  b('datadog.sbom.containerImage.uncompressedLayersSupport', 'sbom.containerImage.uncompressedLayersSupport'),
  b('datadog.sbom.containerImage.overlayFSDirectScan', 'sbom.containerImage.overlayFSDirectScan'),
  words('datadog.sbom.containerImage.containerInclude', 'sbom.containerImage.containerInclude'),
  words('datadog.sbom.containerImage.containerExclude', 'sbom.containerImage.containerExclude'),
  l('datadog.sbom.containerImage.analyzers', 'sbom.containerImage.analyzers'),
  b('datadog.sbom.host.enabled', 'sbom.host.enabled'),
  l('datadog.sbom.host.analyzers', 'sbom.host.analyzers'),
  enumOf('datadog.checksCardinality', 'checksCardinality', TagCardinality),
  // filters and tags
  ...(['containerInclude', 'containerExclude', 'containerIncludeMetrics', 'containerExcludeMetrics', 'containerIncludeLogs', 'containerExcludeLogs']
    .map(k => words(`datadog.${k}`, k))),
  ...AS_TAGS.map(k => m(`datadog.${k}`, k)),
  envList('datadog.env', 'nodeAgent'),
  // secrets backend
  { key: 'datadog.secretBackend.command', status: 'mapped', to: (v, c, k) => { c.set('secretBackend.enabled', true, k); c.set('secretBackend.command', str(v, k), k); } },
  s('datadog.secretBackend.arguments', 'secretBackend.arguments'),
  n('datadog.secretBackend.timeout', 'secretBackend.timeoutSeconds'),
  n('datadog.secretBackend.refreshInterval', 'secretBackend.refreshIntervalSeconds'),
  convert('datadog.secretBackend.roles', 'secretBackend.readableSecrets', (v, k) => list(v, k).map((e, i) => ({
    namespace: str(map(e, `${k}[${i}]`).namespace, `${k}[${i}].namespace`),
    names: list((e as Values).secrets, `${k}[${i}].secrets`).map((x, j) => str(x, `${k}[${i}].secrets[${j}]`)),
  }))),
  {
    key: 'datadog.secretBackend.enableGlobalPermissions',
    status: 'not-supported',
    applies: (values) => getPath(values, ['datadog', 'secretBackend', 'enableGlobalPermissions']) === true
      && getPath(values, ['datadog', 'secretBackend', 'command']) !== undefined,
    note: 'nothing is granted on every Secret of the cluster here (difference secret-backend-rbac): list the Secrets the agents read in datadog.secretBackend.roles (secretBackend.readableSecrets); without a command the chart grants nothing either',
  },
  // node agents
  ...workloadRules('agents', 'nodeAgent'),
  notNeeded('agents.podSecurity.podSecurityPolicy.create', 'PodSecurityPolicy was removed in Kubernetes 1.25; the chart renders none there either'),
  notNeeded('clusterAgent.podSecurity.podSecurityPolicy.create', 'PodSecurityPolicy was removed in Kubernetes 1.25; the chart renders none there either'),
  notNeeded('datadog.secretAnnotations', 'no Secret is created from the values: annotate the Secret you create (credentials)'),
  convert('datadog.expvarPort', 'nodeAgent.containers.agent.env.DD_EXPVAR_PORT', (v, k) => String(num(v, k))),
  convert('datadog.clusterTagger.collectKubernetesTags', 'clusterAgent.env.DD_CLUSTER_AGENT_COLLECT_KUBERNETES_TAGS', (v, k) => String(bool(v, k))),
  b('agents.useHostNetwork', 'nodeAgent.hostNetwork'),
  {
    key: 'agents.lifecycle',
    status: 'mapped',
    to: (v, c, k) => {
      if (v === null || !Object.keys(map(v, k)).length) return 'nothing to set (no hooks)';
      c.set('nodeAgent.lifecycle', v, k);
      return 'nodeAgent.lifecycle';
    },
  },
  {
    key: 'agents.terminationGracePeriodSeconds',
    status: 'mapped',
    to: (v, c, k) => {
      // The chart renders the field only when it is not 0, on the agents' DaemonSet and on the Cluster Agent's Deployment.
      if (v === null) return 'not set';
      const seconds = num(v, k);
      if (seconds === 0) return 'nothing to set: the chart renders no grace period for 0 (Kubernetes\' default, 30 s, applies)';
      c.set('nodeAgent.terminationGracePeriodSeconds', seconds, k);
      const dca = getPath(c.values, ['clusterAgent', 'enabled']) !== false && getPath(c.values, ['existingClusterAgent', 'join']) !== true;
      if (!dca) return 'nodeAgent.terminationGracePeriodSeconds';
      c.set('clusterAgent.terminationGracePeriodSeconds', seconds, k);
      return 'nodeAgent.terminationGracePeriodSeconds, clusterAgent.terminationGracePeriodSeconds (the chart gives the Cluster Agent the same)';
    },
  },
  {
    key: 'agents.containers.agent.command',
    status: 'mapped',
    to: (v, c, k) => {
      const command = v === null ? [] : list(v, k).map((x, i) => str(x, `${k}[${i}]`));
      if (!command.length) return 'nothing to set (the agent runs `agent run`)';
      c.set('nodeAgent.containers.agent.command', command, k);
      return 'nodeAgent.containers.agent.command';
    },
  },
  ...(CHART_WORKLOADS.flatMap(w => {
    const component = w === 'agents' ? 'nodeAgent' : w;
    return [
      convert(`${w}.volumes`, `${component}.volumes`, (v, k) => list(v, k).map((x, i) => extraVolume(x, `${k}[${i}]`))),
      volumeMounts(`${w}.volumeMounts`, `${component}.volumeMounts`),
    ];
  })),
  resources('agents.containers.agent.resources', 'nodeAgent.resources'),
  ...NODE_CONTAINER_RESOURCES.map(c => resources(`agents.containers.${c}.resources`, `nodeAgent.containerResources.${c}`)),
  ...NODE_CONTAINERS.flatMap(c => [
    envList(`agents.containers.${c}.env`, `nodeAgent.containers.${c}`),
    envDict(`agents.containers.${c}.envDict`, `nodeAgent.containers.${c}`),
    logLevel(`agents.containers.${c}.logLevel`, `nodeAgent.containers.${c}.logLevel`),
    l(`agents.containers.${c}.ports`, `nodeAgent.containers.${c}.ports`),
  ].map(r => (c === 'processAgent' ? processAgentOnly(r) : c === 'securityAgent' ? securityAgentOnly(r) : r))),
  ...NODE_CONTAINERS.map(c => volumeMounts(`agents.containers.${c}.volumeMounts`, `nodeAgent.containers.${c}.volumeMounts`)),
  always('agents.enabled', true, 'node agents are always deployed', 'false (no node agents) is not supported'),
  {
    key: 'agents.useConfigMap',
    status: 'mapped',
    to: (v, c, k) => {
      if (!bool(v, k)) return 'nothing to set (no datadog.yaml ConfigMap)';
      const custom = getPath(c.values, ['agents', 'customAgentConfig']);
      if (!isMap(custom) || !Object.keys(custom).length) return 'nothing to set (no agents.customAgentConfig: the chart mounts an empty datadog.yaml)';
      c.set('rawConfig.nodeAgent', custom, k);
      return 'rawConfig.nodeAgent (with agents.customAgentConfig)';
    },
  },
  {
    key: 'agents.customAgentConfig',
    status: 'mapped',
    to: (v, c, k) => {
      map(v, k);
      if (getPath(c.values, ['agents', 'useConfigMap']) !== true) return 'nothing to set: the chart reads it only with agents.useConfigMap: true';
      return 'rawConfig.nodeAgent';
    },
  },
  b('agents.priorityClassCreate', 'priorityClass.create'),
  n('agents.priorityClassValue', 'priorityClass.value'),
  oneOf('agents.priorityPreemptionPolicyValue', 'priorityClass.preemptLowerPriority', { PreemptLowerPriority: true, Never: false }),
  // Cluster Agent
  b('clusterAgent.enabled', 'clusterAgent.enabled'),
  n('clusterAgent.replicas', 'clusterAgent.replicas'),
  resources('clusterAgent.resources', 'clusterAgent.resources'),
  envList('clusterAgent.env', 'clusterAgent'),
  envDict('clusterAgent.envDict', 'clusterAgent'),
  logLevel('clusterAgent.logLevel', 'clusterAgent.logLevel'),
  ...workloadRules('clusterAgent', 'clusterAgent'),
  b('clusterAgent.metricsProvider.enabled', 'clusterAgent.externalMetrics.enabled'),
  b('clusterAgent.metricsProvider.useDatadogMetrics', 'clusterAgent.externalMetrics.useDatadogMetrics'),
  n('clusterAgent.metricsProvider.service.port', 'clusterAgent.externalMetrics.port'),
  b('clusterAgent.admissionController.enabled', 'clusterAgent.admissionController.enabled'),
  b('clusterAgent.admissionController.mutateUnlabelled', 'clusterAgent.admissionController.mutateUnlabelled'),
  s('clusterAgent.admissionController.configMode', 'clusterAgent.admissionController.configMode'),
  s('clusterAgent.admissionController.failurePolicy', 'clusterAgent.admissionController.failurePolicy'),
  s('clusterAgent.admissionController.webhookName', 'clusterAgent.admissionController.webhookName'),
  n('clusterAgent.admissionController.port', 'clusterAgent.admissionController.port'),
  b('clusterAgent.metricsProvider.wpaController', 'clusterAgent.externalMetrics.wpaController'),
  b('clusterAgent.admissionController.remoteInstrumentation.enabled', 'clusterAgent.admissionController.remoteInstrumentation'),
  b('clusterAgent.admissionController.cwsInstrumentation.enabled', 'clusterAgent.admissionController.cwsInstrumentation.enabled'),
  enumOf('clusterAgent.admissionController.cwsInstrumentation.mode', 'clusterAgent.admissionController.cwsInstrumentation.mode', CwsInstrumentationMode),
  m('clusterAgent.datadog_cluster_yaml', 'rawConfig.clusterAgent'),
  dcaPdb('clusterAgent.pdb.create'),
  dcaPdb('clusterAgent.createPodDisruptionBudget'),
  notNeeded('clusterChecksRunner.rbac.dedicated', 'the runners always have their own ServiceAccount and a least-privilege ClusterRole (difference runner-rbac)'),
  notNeeded('clusterChecksRunner.pdb.create', 'the runners always have a PDB (maxUnavailable: 1), the chart\'s'),
  notNeeded('clusterChecksRunner.createPodDisruptionBudget', 'the runners always have a PDB (maxUnavailable: 1), the chart\'s'),
  {
    key: 'existingClusterAgent.join',
    status: 'mapped',
    to: (v, c, k) => {
      if (!bool(v, k)) return 'nothing to set';
      const e = isMap(c.values.existingClusterAgent) ? c.values.existingClusterAgent as Values : {};
      const existing: Values = {};
      if (e.serviceName !== undefined) existing.serviceName = str(e.serviceName, 'existingClusterAgent.serviceName');
      if (e.tokenSecretName !== undefined) existing.tokenSecretName = str(e.tokenSecretName, 'existingClusterAgent.tokenSecretName');
      c.set('clusterAgent.existing', existing, k);
      return 'clusterAgent.existing';
    },
  },
  notNeeded('existingClusterAgent.serviceName', 'read with existingClusterAgent.join'),
  notNeeded('existingClusterAgent.tokenSecretName', 'read with existingClusterAgent.join'),
  b('datadog.helmCheck.enabled', 'helmCheck.enabled'),
  b('datadog.helmCheck.collectEvents', 'helmCheck.collectEvents'),
  m('datadog.helmCheck.valuesAsTags', 'helmCheck.valuesAsTags'),
  // AppSec proxy injector (appsecInjector.*): every key but the switch and rbac.create is read only while it is on.
  b('datadog.appsec.injector.enabled', 'appsecInjector.enabled'),
  appsecKey(b('datadog.appsec.injector.autoDetect', 'appsecInjector.autoDetect')),
  appsecKey(oneOf('datadog.appsec.injector.mode', 'appsecInjector.mode', APPSEC_MODES)),
  appsecKey(convert('datadog.appsec.injector.proxies', 'appsecInjector.proxies', (v, k) => list(v, k).map((p, i) => {
    const name = str(p, `${k}[${i}]`);
    if (!Object.prototype.hasOwnProperty.call(APPSEC_PROXIES, name)) {
      throw new InputProblem(`${k}[${i}]: must be one of ${Object.keys(APPSEC_PROXIES).join(', ')}, got ${JSON.stringify(p)}`);
    }
    return APPSEC_PROXIES[name];
  }))),
  {
    key: 'datadog.appsec.injector.rbac.create',
    status: 'mapped',
    to: (v, c, k) => {
      if (bool(v, k)) return 'the chart\'s default: the rules are granted while the injector is enabled here (appsec-injector-rbac; AppsecInjectorRbac.ALWAYS grants them always, as the chart)';
      c.set('appsecInjector.rbac', 'NONE', k);
      return 'appsecInjector.rbac: NONE';
    },
  },
  appsecKey(s('datadog.appsec.injector.sidecar.image', 'appsecInjector.sidecar.image')),
  appsecKey(s('datadog.appsec.injector.sidecar.imageTag', 'appsecInjector.sidecar.imageTag')),
  appsecKey(n('datadog.appsec.injector.sidecar.port', 'appsecInjector.sidecar.port')),
  appsecKey(n('datadog.appsec.injector.sidecar.healthPort', 'appsecInjector.sidecar.healthPort')),
  appsecKey(convert('datadog.appsec.injector.sidecar.bodyParsingSizeLimit', 'appsecInjector.sidecar.bodyParsingSizeLimit', (v, k) => {
    if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) return Number(v);
    return num(v, k);
  })),
  appsecKey(s('datadog.appsec.injector.sidecar.resources.requests.cpu', 'appsecInjector.sidecar.cpuRequest')),
  appsecKey(s('datadog.appsec.injector.sidecar.resources.requests.memory', 'appsecInjector.sidecar.memoryRequest')),
  appsecKey(s('datadog.appsec.injector.sidecar.resources.limits.cpu', 'appsecInjector.sidecar.cpuLimit')),
  appsecKey(s('datadog.appsec.injector.sidecar.resources.limits.memory', 'appsecInjector.sidecar.memoryLimit')),
  appsecKey(s('datadog.appsec.injector.processor.address', 'appsecInjector.processor.address')),
  appsecKey(n('datadog.appsec.injector.processor.port', 'appsecInjector.processor.port')),
  appsecKey(s('datadog.appsec.injector.processor.service.name', 'appsecInjector.processor.serviceName')),
  appsecKey(s('datadog.appsec.injector.processor.service.namespace', 'appsecInjector.processor.serviceNamespace')),
  appsecKey(s('datadog.appsec.injector.nginx.moduleMountPath', 'appsecInjector.nginxModuleMountPath')),
  b('datadog.kubernetesActions.enabled', 'kubernetesActions.enabled'),
  // Cluster Checks Runners
  b('clusterChecksRunner.enabled', 'clusterChecksRunner.enabled'),
  n('clusterChecksRunner.replicas', 'clusterChecksRunner.replicas'),
  resources('clusterChecksRunner.resources', 'clusterChecksRunner.resources'),
  envList('clusterChecksRunner.env', 'clusterChecksRunner'),
  envDict('clusterChecksRunner.envDict', 'clusterChecksRunner'),
  logLevel('clusterChecksRunner.logLevel', 'clusterChecksRunner.logLevel'),
  ...workloadRules('clusterChecksRunner', 'clusterChecksRunner'),
  // not supported (README "Not supported", issue #10)
  b('datadog.autoscaling.workload.enabled', 'autoscaling.workload.enabled'),
  b('datadog.autoscaling.workload.inPlaceVerticalScaling.enabled', 'autoscaling.workload.inPlaceVerticalScaling'),
  unsupported('datadog.autoscaling.cluster', 'Datadog cluster autoscaling (Karpenter) is not supported'),
  b('datadog.otelCollector.enabled', 'otelCollector.enabled'),
  convert('datadog.otelCollector.ports', 'otelCollector.ports', otelPorts),
  { key: 'datadog.otelCollector.config', status: 'mapped', to: otelConfig },
  s('datadog.otelCollector.configMap.name', 'otelCollector.configMap.name'),
  {
    key: 'datadog.otelCollector.configMap.key',
    status: 'mapped',
    to: (v, c, k) => otelConfigMapPart(c, k, () => {
      if (otelConfigMapItems(c)) return 'not needed: datadog.otelCollector.configMap.items names the files';
      c.set('otelCollector.configMap.key', str(v, k), k);
      return undefined;
    }),
  },
  {
    key: 'datadog.otelCollector.configMap.items',
    status: 'mapped',
    to: (v, c, k) => otelConfigMapPart(c, k, () => {
      if (v === null) return undefined;
      c.set('otelCollector.configMap.items', list(v, k).map((it, i) => {
        const item = map(it, `${k}[${i}]`);
        return { key: str(item.key, `${k}[${i}].key`), path: str(item.path, `${k}[${i}].path`) };
      }), k);
      return undefined;
    }),
  },
  { key: 'datadog.otelCollector.featureGates', status: 'mapped', to: (v, c, k) => { if (v !== null) c.set('otelCollector.featureGates', str(v, k).split(',').map(x => x.trim()).filter(x => x), k); } },
  b('datadog.otelCollector.useStandaloneImage', 'otelCollector.useStandaloneImage'),
  b('datadog.otelCollector.rbac.create', 'otelCollector.rbac.create'),
  l('datadog.otelCollector.rbac.rules', 'otelCollector.rbac.rules'),
  b('datadog.otelCollector.logs.enabled', 'otelCollector.logsEnabled'),
  ...otelGatewayRules(),
  b('datadog.gpuMonitoring.enabled', 'gpuMonitoring.enabled'),
  unlessDefault(b('datadog.gpuMonitoring.privilegedMode', 'gpuMonitoring.privilegedMode')),
  unlessDefault(b('datadog.gpuMonitoring.configureCgroupPerms', 'gpuMonitoring.configureCgroupPerms')),
  unlessDefault(b('datadog.gpuMonitoring.enableEbpfProbes', 'gpuMonitoring.enableEbpfProbes')),
  unlessDefault(s('datadog.gpuMonitoring.runtimeClassName', 'gpuMonitoring.runtimeClassName')),
  b('datadog.traceroute.enabled', 'networkPath.enabled'),
  unlessDefault(b('datadog.networkPath.connectionsMonitoring.enabled', 'networkPath.connectionsMonitoring')),
  unlessDefault(n('datadog.networkPath.collector.workers', 'networkPath.collector.workers')),
  unlessDefault(duration('datadog.networkPath.collector.pathtestTTL', 'networkPath.collector.pathtestTtl')),
  unlessDefault(duration('datadog.networkPath.collector.pathtestInterval', 'networkPath.collector.pathtestInterval')),
  unlessDefault(n('datadog.networkPath.collector.pathtestContextsLimit', 'networkPath.collector.pathtestContextsLimit')),
  unlessDefault(n('datadog.networkPath.collector.pathtestMaxPerMinute', 'networkPath.collector.pathtestMaxPerMinute')),
  unsupported('fips', 'the FIPS proxy is not supported'),
  netpolCreate('datadog.networkPolicy.create'),
  netpolCreate('agents.networkPolicy.create', 'node agents'),
  netpolCreate('clusterAgent.networkPolicy.create', 'Cluster Agent'),
  netpolCreate('clusterChecksRunner.networkPolicy.create', 'Cluster Checks Runners'),
  oneOf('datadog.networkPolicy.flavor', 'networkPolicy.flavor', FLAVORS, {
    unless: c => (netpolOn(c.values) ? undefined : 'nothing: no network policy is created'),
  }),
  {
    key: 'datadog.networkPolicy.cilium.dnsSelector',
    status: 'mapped',
    to: (v, c, k) => {
      // Only the chart's own form: toEndpoints with one matchLabels selector.
      const x = map(v, k);
      const eps = x.toEndpoints === undefined ? undefined : list(x.toEndpoints, `${k}.toEndpoints`);
      const only = eps?.length === 1 && isMap(eps[0]) && Object.keys(eps[0]).length === 1 ? eps[0].matchLabels : undefined;
      if (Object.keys(x).length !== 1 || !isMap(only)) {
        throw new InputProblem(`${k}: only a selector of the form {toEndpoints: [{matchLabels: {...}}]} can be imported (networkPolicy.cilium.dnsEndpointLabels)`);
      }
      if (!netpolOn(c.values) || netpolFlavor(c.values) !== 'cilium') return 'nothing: no CiliumNetworkPolicy is created';
      c.set('networkPolicy.cilium.dnsEndpointLabels', only, k);
      return 'networkPolicy.cilium.dnsEndpointLabels';
    },
  },
  provider('providers.gke.autopilot', 'GKE_AUTOPILOT'),
  provider('providers.aks.enabled', 'AKS'),
  provider('providers.talos.enabled', 'TALOS'),
  platformFlag('providers.eks.controlPlaneMonitoring', 'EKS', 'eks.controlPlaneMonitoring'),
  platformFlag('providers.eks.ec2.useHostnameFromFile', 'EKS', 'eks.hostnameFromFile'),
  provider('providers.gke.cos', 'GKE_COS', 'providers.gke.autopilot'),
  provider('providers.flatcar.enabled', 'FLATCAR'),
  provider('providers.gke.gdc', 'GKE_GDC'),
  platformFlag('providers.openshift.controlPlaneMonitoring', 'OPENSHIFT', 'openshift.controlPlaneMonitoring'),
  ...(['agents', 'clusterAgent'].map(w => ({
    key: `${w}.podSecurity.securityContextConstraints.create`,
    status: 'mapped',
    to: (v: unknown, c: Ctx, k: string) => {
      if (!bool(v, k)) return 'nothing to set';
      c.set('platform', 'OPENSHIFT' satisfies Platform, k);
      return 'platform: OPENSHIFT (the node agent gets the narrowest SCC that admits it; the other pods run under restricted-v2)';
    },
  } as Rule))),
  envDict('datadog.envDict', 'nodeAgent'),
  notNeeded('datadog.operator', 'the Datadog Operator subchart is never deployed here'),
  oneOf('targetSystem', 'windowsNodes.enabled', { linux: undefined, windows: true }, {
    notes: {
      linux: 'Linux nodes: the default',
      windows: 'windowsNodes.enabled: one installation renders both DaemonSets (the Linux one and F-windows); agents.* placement keys went to nodeAgent, move those meant for Windows nodes to windowsNodes',
    },
  }),
];

/** A Kubernetes volume of the chart's values to the `ExtraVolume` factory form of `propsFromJson`. */
function extraVolume(x: unknown, k: string): Values {
  const v = map(x, k);
  const name = str(v.name, `${k}.name`);
  const sources = Object.keys(v).filter(f => f !== 'name');
  if (sources.length !== 1) throw new InputProblem(`${k}: a volume needs exactly one source, got ${sources.join(', ') || 'none'}`);
  const src = map(v[sources[0]] ?? {}, `${k}.${sources[0]}`);
  const config = (extra: Values) => {
    const o: Values = {};
    if (src.optional !== undefined) o.optional = bool(src.optional, `${k}.${sources[0]}.optional`);
    if (src.defaultMode !== undefined) o.defaultMode = num(src.defaultMode, `${k}.${sources[0]}.defaultMode`);
    if (src.items !== undefined) {
      o.items = list(src.items, `${k}.${sources[0]}.items`).map((it, i) => {
        const item = map(it, `${k}.${sources[0]}.items[${i}]`);
        return { key: str(item.key, `${k}.${sources[0]}.items[${i}].key`), path: str(item.path, `${k}.${sources[0]}.items[${i}].path`) };
      });
    }
    return { ...extra, ...o };
  };
  switch (sources[0]) {
    case 'hostPath':
      return { hostPath: [name, str(src.path, `${k}.hostPath.path`), ...(src.type ? [str(src.type, `${k}.hostPath.type`)] : [])] };
    case 'configMap':
      return { configMap: [name, str(src.name, `${k}.configMap.name`), config({})] };
    case 'secret':
      return { secret: [name, str(src.secretName, `${k}.secret.secretName`), config({})] };
    case 'emptyDir':
      return { emptyDir: [name, { ...(src.medium === 'Memory' ? { memory: true } : {}), ...(src.sizeLimit !== undefined ? { sizeLimit: str(src.sizeLimit, `${k}.emptyDir.sizeLimit`) } : {}) }] };
    default:
      throw new InputProblem(`${k}: ${sources[0]} volumes are not supported (hostPath, configMap, secret, emptyDir are)`);
  }
}

/** The chart's volumeMounts (Kubernetes form, read-write unless `readOnly`) to `ExtraVolumeMount`s (read-only by default). */
function volumeMounts(key: string, option: string): Rule {
  return convert(key, option, (v, k) => list(v, k).map((x, i) => {
    const mount = map(x, `${k}[${i}]`);
    const at = (f: string) => `${k}[${i}].${f}`;
    if (mount.mountPropagation !== undefined && mount.mountPropagation !== 'None') throw new InputProblem(`${at('mountPropagation')}: ${JSON.stringify(mount.mountPropagation)} is not supported (mounts do not propagate here)`);
    return {
      volume: str(mount.name, at('name')),
      mountPath: str(mount.mountPath, at('mountPath')),
      readOnly: mount.readOnly === undefined ? false : bool(mount.readOnly, at('readOnly')),
      ...(mount.subPath !== undefined ? { subPath: str(mount.subPath, at('subPath')) } : {}),
    };
  }));
}

/** The chart's `datadog.otelCollector.configMap` values. */
function otelConfigMapValues(c: Ctx): Values {
  const dd = isMap(c.values.datadog) ? c.values.datadog as Values : {};
  const oc = isMap(dd.otelCollector) ? dd.otelCollector as Values : {};
  return isMap(oc.configMap) ? oc.configMap as Values : {};
}
function otelConfigMapItems(c: Ctx): boolean {
  const items = otelConfigMapValues(c).items;
  return Array.isArray(items) && items.length > 0;
}
/** `configMap.key`/`items` matter only with `configMap.name` (the chart ignores them otherwise). */
function otelConfigMapPart(c: Ctx, k: string, apply: () => string | void): string | void {
  const name = otelConfigMapValues(c).name;
  if (name === undefined || name === null) return `not needed: ${k} is read only with datadog.otelCollector.configMap.name`;
  return apply();
}

/** The `otelAgentGateway.*` rules (the DDOT gateway, src/features/otel-agent-gateway.ts). */
function otelGatewayRules(): Rule[] {
  const G = 'otelAgentGateway';
  const gateway = (c: Ctx): Values => (isMap(c.values.otelAgentGateway) ? c.values.otelAgentGateway as Values : {});
  const configMap = (c: Ctx): Values => (isMap(gateway(c).configMap) ? gateway(c).configMap as Values : {});
  /** `configMap.key`/`items`/`checksum` matter only with `configMap.name`. */
  const withConfigMap = (c: Ctx, k: string, apply: () => string | void): string | void => {
    const name = configMap(c).name;
    if (name === undefined || name === null) return `not needed: ${k} is read only with ${G}.configMap.name`;
    return apply();
  };
  const hasItems = (c: Ctx) => Array.isArray(configMap(c).items) && (configMap(c).items as unknown[]).length > 0;
  const probe = (kind: 'liveness' | 'readiness'): Rule => ({
    key: `${G}.containers.otelAgent.${kind}Probe`,
    status: 'mapped',
    to: (v, c, k) => {
      const { enabled, ...settings } = map(v, k);
      if (!(enabled === undefined ? false : bool(enabled, `${k}.enabled`))) return `not needed: ${k}.enabled is false (no probe, as here by default)`;
      const out: Values = {};
      for (const [f, x] of Object.entries(settings)) out[f] = num(x, `${k}.${f}`);
      c.set(`${G}.${kind}Probe`, out, k);
      return undefined;
    },
  });
  const nullable = (r: Rule): Rule => ({ ...r, to: (v, c, k) => (v === null ? 'not set' : typeof r.to === 'function' ? r.to(v, c, k) : undefined) });
  return [
    b(`${G}.enabled`, `${G}.enabled`),
    convert(`${G}.ports`, `${G}.ports`, otelPorts),
    { key: `${G}.config`, status: 'mapped', to: (v, c, k) => otelConfig(v, retarget(c, G), k)?.replace(/^otelCollector\./, `${G}.`) },
    s(`${G}.configMap.name`, `${G}.configMap.name`),
    {
      key: `${G}.configMap.key`,
      status: 'mapped',
      to: (v, c, k) => withConfigMap(c, k, () => {
        if (hasItems(c)) return `not needed: ${G}.configMap.items names the files`;
        c.set(`${G}.configMap.key`, str(v, k), k);
        return undefined;
      }),
    },
    {
      key: `${G}.configMap.items`,
      status: 'mapped',
      to: (v, c, k) => withConfigMap(c, k, () => {
        if (v === null || (Array.isArray(v) && v.length === 0)) return 'not set';
        c.set(`${G}.configMap.items`, list(v, k).map((it, i) => {
          const item = map(it, `${k}[${i}]`);
          return { key: str(item.key, `${k}[${i}].key`), path: str(item.path, `${k}[${i}].path`) };
        }), k);
        return undefined;
      }),
    },
    {
      key: `${G}.configMap.checksum`,
      status: 'mapped',
      to: (v, c, k) => withConfigMap(c, k, () => {
        if (v === null) return 'not set';
        c.set(`${G}.podAnnotations.checksum/otel-gateway-config`, str(v, k), k);
        return `${G}.podAnnotations["checksum/otel-gateway-config"]`;
      }),
    },
    nullable({ key: `${G}.featureGates`, status: 'mapped', to: (v, c, k) => { c.set(`${G}.featureGates`, str(v, k).split(',').map(x => x.trim()).filter(x => x), k); } }),
    {
      ...n(`${G}.replicas`, `${G}.replicas`),
      applies: (values) => getPath(values, [G, 'autoscaling', 'enabled']) !== true,
      note: `not needed: with ${G}.autoscaling.enabled the HPA decides the count (the Deployment has no replicas here)`,
    },
    n(`${G}.revisionHistoryLimit`, `${G}.revisionHistoryLimit`),
    m(`${G}.deploymentAnnotations`, `${G}.annotations`),
    {
      key: `${G}.podAnnotations`,
      status: 'mapped',
      to: (v, c, k) => {
        for (const [name, x] of Object.entries(templated(map(v, k), c.values, k))) c.set(`${G}.podAnnotations.${name}`, x, k);
        return `${G}.podAnnotations`;
      },
    },
    l(`${G}.tolerations`, `${G}.tolerations`),
    m(`${G}.nodeSelector`, `${G}.nodeSelector`),
    m(`${G}.affinity`, `${G}.affinity`),
    l(`${G}.topologySpreadConstraints`, `${G}.topologySpreadConstraints`),
    nullable(s(`${G}.priorityClassName`, `${G}.priorityClassName`)),
    m(`${G}.podLabels`, `${G}.podLabels`),
    m(`${G}.additionalLabels`, `${G}.labels`),
    m(`${G}.lifecycle`, `${G}.lifecycle`),
    nullable(n(`${G}.terminationGracePeriodSeconds`, `${G}.terminationGracePeriodSeconds`)),
    { key: `${G}.volumes`, status: 'mapped', to: (v, c, k) => { c.set(`${G}.volumes`, list(v, k).map((x, i) => extraVolume(x, `${k}[${i}]`)), k); } },
    volumeMounts(`${G}.volumeMounts`, `${G}.volumeMounts`),
    {
      key: `${G}.strategy`,
      status: 'not-supported',
      applies: (values) => !isSurgeOnlyStrategy(getPath(values, [G, 'strategy'])),
      note: 'surge-only rolling updates (maxSurge 1, maxUnavailable 0), the chart\'s default',
    },
    unsupported(`${G}.useHostNetwork`, 'the gateway runs on the pod network behind its Service'),
    unsupported(`${G}.dnsConfig`, 'no DNS settings for the gateway pods: add them with a JSON patch of the Deployment'),
    unsupported(`${G}.shareProcessNamespace`, 'the gateway pod has one long-running container'),
    unsupported(`${G}.priorityClassCreate`, 'create the PriorityClass yourself and name it in otelAgentGateway.priorityClassName'),
    notNeeded(`${G}.priorityClassValue`, 'read only with otelAgentGateway.priorityClassCreate'),
    notNeeded(`${G}.priorityPreemptionPolicyValue`, 'read only with otelAgentGateway.priorityClassCreate'),
    s(`${G}.service.type`, `${G}.serviceType`),
    unlessDefault(s(`${G}.image.tag`, `${G}.imageTag`)),
    unsupported(`${G}.image.name`, 'the gateway runs the ddot-collector image of images.registry'),
    unsupported(`${G}.image.repository`, 'the gateway runs the ddot-collector image of images.registry'),
    unsupported(`${G}.image.tagSuffix`, 'the gateway runs the plain ddot-collector tag (otelAgentGateway.imageTag)'),
    unsupported(`${G}.image.digest`, 'the gateway image is pinned by tag (otelAgentGateway.imageTag)'),
    unsupported(`${G}.image.doNotCheckTag`, 'the tag is always checked (7.67.0 or newer, no -full)'),
    notNeeded(`${G}.image.pullPolicy`, 'images.pullPolicy (one policy for every image)'),
    unsupported(`${G}.image.pullSecrets`, 'the gateway pulls with images.pullSecrets, the same as every component'),
    unsupported(`${G}.initContainers.securityContext`, 'the init container runs with the library\'s least-privilege securityContext'),
    resources(`${G}.initContainers.resources`, `${G}.initContainerResources`),
    envList(`${G}.containers.otelAgent.env`, G),
    envDict(`${G}.containers.otelAgent.envDict`, G),
    unsupported(`${G}.containers.otelAgent.envFrom`, 'name each variable in otelAgentGateway.envValueFrom'),
    resources(`${G}.containers.otelAgent.resources`, `${G}.resources`),
    unsupported(`${G}.containers.otelAgent.securityContext`, 'otel-agent runs with the library\'s least-privilege securityContext'),
    nullable(logLevel(`${G}.containers.otelAgent.logLevel`, `${G}.logLevel`)),
    n(`${G}.containers.otelAgent.healthPort`, `${G}.healthPort`),
    probe('liveness'),
    probe('readiness'),
    b(`${G}.rbac.create`, `${G}.rbac.create`),
    l(`${G}.rbac.rules`, `${G}.rbac.rules`),
    notNeeded(`${G}.logs.enabled`, 'the chart mounts no log directories into the gateway either'),
    b(`${G}.autoscaling.enabled`, `${G}.autoscaling.enabled`),
    m(`${G}.autoscaling.annotations`, `${G}.autoscaling.annotations`),
    n(`${G}.autoscaling.minReplicas`, `${G}.autoscaling.minReplicas`),
    n(`${G}.autoscaling.maxReplicas`, `${G}.autoscaling.maxReplicas`),
    l(`${G}.autoscaling.metrics`, `${G}.autoscaling.metrics`),
    {
      key: `${G}.autoscaling.behavior`,
      status: 'mapped',
      to: (v, c, k) => {
        const behavior = Object.fromEntries(Object.entries(map(v, k)).filter(([, x]) => !(isMap(x) && Object.keys(x).length === 0)));
        if (!Object.keys(behavior).length) return 'not needed: empty (Kubernetes\' defaults)';
        c.set(`${G}.autoscaling.behavior`, behavior, k);
        return undefined;
      },
    },
  ];
}

/** The chart's default gateway strategy (RollingUpdate, maxSurge 1, maxUnavailable 0), which is the one here. */
function isSurgeOnlyStrategy(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (!isMap(v) || Object.keys(v).some(k => k !== 'type' && k !== 'rollingUpdate') || (v.type ?? 'RollingUpdate') !== 'RollingUpdate') return false;
  const r = v.rollingUpdate;
  if (r === undefined || r === null) return true;
  return isMap(r) && Object.keys(r).every(k => k === 'maxSurge' || k === 'maxUnavailable')
    && String(r.maxSurge ?? 1) === '1' && String(r.maxUnavailable ?? 0) === '0';
}

/** A context whose `otelCollector.*` options land under `prefix.*`: the collector helpers, for the gateway. */
function retarget(c: Ctx, prefix: string): Ctx {
  return { ...c, set: (option, value, from) => c.set(option.replace(/^otelCollector\./, `${prefix}.`), value, from) };
}

/** `datadog.otelCollector.ports`: the chart writes the numbers as strings. */
function otelPorts(v: unknown, k: string): Values[] {
  return list(v, k).map((x, i) => {
    const p = map(x, `${k}[${i}]`);
    const at = (f: string) => `${k}[${i}].${f}`;
    return {
      name: str(p.name, at('name')),
      containerPort: num(p.containerPort, at('containerPort')),
      ...(p.hostPort !== undefined && p.hostPort !== null ? { hostPort: num(p.hostPort, at('hostPort')) } : {}),
      ...(p.protocol !== undefined && p.protocol !== null ? { protocol: str(p.protocol, at('protocol')) } : {}),
    };
  });
}

/**
 * `datadog.otelCollector.config`: YAML text (or a map) to an object. A literal API key of a Datadog
 * exporter becomes `${env:DD_API_KEY}` (the container has it from the credentials Secret).
 */
function otelConfig(v: unknown, c: Ctx, k: string): string | void {
  if (v === null) return;
  let config: unknown = v;
  if (typeof v === 'string') {
    try {
      config = YAML.parse(v);
    } catch (e) {
      throw new InputProblem(`${k}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
    }
  }
  const cfg = map(config, k);
  const replaced: string[] = [];
  const exporters = isMap(cfg.exporters) ? cfg.exporters as Values : {};
  for (const [name, e] of Object.entries(exporters)) {
    if (!/^datadog(\/|$)/.test(name) || !isMap(e) || !isMap((e as Values).api)) continue;
    const api = (e as Values).api as Values;
    if (typeof api.key === 'string' && !/^\$\{(env:)?[A-Za-z_][A-Za-z0-9_]*\}$/.test(api.key)) {
      api.key = '${env:DD_API_KEY}';
      replaced.push(name);
    }
  }
  c.set('otelCollector.config', cfg, k);
  if (replaced.length) {
    c.secret(`api-key: the API key of the OTel collector's ${replaced.join(', ')} exporter (${k} held it; the config now reads \${env:DD_API_KEY})`);
    return `otelCollector.config (the literal API key of ${replaced.join(', ')} replaced by \${env:DD_API_KEY})`;
  }
}

/** The chart creates a component's policy when `datadog.networkPolicy.create` or its own (deprecated) key is true. */
const NETPOL_SWITCHES = [['datadog'], ['agents'], ['clusterAgent'], ['clusterChecksRunner']];
function netpolOn(values: Values): boolean {
  return NETPOL_SWITCHES.some(([top]) => {
    const np = isMap(values[top]) ? (values[top] as Values).networkPolicy : undefined;
    return isMap(np) && (np.create === true || np.create === 'true');
  });
}
function netpolFlavor(values: Values): unknown {
  return chartValue(values, 'datadog.networkPolicy.flavor');
}
/**
 * One of the chart's create switches. This library has one switch for every component: any true
 * one turns it on (the chart ORs them per component).
 */
function netpolCreate(key: string, component?: string): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      bool(v, k);
      c.set('networkPolicy.create', netpolOn(c.values), k);
      return component && bool(v, k) ? `networkPolicy.create (for every component deployed, not only the ${component})` : 'networkPolicy.create';
    },
  };
}

/** A KubernetesPlatform constant's name, as propsFromJson reads it: a name the library lacks does not compile. */
type Platform = Exclude<keyof typeof KubernetesPlatform, 'prototype'>;

/** A chart `providers.*` switch that means one platform here; two different platforms clash. */
function provider(key: string, platform: Platform, impliedBy?: string): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      if (!bool(v, k)) return 'off (the default)';
      if (impliedBy && lookup(c.values, impliedBy) === true) return `nothing more: ${impliedBy} implies it`;
      setPlatform(c, platform, k);
      return `platform: KubernetesPlatform.${platform}`;
    },
  };
}

/** A chart `providers.<provider>.*` switch: the provider's platform and its option. */
/** The suffix the chart appends to the Linux agent tag, when one applies here (see the agents.image.tagSuffix rule). */
function linuxTagSuffix(values: Values): string | undefined {
  const suffix = getPath(values, ['agents', 'image', 'tagSuffix']);
  if (typeof suffix !== 'string' || suffix === '' || getPath(values, ['targetSystem']) === 'windows') return undefined;
  if (suffix === 'full' && getPath(values, ['datadog', 'otelCollector', 'enabled']) === true) return undefined;
  return suffix;
}

function platformFlag(key: string, platform: string, option: string): Rule {
  return {
    key,
    status: 'mapped',
    to: (v, c, k) => {
      if (!bool(v, k)) return 'off (the default)';
      setPlatform(c, platform, k);
      c.set(option, true, k);
      return `platform: KubernetesPlatform.${platform}, ${option}: true`;
    },
  };
}

/**
 * A rule whose key asks, on these GKE providers, for something the chart drops there (on GDC the
 * node agent is the core agent alone: no trace-agent without a host port, no sockets, process
 * checks or remote configuration; on Autopilot application pods cannot mount the APM socket):
 * such a value needs nothing set here (the library's defaults there are the same). Other values
 * map as usual, and what the platform cannot run is refused at synthesis with the reason.
 */
function droppedOnGke(rule: Rule, dropped: (v: unknown) => boolean, what: string, providers: ('autopilot' | 'gdc')[] = ['gdc']): Rule {
  const names = { autopilot: 'GKE Autopilot', gdc: 'GKE GDC' };
  return {
    ...rule,
    note: `on ${providers.map(p => names[p]).join(' or ')} the chart renders no ${what}, nor does the library`,
    applies: (values) => !(providers.some(p => lookup(values, `providers.gke.${p}`) === true) && dropped(lookup(values, rule.key))),
  };
}

function setPlatform(c: Ctx, platform: string, k: string): void {
  const set = PLATFORM_KEYS.filter(([key, p]) => p !== platform && !(p === 'GKE_COS' && platform === 'GKE_AUTOPILOT') && lookup(c.values, key) === true);
  if (set.length) throw new InputProblem(`${k}: also ${set[0][0]} is true: one platform per installation (${platform} or ${set[0][1]})`);
  c.set('platform', platform, k);
}

const PLATFORM_KEYS: [string, string][] = [
  ['providers.gke.autopilot', 'GKE_AUTOPILOT'], ['providers.aks.enabled', 'AKS'], ['providers.talos.enabled', 'TALOS'],
  ['providers.gke.cos', 'GKE_COS'], ['providers.flatcar.enabled', 'FLATCAR'], ['providers.gke.gdc', 'GKE_GDC'],
  ['providers.eks.controlPlaneMonitoring', 'EKS'], ['providers.eks.ec2.useHostnameFromFile', 'EKS'],
  ['providers.openshift.controlPlaneMonitoring', 'OPENSHIFT'],
];

function lookup(values: Values, key: string): unknown {
  return getPath(values, key.split('.'));
}

function checkSameSecret(v: unknown, c: Ctx, k: string): void {
  const api = c.values.datadog && isMap(c.values.datadog) ? (c.values.datadog as Values).apiKeyExistingSecret : undefined;
  if (api !== undefined && api !== v) {
    throw new InputProblem(`${k}: "${str(v, k)}" is not the Secret of datadog.apiKeyExistingSecret ("${api}"): this library reads every credential from one Secret; put the keys together first`);
  }
  if (api === undefined) c.set('credentials', { fromSecret: str(v, k) }, k);
}

function ruleFor(path: string[]): Rule | undefined {
  for (let i = path.length; i > 0; i--) {
    const key = path.slice(0, i).join('.');
    const r = RULES.find(x => x.key === key || (x.key.includes('*') && new RegExp(`^${x.key.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`).test(key)));
    if (r) return r;
  }
  return undefined;
}

const KEYS = chartKeys.keys as { [k: string]: unknown };
const OPEN: string[] = chartKeys.open;

/** The chart knows this key (or it is inside a map the chart leaves open). */
function knownKey(key: string): boolean {
  if (Object.prototype.hasOwnProperty.call(KEYS, key)) return true;
  if (Object.keys(KEYS).some(k => k.startsWith(`${key}.`))) return true;
  return OPEN.some(o => key.startsWith(`${o}.`));
}

export interface ImportOptions {
  readonly keepChartDefaults?: boolean;
}

/** Classifies every key set in the values and builds the props. Throws InputProblem on bad values. */
export function importValues(values: Values, options: ImportOptions = {}): ImportResult {
  const props: Values = {};
  const sources: { [o: string]: string } = {};
  const report: ReportEntry[] = [];
  const secrets: string[] = [];
  const problems: string[] = [];
  const ctx: Ctx = {
    values,
    set(option, value, from) {
      setPath(props, option.split('.'), value);
      sources[option] = sources[option] && sources[option] !== from ? `${sources[option]}, ${from}` : from;
    },
    secret(line) { if (!secrets.includes(line)) secrets.push(line); },
    props: () => props,
  };
  const walk = (v: unknown, path: string[]) => {
    const key = path.join('.');
    const rule = ruleFor(path);
    if (rule && rule.key.split('.').length === path.length) {
      if (rule.applies && !rule.applies(values)) {
        report.push({ key, status: 'not-needed', detail: rule.note ?? '' });
        return;
      }
      try {
        let detail = rule.note ?? '';
        if (rule.status === 'mapped' && typeof rule.to === 'string') { ctx.set(rule.to, v, key); detail = rule.to; }
        if (typeof rule.to === 'function') detail = rule.to(v, ctx, key) || (rule.status === 'mapped' ? mappedTo(rule, key, sources) : detail);
        report.push({ key, status: rule.status, detail });
      } catch (e) {
        if (!(e instanceof InputProblem)) throw e;
        problems.push(e.message);
      }
      return;
    }
    if (isMap(v) && Object.keys(v).length && !rule) {
      for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
      return;
    }
    if (!knownKey(key)) {
      const close = suggestKey(key);
      report.push({ key, status: 'unknown', detail: `not a key of chart ${chartKeys.chartVersion}${close ? `; did you mean ${close}?` : ''}` });
    } else if (sameAsChartDefault(key, v)) {
      report.push({ key, status: 'not-needed', detail: 'the chart\'s default, and the behaviour here is the same' });
    } else {
      report.push({ key, status: 'not-supported', detail: 'no equivalent option yet (docs/migrating-from-helm.md lists the workarounds)' });
    }
  };
  for (const [k, v] of Object.entries(values)) walk(v, [k]);
  if (problems.length) throw new InputProblem(problems.join('\n'));
  if (secrets.length && !props.credentials) {
    props.credentials = { fromSecret: 'datadog-secret' };
    sources.credentials = 'datadog.apiKey (inline secrets are not copied)';
  }
  if (!props.credentials) {
    props.credentials = { fromSecret: 'datadog-secret' };
    sources.credentials = '(no key: create Secret datadog-secret with api-key)';
    secrets.push('api-key: your Datadog API key');
  }
  const defaults = defaultChanges(values, props, sources, options.keepChartDefaults ?? false);
  report.sort((a, c) => (a.key < c.key ? -1 : a.key > c.key ? 1 : 0));
  return { props, sources, report, defaults, secrets };
}

function mappedTo(rule: Rule, key: string, sources: { [o: string]: string }): string {
  return Object.entries(sources).filter(([, f]) => f.split(', ').includes(key)).map(([o]) => o).join(', ') || rule.key;
}

function sameAsChartDefault(key: string, v: unknown): boolean {
  return Object.prototype.hasOwnProperty.call(KEYS, key) && JSON.stringify(KEYS[key]) === JSON.stringify(v);
}

/** The chart key a misspelt one most likely meant: the same suggestion rule as the library's options. */
function suggestKey(key: string): string | undefined {
  const parent = key.slice(0, key.lastIndexOf('.') + 1);
  const siblings = Object.keys(KEYS).filter(k => k.startsWith(parent) && !k.slice(parent.length).includes('.')).map(k => k.slice(parent.length));
  const leaf = suggest(key.slice(parent.length), siblings);
  return leaf === undefined ? undefined : parent + leaf;
}

function setPath(o: Values, path: string[], v: unknown): void {
  let cur = o;
  for (const k of path.slice(0, -1)) {
    if (!isMap(cur[k])) cur[k] = {};
    cur = cur[k] as Values;
  }
  cur[path[path.length - 1]] = v;
}

function getPath(o: unknown, path: string[]): unknown {
  let cur = o;
  for (const k of path) cur = isMap(cur) ? cur[k] : undefined;
  return cur;
}

/** A chart key's value in the values, or the chart's default where they leave it out (or null). */
function chartValue(values: Values, key: string): unknown {
  return getPath(values, key.split('.')) ?? KEYS[key];
}

/** The chart turns service discovery on by default for agent 7.78 and later (a tag it cannot read counts as the latest). */
function chartDiscoveryOn(values: Values): boolean {
  if (getPath(values, ['providers', 'gke', 'gdc']) === true) return false; // no system-probe on GDC
  const tag = getPath(values, ['agents', 'image', 'tag']);
  if (tag === undefined || tag === null) return true;
  const v = /^(\d+)\.(\d+)(?:\.\d+)?(?:[-.+][0-9A-Za-z.-]+)?$/.exec(String(tag).replace(/-jmx$/, ''));
  if (!v) return true;
  return Number(v[1]) > 7 || (Number(v[1]) === 7 && Number(v[2]) >= 78);
}

/** Where our defaults differ from the chart's and the values do not decide. */
function defaultChanges(values: Values, props: Values, sources: { [o: string]: string }, keep: boolean): DefaultChange[] {
  const out: DefaultChange[] = [];
  const consider = (id: string, option: string, value: unknown, decided: boolean) => {
    if (decided) return;
    const d = chartDifference(id);
    const kept = keep;
    if (kept) { setPath(props, option.split('.'), value); sources[option] = `--keep-chart-defaults (${id})`; }
    out.push({ id, change: `${d.area}: chart ${d.chart}; here ${d.ours}`, keep: `${option}: ${JSON.stringify(value)}`, kept, keepable: true });
  };
  consider('control-plane-tolerations', 'tolerateControlPlane', false, false);
  const dca = getPath(props, ['clusterAgent', 'enabled']) !== false && getPath(props, ['clusterAgent', 'existing']) === undefined;
  consider('cluster-agent-replicas', 'clusterAgent.replicas', KEYS['clusterAgent.replicas'], !dca || getPath(props, ['clusterAgent', 'replicas']) !== undefined);
  const discovery = getPath(values, ['datadog', 'discovery', 'enabled']);
  consider('service-discovery-off', 'serviceDiscovery.enabled', true, (discovery !== undefined && discovery !== null) || !chartDiscoveryOn(values));
  if (props.containerRuntime === undefined && props.platform !== 'GKE_GDC') {
    const d = chartDifference('default-container-runtime');
    out.push({ id: d.id, change: `${d.area}: chart ${d.chart}; here ${d.ours}`, keep: 'containerRuntime: the runtime your nodes run (DOCKER, CRIO, or criSocket(path))', kept: false, keepable: false });
  }
  return out;
}
