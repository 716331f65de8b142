import { fail } from '../validation';
import type { ContainerPort, EnvFromSource, EnvVar, EnvVarSource, Lifecycle, Probe, ResourceRequirements, SecurityContext, Toleration, Volume, VolumeMount } from './k8s-json';

/**
 * Env groups: sets of variables that several containers of one pod share. A container joins the
 * groups it needs when it is created; a feature adds variables to a group and every member gets
 * them, including containers another feature adds later.
 *
 * - `common`: every node-agent container plus `init-config` (the chart's containers-common-env).
 * - `clusterAgentClient`: containers that talk to the Cluster Agent (token, service name).
 */
export type EnvGroup = 'common' | 'clusterAgentClient';

/** A value for an env var: a literal or a reference. */
export type EnvValue = string | EnvVarSource;

export interface ContainerInit {
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly envGroups?: EnvGroup[];
  readonly securityContext: SecurityContext;
}

/** One container of the pod model. Features write into it; the pod renders it once. */
export class ContainerModel {
  private readonly env = new Map<string, EnvValue>();
  private readonly overrides = new Map<string, EnvValue>();
  private readonly defaults = new Set<string>();
  private readonly envFrom: EnvFromSource[] = [];
  private readonly ports: ContainerPort[] = [];
  private readonly mounts: VolumeMount[] = [];
  private readonly probes: { liveness?: Probe; readiness?: Probe; startup?: Probe } = {};
  private readonly caps = new Set<string>();
  private securityContext: SecurityContext;
  private resources?: ResourceRequirements;
  public command?: string[];
  public args?: string[];
  /** Lifecycle hooks (`postStart`, `preStop`), in the Kubernetes JSON form. */
  public lifecycle?: Lifecycle;
  public readonly envGroups: ReadonlySet<EnvGroup>;

  constructor(public readonly name: string, private readonly init: ContainerInit) {
    this.command = init.command;
    this.args = init.args;
    this.envGroups = new Set(init.envGroups ?? []);
    this.securityContext = init.securityContext;
  }

