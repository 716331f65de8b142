/**
 * The review report: what the synthesized objects grant, run and mount, read from the objects
 * themselves (their `toJson()`), so the report cannot disagree with the YAML. Everything is sorted
 * or kept in output order, with no timestamps: the same objects give the same bytes.
 */
import { CHART_DIFFERENCES, markdownCell } from '../differences';

/** What the report knows besides the objects: the installation and its features. */
export interface ReviewContext {
  /** The installation, as `kubectl` names it: its construct path. */
  readonly installation: string;
  readonly namespace: string;
  /** Option paths of the features on and off for this configuration (`logs`, `security.runtime`). */
  readonly featuresOn: readonly string[];
  readonly featuresOff: readonly string[];
  /** Notes on the CustomResourceDefinitions the features need and the YAML lacks (see RequiredCrd). */
  readonly requiredCrds?: readonly string[];
}

export interface ReviewContainer {
  readonly name: string;
  readonly init: boolean;
  readonly image: string;
  readonly privileged: boolean;
  readonly capabilitiesAdded: string[];
  readonly capabilitiesDropped: string[];
  /** `unset` when the container does not say (Kubernetes then allows it unless privileged rules apply). */
  readonly allowPrivilegeEscalation: string;
  /** The effective user: the container's, else the pod's (a uid, or a Windows user name); `image default` when neither sets one. */
  readonly runAsUser: string;
  readonly readOnlyRootFilesystem: boolean;
  readonly seccomp: string;
  readonly appArmor: string;
  readonly hostPaths: Array<{ readonly hostPath: string; readonly mountPath: string; readonly access: 'RO' | 'RW' }>;
  readonly hostPorts: string[];
  readonly resources: { readonly requests: Record<string, string>; readonly limits: Record<string, string> };
}

export interface ReviewWorkload {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly hostPID: boolean;
  readonly hostNetwork: boolean;
  readonly hostIPC: boolean;
  /** hostPath volumes no container mounts (still reachable by nothing, listed for completeness). */
  readonly unmountedHostPaths: string[];
  readonly containers: ReviewContainer[];
}

export interface ReviewRule {
  /** `cluster` (ClusterRole + ClusterRoleBinding) or `namespace <ns>` (through a RoleBinding). */
  readonly scope: string;
  /** `ClusterRole/name` or `Role/name`. */
  readonly role: string;
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly nonResourceURLs: string[];
  readonly resourceNames: string[];
  readonly verbs: string[];
  readonly flags: string[];
}

export interface ReviewServiceAccount {
  readonly name: string;
  readonly namespace: string;
  /** Workloads that run as this ServiceAccount. */
  readonly usedBy: string[];
  readonly automountToken: string;
  readonly rules: ReviewRule[];
}

export interface ReviewSecretRef {
  readonly name: string;
  /** Keys read (`*` for every key: a whole-Secret volume or envFrom). Never values. */
  readonly keys: string[];
  /** `Kind/name container` for each reference. */
  readonly usedBy: string[];
  /** True when the manifests create this Secret (`Credentials.fromValues`); values are not shown. */
  readonly inManifests: boolean;
}

export interface ReviewRuntimeObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly createdBy: string;
}

export interface Review {
  readonly reportVersion: number;
  readonly installation: string;
  readonly namespace: string;
  readonly features: { readonly on: string[]; readonly off: string[] };
  readonly objects: string[];
  readonly workloads: ReviewWorkload[];
  readonly serviceAccounts: ReviewServiceAccount[];
  /** Every flagged rule, as `ServiceAccount: flag: rule`, for a quick read. */
  readonly flagged: string[];
  readonly secrets: ReviewSecretRef[];
  readonly runtimeObjects: ReviewRuntimeObject[];
  /** CustomResourceDefinitions the features need in the cluster, not in the YAML (absent when none). */
  readonly requiredCrds?: string[];
  /** The library's deliberate differences from the Helm chart (src/differences.ts), by id. */
  readonly chartDifferences: { readonly id: string; readonly area: string; readonly ours: string; readonly toMatchChart?: string }[];
}

const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];
const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
const key = (o: any) => `${o.kind}/${o.metadata?.name}`;

