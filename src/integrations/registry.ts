import { fail } from '../validation';
import type { CustomCheck } from './custom-check';
import { resolveCustomCheck } from './custom-check';
import type { Integration, ResolvedIntegration } from './integration';
import { integrationYaml, mergeIntegrations, resolveIntegration } from './integration';

/** Cluster checks the library writes itself (the Cluster Agent conf.d), and the options that shape them. */
const LIBRARY_CLUSTER_CHECKS: { [check: string]: string } = {
  kubernetes_state_core: 'kubeStateMetricsCore',
  kubernetes_apiserver: 'eventCollection',
};

/** A ConfigMap holds at most 1 MiB; stay clear of it so the API server accepts the object. */
const CONFIGMAP_LIMIT = 1024 * 1024 - 16 * 1024;

/**
 * The integrations and custom checks of one DatadogAgent. It is mutable on purpose:
 * `DatadogAgent.addIntegration` can run after the constructor, and the ConfigMaps, pod mounts
 * and checksums read it lazily, at synthesis.
 *
 * @internal
 */
export class IntegrationRegistry {
  private readonly node = new Map<string, ResolvedIntegration>();
  private readonly cluster = new Map<string, ResolvedIntegration>();
  private readonly checks = new Map<string, { source: string; path: string }>();
  private readonly listeners: (() => void)[] = [];
  private sealed = false;

  constructor(private readonly clusterAgentDeployed: boolean, private readonly clusterChecksEnabled: boolean) {}

  /** Adds an integration; `path` names it in errors (`integrations[0]`, `addIntegration("redisdb")`). */
  public addIntegration(path: string, integration: Integration): void {
    this.checkOpen(path);
    const r = resolveIntegration(path, integration);
    if (r.clusterCheck && !this.clusterAgentDeployed) {
      fail(`${path}.clusterCheck needs the Cluster Agent deployed by this library (it dispatches cluster checks), but clusterAgent.enabled is false; run the check on the nodes (clusterCheck: false) or enable the Cluster Agent`);
    }
    if (r.clusterCheck && !this.clusterChecksEnabled) {
      fail(`${path}.clusterCheck needs cluster checks, but clusterChecks.enabled is false; enable them or run the check on the nodes (clusterCheck: false)`);
    }
    if (r.clusterCheck && LIBRARY_CLUSTER_CHECKS[r.name]) {
      fail(`${path}.name ${r.name} is a cluster check this library configures itself; use the ${LIBRARY_CLUSTER_CHECKS[r.name]} options`);
    }
    // The Cluster Agent matches cluster-check templates to Services and Endpoints, not to containers.
    const notClusterIds = (r.adIdentifiers ?? []).filter(id => !/^kube_(service|endpoints?):\/\//.test(id));
    if (r.clusterCheck && notClusterIds.length) {
      fail(`${path}.adIdentifiers of a cluster check must be kube_service://<namespace>/<name> or kube_endpoints://<namespace>/<name>, got ${JSON.stringify(notClusterIds[0])}; for containers, use a node check or Autodiscovery.annotate`);
    }
    const target = r.clusterCheck ? this.cluster : this.node;
    const prev = target.get(r.name);
    const merged = prev ? mergeIntegrations(prev, r) : r;
    this.checkSize(path, target, merged);
    target.set(r.name, merged);
    this.changed();
  }

  /** Adds a custom check; a second check with the same file name fails. */
  public addCustomCheck(path: string, check: CustomCheck): void {
    this.checkOpen(path);
    const [file, source] = resolveCustomCheck(path, check);
    const prev = this.checks.get(file);
    if (prev) fail(`${path}.name: custom check file checks.d/${file} is already defined by ${prev.path}; each custom check needs its own name`);
    const total = [...this.checks.values()].reduce((n, c) => n + Buffer.byteLength(c.source), 0) + Buffer.byteLength(source);
    if (total > CONFIGMAP_LIMIT) fail(`${path}.source: custom checks total ${total} bytes, more than a ConfigMap can hold (${CONFIGMAP_LIMIT})`);
    this.checks.set(file, { source, path });
    this.changed();
  }

  /**
   * No more changes: a pod that reads the registry has rendered (its mounts and checksum are
   * final). An addition after that would reach a ConfigMap but not the pods, so it fails.
   */
  public seal(): void {
    this.sealed = true;
  }

  private checkOpen(path: string): void {
    if (this.sealed) fail(`${path}: the agents were already synthesized; add integrations and custom checks before app.synth()`);
  }

  /** Calls `fn` after every change (the façade creates ConfigMaps the first time they are needed). */
  public onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** Node checks: ConfigMap key `<check>.yaml` → YAML, sorted by key. */
  public nodeConfd(): { [file: string]: string } {
    return files(this.node);
  }

  /** Cluster checks: `<check>.yaml` → YAML for the Cluster Agent's conf.d, sorted by key. */
  public clusterConfd(): { [file: string]: string } {
    return files(this.cluster);
  }

  /** Cluster checks with their check names: `<check>.yaml` → { check, content }. */
  public clusterConfdFiles(): { [file: string]: { check: string; content: string } } {
    return Object.fromEntries([...this.cluster.keys()].sort().map(k => [`${k}.yaml`, { check: k, content: integrationYaml(this.cluster.get(k)!) }]));
  }

  public get hasClusterChecks(): boolean {
    return this.cluster.size > 0;
  }

  /** Custom checks: `<name>.py` → source, sorted by key. */
  public checksd(): { [file: string]: string } {
    return Object.fromEntries([...this.checks.keys()].sort().map(k => [k, this.checks.get(k)!.source]));
  }

  private checkSize(path: string, target: Map<string, ResolvedIntegration>, next: ResolvedIntegration): void {
    let total = Buffer.byteLength(integrationYaml(next));
    for (const [name, i] of target) if (name !== next.name) total += Buffer.byteLength(integrationYaml(i));
    if (total > CONFIGMAP_LIMIT) fail(`${path}: the ${next.clusterCheck ? 'cluster' : 'node'} check configurations total ${total} bytes, more than a ConfigMap can hold (${CONFIGMAP_LIMIT})`);
  }

  private changed(): void {
    this.listeners.forEach(fn => fn());
  }
}

function files(m: Map<string, ResolvedIntegration>): { [file: string]: string } {
  return Object.fromEntries([...m.keys()].sort().map(k => [`${k}.yaml`, integrationYaml(m.get(k)!)]));
}