  /** Sets env vars. Setting a name twice with another value is a bug in a feature, so it throws. */
  public setEnv(vars: { [name: string]: EnvValue | undefined }): this {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) continue;
      if (this.defaults.delete(name)) this.env.set(name, value);
      else setOnce(this.env, name, value, `container ${this.name}`);
    }
    return this;
  }

  /** User-supplied env: replaces any value the library set, in place. */
  public overrideEnv(vars: { [name: string]: EnvValue }): this {
    for (const [name, value] of Object.entries(vars)) this.overrides.set(name, value);
    return this;
  }

  public addEnvFrom(...sources: EnvFromSource[]): this {
    this.envFrom.push(...sources);
    return this;
  }

  /** The names of this container's ports. */
  public portNames(): string[] {
    return this.ports.map(p => p.name);
  }

  public addPort(port: ContainerPort): this {
    const clash = this.ports.find(p => p.name === port.name || (p.containerPort === port.containerPort && p.protocol === port.protocol));
    if (clash) throw new Error(`container ${this.name}: port ${port.name} (${port.containerPort}/${port.protocol}) clashes with ${clash.name} (${clash.containerPort}/${clash.protocol})`);
    this.ports.push(port);
    return this;
  }

  /** Mounts a volume. Mounting the same volume at the same path twice is a no-op. */
  public mount(m: VolumeMount): this {
    const same = this.mounts.find(x => x.mountPath === m.mountPath);
    if (same) {
      if (JSON.stringify(same) === JSON.stringify(m)) return this;
      throw new Error(`container ${this.name}: ${m.mountPath} is mounted twice (${same.name} and ${m.name})`);
    }
    this.mounts.push(m);
    return this;
  }

  public setProbes(p: { liveness?: Probe; readiness?: Probe; startup?: Probe }): this {
    Object.assign(this.probes, p);
    return this;
  }

  /**
   * Replaces settings (delays, thresholds) of a probe the library defined, keeping its handler.
   * `option` names the user option, for the error when the container has no such probe.
   */
  public tuneProbe(kind: 'liveness' | 'readiness' | 'startup', settings: Partial<Probe>, option: string): this {
    const probe = this.probes[kind];
    if (!probe) {
      const has = (['liveness', 'readiness', 'startup'] as const).filter(k => this.probes[k]).map(k => `${k}Probe`);
      fail(`${option} tunes the ${kind} probe of container ${this.name}, which has none (it has: ${has.join(', ') || 'no probes'})`);
    }
    this.probes[kind] = { ...probe, ...settings };
    return this;
  }

  /** Adds Linux capabilities (rendered sorted, so the order features run in does not matter). */
  public addCapabilities(...caps: string[]): this {
    caps.forEach(c => this.caps.add(c));
    return this;
  }

  public patchSecurityContext(sc: SecurityContext): this {
    this.securityContext = { ...this.securityContext, ...sc };
    return this;
  }

  public setResources(r: ResourceRequirements | undefined): this {
    this.resources = r;
    return this;
  }

  /** Sets the resources only when nothing set any (a platform's defaults). */
  public setDefaultResources(r: ResourceRequirements): this {
    const set = this.resources && (Object.keys(this.resources.requests ?? {}).length || Object.keys(this.resources.limits ?? {}).length);
    if (!set) this.resources = r;
    return this;
  }

  /** Removes this container's mounts of a volume (for a platform that has no such volume). */
  public unmount(volume: string): this {
    for (let i = this.mounts.length - 1; i >= 0; i--) if (this.mounts[i].name === volume) this.mounts.splice(i, 1);
    return this;
  }

  /** Removes a probe the library defined (a platform that refuses it). */
  public removeProbe(kind: 'liveness' | 'readiness' | 'startup'): this {
    delete this.probes[kind];
    return this;
  }

  /** The mounts added so far. */
  public mountList(): readonly VolumeMount[] {
    return this.mounts;
  }

  /** The Linux capabilities features added to this container so far. */
  public capabilities(): string[] {
    return [...this.caps].sort();
  }

  /**
   * Sets env vars another module may replace once with `setEnv` (in place, keeping the position),
   * for values that are right unless a feature says otherwise.
   */
  public setDefaultEnv(vars: { [name: string]: EnvValue | undefined }): this {
    for (const [name, value] of Object.entries(vars)) {
      if (value === undefined) continue;
      if (this.env.has(name)) continue;
      this.env.set(name, value);
      this.defaults.add(name);
    }
    return this;
  }

  public hasEnv(name: string): boolean {
    return this.env.has(name) || this.overrides.has(name);
  }

  /** Names of the env vars set on this container so far (its groups' not included). */
  public envNames(): string[] {
    return [...this.env.keys(), ...this.overrides.keys()];
  }

  /** The env this container sets itself, in order, without the user's overrides. @internal */
  public _ownEnv(): [string, EnvValue][] {
    return [...this.env];
  }

  /** @internal */
  public _render(groupEnv: Map<EnvGroup, Map<string, EnvValue>>, volumes: Map<string, Volume>): any {
    const env = new Map<string, EnvValue>();
    for (const group of ['common', 'clusterAgentClient'] as EnvGroup[]) {
      if (!this.envGroups.has(group)) continue;
      for (const [k, v] of groupEnv.get(group) ?? []) setOnce(env, k, v, `container ${this.name}`);
    }
    for (const [k, v] of this.env) setOnce(env, k, v, `container ${this.name}`);
    for (const [k, v] of this.overrides) env.set(k, v);

    for (const m of this.mounts) {
      if (!volumes.has(m.name)) throw new Error(`container ${this.name} mounts volume ${m.name}, which the pod does not define`);
    }
    const caps = [...this.caps].sort();
    let securityContext: SecurityContext = caps.length
      ? { ...this.securityContext, capabilities: { ...this.securityContext.capabilities, add: caps } }
      : this.securityContext;
    // The API server refuses allowPrivilegeEscalation: false next to CAP_SYS_ADMIN or privileged
    // (it would be meaningless): a feature that adds SYS_ADMIN lifts the base context's setting.
    if (securityContext.allowPrivilegeEscalation === false && (caps.includes('SYS_ADMIN') || securityContext.privileged)) {
      const { allowPrivilegeEscalation: _dropped, ...rest } = securityContext;
      securityContext = rest;
    }

    return compact({
      name: this.name,
      image: this.init.image,
      imagePullPolicy: this.init.imagePullPolicy,
      command: this.command,
      args: this.args,
      lifecycle: this.lifecycle,
      env: [...env].map(([name, v]): EnvVar => (typeof v === 'string' ? { name, value: v } : { name, valueFrom: v })),
      envFrom: this.envFrom,
      ports: this.ports,
      volumeMounts: this.mounts,
      livenessProbe: this.probes.liveness,
      readinessProbe: this.probes.readiness,
      startupProbe: this.probes.startup,
      resources: this.resources,
      securityContext,
    });
  }
}

