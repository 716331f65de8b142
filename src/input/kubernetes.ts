/**
 * The rules the Kubernetes API server applies to the structs passed through unchanged
 * (k8s.Toleration, k8s.Affinity), to pod annotations and to resources: checked at synthesis, so a
 * mistake fails with the option path instead of at `kubectl apply` (or, for a DaemonSet, on every
 * node). Mirrors k8s.io/kubernetes pkg/apis/core/validation (ValidateTolerations,
 * ValidateAffinity, ValidateAnnotations) and the request <= limit rule of ValidateResourceRequirements.
 * Runs only on input that passed the schema check, so types are right here.
 */
import { LABEL_VALUE, isQualifiedName } from '../validation';

const QUALIFIED_HELP = 'a qualified name ([prefix/]name, name at most 63 alphanumerics, "-", "_" or ".")';

const qualifiedName = isQualifiedName;

const COMPONENTS = ['nodeAgent', 'clusterAgent', 'clusterChecksRunner'];

/** Every rule below, for the three components' options. */
export function checkKubernetesRules(props: any): string[] {
  const out: string[] = [];
  for (const c of COMPONENTS) {
    const o = props[c];
    if (!o) continue;
    (o.tolerations ?? []).forEach((t: any, i: number) => checkToleration(`${c}.tolerations[${i}]`, t, out));
    if (o.affinity) checkAffinity(`${c}.affinity`, o.affinity, out);
    if (o.podAnnotations) checkAnnotations(`${c}.podAnnotations`, o.podAnnotations, out);
    if (o.resources) checkRequestsWithinLimits(`${c}.resources`, o.resources, out);
  }
  for (const [k, r] of Object.entries<any>(props.nodeAgent?.containerResources ?? {})) {
    if (r) checkRequestsWithinLimits(`nodeAgent.containerResources.${k}`, r, out);
  }
  return out;
}

/** ValidateTolerations. */
export function checkToleration(path: string, t: any, out: string[]): void {
  const operator = t.operator ?? 'Equal';
  if (t.key !== undefined && t.key !== '' && !qualifiedName(t.key)) out.push(`${path}.key must be ${QUALIFIED_HELP}, got ${JSON.stringify(t.key)}`);
  if (operator !== 'Equal' && operator !== 'Exists') out.push(`${path}.operator must be "Equal" or "Exists", got ${JSON.stringify(t.operator)}`);
  if ((t.key === undefined || t.key === '') && operator !== 'Exists') {
    out.push(`${path}.operator must be "Exists" when key is empty (an empty key with Exists tolerates every taint)`);
  }
  if (operator === 'Exists' && t.value !== undefined && t.value !== '') out.push(`${path}.value must be empty when operator is "Exists", got ${JSON.stringify(t.value)}`);
  if (operator === 'Equal' && t.value !== undefined && !LABEL_VALUE.test(t.value)) {
    out.push(`${path}.value must be a label value (at most 63 alphanumerics, "-", "_" or "."), got ${JSON.stringify(t.value)}`);
  }
  if (t.effect !== undefined && t.effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
    out.push(`${path}.effect must be "NoSchedule", "PreferNoSchedule" or "NoExecute", got ${JSON.stringify(t.effect)}`);
  }
  if (t.tolerationSeconds !== undefined) {
    if (t.effect !== 'NoExecute') out.push(`${path}.tolerationSeconds is only allowed with effect "NoExecute"`);
    if (!Number.isInteger(t.tolerationSeconds)) out.push(`${path}.tolerationSeconds must be an integer, got ${t.tolerationSeconds}`);
  }
}

/** ValidateAffinity: node affinity terms and pod (anti-)affinity terms. */
export function checkAffinity(path: string, a: any, out: string[]): void {
  const na = a.nodeAffinity;
  if (na) {
    const p = `${path}.nodeAffinity`;
    const required = na.requiredDuringSchedulingIgnoredDuringExecution;
    if (required) {
      const terms = required.nodeSelectorTerms ?? [];
      if (terms.length === 0) out.push(`${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms must have at least one term`);
      terms.forEach((t: any, i: number) => checkNodeSelectorTerm(`${p}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`, t, out));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(`${tp}.weight`, t.weight, out);
      checkNodeSelectorTerm(`${tp}.preference`, t.preference, out);
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const pa = a[kind];
    if (!pa) continue;
    const p = `${path}.${kind}`;
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) =>
      checkPodAffinityTerm(`${p}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, t, out));
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t: any, i: number) => {
      const tp = `${p}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      checkWeight(`${tp}.weight`, t.weight, out);
      checkPodAffinityTerm(`${tp}.podAffinityTerm`, t.podAffinityTerm, out);
    });
  }
}

function checkWeight(path: string, w: number, out: string[]): void {
  if (!Number.isInteger(w) || w < 1 || w > 100) out.push(`${path} must be an integer from 1 to 100, got ${w}`);
}

