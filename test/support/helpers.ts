import { randomUUID } from 'crypto';
import { tmpdir } from 'os';
import { join } from 'path';
import type { App } from 'cdk8s';
import { Chart, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { schemaErrors } from './strict-schema';
import type { DatadogAgentProps } from '../../src';
import { Credentials, DatadogAgent, KubernetesPlatform } from '../../src';
import { systemProbeSeccompJson } from '../../src/features/system-probe-seccomp';

export const SECRET = Credentials.fromSecret('datadog-secret');

/** Every feature that runs in system-probe or the security agent, on. */
export const SYSTEM_PROBE_FEATURES_ON = {
  networkMonitoring: { enabled: true },
  serviceMonitoring: { enabled: true },
  oomKill: { enabled: true },
  tcpQueueLength: { enabled: true },
  serviceDiscovery: { enabled: true },
  security: { runtime: { enabled: true }, compliance: { enabled: true } },
};

/** Every feature at once (OpenShift, so its SCC and RBAC show too): tests that compose them all extend it. */
export const EVERY_FEATURE_ON = {
  clusterName: 'c',
  platform: KubernetesPlatform.OPENSHIFT,
  logs: { enabled: true, containerCollectAll: true },
  apm: { useHostPort: true, instrumentation: { enabled: true } },
  dogstatsd: { useHostPort: true, originDetection: true },
  processes: { processCollection: true },
  ...SYSTEM_PROBE_FEATURES_ON,
  otlp: { grpc: { enabled: true }, http: { enabled: true }, logsEnabled: true },
  // The core agent's OTLP receivers keep 4317/4318: the collector listens next to them.
  otelCollector: { enabled: true, ports: [{ name: 'otel-grpc', containerPort: 5317 }, { name: 'otel-http', containerPort: 5318 }] },
  sbom: { containerImage: { enabled: true }, host: { enabled: true } },
  prometheusScrape: { enabled: true, serviceEndpoints: true },
  clusterChecksRunner: { enabled: true },
  kubeStateMetricsCore: { collectVpaMetrics: true, collectCrdMetrics: true, collectApiServicesMetrics: true },
  clusterAgent: { externalMetrics: { enabled: true, useDatadogMetrics: true } },
  eventCollection: { unbundleEvents: true },
  secretBackend: { enabled: true, readableSecrets: [{ namespace: 'datadog', names: ['x'] }] },
};

/** Unique to this test file's run: outdirs of earlier runs are never reused. */
const TEST_RUN = randomUUID();
let testApps = 0;

/**
 * A chart in namespace `datadog` for tests. Its App's outdir is a fresh path, created only when
 * something writes there (`Testing.app()` makes a temp dir for every chart, thousands per run,
 * never removed): an `app.synth()`, or the report files DatadogReview and DatadogHostAgentAccess
 * write when the chart is synthesized.
 */
export function testChart(namespace = 'datadog'): Chart {
  const outdir = join(tmpdir(), `cdk8s-datadog-test-${TEST_RUN}-${++testApps}`);
  return new Chart(Testing.app({ outdir }), 'test', { namespace });
}

/**
 * Synthesizes a chart and validates every object against the strict Kubernetes 1.27 schema
 * (unknown fields rejected). Every test that synthesizes goes through here.
 */
export function synth(chart: Chart): any[] {
  const objs = Testing.synth(chart);
  const errors = objs.flatMap(o => [...schemaErrors(o), ...apiServerErrors(o)]);
  if (errors.length) throw new Error(`schema validation failed:\n${errors.join('\n')}`);
  return objs;
}

/** Builds a DatadogAgent with these props (credentials default to an existing Secret) and synthesizes it. */
export function render(props: Partial<DatadogAgentProps> = {}, namespace = 'datadog'): Manifest {
  const chart = testChart(namespace);
  const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...props });
  return new Manifest(synth(chart), dd);
}

/** The synthesized objects, with helpers that read like the facts in the reference sheets. */
export class Manifest {
  constructor(public readonly objects: any[], public readonly agent?: DatadogAgent) {}

