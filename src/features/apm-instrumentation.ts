import type { k8s } from 'cdk8s-plus-27';
import { EnvValueSource } from '../env-value';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { checkLabelSelector } from '../input/kubernetes';
import { InputError } from '../input/strict';
import { checkDnsLabel, checkEnvName, checkString, fail, show, bool, list, checkUnusedWhenOff } from '../validation';
import type { ResolvedAdmissionController } from './admission-controller';
import { CONTAINER } from '../components/containers';

/**
 * APM single-step instrumentation (`datadog.apm.instrumentation.*`): the admission controller
 * injects tracing libraries into application pods, so they send traces without code changes.
 */
export interface ApmInstrumentationOptions {
  /**
   * Instrument application pods (in every namespace but the agents', unless limited below).
   * Needs the admission controller.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Instrument only these namespaces. Exclusive with `disabledNamespaces`.
   * @default - every namespace
   */
  readonly enabledNamespaces?: string[];
  /**
   * Instrument every namespace except these. Exclusive with `enabledNamespaces`.
   * @default - none excluded
   */
  readonly disabledNamespaces?: string[];
  /**
   * Tracing library versions by language (`java`, `python`, `js`, `dotnet`, `ruby`, `php`), e.g.
   * `{ java: "v1", python: "v2" }`.
   * @default - the admission controller's defaults for every language
   */
  readonly libVersions?: { [language: string]: string };
  /**
   * Language detection (the chart's `datadog.apm.instrumentation.language_detection.enabled`): the
   * node agents detect the languages of application processes and report them, and the Cluster
   * Agent writes them onto the owning Deployments, so instrumentation injects the right library.
   * The Cluster Agent gets `get`/`list`/`watch`/`patch` on Deployments.
   * @default true
   */
  readonly languageDetection?: boolean;
  /**
   * Target-based instrumentation (Cluster Agent 7.64+): each target selects pods (by labels and
   * namespaces) and says which library versions and tracer settings they get. Pods matching no
   * target are not instrumented.
   * @default - none: every pod of the instrumented namespaces
   */
  readonly targets?: ApmInstrumentationTarget[];
}

/** One target of single-step instrumentation (`datadog.apm.instrumentation.targets[]`). */
export interface ApmInstrumentationTarget {
  /** The target's name, shown in the agent's status and in Datadog. */
  readonly name: string;
  /**
   * The pods of this target, by their labels.
   * @default - every pod of the selected namespaces
   */
  readonly podSelector?: k8s.LabelSelector;
  /**
   * The namespaces of this target.
   * @default - every instrumented namespace
   */
  readonly namespaceSelector?: ApmInstrumentationNamespaceSelector;
  /**
   * Tracing library versions by language (`java`, `python`, `js`, `dotnet`, `ruby`, `php`), e.g.
   * `{ python: "v2" }`; `"default"` for the Cluster Agent's default.
   * @default - the Cluster Agent's defaults for the detected languages
   */
  readonly ddTraceVersions?: { [language: string]: string };
  /**
   * Tracer settings (env) set on the instrumented containers, such as `DD_PROFILING_ENABLED`.
   * @default - none
   */
  readonly ddTraceConfigs?: ApmInstrumentationTraceConfig[];
}

/** The namespaces of an instrumentation target: by name, or by their labels. */
export interface ApmInstrumentationNamespaceSelector {
  /**
   * Namespaces by name. Exclusive with `matchLabels` and `matchExpressions`.
   * @default - none
   */
  readonly matchNames?: string[];
  /**
   * Namespace labels that must all match.
   * @default - none
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Namespace label expressions that must all match.
   * @default - none
   */
  readonly matchExpressions?: k8s.LabelSelectorRequirement[];
}

/** One tracer setting of an instrumentation target: a literal value or a reference. */
export interface ApmInstrumentationTraceConfig {
  /** The env var name (`DD_PROFILING_ENABLED`). */
  readonly name: string;
  /**
   * Its value. Exactly one of `value` and `valueFrom`.
   * @default - none
   */
  readonly value?: string;
  /**
   * Where its value comes from (Cluster Agent 7.66+): a pod field, a Secret or ConfigMap key, or
   * a resource. Exactly one of `value` and `valueFrom`.
   * @default - none
   */
  readonly valueFrom?: EnvValueSource;
}

