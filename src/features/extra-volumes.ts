import * as kplus from 'cdk8s-plus-27';
import type { ClusterAgentOptions } from '../components/cluster-agent';
import type { ClusterChecksRunnerOptions } from '../components/cluster-checks-runner';
import { CONTAINER, NODE_CONTAINERS } from '../components/containers';
import type { NodeAgentOptions } from '../components/node-agent';
import { defineFeature } from '../feature';
import { registerOptionClass } from '../input/classes';
import { checkArgs } from '../input/strict';
import type { Volume, VolumeMount } from '../model/k8s-json';
import type { PodModel } from '../model/pod';
import { ValidationError, checkAbsolutePath, checkDnsLabel, checkDnsSubdomain, checkInt, checkQuantity, fail, show, bool, list } from '../validation';

/**
 * Type check of a hostPath volume.
 * @deprecated use `kplus.HostPathVolumeType` with `ExtraVolume.hostPathOfType`
 */
export enum HostPathType {
  /** A directory that must exist. */
  DIRECTORY = 'Directory',
  /** A directory, created (0755) if missing. */
  DIRECTORY_OR_CREATE = 'DirectoryOrCreate',
  /** A file that must exist. */
  FILE = 'File',
  /** A file, created (0644) if missing. */
  FILE_OR_CREATE = 'FileOrCreate',
  /** A Unix socket that must exist. */
  SOCKET = 'Socket',
}

/** One key of a ConfigMap or Secret projected to a file. */
export interface VolumeKeyToPath {
  /** The key in the ConfigMap or Secret. */
  readonly key: string;
  /** Relative file path inside the mount. */
  readonly path: string;
}

/** Options of a ConfigMap or Secret volume. */
export interface ConfigVolumeOptions {
  /**
   * Start the pod even when the ConfigMap or Secret does not exist.
   * @default false
   */
  readonly optional?: boolean;
  /**
   * File mode of the projected files, as a decimal number (0444 octal is 292).
   * @default - Kubernetes default (0644)
   */
  readonly defaultMode?: number;
  /**
   * Only these keys, at these paths.
   * @default - every key, as a file named like the key
   */
  readonly items?: VolumeKeyToPath[];
}

/** Options of an emptyDir volume. */
export interface EmptyDirVolumeOptions {
  /**
   * Back the directory with memory (tmpfs) instead of the node's disk.
   * @default false
   */
  readonly memory?: boolean;
  /**
   * Size limit, as a Kubernetes quantity such as "64Mi".
   * @default - none
   */
  readonly sizeLimit?: string;
}

/**
 * An extra volume for the node agent or Cluster Agent pods (the chart's `agents.volumes` /
 * `clusterAgent.volumes`). Mount it with an `ExtraVolumeMount` naming it.
 */
export class ExtraVolume {
  /**
   * A directory or file of the node.
   * @deprecated use `ExtraVolume.hostPathOfType(name, path, kplus.HostPathVolumeType.DIRECTORY)`
   * (or `hostPathOfType(name, path)` for no type check)
   */
  public static hostPath(name: string, path: string, type?: HostPathType): ExtraVolume {
    checkArgs('cdk8s-datadog.ExtraVolume', 'hostPath', [name, path, type]);
    return new ExtraVolume(name, 'hostPath', { path, type });
  }

  /**
   * A directory, file, socket or device of the node, checked by the kubelet as `type` says.
   * @param type how the kubelet checks the path; `HostPathVolumeType.DEFAULT` (the default) checks nothing
   */
  public static hostPathOfType(name: string, path: string, type: kplus.HostPathVolumeType = kplus.HostPathVolumeType.DEFAULT): ExtraVolume {
    return new ExtraVolume(name, 'hostPath', { path, type: type === kplus.HostPathVolumeType.DEFAULT ? undefined : type, kplus: true });
  }

  /** A ConfigMap in the agent's namespace. */
  public static configMap(name: string, configMapName: string, options: ConfigVolumeOptions = {}): ExtraVolume {
    checkArgs('cdk8s-datadog.ExtraVolume', 'configMap', [name, configMapName, options]);
    return new ExtraVolume(name, 'configMap', { ref: configMapName, ...options });
  }

  /** A Secret in the agent's namespace. */
  public static secret(name: string, secretName: string, options: ConfigVolumeOptions = {}): ExtraVolume {
    checkArgs('cdk8s-datadog.ExtraVolume', 'secret', [name, secretName, options]);
    return new ExtraVolume(name, 'secret', { ref: secretName, ...options });
  }

  /** An empty scratch directory that lives as long as the pod. */
  public static emptyDir(name: string, options: EmptyDirVolumeOptions = {}): ExtraVolume {
    checkArgs('cdk8s-datadog.ExtraVolume', 'emptyDir', [name, options]);
    return new ExtraVolume(name, 'emptyDir', { ...options });
  }

