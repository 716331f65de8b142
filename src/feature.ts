import type { Construct } from 'constructs';
import type { CoreConfig, ResolvedConfig } from './config';
import type { PolicyRule } from './model/k8s-json';
import type { PodModel } from './model/pod';
import type { DatadogAgentProps } from './props';
import type { RequiredCrd } from './required-crds';

/** The components a feature can contribute to. */
export type Component = 'nodeAgent' | 'clusterAgent' | 'clusterChecksRunner';

/** The pod models of the components this installation deploys. */
export interface ComponentPods {
  readonly nodeAgent: PodModel;
  readonly clusterAgent?: PodModel;
  readonly clusterChecksRunner?: PodModel;
}

/** A key of the resolved configuration that a feature (not the core) resolves. */
export type FeatureKey = Exclude<keyof ResolvedConfig, keyof CoreConfig>;

/**
 * What a feature's functions see of the resolved configuration: the installation-wide core
 * (names, namespace, site, images, credentials, kubelet, runtime, platform, the node agent and
 * Cluster Agent placement) plus exactly the feature options it declared. Reading another
 * feature's options without declaring them is a compile error.
 */
export type View<K extends FeatureKey> = Pick<ResolvedConfig, keyof CoreConfig | K>;

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
 * Why and how a feature needs system-probe. system-probe runs exactly when some feature needs
 * it; what it mounts and enables follows from the union of the needs.
 */
export interface SystemProbeNeed {
  /** The option that asks for it, for messages (`oomKill.enabled`). */
  readonly option: string;
  /** eBPF programs are compiled on the node: kernel headers and package-manager dirs are mounted. */
  readonly runtimeCompilation?: boolean;
  /** The `process-agent` container runs (connections and service data go through it). */
  readonly processAgent?: boolean;
  /** system-probe reads the host filesystem at /host/root. */
  readonly hostRoot?: boolean;
  /** system-probe reads the host cgroups to attribute activity to containers. */
  readonly cgroups?: boolean;
  /** With direct send (agent 7.81+), the agent hands its resolved config to system-probe over IPC. */
  readonly configSync?: boolean;
  /** Extra syscalls system-probe's seccomp profile must allow (e.g. `kill` for CWS enforcement). */
  readonly syscalls?: string[];
}

/** Why a feature needs remote configuration in the Cluster Agent (which keeps it off otherwise). */
export interface RemoteConfigurationNeed {
  /** The option that asks for it, for messages (`autoscaling.workload.enabled`). */
  readonly option: string;
  /** What arrives through it, for the message when remote configuration is off. */
  readonly receives: string;
}

/** What resolution gathers from every feature for the one module that owns a shared decision. */
export interface Gathered {
  /** Every feature's `needsSystemProbe` for this config (filled for system-probe, which resolves after them). */
  readonly systemProbeNeeds: readonly SystemProbeNeed[];
  /** Every feature's `needsRemoteConfiguration` (filled for remote-configuration, which resolves after them). */
  readonly remoteConfigurationNeeds: readonly RemoteConfigurationNeed[];
}

/** Contributions to shared outputs, gathered from every feature for the module that renders each. */
export interface SharedOutputs {
  /** Fragments of system-probe.yaml (rendered by system-probe.ts). */
  readonly systemProbeConfig: readonly object[];
  /** Ports of the node-local Service (rendered by local-service.ts). */
  readonly localServicePorts: readonly LocalServicePort[];
}

/** A port a feature (or the core) takes on a component's pod. Two claims of one port clash. */
export interface PortClaim {
  readonly component: Component;
  readonly port: number;
  /** Defaults to TCP; a UDP and a TCP claim of one number do not clash. */
  readonly protocol?: 'TCP' | 'UDP';
  /** Who claims it, as messages name it: an option path (`apm.port`) or a fixed use (`the agent health port`). */
  readonly owner: string;
}

/** A port of the node-local Service (`F`, `internalTrafficPolicy: Local`). */
export interface LocalServicePort {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly appProtocol?: string;
}

