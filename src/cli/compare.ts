/**
 * `cdk8s-datadog compare chart-render.yaml ours.yaml [--markdown|--json]`: compares two manifests by
 * the facts a reviewer cares about, and tags each difference the library documents as deliberate
 * (src/differences.ts). Not part of the jsii API.
 *
 * Every manifest is reduced to facts, `<fact>:<where>:<what>` → value, `where` being `Kind/name` of
 * the object (plus `/container` for container facts). Two manifests differ by the facts only one has
 * (`-` chart only, `+` ours only) and the facts whose values differ (`~`).
 */
import * as YAML from 'yaml';
import type { ChartDifference } from '../differences';
import { explainFinding, markdownCell } from '../differences';

export interface Finding {
  /** `<op><fact>:<where>:<what>`, what src/differences.ts matches. */
  readonly key: string;
  readonly op: '-' | '+' | '~';
  readonly fact: string;
  readonly where: string;
  readonly what: string;
  readonly chart?: string;
  readonly ours?: string;
  readonly documented?: ChartDifference;
}

export interface Comparison {
  readonly findings: Finding[];
  readonly undocumented: number;
}

const WORKLOADS = new Set(['DaemonSet', 'Deployment', 'StatefulSet', 'Job', 'CronJob']);
const RBAC_ROLES = new Set(['ClusterRole', 'Role']);

/** The facts of a manifest (a list of Kubernetes objects). */
export function facts(objects: any[]): Map<string, string> {
  const f = new Map<string, string>();
  const put = (fact: string, where: string, what: string, value: unknown = '') =>
    f.set(`${fact}:${where}:${what}`, typeof value === 'string' ? value : stable(value));
  for (const o of objects) {
    if (!o || typeof o !== 'object' || !o.kind) continue;
    const obj = `${o.kind}/${o.metadata?.name ?? ''}`;
    put('object', obj, '', o.metadata?.namespace ?? '');
    if (WORKLOADS.has(o.kind)) {workloadFacts(o, obj, put);} else if (RBAC_ROLES.has(o.kind)) {
      for (const r of o.rules ?? []) {
        for (const verb of r.verbs ?? []) {
          for (const g of r.apiGroups ?? ['']) {
            for (const res of r.resources ?? []) {
              for (const n of r.resourceNames?.length ? r.resourceNames : ['']) put('rbac', obj, `${g}:${res}:${verb}:${n}`);
            }
          }
          for (const u of r.nonResourceURLs ?? []) put('rbac', obj, `nonResourceURL:${u}:${verb}:`);
        }
      }
    } else if (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding') {
      put('binding', obj, 'roleRef', `${o.roleRef?.kind}/${o.roleRef?.name}`);
      for (const s of o.subjects ?? []) put('binding', obj, `subject ${s.kind}/${s.name}`);
    } else if (o.kind === 'ConfigMap') {
      for (const [k, v] of Object.entries(o.data ?? {})) put('configmap', obj, k, configValue(k, String(v)));
    } else if (o.kind === 'Service') {
      put('service', obj, 'type', o.spec?.type ?? 'ClusterIP');
      if (o.spec?.internalTrafficPolicy) put('service', obj, 'internalTrafficPolicy', o.spec.internalTrafficPolicy);
      for (const p of o.spec?.ports ?? []) put('port', obj, `${p.port}/${p.protocol ?? 'TCP'}`, `target ${p.targetPort ?? p.port}`);
    } else if (o.kind === 'PodDisruptionBudget') {
      put('pdb', obj, '', { minAvailable: o.spec?.minAvailable, maxUnavailable: o.spec?.maxUnavailable });
    } else if (o.kind === 'NetworkPolicy') {
      // Rules are ORed: each one is a fact, so an added or missing rule shows alone.
      put('netpol', obj, 'podSelector', o.spec?.podSelector ?? {});
      put('netpol', obj, 'policyTypes', o.spec?.policyTypes ?? []);
      for (const dir of ['ingress', 'egress']) for (const r of o.spec?.[dir] ?? []) put('netpol', obj, `${dir} ${stable(r)}`);
    } else if (o.kind === 'CiliumNetworkPolicy') {
      for (const r of o.specs ?? (o.spec ? [o.spec] : [])) put('netpol', obj, `rule ${r.description ?? ''}`, r);
    }
  }
  return f;
}

type Put = (fact: string, where: string, what: string, value?: unknown) => void;