/** @internal */
export interface ResolvedApmInstrumentation {
  readonly enabled: boolean;
  readonly enabledNamespaces: string[];
  readonly disabledNamespaces: string[];
  readonly libVersions: { [language: string]: string };
  readonly languageDetection: boolean;
  /** The targets as the Cluster Agent reads them (JSON-ready, keys as the chart writes them). */
  readonly targets: object[];
}

export const INSTRUMENTATION_LANGUAGES = ['dotnet', 'java', 'js', 'php', 'python', 'ruby'];
const LIB_VERSION = /^(latest|v?\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?)$/;

/** @internal */
export function resolveApmInstrumentation(
  o: ApmInstrumentationOptions = {}, admission: ResolvedAdmissionController, apmEnabled: boolean,
): ResolvedApmInstrumentation {
  const enabled = (bool('apm.instrumentation.enabled', o.enabled) ?? false);
  checkUnusedWhenOff('apm.instrumentation', o, enabled);
  if (o.enabledNamespaces !== undefined && o.disabledNamespaces !== undefined) {
    fail('apm.instrumentation.enabledNamespaces and apm.instrumentation.disabledNamespaces are mutually exclusive: set one');
  }
  if (enabled && !apmEnabled) fail('apm.instrumentation.enabled needs apm.enabled: instrumented pods send traces to the trace-agent');
  if (enabled && !admission.enabled) fail('apm.instrumentation.enabled needs the admission controller (clusterAgent.admissionController), which is off');
  list('apm.instrumentation.enabledNamespaces', o.enabledNamespaces).forEach((n, i) => checkDnsLabel(`apm.instrumentation.enabledNamespaces[${i}]`, n));
  list('apm.instrumentation.disabledNamespaces', o.disabledNamespaces).forEach((n, i) => checkDnsLabel(`apm.instrumentation.disabledNamespaces[${i}]`, n));
  if (o.enabledNamespaces !== undefined && o.enabledNamespaces.length === 0) {
    fail('apm.instrumentation.enabledNamespaces must list at least one namespace (leave it unset for every namespace)');
  }
  for (const [lang, v] of Object.entries(o.libVersions ?? {})) {
    if (!INSTRUMENTATION_LANGUAGES.includes(lang)) fail(`apm.instrumentation.libVersions has an unknown language ${show(lang)}: use one of ${INSTRUMENTATION_LANGUAGES.join(', ')}`);
    checkString(`apm.instrumentation.libVersions["${lang}"]`, v, LIB_VERSION, 'a library version such as "v1", "1.2.3" or "latest"');
  }
  const targets = list('apm.instrumentation.targets', o.targets).map((t, i) => resolveTarget(`apm.instrumentation.targets[${i}]`, t));
  const names = targets.map(t => (t as any).name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) fail(`apm.instrumentation.targets has two targets named ${show(dup)}`);
  return {
    enabled,
    targets,
    // In the order given (as the chart renders them), duplicates dropped.
    enabledNamespaces: [...new Set(o.enabledNamespaces ?? [])],
    disabledNamespaces: [...new Set(o.disabledNamespaces ?? [])],
    libVersions: Object.fromEntries(Object.keys(o.libVersions ?? {}).sort().map(k => [k, o.libVersions![k]])),
    languageDetection: enabled && (bool('apm.instrumentation.languageDetection', o.languageDetection) ?? true),
  };
}