  private constructor(
    /** Volume name, referenced by `ExtraVolumeMount.volume`. */
    public readonly name: string,
    /** The source kind: hostPath, configMap, secret or emptyDir. */
    public readonly kind: string,
    private readonly spec: any,
  ) {}

  /** @internal */
  public _render(path: string): Volume {
    checkDnsLabel(`${path}.name`, this.name);
    const s = this.spec;
    switch (this.kind) {
      case 'hostPath':
        checkAbsolutePath(`${path}.path`, s.path);
        const types: string[] = s.kplus ? Object.values(kplus.HostPathVolumeType).filter(t => t !== '') : Object.values(HostPathType);
        if (s.type !== undefined && !types.includes(s.type)) {
          fail(`${path}.type must be one of ${types.join(', ')}, got ${show(s.type)}`);
        }
        return { name: this.name, hostPath: s.type ? { path: s.path, type: s.type } : { path: s.path } };
      case 'configMap':
      case 'secret': {
        checkDnsSubdomain(`${path}.${this.kind === 'secret' ? 'secretName' : 'configMapName'}`, s.ref);
        checkInt(`${path}.defaultMode`, s.defaultMode, 0, 0o777);
        const items = (s.items as VolumeKeyToPath[] | undefined)?.map((it, i) => {
          if (typeof it.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(it.key)) fail(`${path}.items[${i}].key must be a ConfigMap/Secret key (letters, digits, "-", "_", "."), got ${show(it.key)}`);
          checkRelativePath(`${path}.items[${i}].path`, it.path);
          return { key: it.key, path: it.path };
        });
        const body: any = {
          ...(this.kind === 'secret' ? { secretName: s.ref } : { name: s.ref }),
          ...(items && items.length ? { items } : {}),
          ...(s.defaultMode !== undefined ? { defaultMode: s.defaultMode } : {}),
          ...(s.optional !== undefined ? { optional: s.optional } : {}),
        };
        return this.kind === 'secret' ? { name: this.name, secret: body } : { name: this.name, configMap: body };
      }
      default: {
        checkQuantity(`${path}.sizeLimit`, s.sizeLimit);
        return { name: this.name, emptyDir: { ...(s.memory ? { medium: 'Memory' } : {}), ...(s.sizeLimit ? { sizeLimit: s.sizeLimit } : {}) } };
      }
    }
  }
}
registerOptionClass('cdk8s-datadog.ExtraVolume', ExtraVolume);

/** Mounts an `ExtraVolume` into a container. */
export interface ExtraVolumeMount {
  /** Name of an `ExtraVolume` of the same component. */
  readonly volume: string;
  /** Absolute path inside the container. */
  readonly mountPath: string;
  /**
   * Mount read-only. Unlike Kubernetes, read-only is the default: the agents run as root.
   * @default true
   */
  readonly readOnly?: boolean;
  /**
   * Mount only this relative path of the volume.
   * @default - the whole volume
   */
  readonly subPath?: string;
}

function checkRelativePath(path: string, value: string | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value === '' || value.startsWith('/') || value.split('/').includes('..') || /\s/.test(value)) {
    fail(`${path} must be a relative path without ".." or spaces, got ${show(value)}`);
  }
}

/** @internal */
export interface ResolvedMount {
  /** Option path, for errors. */
  readonly path: string;
  /** Container names; '*' means every long-running node container. */
  readonly container: string;
  readonly mount: VolumeMount;
}

/** @internal */
export interface ResolvedExtraVolumes {
  readonly node: { readonly volumes: Volume[]; readonly mounts: ResolvedMount[] };
  readonly cluster: { readonly volumes: Volume[]; readonly mounts: ResolvedMount[] };
  readonly runner: { readonly volumes: Volume[]; readonly mounts: ResolvedMount[] };
}