function checkNodeSelectorTerm(path: string, t: any, out: string[]): void {
  (t.matchExpressions ?? []).forEach((r: any, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!qualifiedName(r.key)) out.push(`${p}.key must be ${QUALIFIED_HELP}, got ${JSON.stringify(r.key)}`);
    const values: string[] = r.values ?? [];
    switch (r.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) out.push(`${p}.values must not be empty with operator "${r.operator}"`);
        break;
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) out.push(`${p}.values must be empty with operator "${r.operator}"`);
        break;
      case 'Gt': case 'Lt':
        if (values.length !== 1 || !/^-?\d+$/.test(values[0])) out.push(`${p}.values must be one integer with operator "${r.operator}"`);
        break;
      default:
        out.push(`${p}.operator must be one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", got ${JSON.stringify(r.operator)}`);
    }
  });
  (t.matchFields ?? []).forEach((r: any, i: number) => {
    const p = `${path}.matchFields[${i}]`;
    if (r.key !== 'metadata.name') out.push(`${p}.key must be "metadata.name" (the only field supported), got ${JSON.stringify(r.key)}`);
    if (r.operator !== 'In' && r.operator !== 'NotIn') out.push(`${p}.operator must be "In" or "NotIn", got ${JSON.stringify(r.operator)}`);
    else if ((r.values ?? []).length !== 1) out.push(`${p}.values must have exactly one value`);
  });
}

function checkPodAffinityTerm(path: string, t: any, out: string[]): void {
  if (!t.topologyKey) out.push(`${path}.topologyKey must not be empty`);
  else if (!qualifiedName(t.topologyKey)) out.push(`${path}.topologyKey must be ${QUALIFIED_HELP}, got ${JSON.stringify(t.topologyKey)}`);
  if (t.labelSelector) checkLabelSelector(`${path}.labelSelector`, t.labelSelector, out);
  if (t.namespaceSelector) checkLabelSelector(`${path}.namespaceSelector`, t.namespaceSelector, out);
}

/** ValidateLabelSelector: qualified-name keys, label values, and the operators' value rules. */
export function checkLabelSelector(path: string, s: any, out: string[]): void {
  for (const [k, v] of Object.entries<string>(s.matchLabels ?? {})) {
    if (!qualifiedName(k)) out.push(`${path}.matchLabels has an invalid key ${JSON.stringify(k)}: use ${QUALIFIED_HELP}`);
    if (!LABEL_VALUE.test(v)) out.push(`${path}.matchLabels[${JSON.stringify(k)}] must be a label value, got ${JSON.stringify(v)}`);
  }
  (s.matchExpressions ?? []).forEach((r: any, i: number) => {
    const p = `${path}.matchExpressions[${i}]`;
    if (!qualifiedName(r.key)) out.push(`${p}.key must be ${QUALIFIED_HELP}, got ${JSON.stringify(r.key)}`);
    const values: string[] = r.values ?? [];
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (values.length === 0) out.push(`${p}.values must not be empty with operator "${r.operator}"`);
    } else if (r.operator === 'Exists' || r.operator === 'DoesNotExist') {
      if (values.length > 0) out.push(`${p}.values must be empty with operator "${r.operator}"`);
    } else {
      out.push(`${p}.operator must be one of "In", "NotIn", "Exists", "DoesNotExist", got ${JSON.stringify(r.operator)}`);
    }
  });
}

/** ValidateAnnotations: qualified-name keys, at most 256 KiB in total. */
export function checkAnnotations(path: string, a: { [k: string]: string }, out: string[]): void {
  let size = 0;
  for (const [k, v] of Object.entries(a)) {
    if (!qualifiedName(k.toLowerCase())) out.push(`${path} has an invalid key ${JSON.stringify(k)}: use ${QUALIFIED_HELP}`);
    size += k.length + (typeof v === 'string' ? v.length : 0);
  }
  if (size > 256 * 1024) out.push(`${path} must total at most 256 KiB, got ${size} bytes`);
}

const SUFFIX: { [s: string]: number } = {
  'n': 1e-9,
  'u': 1e-6,
  'm': 1e-3,
  '': 1,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 2 ** 10,
  'Mi': 2 ** 20,
  'Gi': 2 ** 30,
  'Ti': 2 ** 40,
  'Pi': 2 ** 50,
  'Ei': 2 ** 60,
};

/** A Kubernetes quantity as a number, or undefined when it does not parse (another check reports it). */
export function quantityValue(q: string | undefined): number | undefined {
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))(?:([KMGTPE]i|[numkMGTPE])|[eE]([+-]?\d+))?$/.exec(q);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  return n * SUFFIX[m[2] ?? ''];
}

/** ValidateResourceRequirements: a request may not exceed its limit. */
export function checkRequestsWithinLimits(path: string, r: any, out: string[]): void {
  for (const res of ['cpu', 'memory']) {
    const request = quantityValue(r[`${res}Request`]);
    const limit = quantityValue(r[`${res}Limit`]);
    if (request !== undefined && limit !== undefined && request > limit) {
      out.push(`${path}.${res}Request (${r[`${res}Request`]}) must be less than or equal to ${res}Limit (${r[`${res}Limit`]})`);
    }
  }
}