/**
 * The pod model that features write into: containers, env groups, volumes and pod-level fields.
 * It is rendered once, at synthesis, into the pod template of a DaemonSet or Deployment, so every
 * field in the output is one some module put there on purpose.
 */
export class PodModel {
  public readonly labels: { [k: string]: string } = {};
  public readonly annotations: { [k: string]: string } = {};
  public readonly nodeSelector: { [k: string]: string } = {};
  public readonly tolerations: Toleration[] = [];
  public hostPid = false;
  public hostNetwork = false;
  public securityContext?: any;
  public affinity?: any;
  public priorityClassName?: string;
  /** The RuntimeClass the pod's containers run under (e.g. `nvidia` for GPU monitoring). */
  public runtimeClassName?: string;
  public serviceAccountName?: string;
  public imagePullSecrets: string[] = [];
  public terminationGracePeriodSeconds?: number;
  public shareProcessNamespace?: boolean;

  private readonly containers = new Map<string, ContainerModel>();
  private readonly initContainers = new Map<string, ContainerModel>();
  private readonly volumes = new Map<string, Volume>();
  private readonly groupEnv = new Map<EnvGroup, Map<string, EnvValue>>();
  /** Functions run just before rendering: for values that depend on the final pod (checksums). */
  private readonly finalizers: ((pod: PodModel) => void)[] = [];
  private readonly deferredMounts: [string, VolumeMount][] = [];
  private readonly hostPidNeeds: string[] = [];
  private rendered?: any;

  constructor(public readonly component: string) {}

  public addContainer(name: string, init: ContainerInit): ContainerModel {
    return this.add(this.containers, name, init);
  }

  public addInitContainer(name: string, init: ContainerInit): ContainerModel {
    return this.add(this.initContainers, name, init);
  }

  public hasContainer(name: string): boolean {
    return this.containers.has(name) || this.initContainers.has(name);
  }

  /** The container (or init container) with this name; throws if no module added it. */
  public container(name: string): ContainerModel {
    const c = this.containers.get(name) ?? this.initContainers.get(name);
    if (!c) throw new Error(`${this.component}: no container named ${name}`);
    return c;
  }

  /** The containers among `names` that exist in this pod. */
  public existing(...names: string[]): ContainerModel[] {
    return names.filter(n => this.hasContainer(n)).map(n => this.container(n));
  }

  /** True when a container or init container of this pod adds Linux capabilities. */
  public addsCapabilities(): boolean {
    return [...this.containers.values(), ...this.initContainers.values()].some(c => c.capabilities().length > 0);
  }

  public containerNames(): string[] {
    return [...this.containers.keys()];
  }

  /**
   * Where a container renders: `containers` or `initContainers`, and its index there. Containers
   * render in the order modules added them, and modules add none once the pod is built, so the
   * index is final as soon as the component exists; undefined when there is no such container.
   */
  public containerIndex(name: string): { readonly list: 'containers' | 'initContainers'; readonly index: number } | undefined {
    const i = [...this.containers.keys()].indexOf(name);
    if (i >= 0) return { list: 'containers', index: i };
    const j = [...this.initContainers.keys()].indexOf(name);
    return j >= 0 ? { list: 'initContainers', index: j } : undefined;
  }

