import type { k8s } from 'cdk8s-plus-27';
import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import type { Lifecycle, LifecycleHandler } from '../model/k8s-json';
import { checkInt, fail, options, show } from '../validation';
import { platformConstant, platformTraits } from './platform';
import type { Platform } from './platform';

/**
 * The node agent containers that run `nodeAgent.lifecycle`'s hooks, as the chart's
 * `agents.lifecycle` (every long-running container but system-probe).
 */
export const LIFECYCLE_CONTAINERS: readonly string[] = [
  CONTAINER.AGENT, CONTAINER.TRACE_AGENT, CONTAINER.PROCESS_AGENT, CONTAINER.SECURITY_AGENT, CONTAINER.OTEL_AGENT,
];

/** @internal */
export interface ResolvedPodLifecycle {
  /** The hooks of the node agent containers (JSON form), when set. */
  readonly nodeAgentHooks?: Lifecycle;
  readonly nodeAgentGracePeriod?: number;
  readonly clusterAgentGracePeriod?: number;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket'] as const;

/** A port of an httpGet or tcpSocket hook: a number (1-65535) or a port name, typed or plain. */
function hookPort(path: string, port: unknown): number | string {
  const v = typeof port === 'object' && port !== null && 'value' in port ? (port as k8s.IntOrString).value : port;
  if (typeof v === 'number') {
    checkInt(path, v, 1, 65535);
    return v;
  }
  if (typeof v === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 15) return v;
  fail(`${path} must be a port number (1-65535) or a container port name, got ${show(v)}`);
}

function handler(path: string, h: k8s.LifecycleHandler, platform: Platform): LifecycleHandler {
  options(path, h);
  const set = HANDLERS.filter(k => (h as any)[k] !== undefined);
  if (set.length !== 1) fail(`${path} must set exactly one of ${HANDLERS.join(', ')}, got ${set.length ? set.join(' and ') : 'none'}`);
  if (h.exec !== undefined) {
    const command = options(`${path}.exec`, h.exec).command;
    if (!Array.isArray(command) || command.length === 0 || command.some(x => typeof x !== 'string' || x === '')) {
      fail(`${path}.exec.command must be a non-empty list of non-empty strings, got ${JSON.stringify(command)}`);
    }
    // GKE Warden refuses exec hooks on Autopilot (the chart's values.yaml says so too).
    if (platformTraits(platform).allowlistedCommands) {
      fail(`${path}.exec: platform ${platformConstant(platform)} refuses exec lifecycle hooks (Datadog's WorkloadAllowlist admits none): use httpGet or tcpSocket`);
    }
    return { exec: { command: [...command] } };
  }
  if (h.httpGet !== undefined) {
    const g = options(`${path}.httpGet`, h.httpGet);
    return { httpGet: { ...g, port: hookPort(`${path}.httpGet.port`, g.port) } as any };
  }
  const t = options(`${path}.tcpSocket`, h.tcpSocket!);
  return { tcpSocket: { ...t, port: hookPort(`${path}.tcpSocket.port`, t.port) } as any };
}

/** `nodeAgent.lifecycle`, validated, in the JSON form; undefined when it sets no hook. @internal */
export function resolveLifecycle(path: string, l: k8s.Lifecycle | undefined, platform: Platform): Lifecycle | undefined {
  if (l === undefined) return undefined;
  options(path, l);
  // Unknown keys (a `sleep` action, which Kubernetes 1.27 lacks) are refused by strict input.
  const out: { postStart?: LifecycleHandler; preStop?: LifecycleHandler } = {};
  if (l.postStart !== undefined) out.postStart = handler(`${path}.postStart`, l.postStart, platform);
  if (l.preStop !== undefined) out.preStop = handler(`${path}.preStop`, l.preStop, platform);
  return Object.keys(out).length ? out : undefined;
}

/**
 * How the agent pods start and stop: lifecycle hooks of the node agent containers
 * (`nodeAgent.lifecycle`, the chart's `agents.lifecycle`) and the termination grace period of the
 * node agent and Cluster Agent pods (`nodeAgent.terminationGracePeriodSeconds`,
 * `clusterAgent.terminationGracePeriodSeconds`). A `preStop` hook with a longer grace period
 * keeps an agent up while the node drains, so it ships what its applications sent last.
 */
export const podLifecycle = defineFeature({
  id: 'pod-lifecycle',
  option: 'podLifecycle',
  resolve: (p, c): ResolvedPodLifecycle => {
    const na = p.nodeAgent ?? {};
    const ca = p.clusterAgent ?? {};
    checkInt('nodeAgent.terminationGracePeriodSeconds', na.terminationGracePeriodSeconds, 0);
    checkInt('clusterAgent.terminationGracePeriodSeconds', ca.terminationGracePeriodSeconds, 0);
    if (ca.terminationGracePeriodSeconds !== undefined && !c.clusterAgent.deployed) {
      fail('clusterAgent.terminationGracePeriodSeconds is set, but this installation deploys no Cluster Agent: remove it');
    }
    return {
      nodeAgentHooks: resolveLifecycle('nodeAgent.lifecycle', na.lifecycle, c.platform),
      nodeAgentGracePeriod: na.terminationGracePeriodSeconds,
      clusterAgentGracePeriod: ca.terminationGracePeriodSeconds,
    };
  },
  enabled: (c) => c.podLifecycle.nodeAgentHooks !== undefined || c.podLifecycle.nodeAgentGracePeriod !== undefined
    || c.podLifecycle.clusterAgentGracePeriod !== undefined,
  nodeAgent: (c, pod) => {
    const l = c.podLifecycle;
    if (l.nodeAgentGracePeriod !== undefined) pod.terminationGracePeriodSeconds = l.nodeAgentGracePeriod;
    const hooks = l.nodeAgentHooks;
    // At render, so containers other modules add are covered whatever the order of features.
    if (hooks) pod.onRender(p => { for (const ct of p.existing(...LIFECYCLE_CONTAINERS)) ct.lifecycle = hooks; });
  },
  clusterAgent: (c, pod) => {
    if (c.podLifecycle.clusterAgentGracePeriod !== undefined) pod.terminationGracePeriodSeconds = c.podLifecycle.clusterAgentGracePeriod;
  },
});
