import * as kplus from 'cdk8s-plus-27';
import { checkString, fail, show, list } from './validation';

/**
 * When the kubelet pulls images.
 * @deprecated use `kplus.ImagePullPolicy` with `images.imagePullPolicy`
 */
export enum ImagePullPolicy {
  /** Pull only when the image is not on the node (the chart's default). */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Pull on every container start. */
  ALWAYS = 'Always',
  /** Never pull; the image must already be on the node. */
  NEVER = 'Never',
}

/** Which images the agents run, and from where. */
export interface ImageOptions {
  /**
   * Registry (and path) the images come from, e.g. `my-mirror.example.com/datadog`.
   * @default - follows the site as the Helm chart does: `public.ecr.aws/datadog` for US1_FED,
   * `datadoghq.azurecr.io` for US3, `registry.datadoghq.com` otherwise
   */
  readonly registry?: string;
  /**
   * Tag of the node agent image (`agent`), also used by the Cluster Checks Runners.
   * @default "7.81.1"
   */
  readonly agentTag?: string;
  /**
   * Digest of the node agent image (`sha256:<64 hex>`). When set, the image is pinned by digest
   * and the tag is kept only as a readable hint (`agent:7.81.1@sha256:...`).
   * @default - no digest
   */
  readonly agentDigest?: string;
  /**
   * Tag of the Cluster Agent image (`cluster-agent`).
   * @default "7.81.1"
   */
  readonly clusterAgentTag?: string;
  /**
   * Digest of the Cluster Agent image (`sha256:<64 hex>`).
   * @default - no digest
   */
  readonly clusterAgentDigest?: string;
  /**
   * Pull policy of every container.
   * @default ImagePullPolicy.IF_NOT_PRESENT
   * @deprecated use `imagePullPolicy` (the cdk8s-plus enum `kplus.ImagePullPolicy`)
   */
  readonly pullPolicy?: ImagePullPolicy;
  /**
   * Pull policy of every container, as cdk8s-plus names it.
   * @default kplus.ImagePullPolicy.IF_NOT_PRESENT
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * Names of Secrets (type `kubernetes.io/dockerconfigjson`) used to pull the images.
   * @default - none
   */
  readonly pullSecrets?: string[];
}

export const DEFAULT_AGENT_VERSION = '7.81.1';

/** @internal */
export interface ResolvedImages {
  readonly registry: string;
  readonly agent: string;
  readonly clusterAgent: string;
  readonly pullPolicy: string;
  readonly pullSecrets: string[];
  /** Version parsed from the agent tag, when it is a version; undefined for `latest` and the like. */
  readonly agentVersion?: [number, number, number];
  /** Version parsed from the Cluster Agent tag, when it is a version. */
  readonly clusterAgentVersion?: [number, number, number];
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const REGISTRY = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]([-._a-z0-9]*[a-z0-9])?)*$/;

/** The oldest agent this library renders for: process checks in the core agent need 7.60. */
export const MIN_AGENT_VERSION: [number, number, number] = [7, 60, 0];

export function parseVersion(tag: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function versionAtLeast(v: [number, number, number] | undefined, min: [number, number, number]): boolean {
  if (!v) return true; // `latest`, `7`, digests...: assume current
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

export function resolveImages(o: ImageOptions = {}, defaultRegistry: string): ResolvedImages {
  checkString('images.registry', o.registry, REGISTRY, 'a registry host with optional port and path, e.g. "my-mirror.example.com/datadog"');
  checkString('images.agentTag', o.agentTag, TAG, 'a container image tag (letters, digits, "_", ".", "-"; at most 128)');
  checkString('images.clusterAgentTag', o.clusterAgentTag, TAG, 'a container image tag (letters, digits, "_", ".", "-"; at most 128)');
  checkString('images.agentDigest', o.agentDigest, DIGEST, '"sha256:" followed by 64 lowercase hex characters');
  checkString('images.clusterAgentDigest', o.clusterAgentDigest, DIGEST, '"sha256:" followed by 64 lowercase hex characters');
  if (o.pullPolicy !== undefined && !Object.values(ImagePullPolicy).includes(o.pullPolicy)) {
    fail(`images.pullPolicy must be one of ${Object.values(ImagePullPolicy).join(', ')}, got ${show(o.pullPolicy)}`);
  }
  if (o.imagePullPolicy !== undefined) {
    if (!Object.values(kplus.ImagePullPolicy).includes(o.imagePullPolicy)) {
      fail(`images.imagePullPolicy must be one of ${Object.values(kplus.ImagePullPolicy).join(', ')}, got ${show(o.imagePullPolicy)}`);
    }
    if (o.pullPolicy !== undefined) fail('images.imagePullPolicy and images.pullPolicy set the same thing: use imagePullPolicy only');
  }
  list('images.pullSecrets', o.pullSecrets).forEach((s, i) => checkString(`images.pullSecrets[${i}]`, s, /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a Secret name'));

  const agentTag = o.agentTag ?? DEFAULT_AGENT_VERSION;
  const dcaTag = o.clusterAgentTag ?? DEFAULT_AGENT_VERSION;
  const agentVersion = parseVersion(agentTag);
  if (!versionAtLeast(agentVersion, MIN_AGENT_VERSION)) {
    fail(`images.agentTag must be ${MIN_AGENT_VERSION.join('.')} or newer, got ${show(agentTag)}`);
  }
  if (!versionAtLeast(parseVersion(dcaTag), MIN_AGENT_VERSION)) {
    fail(`images.clusterAgentTag must be ${MIN_AGENT_VERSION.join('.')} or newer, got ${show(dcaTag)}`);
  }
  const registry = o.registry ?? defaultRegistry;
  const ref = (name: string, tag: string, digest?: string) => `${registry}/${name}:${tag}${digest ? `@${digest}` : ''}`;
  return {
    registry,
    agent: ref('agent', agentTag, o.agentDigest),
    clusterAgent: ref('cluster-agent', dcaTag, o.clusterAgentDigest),
    pullPolicy: o.imagePullPolicy ?? o.pullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
    pullSecrets: [...(o.pullSecrets ?? [])],
    agentVersion,
    clusterAgentVersion: parseVersion(dcaTag),
  };
}