/** Validates a component's extra volumes and their mounts (`[option path, container, mounts]`). @internal */
export function resolveVolumeSet(prefix: string, volumes: ExtraVolume[] | undefined, mounts: [string, string, ExtraVolumeMount[] | undefined][]) {
  const vs = list(`${prefix}.volumes`, volumes).map((v, i) => {
    if (!(v instanceof ExtraVolume)) fail(`${prefix}.volumes[${i}] must be an ExtraVolume (ExtraVolume.hostPath(...), .configMap(...), .secret(...) or .emptyDir(...))`);
    return v._render(`${prefix}.volumes[${i}]`);
  });
  const names = new Map<string, number>();
  vs.forEach((v, i) => {
    if (names.has(v.name)) fail(`${prefix}.volumes[${i}].name ${show(v.name)} is also the name of ${prefix}.volumes[${names.get(v.name)}]`);
    names.set(v.name, i);
  });
  const used = new Set<string>();
  const out: ResolvedMount[] = [];
  for (const [path, container, entries] of mounts) {
    const paths = new Set<string>();
    list(path, entries).forEach((m, i) => {
      const p = `${path}[${i}]`;
      if (!names.has(m.volume)) {
        fail(`${p}.volume ${show(m.volume)} is not one of ${prefix}.volumes (${[...names.keys()].join(', ') || 'none defined'})`);
      }
      checkAbsolutePath(`${p}.mountPath`, m.mountPath);
      if (m.mountPath === '/') fail(`${p}.mountPath must not be "/"`);
      checkRelativePath(`${p}.subPath`, m.subPath);
      const mountPath = m.mountPath.length > 1 ? m.mountPath.replace(/\/+$/, '') : m.mountPath;
      if (paths.has(mountPath)) fail(`${p}.mountPath ${show(mountPath)} is mounted twice in ${path}`);
      paths.add(mountPath);
      used.add(m.volume);
      out.push({
        path: p,
        container,
        mount: { name: m.volume, mountPath, ...(m.subPath ? { subPath: m.subPath } : {}), readOnly: (bool(`${p}.readOnly`, m.readOnly) ?? true) },
      });
    });
  }
  for (const [name, i] of names) {
    if (!used.has(name)) fail(`${prefix}.volumes[${i}] ${show(name)} is not mounted: add an ExtraVolumeMount naming it`);
  }
  return { volumes: vs, mounts: out };
}

/** @internal */
export function resolveExtraVolumes(
  na: NodeAgentOptions = {}, ca: ClusterAgentOptions = {}, runner: ClusterChecksRunnerOptions = {},
): ResolvedExtraVolumes {
  const nodeMounts: [string, string, ExtraVolumeMount[] | undefined][] = [['nodeAgent.volumeMounts', '*', na.volumeMounts]];
  for (const { key, name: container } of NODE_CONTAINERS) {
    const opts = (na.containers as any)?.[key];
    if (opts?.volumeMounts) nodeMounts.push([`nodeAgent.containers.${key}.volumeMounts`, container, opts.volumeMounts]);
  }
  return {
    node: resolveVolumeSet('nodeAgent', na.volumes, nodeMounts),
    cluster: resolveVolumeSet('clusterAgent', ca.volumes, [['clusterAgent.volumeMounts', CONTAINER.CLUSTER_AGENT, ca.volumeMounts]]),
    runner: resolveVolumeSet('clusterChecksRunner', runner.volumes, [['clusterChecksRunner.volumeMounts', CONTAINER.AGENT, runner.volumeMounts]]),
  };
}

/** The long-running node containers that `nodeAgent.volumeMounts` goes to (the chart's list). */
const NODE_MOUNT_TARGETS = NODE_CONTAINERS.map(n => n.name);

function apply(component: string, pod: PodModel, set: { volumes: Volume[]; mounts: ResolvedMount[] }): void {
  if (!set.volumes.length) return;
  // The library's volumes so far (checked now, to fail at construction) and at render, when the
  // integrations have added theirs.
  set.volumes.forEach((v, i) => {
    if (pod.hasVolume(v.name)) fail(`${component}.volumes[${i}].name ${show(v.name)} is a volume name the library uses; choose another name`);
  });
  pod.onRender((p) => {
    set.volumes.forEach((v, i) => {
      if (p.hasVolume(v.name)) fail(`${component}.volumes[${i}].name ${show(v.name)} is a volume name the library uses; choose another name`);
      p.addVolume(v);
    });
    for (const m of set.mounts) {
      const targets = m.container === '*' ? p.existing(...NODE_MOUNT_TARGETS) : [p.container(m.container)];
      for (const ct of targets) {
        try {
          ct.mount(m.mount);
        } catch (e) {
          if (e instanceof ValidationError) throw e;
          fail(`${m.path}.mountPath ${show(m.mount.mountPath)} is already a mount point of container ${ct.name}; choose another path`);
        }
      }
    }
  });
}

/** Extra volumes and mounts: the escape hatch for files the library does not know about. */
export const extraVolumes = defineFeature({
  id: 'extra-volumes',
  option: 'extraVolumes',
  resolve: (p) => resolveExtraVolumes(p.nodeAgent, p.clusterAgent, p.clusterChecksRunner),
  enabled: (c) => c.extraVolumes.node.volumes.length > 0 || c.extraVolumes.cluster.volumes.length > 0 || c.extraVolumes.runner.volumes.length > 0,
  nodeAgent: (c, pod) => {
    // Every container exists by now (the escape hatches run after every feature).
    for (const m of c.extraVolumes.node.mounts) {
      if (m.container !== '*' && !pod.hasContainer(m.container)) fail(`${m.path} mounts into ${m.container}, which this configuration does not run`);
    }
    apply('nodeAgent', pod, c.extraVolumes.node);
  },
  clusterAgent: (c, pod) => {
    apply('clusterAgent', pod, c.extraVolumes.cluster);
  },
  clusterChecksRunner: (c, pod) => {
    apply('clusterChecksRunner', pod, c.extraVolumes.runner);
  },
});