/** One target, validated, in the Cluster Agent's JSON form. */
function resolveTarget(path: string, t: ApmInstrumentationTarget): object {
  if (typeof t.name !== 'string' || t.name.trim() === '') fail(`${path}.name must be a non-empty string, got ${show(t.name)}`);
  const out: string[] = [];
  if (t.podSelector) checkLabelSelector(`${path}.podSelector`, t.podSelector, out);
  const ns = t.namespaceSelector;
  if (ns) {
    if (ns.matchNames !== undefined && (ns.matchLabels !== undefined || ns.matchExpressions !== undefined)) {
      out.push(`${path}.namespaceSelector.matchNames is exclusive with matchLabels and matchExpressions: select namespaces one way`);
    }
    (ns.matchNames ?? []).forEach((n, j) => { try { checkDnsLabel(`${path}.namespaceSelector.matchNames[${j}]`, n); } catch (e) { out.push((e as Error).message); } });
    checkLabelSelector(`${path}.namespaceSelector`, ns, out);
  }
  for (const [lang, v] of Object.entries(t.ddTraceVersions ?? {})) {
    if (!INSTRUMENTATION_LANGUAGES.includes(lang)) out.push(`${path}.ddTraceVersions has an unknown language ${show(lang)}: use one of ${INSTRUMENTATION_LANGUAGES.join(', ')}`);
    else if (v !== 'default' && (typeof v !== 'string' || !LIB_VERSION.test(v))) out.push(`${path}.ddTraceVersions["${lang}"] must be a library version such as "v1", "1.2.3", "latest" or "default", got ${show(v)}`);
  }
  const configs = (t.ddTraceConfigs ?? []).map((e, j) => {
    const p = `${path}.ddTraceConfigs[${j}]`;
    try { checkEnvName(`${p}.name`, e.name); } catch (err) { out.push((err as Error).message); }
    if ((e.value === undefined) === (e.valueFrom === undefined)) {
      out.push(`${p} must set exactly one of value and valueFrom`);
      return { name: e.name };
    }
    if (e.valueFrom !== undefined && !(e.valueFrom instanceof EnvValueSource)) {
      out.push(`${p}.valueFrom must be an EnvValueSource (EnvValueSource.fromField(...), fromSecret(...)...), got ${show(e.valueFrom)}`);
      return { name: e.name };
    }
    try {
      return e.valueFrom ? { name: e.name, valueFrom: e.valueFrom._render(`${p}.valueFrom`) } : { name: e.name, value: e.value };
    } catch (err) { out.push((err as Error).message); return { name: e.name }; }
  });
  if (out.length === 1) fail(out[0]);
  if (out.length) throw new InputError(out);
  return sortKeys({
    name: t.name,
    podSelector: t.podSelector,
    namespaceSelector: ns,
    ddTraceVersions: t.ddTraceVersions,
    ddTraceConfigs: t.ddTraceConfigs ? configs : undefined,
  });
}

/** Keys sorted at every depth and unset ones dropped: the JSON the chart's `toJson` writes. */
function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).filter(k => v[k] !== undefined).sort().map(k => [k, sortKeys(v[k])]));
}

/** The language detection flags, `false` in the components unless instrumentation turns them on. */
const LANGUAGE_DETECTION_ON = { DD_LANGUAGE_DETECTION_ENABLED: 'true', DD_LANGUAGE_DETECTION_REPORTING_ENABLED: 'true' };

/** Single-step instrumentation: Cluster Agent env read by the admission controller. */
export const apmInstrumentation = defineFeature({
  id: 'apm-instrumentation',
  option: 'apmInstrumentation',
  needs: ['admissionController', 'apm'],
  resolve: (p, c) => resolveApmInstrumentation(p.apm?.instrumentation, c.admissionController, c.apm.enabled),
  enabled: (c) => c.apmInstrumentation.enabled,
  nodeAgent: (c, pod) => {
    if (c.apmInstrumentation.languageDetection) pod.replaceGroupEnv('common', LANGUAGE_DETECTION_ON);
  },
  clusterAgent: (c, pod) => {
    const i = c.apmInstrumentation;
    if (i.languageDetection) {
      pod.container(CONTAINER.CLUSTER_AGENT).setEnv({ ...LANGUAGE_DETECTION_ON, DD_CLUSTER_AGENT_LANGUAGE_DETECTION_PATCHER_ENABLED: 'true' });
    }
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv({
      DD_APM_INSTRUMENTATION_ENABLED: 'true',
      DD_APM_INSTRUMENTATION_ENABLED_NAMESPACES: i.enabledNamespaces.length ? JSON.stringify(i.enabledNamespaces) : undefined,
      DD_APM_INSTRUMENTATION_DISABLED_NAMESPACES: i.disabledNamespaces.length ? JSON.stringify(i.disabledNamespaces) : undefined,
      DD_APM_INSTRUMENTATION_LIB_VERSIONS: Object.keys(i.libVersions).length ? JSON.stringify(i.libVersions) : undefined,
      DD_APM_INSTRUMENTATION_TARGETS: i.targets.length ? JSON.stringify(i.targets) : undefined,
    });
  },
  rbac: (c): RbacGrant[] => (c.apmInstrumentation.languageDetection ? [{
    to: 'clusterAgent',
    // The language detection patcher writes the detected languages onto the owning Deployments.
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'patch'] }],
  }] : []),
});