  /** The object of this kind and name (and namespace, when given: Roles of one name may live in several). */
  find(kind: string, name: string, namespace?: string): any | undefined {
    return this.objects.find(o => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  }

  get(kind: string, name: string): any {
    const o = this.find(kind, name);
    if (!o) throw new Error(`no ${kind} ${name}; have: ${this.objects.map(x => `${x.kind}/${x.metadata?.name}`).join(', ')}`);
    return o;
  }

  kinds(): string[] {
    return this.objects.map(o => `${o.kind}/${o.metadata?.name}`).sort();
  }

  get daemonSet(): any {
    return this.objects.find(o => o.kind === 'DaemonSet');
  }

  get clusterAgent(): any {
    return this.find('Deployment', 'datadog-cluster-agent');
  }

  podSpec(kind: string, name: string): any {
    return this.get(kind, name).spec.template.spec;
  }

  /** A container (or init container) of the DaemonSet, or of another workload. */
  container(name: string, workload: any = this.daemonSet): any | undefined {
    const spec = workload.spec.template.spec;
    return [...spec.containers, ...(spec.initContainers ?? [])].find((c: any) => c.name === name);
  }

  containerNames(workload: any = this.daemonSet): string[] {
    return workload.spec.template.spec.containers.map((c: any) => c.name);
  }

  /** Rules of every ClusterRole/Role bound to a ServiceAccount. */
  rulesFor(serviceAccount: string): any[] {
    const bindings = this.objects.filter(o => (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')
      && o.subjects?.some((s: any) => s.kind === 'ServiceAccount' && s.name === serviceAccount));
    return bindings.flatMap(b => this.find(b.roleRef.kind, b.roleRef.name, b.kind === 'RoleBinding' ? b.metadata.namespace : undefined)?.rules ?? []);
  }

  /** True when some rule bound to the SA allows `verb` on `resource` (in `apiGroup`), optionally for a name. */
  allows(serviceAccount: string, verb: string, apiGroup: string, resource: string, resourceName?: string): boolean {
    return this.rulesFor(serviceAccount).some(r => r.verbs.includes(verb)
      && (r.apiGroups ?? []).includes(apiGroup) && (r.resources ?? []).includes(resource)
      && (!r.resourceNames || (resourceName !== undefined && r.resourceNames.includes(resourceName))));
  }

  volume(name: string, workload: any = this.daemonSet): any | undefined {
    return (workload.spec.template.spec.volumes ?? []).find((v: any) => v.name === name);
  }
}

/** Env of a container as a map: literal values as strings, references as their `valueFrom`. */
export function envOf(container: any): Record<string, any> {
  return Object.fromEntries((container?.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

/** Volume mounts of a container, by mount path. */
export function mountsOf(container: any): Record<string, any> {
  return Object.fromEntries((container?.volumeMounts ?? []).map((m: any) => [m.mountPath, m]));
}

/** Synthesizes an App to YAML strings per chart, for byte-level comparisons. */
export function yamlOf(app: App): string {
  return app.charts.map(c => c.toJson().map(o => JSON.stringify(o)).join('\n')).join('\n---\n');
}

/**
 * Rules the API server enforces beyond the OpenAPI schema, for the fields this library writes.
 * (kubectl apply would refuse the object; a schema check alone does not see it.)
 */
export function apiServerErrors(obj: any): string[] {
  const spec = obj.spec?.template?.spec;
  if (!spec) return [];
  const errors: string[] = [];
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation === false && (sc.privileged || (sc.capabilities?.add ?? []).includes('SYS_ADMIN'))) {
      errors.push(`${obj.kind}/${obj.metadata.name} container ${c.name}: allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN`);
    }
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    if (new Set(ports).size !== ports.length) errors.push(`${obj.kind}/${obj.metadata.name} container ${c.name}: duplicate container ports`);
  }
  const names = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: any) => c.name);
  if (new Set(names).size !== names.length) errors.push(`${obj.kind}/${obj.metadata.name}: duplicate container names`);
  const vols = (spec.volumes ?? []).map((v: any) => v.name);
  if (new Set(vols).size !== vols.length) errors.push(`${obj.kind}/${obj.metadata.name}: duplicate volume names`);
  return errors;
}

let defaultRender: Manifest | undefined;

/**
 * What a feature changes, for snapshots: the difference between `m` and `baseline` (by default,
 * the default render). Objects are keyed `Kind/name` (`Kind/namespace/name` outside `datadog`):
 * `+ key` is an object only `m` has (in full), `- key` one only the baseline has, and `key` a
 * structural diff of an object both have (see `diff`). A change shared by every render (an env
 * var added everywhere) is in no feature's slice. Files with their own snapshot (the system-probe
 * seccomp profile) are named, not copied, when their content is exactly that.
 */
export function featureSlice(m: Manifest, baseline: Manifest = defaultRender ??= render()): Record<string, any> {
  const key = (o: any) => [o.kind, ...(o.metadata?.namespace && o.metadata.namespace !== 'datadog' ? [o.metadata.namespace] : []), o.metadata?.name].join('/');
  const before = new Map(baseline.objects.map(o => [key(o), o]));
  const after = new Map(m.objects.map(o => [key(o), o]));
  const out: Record<string, any> = {};
  for (const [k, o] of after) {
    if (!before.has(k)) {
      out[`+ ${k}`] = o;
    } else {
      const d = diff(before.get(k), o);
      if (d !== undefined) out[k] = d;
    }
  }
  for (const k of before.keys()) if (!after.has(k)) out[`- ${k}`] = '(removed)';
  return nameSharedFiles(out);
}

/** Contents snapshotted by their own tests, by the name shown in slices instead. */
const SHARED_FILES: Array<[string, string]> = [[], ['kill']].map(extraSyscalls =>
  [systemProbeSeccompJson({ extraSyscalls }), `(systemProbeSeccompJson({ extraSyscalls: ${JSON.stringify(extraSyscalls)} }): see system-probe-seccomp.test.ts)`]);

function nameSharedFiles(v: any): any {
  if (typeof v === 'string') return SHARED_FILES.find(([content]) => content === v)?.[1] ?? v;
  if (Array.isArray(v)) return v.map(nameSharedFiles);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nameSharedFiles(x)]));
  return v;
}

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The field that names the items of an array (unique in both), if any: `mountPath`, `name`, `containerPort`. */
function identity(a: any[], b: any[]): string | undefined {
  const items = [...a, ...b];
  if (!items.length || !items.every(isObject)) return undefined;
  return ['mountPath', 'name', 'containerPort'].find(f =>
    items.every(i => i[f] !== undefined) && new Set(a.map(i => i[f])).size === a.length && new Set(b.map(i => i[f])).size === b.length);
}