/** Builds the review of an installation's objects (the JSON of its ApiObjects, in output order). */
export function buildReview(objects: any[], ctx: ReviewContext): Review {
  const workloads = objects.filter(o => o.spec?.template?.spec).map(workloadOf);
  const serviceAccounts = objects.filter(o => o.kind === 'ServiceAccount').map(sa => serviceAccountOf(sa, objects, workloads, ctx.namespace));
  // Bound roles whose subject is a ServiceAccount this installation does not create still show up.
  const flagged = serviceAccounts.flatMap(sa => sa.rules.flatMap(r => r.flags.map(f => `${sa.name}: ${f}: ${ruleText(r)}`)));
  return {
    reportVersion: 1,
    installation: ctx.installation,
    namespace: ctx.namespace,
    features: { on: sorted(ctx.featuresOn), off: sorted(ctx.featuresOff) },
    objects: objects.map(o => (o.metadata?.namespace ? `${key(o)} (${o.metadata.namespace})` : key(o))),
    workloads,
    serviceAccounts,
    flagged,
    secrets: secretsOf(objects),
    runtimeObjects: runtimeObjectsOf(objects, ctx.namespace),
    ...(ctx.requiredCrds?.length ? { requiredCrds: [...ctx.requiredCrds] } : {}),
    chartDifferences: CHART_DIFFERENCES.map(d => ({ id: d.id, area: d.area, ours: d.ours, toMatchChart: d.toMatchChart })),
  };
}

function workloadOf(o: any): ReviewWorkload {
  const spec = o.spec.template.spec;
  const annotations: Record<string, string> = o.spec.template.metadata?.annotations ?? {};
  const volumes: any[] = spec.volumes ?? [];
  const hostPathOf = (name: string) => volumes.find(v => v.name === name)?.hostPath?.path as string | undefined;
  const podSc = spec.securityContext ?? {};
  const all = [...(spec.initContainers ?? []).map((c: any) => ({ c, init: true })), ...spec.containers.map((c: any) => ({ c, init: false }))];
  const mounted = new Set<string>();
  const containers = all.map(({ c, init }): ReviewContainer => {
    const sc = c.securityContext ?? {};
    const hostPaths = (c.volumeMounts ?? []).flatMap((m: any) => {
      const hp = hostPathOf(m.name);
      if (hp === undefined) return [];
      mounted.add(m.name);
      return [{ hostPath: hp + (m.subPath ? `/${m.subPath}` : ''), mountPath: m.mountPath, access: m.readOnly ? 'RO' as const : 'RW' as const }];
    });
    const user = sc.runAsUser ?? podSc.runAsUser;
    return {
      name: c.name,
      init,
      image: c.image,
      privileged: sc.privileged === true,
      capabilitiesAdded: sorted(sc.capabilities?.add ?? []),
      capabilitiesDropped: sorted(sc.capabilities?.drop ?? []),
      allowPrivilegeEscalation: sc.allowPrivilegeEscalation === undefined ? 'unset' : String(sc.allowPrivilegeEscalation),
      // Windows pods name a user (`windowsOptions.runAsUserName`) instead of a uid.
      runAsUser: user !== undefined ? String(user) : (sc.windowsOptions?.runAsUserName ?? podSc.windowsOptions?.runAsUserName ?? 'image default'),
      readOnlyRootFilesystem: sc.readOnlyRootFilesystem === true,
      seccomp: seccompText(sc.seccompProfile ?? podSc.seccompProfile),
      appArmor: sc.appArmorProfile?.type ?? annotations[`container.apparmor.security.beta.kubernetes.io/${c.name}`] ?? 'runtime default',
      hostPaths,
      hostPorts: (c.ports ?? []).filter((p: any) => p.hostPort !== undefined).map((p: any) => `${p.hostPort}/${p.protocol ?? 'TCP'}`),
      resources: { requests: { ...(c.resources?.requests ?? {}) }, limits: { ...(c.resources?.limits ?? {}) } },
    };
  });
  return {
    kind: o.kind,
    name: o.metadata.name,
    namespace: o.metadata.namespace ?? '',
    serviceAccount: spec.serviceAccountName ?? 'default',
    hostPID: spec.hostPID === true,
    hostNetwork: spec.hostNetwork === true,
    hostIPC: spec.hostIPC === true,
    unmountedHostPaths: volumes.filter(v => v.hostPath && !mounted.has(v.name)).map(v => v.hostPath.path),
    containers,
  };
}

function seccompText(p: any): string {
  if (!p) return 'unset (runtime default of the node)';
  return p.type === 'Localhost' ? `Localhost ${p.localhostProfile}` : p.type;
}

