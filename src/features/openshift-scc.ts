/**
 * OpenShift SecurityContextConstraints derived from a rendered pod: the narrowest settings that
 * admit exactly that pod. The Helm chart (`agents.podSecurity.securityContextConstraints.create`)
 * renders a fixed list (every capability any feature might add, five volume types, RunAsAny);
 * here each field follows from what the synthesized pod contains, so turning a feature off also
 * takes its permission away.
 *
 * What an SCC cannot express: which host paths a hostPath volume may use (OpenShift has no
 * `allowedHostPaths`), nor AppArmor (OpenShift uses SELinux).
 */

/** The SELinux context the chart's SCC assigns to the node agent: `spc_t` reads the runtime socket, /proc and cgroups. */
export const SPC_T = { user: 'system_u', role: 'system_r', type: 'spc_t', level: 's0' } as const;

/** The SCC fields this library writes (security.openshift.io/v1), in output order. */
export interface SccSettings {
  /** 0, as OpenShift reads an unset priority (cdk8s drops a null, and the CRD requires the field). */
  readonly priority: number;
  readonly allowHostDirVolumePlugin: boolean;
  readonly allowHostIPC: boolean;
  readonly allowHostNetwork: boolean;
  readonly allowHostPID: boolean;
  readonly allowHostPorts: boolean;
  readonly allowPrivilegeEscalation: boolean;
  readonly allowPrivilegedContainer: boolean;
  readonly allowedCapabilities: string[];
  readonly defaultAddCapabilities: string[];
  readonly requiredDropCapabilities: string[];
  readonly fsGroup: { readonly type: string };
  readonly readOnlyRootFilesystem: boolean;
  readonly runAsUser: { readonly type: string; readonly uid?: number };
  readonly seLinuxContext: { readonly type: string; readonly seLinuxOptions?: object };
  readonly seccompProfiles: string[];
  readonly supplementalGroups: { readonly type: string };
  readonly users: string[];
  readonly groups: string[];
  readonly volumes: string[];
}

/** How OpenShift names a seccomp profile (`runtime/default`, `localhost/<file>`, `unconfined`). */
export function seccompName(p: { type: string; localhostProfile?: string } | undefined): string | undefined {
  if (!p) return undefined;
  switch (p.type) {
    case 'RuntimeDefault': return 'runtime/default';
    case 'Localhost': return `localhost/${p.localhostProfile}`;
    case 'Unconfined': return 'unconfined';
    default: throw new Error(`unknown seccomp profile type ${p.type}`);
  }
}

/**
 * The narrowest SCC that admits this rendered pod template (`{ metadata, spec }`, as
 * `PodModel.render()` returns it), unchanged but for what admission fills in.
 *
 * @param seLinux the SELinux options the pods must run with (assigned at admission when the pod sets none)
 */
export function sccForPod(template: any, seLinux?: object): SccSettings {
  const spec = template.spec;
  const containers: any[] = [...(spec.initContainers ?? []), ...(spec.containers ?? [])];
  const sc = (ct: any) => ct.securityContext ?? {};
  const podSc = spec.securityContext ?? {};

  const volumeTypes = new Set<string>();
  for (const v of spec.volumes ?? []) for (const k of Object.keys(v)) if (k !== 'name') volumeTypes.add(k);
  const ports = containers.flatMap(ct => ct.ports ?? []);
  const caps = new Set<string>(containers.flatMap(ct => sc(ct).capabilities?.add ?? []));

  // The user every container runs as: one fixed UID (root for the node agent) is MustRunAs that
  // UID; a container without one takes the namespace's range, as restricted-v2 does.
  const uids = containers.map(ct => sc(ct).runAsUser ?? podSc.runAsUser);
  const uid = uids.every(u => u !== undefined && u === uids[0]) ? uids[0] as number : undefined;

  // Admission gives a pod that sets no profile the first listed one: when some container sets
  // none, runtime/default comes first (as in the chart's SCC), so it runs confined by the
  // runtime's default profile and never under another container's (system-probe's) profile.
  const podProfile = seccompName(podSc.seccompProfile);
  const effective = containers.map(ct => seccompName(sc(ct).seccompProfile) ?? podProfile);
  const named = [...new Set(effective.filter((p): p is string => p !== undefined))].sort();
  const seccompProfiles = effective.some(p => p === undefined)
    ? ['runtime/default', ...named.filter(p => p !== 'runtime/default')]
    : named;

  return {
    priority: 0,
    allowHostDirVolumePlugin: volumeTypes.has('hostPath'),
    allowHostIPC: spec.hostIPC === true,
    allowHostNetwork: spec.hostNetwork === true,
    allowHostPID: spec.hostPID === true,
    // On the host network every container port is a host port (the API server fills hostPort in).
    allowHostPorts: ports.some(p => p.hostPort !== undefined) || (spec.hostNetwork === true && ports.length > 0),
    allowPrivilegeEscalation: !containers.every(ct => sc(ct).allowPrivilegeEscalation === false),
    allowPrivilegedContainer: containers.some(ct => sc(ct).privileged === true),
    allowedCapabilities: [...caps].sort(),
    defaultAddCapabilities: [],
    requiredDropCapabilities: [],
    fsGroup: { type: 'MustRunAs' },
    readOnlyRootFilesystem: containers.every(ct => sc(ct).readOnlyRootFilesystem === true),
    runAsUser: uid === undefined ? { type: 'MustRunAsRange' } : { type: 'MustRunAs', uid },
    seLinuxContext: seLinux ? { type: 'MustRunAs', seLinuxOptions: seLinux } : { type: 'MustRunAs' },
    seccompProfiles,
    supplementalGroups: { type: 'RunAsAny' },
    users: [],
    groups: [],
    volumes: [...volumeTypes].sort(),
  };
}
