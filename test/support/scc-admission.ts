/**
 * A small model of OpenShift's SecurityContextConstraints admission, for tests: does this SCC
 * admit this pod, and if not, why. It covers the fields the agent pods touch (host namespaces
 * and ports, volume types, privileged, capabilities, privilege escalation, read-only root,
 * runAsUser, SELinux, seccomp, fsGroup and supplemental groups), with the defaulting admission
 * does (an unset UID, SELinux context or seccomp profile is filled in, not refused).
 *
 * Which SCCs a pod may use: the ones its ServiceAccount may `use` through RBAC, the ones whose
 * `users`/`groups` name it, and `restricted-v2`, which OpenShift 4.11+ grants every
 * authenticated user. The built-in SCCs are test/fixtures/openshift-sccs.yaml.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { Manifest } from './helpers';

/** A typical project's `openshift.io/sa.scc.*` annotations, used where a strategy needs a range. */
export const NAMESPACE_RANGES = { uidMin: 1000680000, uidMax: 1000689999, mcsLevel: 's0:c26,c15', groupMin: 1000680000, groupMax: 1000689999 };

const docs: any[] = YAML.parseAllDocuments(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'openshift-sccs.yaml'), 'utf8')).map(d => d.toJS());

/** The SCCs every OpenShift 4 cluster ships. */
export const BUILTIN_SCCS: any[] = docs.filter(d => d.kind === 'SecurityContextConstraints');

const SECCOMP: Record<string, (p: any) => string> = {
  RuntimeDefault: () => 'runtime/default',
  Localhost: (p) => `localhost/${p.localhostProfile}`,
  Unconfined: () => 'unconfined',
};
const seccompOf = (p: any): string | undefined => (p ? SECCOMP[p.type](p) : undefined);

/** Why `scc` refuses the pod (`spec` of a pod template); empty when it admits it. */
export function sccRefusals(scc: any, spec: any, annotations: Record<string, string> = {}): string[] {
  const out: string[] = [];
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const podSc = spec.securityContext ?? {};
  const allowedList = (l: string[] | null | undefined, v: string) => (l ?? []).includes('*') || (l ?? []).includes(v);

  if (spec.hostNetwork && !scc.allowHostNetwork) out.push('hostNetwork');
  if ((spec.hostPID ?? spec.hostPid) && !scc.allowHostPID) out.push('hostPID');
  if ((spec.hostIPC ?? spec.hostIpc) && !scc.allowHostIPC) out.push('hostIPC');

  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find(k => k !== 'name')!;
    if (!allowedList(scc.volumes, type)) out.push(`volume ${v.name}: ${type} volumes are not allowed`);
    if (type === 'hostPath' && !scc.allowHostDirVolumePlugin) out.push(`volume ${v.name}: host paths are not allowed`);
  }

  const fsGroup = podSc.fsGroup;
  if (fsGroup !== undefined && scc.fsGroup?.type === 'MustRunAs' && !inRanges(fsGroup, scc.fsGroup.ranges)) out.push(`fsGroup ${fsGroup} outside the allowed range`);
  for (const g of podSc.supplementalGroups ?? []) {
    if (scc.supplementalGroups?.type === 'MustRunAs' && !inRanges(g, scc.supplementalGroups.ranges)) out.push(`supplemental group ${g} outside the allowed range`);
  }

  const podProfile = seccompOf(podSc.seccompProfile) ?? annotations['seccomp.security.alpha.kubernetes.io/pod'];
  const profiles: string[] = scc.seccompProfiles ?? [];
  if (podProfile !== undefined && !allowedList(profiles, podProfile)) out.push(`pod seccomp profile ${podProfile} is not allowed`);

  for (const ct of containers) {
    const sc = ct.securityContext ?? {};
    const where = `container ${ct.name}`;
    for (const p of ct.ports ?? []) {
      if ((p.hostPort !== undefined || spec.hostNetwork) && !scc.allowHostPorts) out.push(`${where}: host port ${p.hostPort ?? p.containerPort}`);
    }
    if (sc.privileged && !scc.allowPrivilegedContainer) out.push(`${where}: privileged`);
    const add: string[] = sc.capabilities?.add ?? [];
    for (const cap of add) {
      if ((scc.requiredDropCapabilities ?? []).includes(cap)) out.push(`${where}: capability ${cap} must be dropped`);
      else if (!allowedList(scc.allowedCapabilities, cap) && !(scc.defaultAddCapabilities ?? []).includes(cap)) out.push(`${where}: capability ${cap} is not allowed`);
    }
    // An SCC that forbids escalation sets an unset field to false; the API server then refuses
    // false next to privileged or CAP_SYS_ADMIN.
    if (scc.allowPrivilegeEscalation === false) {
      if (sc.allowPrivilegeEscalation === true) out.push(`${where}: allowPrivilegeEscalation`);
      else if (sc.privileged || add.includes('SYS_ADMIN')) out.push(`${where}: privilege escalation is forced off, which CAP_SYS_ADMIN or privileged contradict`);
    }
    if (scc.readOnlyRootFilesystem && sc.readOnlyRootFilesystem === false) out.push(`${where}: writable root filesystem`);

    const uid = sc.runAsUser ?? podSc.runAsUser;
    const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
    switch (scc.runAsUser?.type) {
      case 'MustRunAs':
        if (uid !== undefined && uid !== scc.runAsUser.uid) out.push(`${where}: runAsUser ${uid}, must be ${scc.runAsUser.uid}`);
        break;
      case 'MustRunAsRange': {
        const min = scc.runAsUser.uidRangeMin ?? NAMESPACE_RANGES.uidMin;
        const max = scc.runAsUser.uidRangeMax ?? NAMESPACE_RANGES.uidMax;
        if (uid !== undefined && (uid < min || uid > max)) out.push(`${where}: runAsUser ${uid} outside ${min}-${max}`);
        break;
      }
      case 'MustRunAsNonRoot':
        if (uid === 0 || (uid === undefined && nonRoot !== true)) out.push(`${where}: must run as non-root`);
        break;
      default:
    }

    const se = sc.seLinuxOptions ?? podSc.seLinuxOptions;
    if (se && scc.seLinuxContext?.type === 'MustRunAs') {
      const want = scc.seLinuxContext.seLinuxOptions ?? { level: NAMESPACE_RANGES.mcsLevel };
      for (const [k, v] of Object.entries(want)) if (se[k] !== undefined && se[k] !== v) out.push(`${where}: seLinux ${k} ${se[k]}, must be ${v}`);
    }

    const profile = seccompOf(sc.seccompProfile) ?? annotations[`container.seccomp.security.alpha.kubernetes.io/${ct.name}`];
    if (profile !== undefined && !allowedList(profiles, profile)) out.push(`${where}: seccomp profile ${profile} is not allowed`);
  }
  return out;
}