function serviceAccountOf(sa: any, objects: any[], workloads: ReviewWorkload[], ns: string): ReviewServiceAccount {
  const name = sa.metadata.name;
  const saNs = sa.metadata.namespace ?? ns;
  const bindings = objects.filter(o => (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')
    && (o.subjects ?? []).some((s: any) => s.kind === 'ServiceAccount' && s.name === name && (s.namespace ?? o.metadata.namespace) === saNs));
  const rules = bindings.flatMap(b => {
    const cluster = b.kind === 'ClusterRoleBinding';
    const scope = cluster ? 'cluster' : `namespace ${b.metadata.namespace}`;
    const role = roleOf(b, objects);
    const roleName = `${b.roleRef.kind}/${b.roleRef.name}`;
    // A role the manifests do not define (system:auth-delegator...): named, its rules unknown here.
    if (!role) return [{ scope, role: roleName, apiGroups: [], resources: ['(role not in these manifests)'], nonResourceURLs: [], resourceNames: [], verbs: [], flags: [] }];
    return (role.rules ?? []).map((r: any): ReviewRule => {
      const rule = {
        scope,
        role: roleName,
        apiGroups: [...(r.apiGroups ?? [])],
        resources: [...(r.resources ?? [])],
        nonResourceURLs: [...(r.nonResourceURLs ?? [])],
        resourceNames: [...(r.resourceNames ?? [])],
        verbs: [...(r.verbs ?? [])],
      };
      return { ...rule, flags: flagsOf(rule, cluster) };
    });
  });
  return {
    name,
    namespace: saNs,
    usedBy: workloads.filter(w => w.serviceAccount === name && (w.namespace || ns) === saNs).map(w => `${w.kind}/${w.name}`),
    automountToken: sa.automountServiceAccountToken === undefined ? 'default (true)' : String(sa.automountServiceAccountToken),
    rules,
  };
}

type RuleFields = Pick<ReviewRule, 'apiGroups' | 'resources' | 'nonResourceURLs' | 'resourceNames' | 'verbs'>;

/** The role a binding refers to, when the manifests define it (a Role in the binding's namespace). */
function roleOf(b: any, objects: any[]): any | undefined {
  const ns = b.roleRef.kind === 'Role' ? b.metadata.namespace : undefined;
  return objects.find(o => o.kind === b.roleRef.kind && o.metadata.name === b.roleRef.name && (ns === undefined || o.metadata.namespace === ns));
}

/** Why a rule deserves a reviewer's attention. */
export function flagsOf(r: RuleFields, clusterWide: boolean): string[] {
  const flags: string[] = [];
  if ([...r.apiGroups, ...r.resources, ...r.verbs, ...r.nonResourceURLs].some(x => x === '*' || x.endsWith('/*'))) flags.push('wildcard');
  if (r.resources.includes('secrets')) {
    const createOnly = r.verbs.every(v => v === 'create');
    const where = clusterWide ? 'every namespace' : 'whole namespace';
    flags.push(r.resourceNames.length ? 'secrets (named)' : createOnly ? `secrets (create only, ${where})` : `secrets (${where})`);
  }
  if (clusterWide && r.resourceNames.length === 0 && r.resources.length && r.verbs.some(v => WRITE_VERBS.includes(v))) flags.push('cluster-wide write');
  if (r.resources.includes('nodes/proxy')) flags.push('nodes/proxy');
  for (const v of ['impersonate', 'escalate', 'bind']) if (r.verbs.includes(v)) flags.push(v);
  return flags;
}

export function ruleText(r: ReviewRule): string {
  const what = r.nonResourceURLs.length
    ? r.nonResourceURLs.join(',')
    : r.resources.map(res => (r.apiGroups.length === 1 && r.apiGroups[0] !== '' ? `${r.apiGroups[0]}/${res}` : res)).join(',');
  const groups = r.apiGroups.length > 1 ? ` (groups ${r.apiGroups.map(g => g || 'core').join(',')})` : '';
  const names = r.resourceNames.length ? ` [${r.resourceNames.join(',')}]` : '';
  return `${what}${groups}${names} → ${r.verbs.join(',')}`;
}

function secretsOf(objects: any[]): ReviewSecretRef[] {
  const refs = new Map<string, { keys: Set<string>; usedBy: Set<string> }>();
  const add = (name: string, k: string, who: string) => {
    const e = refs.get(name) ?? { keys: new Set<string>(), usedBy: new Set<string>() };
    e.keys.add(k);
    e.usedBy.add(who);
    refs.set(name, e);
  };
  for (const o of objects.filter(x => x.spec?.template?.spec)) {
    const spec = o.spec.template.spec;
    const volumes: any[] = spec.volumes ?? [];
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      const who = `${key(o)} ${c.name}`;
      for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) add(e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key, `${who} env ${e.name}`);
      for (const e of c.envFrom ?? []) if (e.secretRef) add(e.secretRef.name, '*', `${who} envFrom`);
      for (const m of c.volumeMounts ?? []) {
        const v = volumes.find(x => x.name === m.name);
        if (v?.secret) for (const k of v.secret.items?.map((i: any) => i.key) ?? ['*']) add(v.secret.secretName, k, `${who} volume ${v.name}`);
        for (const s of v?.projected?.sources ?? []) {
          if (s.secret) for (const k of s.secret.items?.map((i: any) => i.key) ?? ['*']) add(s.secret.name, k, `${who} volume ${v.name}`);
        }
      }
    }
    for (const p of spec.imagePullSecrets ?? []) add(p.name, '.dockerconfigjson', `${key(o)} imagePullSecrets`);
  }
  const created = new Set(objects.filter(o => o.kind === 'Secret').map(o => o.metadata.name));
  return [...refs.keys()].sort().map(name => ({
    name,
    keys: sorted(refs.get(name)!.keys),
    usedBy: sorted(refs.get(name)!.usedBy),
    inManifests: created.has(name),
  }));
}