  /** Names of the init containers, in render order. */
  public initContainerNames(): string[] {
    return [...this.initContainers.keys()];
  }

  /**
   * Runs the pod in the host PID namespace because `option` (e.g. `dogstatsd.originDetection`)
   * needs it; the component checks the need against its own hostPID option.
   */
  public requireHostPid(option: string): void {
    this.hostPid = true;
    if (!this.hostPidNeeds.includes(option)) this.hostPidNeeds.push(option);
  }

  /** The options that required the host PID namespace, in the order they did. */
  public hostPidNeededBy(): readonly string[] {
    return [...this.hostPidNeeds];
  }

  /** Adds variables to an env group: every container in the group gets them. */
  public addGroupEnv(group: EnvGroup, vars: { [name: string]: EnvValue | undefined }): void {
    let map = this.groupEnv.get(group);
    if (!map) this.groupEnv.set(group, (map = new Map()));
    for (const [k, v] of Object.entries(vars)) {
      if (v !== undefined) setOnce(map, k, v, `${this.component} env group ${group}`);
    }
  }

  /**
   * Replaces variables the component put in an env group as defaults (e.g. a feature flag that is
   * `false` unless a feature turns it on). A name not in the group is a bug, so it throws.
   */
  public replaceGroupEnv(group: EnvGroup, vars: { [name: string]: EnvValue }): void {
    const map = this.groupEnv.get(group);
    for (const [k, v] of Object.entries(vars)) {
      if (!map?.has(k)) throw new Error(`${this.component} env group ${group} has no ${k} to replace`);
      map.set(k, v);
    }
  }

  /** Defines a volume. Defining the same volume twice is a no-op; a different definition throws. */
  public addVolume(v: Volume): void {
    const existing = this.volumes.get(v.name);
    if (existing) {
      if (JSON.stringify(existing) === JSON.stringify(v)) return;
      throw new Error(`${this.component}: volume ${v.name} defined twice with different sources`);
    }
    this.volumes.set(v.name, v);
  }

  public hasVolume(name: string): boolean {
    return this.volumes.has(name);
  }

  public hostPath(name: string, path: string, type?: string): void {
    this.addVolume({ name, hostPath: type ? { path, type } : { path } });
  }

  public emptyDir(name: string): void {
    this.addVolume({ name, emptyDir: {} });
  }

  /**
   * Defines a volume and mounts it into each named container the pod has when it renders. A
   * mount into a container no feature added is skipped, so a feature can say "agent and
   * trace-agent" without knowing whether APM is on, nor which feature runs first.
   */
  public volumeWithMounts(v: Volume, mounts: { [container: string]: Omit<VolumeMount, 'name'> }): void {
    this.addVolume(v);
    for (const [container, m] of Object.entries(mounts)) this.deferredMounts.push([container, { name: v.name, ...m }]);
  }

  /**
   * Two different volumes mounted at one path of a container, counting the mounts
   * `volumeWithMounts` will add at render: the pod model would refuse them at render.
   */
  public mountClashes(): { container: string; mountPath: string; volumes: [string, string] }[] {
    const out: { container: string; mountPath: string; volumes: [string, string] }[] = [];
    for (const [name, ct] of [...this.containers, ...this.initContainers]) {
      const byPath = new Map<string, string>();
      const deferred = this.deferredMounts.filter(([c]) => c === name).map(([, m]) => m);
      for (const m of [...ct.mountList(), ...deferred]) {
        const other = byPath.get(m.mountPath);
        if (other !== undefined && other !== m.name) out.push({ container: name, mountPath: m.mountPath, volumes: [other, m.name] });
        byPath.set(m.mountPath, m.name);
      }
    }
    return out;
  }

  /**
   * Runs `fn` at render, before the containers are rendered. A finalizer added while the
   * finalizers run, runs after every one added so far.
   */
  public onRender(fn: (pod: PodModel) => void): void {
    this.finalizers.push(fn);
  }