function workloadFacts(o: any, w: string, put: Put): void {
  const tpl = o.kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template : o.spec?.template;
  const pod = tpl?.spec ?? {};
  if (o.kind === 'Deployment' || o.kind === 'StatefulSet') put('replicas', w, '', String(o.spec?.replicas ?? 1));
  for (const [k, v] of Object.entries(tpl?.metadata?.labels ?? {})) put('label', w, k, String(v));
  for (const [k, v] of Object.entries(tpl?.metadata?.annotations ?? {})) put('annotation', w, k, String(v));
  for (const k of ['serviceAccountName', 'hostNetwork', 'hostPID', 'hostIPC', 'priorityClassName', 'runtimeClassName', 'dnsPolicy', 'automountServiceAccountToken', 'terminationGracePeriodSeconds']) {
    if (pod[k] !== undefined) put('pod', w, k, String(pod[k]));
  }
  if (pod.affinity && Object.keys(pod.affinity).length) put('affinity', w, '', pod.affinity);
  for (const [k, v] of Object.entries(pod.nodeSelector ?? {})) put('nodeSelector', w, k, String(v));
  for (const t of pod.tolerations ?? []) put('toleration', w, t.key ?? '*', `${t.operator ?? 'Equal'} ${t.value ?? ''} ${t.effect ?? ''}`.replace(/\s+/g, ' ').trim());
  flatten(pod.securityContext, '', (k, v) => put('securityContext', w, k, v));
  for (const v of pod.volumes ?? []) {
    if (v.hostPath) put('hostPath', w, v.hostPath.path, v.hostPath.type ?? '');
  }
  const containers = [...(pod.initContainers ?? []).map((c: any) => [c, 'init']), ...(pod.containers ?? []).map((c: any) => [c, 'main'])];
  const volumes = new Map<string, any>((pod.volumes ?? []).map((v: any) => [v.name, v]));
  for (const [c, role] of containers) {
    const cw = `${w}/${c.name}`;
    put('container', cw, '', role);
    for (const e of c.env ?? []) put('env', cw, e.name, e.valueFrom ? `valueFrom ${stable(e.valueFrom)}` : envValue(e.name, String(e.value ?? '')));
    for (const e of c.envFrom ?? []) put('envFrom', cw, stable(e));
    for (const m of c.volumeMounts ?? []) {
      const v = volumes.get(m.name);
      const src = v?.hostPath ? `hostPath ${v.hostPath.path}` : v ? Object.keys(v).filter(k => k !== 'name').join(',') : 'undefined volume';
      put('mount', cw, m.mountPath, `${m.readOnly ? 'ro' : 'rw'} ${src}${m.subPath ? ` subPath ${m.subPath}` : ''}${m.mountPropagation && m.mountPropagation !== 'None' ? ` ${m.mountPropagation}` : ''}`);
    }
    for (const p of c.ports ?? []) put('port', cw, `${p.containerPort}/${p.protocol ?? 'TCP'}`, `${p.name ?? ''}${p.hostPort ? ` hostPort ${p.hostPort}` : ''}`);
    const sc = c.securityContext ?? {};
    for (const cap of sc.capabilities?.add ?? []) put('capability', cw, `add ${cap}`);
    for (const cap of sc.capabilities?.drop ?? []) put('capability', cw, `drop ${cap}`);
    flatten({ ...sc, capabilities: undefined }, '', (k, v) => put('securityContext', cw, k, v));
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) if (c[p]) put('probe', cw, p, c[p]);
    if (c.command) put('command', cw, '', c.command.join(' '));
    for (const hook of ['postStart', 'preStop']) if (c.lifecycle?.[hook]) put('lifecycle', cw, hook, c.lifecycle[hook]);
    if (c.args) put('args', cw, '', c.args.join(' '));
    if (c.resources && Object.keys(c.resources).length) put('resources', cw, '', c.resources);
  }
}

/** The agents read log levels in any case (`warn` = `WARN`): compared in lower case. */
function envValue(name: string, value: string): string {
  return /(^|_)LOG_LEVEL$/.test(name) ? value.toLowerCase() : value;
}

/** A YAML or JSON file in a ConfigMap compares by its data (stable JSON), not its formatting. */
function configValue(key: string, text: string): string {
  if (!/\.(ya?ml|json)(\.default)?$/.test(key)) return text;
  try {
    const data = YAML.parse(text);
    // A check's `init_config:` left empty is null in YAML; the agent reads it as `{}`.
    if (data && typeof data === 'object' && !Array.isArray(data) && data.init_config === null) data.init_config = {};
    return stable(data);
  } catch {
    return text;
  }
}

function flatten(v: unknown, prefix: string, out: (k: string, v: string) => void): void {
  if (v === undefined || v === null) return;
  if (typeof v !== 'object' || Array.isArray(v)) { out(prefix, typeof v === 'string' ? v : JSON.stringify(v)); return; }
  for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
}

/** JSON with sorted keys. */
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x));
}