/**
 * Objects the agents create at run time, read from the RBAC: a named grant to get/update an object
 * the manifests do not contain, next to a `create` grant on that resource, is an object the
 * component creates itself (leader election, the event token, webhook configurations, the
 * webhook certificate).
 */
function runtimeObjectsOf(objects: any[], ns: string): ReviewRuntimeObject[] {
  const KINDS: Record<string, string> = {
    'configmaps': 'ConfigMap',
    'secrets': 'Secret',
    'coordination.k8s.io/leases': 'Lease',
    'admissionregistration.k8s.io/mutatingwebhookconfigurations': 'MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/validatingwebhookconfigurations': 'ValidatingWebhookConfiguration',
  };
  const out = new Map<string, ReviewRuntimeObject>();
  const bindings = objects.filter(o => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding');
  for (const b of bindings) {
    const role = roleOf(b, objects);
    const rules: any[] = role?.rules ?? [];
    const sas = (b.subjects ?? []).filter((s: any) => s.kind === 'ServiceAccount').map((s: any) => `ServiceAccount/${s.name}`);
    for (const r of rules.filter(x => x.resourceNames?.length)) {
      for (const g of r.apiGroups ?? []) {
        for (const res of r.resources ?? []) {
          const kind = KINDS[g ? `${g}/${res}` : res];
          if (!kind) continue;
          const creatable = rules.some(x => (x.apiGroups ?? []).includes(g) && (x.resources ?? []).includes(res) && (x.verbs ?? []).includes('create'));
          if (!creatable) continue;
          const namespaced = kind !== 'MutatingWebhookConfiguration' && kind !== 'ValidatingWebhookConfiguration';
          const objNs = namespaced ? (b.kind === 'RoleBinding' ? b.metadata.namespace : ns) : '';
          for (const name of r.resourceNames) {
            if (objects.some(o => o.kind === kind && o.metadata.name === name)) continue;
            const k = `${kind}/${objNs}/${name}`;
            const prev = out.get(k);
            out.set(k, { kind, name, namespace: objNs, createdBy: sorted([...(prev ? prev.createdBy.split(', ') : []), ...sas]).join(', ') });
          }
        }
      }
    }
  }
  return [...out.keys()].sort().map(k => out.get(k)!);
}


function resourcesText(r: ReviewContainer['resources']): string {
  const part = (m: Record<string, string>) => Object.keys(m).sort().map(k => `${k} ${m[k]}`).join(', ');
  const req = part(r.requests);
  const lim = part(r.limits);
  if (!req && !lim) return '**none**';
  return [req && `requests ${req}`, lim && `limits ${lim}`].filter(Boolean).join('; ');
}

/** The review as Markdown, for a pull request. */
export function reviewMarkdown(r: Review): string {
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  line(`# Datadog review: ${r.installation}`);
  line();
  line(`Generated by cdk8s-datadog from the synthesized objects (namespace \`${r.namespace}\`). Report version ${r.reportVersion}.`);
  line();
  line('## Features');
  line();
  line(`- on: ${r.features.on.join(', ') || 'none'}`);
  line(`- off: ${r.features.off.join(', ') || 'none'}`);
  line();
  line('## Flagged RBAC');
  line();
  if (!r.flagged.length) line('None.');
  for (const f of r.flagged) line(`- ${f}`);
  line();
  line('## Workloads');
  for (const w of r.workloads) {
    line();
    line(`### ${w.kind}/${w.name}`);
    line();
    line(`- ServiceAccount: \`${w.serviceAccount}\``);
    line(`- hostPID: ${w.hostPID}, hostNetwork: ${w.hostNetwork}, hostIPC: ${w.hostIPC}`);
    if (w.unmountedHostPaths.length) line(`- hostPath volumes mounted by no container: ${w.unmountedHostPaths.join(', ')}`);
    line();
    line('| container | image | privileged | capabilities | allowPrivilegeEscalation | runAsUser | read-only root | seccomp | AppArmor | host ports | resources |');
    line('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const c of w.containers) {
      const caps = [c.capabilitiesAdded.length ? `add ${c.capabilitiesAdded.join(', ')}` : '', c.capabilitiesDropped.length ? `drop ${c.capabilitiesDropped.join(', ')}` : ''].filter(Boolean).join('; ') || 'none';
      line(`| ${markdownCell(c.name)}${c.init ? ' (init)' : ''} | \`${markdownCell(c.image)}\` | ${c.privileged ? '**yes**' : 'no'} | ${markdownCell(caps)} | ${c.allowPrivilegeEscalation} | ${c.runAsUser} | ${c.readOnlyRootFilesystem ? 'yes' : 'no'} | ${markdownCell(c.seccomp)} | ${markdownCell(c.appArmor)} | ${c.hostPorts.join(', ') || 'none'} | ${markdownCell(resourcesText(c.resources))} |`);
    }
    const paths = w.containers.flatMap(c => c.hostPaths.map(h => ({ c: c.name, ...h })));
    if (paths.length) {
      line();
      line('| host path | mounted at | access | container |');
      line('|---|---|---|---|');
      for (const p of paths) line(`| \`${markdownCell(p.hostPath)}\` | \`${markdownCell(p.mountPath)}\` | ${p.access === 'RW' ? '**RW**' : 'RO'} | ${markdownCell(p.c)} |`);
    }
  }
  line();
  line('## ServiceAccounts and RBAC');
  for (const sa of r.serviceAccounts) {
    line();
    line(`### ${sa.name}`);
    line();
    line(`- used by: ${sa.usedBy.join(', ') || 'no workload in these manifests'}`);
    line(`- automountServiceAccountToken: ${sa.automountToken}`);
    line();
    if (!sa.rules.length) {
      line('No RBAC.');
      continue;
    }
    line('| scope | role | rule | flags |');
    line('|---|---|---|---|');
    for (const rule of sa.rules) line(`| ${rule.scope} | ${markdownCell(rule.role)} | ${markdownCell(ruleText(rule))} | ${rule.flags.map(f => `**${f}**`).join(', ')} |`);
  }
  line();
  line('## Secrets referenced');
  line();
  line('Names and keys only; values never appear in this report.');
  line();
  if (!r.secrets.length) line('None.');
  for (const s of r.secrets) {
    line(`- \`${s.name}\`${s.inManifests ? ' (created by these manifests)' : ' (must exist)'}: keys ${s.keys.map(k => `\`${k}\``).join(', ')}`);
    for (const u of s.usedBy) line(`  - ${u}`);
  }
  line();
  line('## Created at run time (not in the YAML)');
  line();
  if (!r.runtimeObjects.length) line('None.');
  for (const o of r.runtimeObjects) line(`- ${o.kind} \`${o.name}\`${o.namespace ? ` in \`${o.namespace}\`` : ' (cluster-scoped)'}, by ${o.createdBy}`);
  line();
  if (r.requiredCrds?.length) {
    line('## Needed in the cluster (not in the YAML)');
    line();
    for (const n of r.requiredCrds) line(`- ${n}`);
    line();
  }
  line('## Objects in the YAML');
  line();
  for (const o of r.objects) line(`- ${o}`);
  line();
  line('## Differences from the Helm chart for the same options');
  line();
  line('Deliberate, each with its reason in the README; `npx cdk8s-datadog compare` tags them by id.');
  line();
  for (const d of r.chartDifferences) line(`- \`${d.id}\` (${d.area}): ${d.ours}${d.toMatchChart ? ` — chart behaviour: ${d.toMatchChart}` : ''}`);
  return out.join('\n') + '\n';
}

/** The review as JSON for policy tools: sorted keys where order carries no meaning, 2-space indent. */
export function reviewJson(r: Review): string {
  return JSON.stringify(r, null, 2) + '\n';
}