/** How a feature's configuration is resolved from the props. */
export interface Resolver<O extends FeatureKey = FeatureKey, R extends FeatureKey = never> {
  readonly id: string;
  /** The key of ResolvedConfig this module resolves (its options, validated, defaults applied). */
  readonly option?: O;
  /**
   * The other features' resolved options `resolve` reads: they are resolved first. The order of
   * FEATURES never matters for resolution; only these declarations do.
   */
  readonly needs?: readonly R[];
  /** Validates this feature's options and applies their defaults. Runs once per installation. */
  readonly resolve?: (props: DatadogAgentProps, c: View<R>, gathered: Gathered) => ResolvedConfig[O];
}

/**
 * A feature is one module that says what it adds to which component, as the Datadog Operator's
 * feature packages do. "Where is X wired?" has one answer: `src/features/x.ts`.
 *
 * Life cycle, per installation:
 * 1. `resolve` (in the order `needs` implies) builds the feature's part of ResolvedConfig.
 * 2. Contributions to shared outputs are gathered from every feature, enabled or not, since a
 *    shared file states what is off too: `needsSystemProbe` and `needsRemoteConfiguration`
 *    (during resolution: system-probe and remote-configuration resolve after every feature that
 *    may need them), `systemProbeConfig`, `ports`, `localServicePorts`.
 * 3. For each enabled feature, in the order of FEATURES (which only decides the order of env
 *    entries in the output): `nodeAgent`, `clusterAgent`, `clusterChecksRunner` write into the
 *    pod models; `rbac` returns grants; `objects` creates extra objects.
 *
 * Every function sees only the core config, the feature's own option, and the options it
 * declared in `needs` (for `resolve` and after) or `uses` (read by the other functions only).
 */
export interface Feature<O extends FeatureKey = FeatureKey, R extends FeatureKey = never, U extends FeatureKey = never> extends Resolver<O, R> {
  /** Other features' resolved options the functions below read (no effect on resolution order). */
  readonly uses?: readonly U[];
  /** Whether the feature contributes to the components, RBAC and objects for this config. */
  readonly enabled: (c: View<O | R | U>) => boolean;
  /** When this feature needs system-probe for this config, why and how. */
  readonly needsSystemProbe?: (c: View<O | R>) => SystemProbeNeed | undefined;
  /** When this feature needs remote configuration in the Cluster Agent for this config, and why. */
  readonly needsRemoteConfiguration?: (c: View<O | R>) => RemoteConfigurationNeed | undefined;
  /** Its part of `system-probe.yaml` (deep-merged with the others; keys sorted on output). */
  readonly systemProbeConfig?: (c: View<O | R | U>) => object;
  /** CustomResourceDefinitions it needs in the cluster, which are not rendered (noted at synthesis). */
  readonly requiredCrds?: (c: View<O | R | U>) => RequiredCrd[];
  /** Ports it takes on a component's pod; checked against every other claim. */
  readonly ports?: (c: View<O | R | U>) => PortClaim[];
  /** Ports it adds to the node-local Service. */
  readonly localServicePorts?: (c: View<O | R | U>) => LocalServicePort[];
  /** Adds containers, env, volumes, ports... to the node agent pod. */
  readonly nodeAgent?: (c: View<O | R | U>, pod: PodModel) => void;
  /** Adds to the Cluster Agent pod (called only when this library deploys the Cluster Agent). */
  readonly clusterAgent?: (c: View<O | R | U>, pod: PodModel) => void;
  /** Adds to the Cluster Checks Runner pod (called only when runners are deployed). */
  readonly clusterChecksRunner?: (c: View<O | R | U>, pod: PodModel) => void;
  /** RBAC rules, as data. `pods` are the components' pod models, complete but for render-time additions. */
  readonly rbac?: (c: View<O | R | U>, pods: ComponentPods) => RbacGrant[];
  /**
   * Extra objects (Services, ConfigMaps, APIService...), created under `scope`. `pods` are the
   * components' pod models: an object derived from a pod (an SCC) reads `pod.render()` lazily.
   */
  readonly objects?: (scope: Construct, c: View<O | R | U>, shared: SharedOutputs, pods: ComponentPods) => void;
}

/** Any feature, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFeature = Feature<any, any, any>;

/**
 * Declares a feature. The identity function exists for type inference: `option`, `needs` and
 * `uses` fix what the feature's functions may read.
 */
export function defineFeature<O extends FeatureKey = never, R extends FeatureKey = never, U extends FeatureKey = never>(
  f: Feature<O, R, U>,
): Feature<O, R, U> {
  return f;
}
