import { createHash } from 'crypto';
import type { PodModel } from '../model/pod';

/**
 * The Cluster Agent's conf.d: check configurations that the Cluster Agent loads from the
 * ConfigMap `F-cluster-agent-confd`, mounted read-only at `/conf.d` (the image copies it into
 * its `conf.d` at start). Checks with `cluster_check: true` are dispatched to node agents or
 * Cluster Checks Runners; the others run in the Cluster Agent itself.
 *
 * How a module adds a file: from its `clusterAgent(c, pod)` hook,
 *
 *     clusterAgentConfd(pod).add('kubernetes_state_core', 'kubernetes_state_core.yaml.default', yaml);
 *
 * Each file is one ConfigMap key, mounted at `<check>.d/<file>`. A key added twice with
 * different content throws (two modules fighting over one file is a bug). The Cluster Agent
 * component renders every file into one ConfigMap, mounts it, and sets the pod annotation
 * `checksum/confd-config` (SHA-256 of the contents) so that a config change rolls the pods.
 * Nothing is rendered when no module adds a file.
 *
 * Files may also be added later, up to synthesis (for options a user sets after construction):
 * the ConfigMap appears on the first file, and its data, volume items and checksum are read when
 * the pod renders. Adding a file after that throws, since it would be lost.
 */
export class ClusterAgentConfd {
  private readonly files = new Map<string, { check: string; content: string }>();
  private readonly providers: (() => { [file: string]: { check: string; content: string } })[] = [];
  private readonly onFirstFile: (() => void)[] = [];
  private sealed = false;

  /** Adds `content` as `<check>.d/<fileName>`. */
  public add(check: string, fileName: string, content: string): this {
    if (this.sealed) throw new Error(`Cluster Agent conf.d: ${fileName} added after the Cluster Agent pod was rendered`);
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(check)) throw new Error(`Cluster Agent conf.d: invalid check name ${JSON.stringify(check)}`);
    if (!/^[-._a-zA-Z0-9]+$/.test(fileName)) throw new Error(`Cluster Agent conf.d: invalid file name ${JSON.stringify(fileName)}`);
    const prev = this.files.get(fileName);
    if (prev && (prev.check !== check || prev.content !== content)) {
      throw new Error(`Cluster Agent conf.d: ${fileName} added twice with different content`);
    }
    const first = this.files.size === 0;
    this.files.set(fileName, { check, content });
    if (first) this.onFirstFile.splice(0).forEach(fn => fn());
    return this;
  }

  /**
   * Adds files computed at synthesis, for content that may still change after construction
   * (integrations added with `addIntegration`). A provider's file clashing with another file
   * throws when the files are read.
   */
  public addProvider(fn: () => { [file: string]: { check: string; content: string } }): this {
    if (this.sealed) throw new Error('Cluster Agent conf.d: provider added after the Cluster Agent pod was rendered');
    const first = this.empty;
    this.providers.push(fn);
    if (first) this.onFirstFile.splice(0).forEach(f => f());
    return this;
  }

  /** Runs `fn` once the registry holds a file: now if it does, else on the first `add`. */
  public whenNotEmpty(fn: () => void): void {
    if (this.empty) this.onFirstFile.push(fn);
    else fn();
  }

  /** No more files: the pod that mounts them has rendered. */
  public seal(): void {
    this.sealed = true;
  }

  public has(fileName: string): boolean {
    return this.all().has(fileName);
  }

  public get empty(): boolean {
    return this.files.size === 0 && this.providers.length === 0;
  }

  /** ConfigMap data, keys sorted. */
  public data(): { [key: string]: string } {
    const all = this.all();
    return Object.fromEntries([...all.keys()].sort().map(k => [k, all.get(k)!.content]));
  }

  /** Volume items: key -> `<check>.d/<file>`, sorted by key. */
  public items(): { key: string; path: string }[] {
    const all = this.all();
    return [...all.keys()].sort().map(k => ({ key: k, path: `${all.get(k)!.check}.d/${k}` }));
  }

  /** Files added directly plus the providers' current files. */
  private all(): Map<string, { check: string; content: string }> {
    const all = new Map(this.files);
    for (const p of this.providers) {
      for (const [file, f] of Object.entries(p())) {
        if (all.has(file)) throw new Error(`Cluster Agent conf.d: ${file} is provided twice (a cluster check named like a built-in one?)`);
        all.set(file, f);
      }
    }
    return all;
  }

  /** SHA-256 over keys and contents, for the pod annotation. */
  public checksum(): string {
    const h = createHash('sha256');
    for (const [k, v] of Object.entries(this.data())) h.update(`${k}\0${v}\0`);
    return h.digest('hex');
  }
}

const REGISTRY = new WeakMap<PodModel, ClusterAgentConfd>();

/** The conf.d registry of a Cluster Agent pod (created on first use). */
export function clusterAgentConfd(pod: PodModel): ClusterAgentConfd {
  let r = REGISTRY.get(pod);
  if (!r) REGISTRY.set(pod, (r = new ClusterAgentConfd()));
  return r;
}