const inRanges = (v: number, ranges?: { min: number; max: number }[]) =>
  (ranges?.length ? ranges : [{ min: NAMESPACE_RANGES.groupMin, max: NAMESPACE_RANGES.groupMax }]).some(r => v >= r.min && v <= r.max);

/** What a pod runs with once this SCC admitted it: its UID and the seccomp profile of each container. */
export function admitted(scc: any, spec: any): { uid: number | string; seccomp: Record<string, string | undefined>; seLinuxType?: string } {
  const podSc = spec.securityContext ?? {};
  const uid = podSc.runAsUser ?? (scc.runAsUser?.type === 'MustRunAs' ? scc.runAsUser.uid : scc.runAsUser?.type === 'RunAsAny' ? 'image default' : NAMESPACE_RANGES.uidMin);
  const defaultProfile = (scc.seccompProfiles ?? []).find((p: string) => p !== '*');
  const podProfile = seccompOf(podSc.seccompProfile) ?? defaultProfile;
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  return {
    uid,
    seccomp: Object.fromEntries(containers.map(ct => [ct.name, seccompOf(ct.securityContext?.seccompProfile) ?? podProfile])),
    seLinuxType: podSc.seLinuxOptions?.type ?? scc.seLinuxContext?.seLinuxOptions?.type,
  };
}

/**
 * The SCCs a ServiceAccount of `namespace` may use in this manifest: granted through RBAC (by
 * name, among the rendered and the built-in ones), named in an SCC's users, or restricted-v2.
 */
export function usableSccs(m: Manifest, namespace: string, serviceAccount: string): any[] {
  const all = [...m.objects.filter(o => o.kind === 'SecurityContextConstraints'), ...BUILTIN_SCCS];
  const user = `system:serviceaccount:${namespace}:${serviceAccount}`;
  return all.filter(s => s.metadata.name === 'restricted-v2'
    || (s.users ?? []).includes(user)
    || m.allows(serviceAccount, 'use', 'security.openshift.io', 'securitycontextconstraints', s.metadata.name));
}

/** For each workload's pod: the usable SCCs that admit it, and why each other usable one refuses it. */
export function admission(m: Manifest, workload: any): { admittedBy: string[]; refusals: Record<string, string[]> } {
  const tpl = workload.spec.template;
  const sccs = usableSccs(m, workload.metadata.namespace, tpl.spec.serviceAccountName);
  const refusals: Record<string, string[]> = {};
  const admittedBy: string[] = [];
  for (const s of sccs) {
    const r = sccRefusals(s, tpl.spec, tpl.metadata?.annotations ?? {});
    if (r.length) refusals[s.metadata.name] = r;
    else admittedBy.push(s.metadata.name);
  }
  return { admittedBy, refusals };
}