/**
 * Structural diff of two JSON values, undefined when equal. Objects: `+ field` (added),
 * `- field` (removed), `field` (nested diff). Arrays of named items (containers, env, volumes,
 * mounts by path, ports) diff like objects keyed by name; other arrays (rules, args) give
 * `{ '+': [...], '-': [...] }`; a pure reordering gives `{ order: { '-': [...], '+': [...] } }`.
 * Other values: `{ '-': before, '+': after }`; multi-line YAML strings (config files) are
 * parsed and diffed as `{ yaml: ... }`.
 */
export function diff(a: any, b: any): any {
  if (same(a, b)) return undefined;
  if (isObject(a) && isObject(b)) {
    const out = fieldDiffs(a, b);
    return Object.keys(out).length ? out : { 'key order': { '-': Object.keys(a), '+': Object.keys(b) } };
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const id = identity(a, b);
    const ids = (xs: any[]) => xs.map(x => (id ? x[id] : JSON.stringify(x)));
    if (id) {
      const byId = (xs: any[]) => Object.fromEntries(xs.map(x => [String(x[id]), x]));
      const d = fieldDiffs(byId(a), byId(b));
      if (Object.keys(d).length) return d;
    } else {
      const removed = [...a];
      const added: any[] = [];
      for (const x of b) {
        const i = removed.findIndex(y => same(x, y));
        if (i >= 0) removed.splice(i, 1);
        else added.push(x);
      }
      if (added.length || removed.length) return { ...(added.length ? { '+': added } : {}), ...(removed.length ? { '-': removed } : {}) };
    }
    return { order: { '-': ids(a), '+': ids(b) } };
  }
  if (typeof a === 'string' && typeof b === 'string' && a.includes('\n') && b.includes('\n')) {
    const [pa, pb] = [parseYaml(a), parseYaml(b)];
    if (isObject(pa) && isObject(pb)) return { yaml: diff(pa, pb) };
  }
  return { '-': a, '+': b };
}

/** Added, removed and changed fields of two objects (empty when they differ only in key order). */
function fieldDiffs(a: Record<string, any>, b: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const k of Object.keys(b)) {
    if (!(k in a)) {
      out[`+ ${k}`] = b[k];
    } else {
      const d = diff(a[k], b[k]);
      if (d !== undefined) out[k] = d;
    }
  }
  for (const k of Object.keys(a)) if (!(k in b)) out[`- ${k}`] = a[k];
  return out;
}

function parseYaml(s: string): unknown {
  try {
    return YAML.parse(s);
  } catch {
    return undefined;
  }
}