  /** The variables of an env group, in order. */
  public groupEnvEntries(group: EnvGroup): [string, EnvValue][] {
    return [...(this.groupEnv.get(group) ?? [])];
  }

  /**
   * The env the library gives a container, in render order (its groups', then its own), without
   * the user's overrides: what another pod derived from this one starts from.
   */
  public libraryEnv(container: string): [string, EnvValue][] {
    const ct = this.container(container);
    const out = new Map<string, EnvValue>();
    for (const group of ['common', 'clusterAgentClient'] as EnvGroup[]) {
      if (ct.envGroups.has(group)) for (const [k, v] of this.groupEnvEntries(group)) out.set(k, v);
    }
    for (const [k, v] of ct._ownEnv()) out.set(k, v);
    return [...out];
  }

  /** Names of the env vars of a container so far, those of its env groups included. */
  public envNames(container: string): string[] {
    const ct = this.container(container);
    return [...[...ct.envGroups].flatMap(g => [...(this.groupEnv.get(g)?.keys() ?? [])]), ...ct.envNames()];
  }

  /** Renders the pod template: `{ metadata, spec }`. */
  public render(): any {
    // Rendering applies the deferred mounts and finalizers: do it once, and give every caller the same result.
    if (this.rendered) return this.rendered;
    for (const [container, m] of this.deferredMounts) if (this.hasContainer(container)) this.container(container).mount(m);
    for (const fn of this.finalizers) fn(this);
    const used = new Set<string>();
    const containers = [...this.containers.values()].map(c => c._render(this.groupEnv, this.volumes));
    const initContainers = [...this.initContainers.values()].map(c => c._render(this.groupEnv, this.volumes));
    for (const c of [...containers, ...initContainers]) for (const m of c.volumeMounts ?? []) used.add(m.name);
    // A volume nobody mounts is dead weight in the manifest (and a hostPath nobody needs): drop it.
    const volumes = [...this.volumes.values()].filter(v => used.has(v.name));

    this.rendered = compact({
      metadata: compact({ labels: sortKeys(this.labels), annotations: sortKeys(this.annotations) }),
      spec: compact({
        serviceAccountName: this.serviceAccountName,
        automountServiceAccountToken: true,
        hostPID: this.hostPid || undefined,
        hostNetwork: this.hostNetwork || undefined,
        dnsPolicy: this.hostNetwork ? 'ClusterFirstWithHostNet' : undefined,
        shareProcessNamespace: this.shareProcessNamespace,
        priorityClassName: this.priorityClassName,
        runtimeClassName: this.runtimeClassName,
        terminationGracePeriodSeconds: this.terminationGracePeriodSeconds,
        securityContext: this.securityContext,
        imagePullSecrets: this.imagePullSecrets.map(name => ({ name })),
        initContainers,
        containers,
        volumes,
        nodeSelector: sortKeys(this.nodeSelector),
        affinity: this.affinity,
        tolerations: this.tolerations,
      }),
    });
    return this.rendered;
  }

  private add(map: Map<string, ContainerModel>, name: string, init: ContainerInit): ContainerModel {
    if (this.hasContainer(name)) throw new Error(`${this.component}: container ${name} added twice`);
    const c = new ContainerModel(name, init);
    map.set(name, c);
    return c;
  }
}

function setOnce(map: Map<string, EnvValue>, name: string, value: EnvValue, where: string): void {
  const prev = map.get(name);
  if (prev !== undefined && JSON.stringify(prev) !== JSON.stringify(value)) {
    throw new Error(`${where}: env ${name} set twice (${JSON.stringify(prev)} and ${JSON.stringify(value)})`);
  }
  map.set(name, value);
}

/** Drops undefined values, empty arrays and empty objects (one level), so output carries no noise. */
export function compact<T extends object>(o: T): T {
  const out: any = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out;
}

export function sortKeys(o: { [k: string]: string }): { [k: string]: string } {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}
