import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { checkDnsLabel, checkString, fail, show, bool, list, checkUnusedWhenOff } from '../validation';
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
}

/** @internal */
export interface ResolvedApmInstrumentation {
  readonly enabled: boolean;
  readonly enabledNamespaces: string[];
  readonly disabledNamespaces: string[];
  readonly libVersions: { [language: string]: string };
  readonly languageDetection: boolean;
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
  return {
    enabled,
    // In the order given (as the chart renders them), duplicates dropped.
    enabledNamespaces: [...new Set(o.enabledNamespaces ?? [])],
    disabledNamespaces: [...new Set(o.disabledNamespaces ?? [])],
    libVersions: Object.fromEntries(Object.keys(o.libVersions ?? {}).sort().map(k => [k, o.libVersions![k]])),
    languageDetection: enabled && (bool('apm.instrumentation.languageDetection', o.languageDetection) ?? true),
  };
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
    });
  },
  rbac: (c): RbacGrant[] => (c.apmInstrumentation.languageDetection ? [{
    to: 'clusterAgent',
    // The language detection patcher writes the detected languages onto the owning Deployments.
    rules: [{ apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch', 'patch'] }],
  }] : []),
});