/** The differences between the chart's render and ours, sorted by where, fact and what. */
export function compareManifests(chartObjects: any[], ourObjects: any[]): Comparison {
  const a = facts(chartObjects);
  const b = facts(ourObjects);
  const findings: Finding[] = [];
  const add = (op: Finding['op'], k: string, chart?: string, ours?: string) => {
    const [fact, where, ...rest] = splitKey(k);
    const key = `${op}${k}`;
    findings.push({ key, op, fact, where, what: rest.join(':'), chart, ours, documented: explainFinding(key) });
  };
  for (const [k, v] of a) {
    if (!b.has(k)) add('-', k, v);
    else if (b.get(k) !== v) add('~', k, v, b.get(k));
  }
  for (const [k, v] of b) if (!a.has(k)) add('+', k, undefined, v);
  // The facts of a container only one side runs follow from that container's own finding, and
  // are explained by the same difference when it is documented.
  const containerOnly = new Map(findings.filter(f => f.fact === 'container' && f.op !== '~').map(f => [`${f.op}${f.where}`, f.documented]));
  for (const f of findings) {
    const explained = f.documented === undefined && f.fact !== 'container' ? containerOnly.get(`${f.op}${f.where}`) : undefined;
    if (explained) (f as { documented?: ChartDifference }).documented = explained;
  }
  // Likewise the facts of an object only one side renders (its containers included) follow from
  // that object's finding, so a row documents the object, not every fact it has.
  const objectOnly = new Map(findings.filter(f => f.fact === 'object' && f.op !== '~').map(f => [`${f.op}${f.where}`, f.documented]));
  for (const f of findings) {
    if (f.documented !== undefined || f.fact === 'object') continue;
    const object = f.where.split('/').slice(0, 2).join('/');
    const explained = objectOnly.get(`${f.op}${object}`);
    if (explained) (f as { documented?: ChartDifference }).documented = explained;
  }
  findings.sort((x, y) => cmp(x.where, y.where) || cmp(x.fact, y.fact) || cmp(x.what, y.what));
  return { findings, undocumented: findings.filter(x => !x.documented).length };
}

function splitKey(k: string): string[] {
  // fact and where never contain ':'; `what` may (RBAC tuples, paths).
  const i = k.indexOf(':');
  const j = k.indexOf(':', i + 1);
  return [k.slice(0, i), k.slice(i + 1, j), k.slice(j + 1)];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const SHORT = 120;
function short(s: string | undefined): string {
  if (s === undefined) return '';
  const one = s.replace(/\n/g, '\\n');
  return one.length > SHORT ? `${one.slice(0, SHORT)}… (${one.length} chars)` : one;
}

function describe(f: Finding): string {
  const what = f.what ? `${f.fact} ${f.what}` : f.fact;
  if (f.op === '-') return `only in the chart: ${what}${f.chart ? ` = ${short(f.chart)}` : ''}`;
  if (f.op === '+') return `only here: ${what}${f.ours ? ` = ${short(f.ours)}` : ''}`;
  return `${what}: chart ${short(f.chart)} → here ${short(f.ours)}`;
}

/** Plain text, grouped by object/container; documented differences are tagged with their id. */
export function formatText(c: Comparison): string {
  const lines: string[] = [];
  let group = '';
  for (const f of c.findings) {
    if (f.where !== group) { group = f.where; lines.push(`${group}`); }
    lines.push(`  ${f.op} ${describe(f)}${f.documented ? `  [documented: ${f.documented.id}]` : '  [UNDOCUMENTED]'}`);
  }
  lines.push('', summary(c));
  return lines.join('\n') + '\n';
}

export function formatMarkdown(c: Comparison): string {
  const lines = ['# Chart render vs cdk8s-datadog', '', summary(c), ''];
  let group = '';
  for (const f of c.findings) {
    if (f.where !== group) {
      group = f.where;
      lines.push('', `## \`${group}\``, '', '| | difference | documented |', '|---|---|---|');
    }
    const doc = f.documented ? `\`${f.documented.id}\`: ${f.documented.reason}` : '**no**';
    lines.push(`| ${f.op === '~' ? '≠' : f.op} | ${markdownCell(describe(f))} | ${markdownCell(doc)} |`);
  }
  return lines.join('\n') + '\n';
}

export function formatJson(c: Comparison): string {
  return JSON.stringify({
    undocumented: c.undocumented,
    documented: c.findings.length - c.undocumented,
    findings: c.findings.map(f => ({ ...f, documented: f.documented ? { id: f.documented.id, reason: f.documented.reason } : undefined })),
  }, null, 2) + '\n';
}

function summary(c: Comparison): string {
  const doc = c.findings.length - c.undocumented;
  return `${c.findings.length} difference(s): ${doc} documented, ${c.undocumented} undocumented.`;
}
