import { Construct } from 'constructs';
import { ResolvedConfig } from './config';
import { PolicyRule } from './model/k8s-json';
import { PodModel } from './model/pod';

/** The components a feature can contribute to. */
export type Component = 'nodeAgent' | 'clusterAgent' | 'clusterChecksRunner';

/**
 * RBAC a feature needs: rules granted to a component's ServiceAccount. Without `role` the rules
 * join the component's own ClusterRole (or Role, with `namespaced`); with `role` they form a
 * separate ClusterRole/Role of that name, bound to the component, as the chart does for
 * `F-ksm-core` or `F-orchestrator-explorer`.
 */
export interface RbacGrant {
  readonly to: Component;
  readonly role?: string;
  /** A Role in the agent's namespace instead of a ClusterRole. */
  readonly namespaced?: boolean;
  /** A Role in this other namespace (implies `namespaced`), bound to the component's ServiceAccount. */
  readonly namespace?: string;
  readonly rules: PolicyRule[];
}

/**
 * A feature is one module that says what it adds to which component. The façade resolves the
 * config once, then asks every enabled feature, in the order of FEATURES, for its contributions.
 * "Where is X wired?" has one answer: `src/features/x.ts`.
 */
export interface Feature {
  readonly id: string;
  /** Whether the feature contributes anything for this config. */
  enabled(c: ResolvedConfig): boolean;
  /** Adds containers, env, volumes, ports... to the node agent pod. */
  nodeAgent?(c: ResolvedConfig, pod: PodModel): void;
  /** Adds to the Cluster Agent pod (called only when this library deploys the Cluster Agent). */
  clusterAgent?(c: ResolvedConfig, pod: PodModel): void;
  /** Adds to the Cluster Checks Runner pod (called only when runners are deployed). */
  clusterChecksRunner?(c: ResolvedConfig, pod: PodModel): void;
  /** RBAC rules, as data. */
  rbac?(c: ResolvedConfig): RbacGrant[];
  /** Extra objects (Services, ConfigMaps, APIService...), created under `scope`. */
  objects?(scope: Construct, c: ResolvedConfig): void;
}
