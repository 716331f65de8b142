import { k8s } from 'cdk8s-plus-27';
import type { ClusterAgentOptions } from '../components/cluster-agent';
import type { NodeAgentOptions } from '../components/node-agent';
import type { EnvValueSource, ProbeOptions, ResolvedProbes } from '../env-value';
import { credentialEnv, resolveEnvOptions, resolveProbes, tuneProbes } from '../env-value';
import { defineFeature } from '../feature';
import type { PortClaim } from '../feature';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';
import type { ContainerPort, EnvFromSource } from '../model/k8s-json';
import type { EnvValue } from '../model/pod';
import { checkDnsSubdomain, checkEnvName, fail, list, resolveContainerPorts, show } from '../validation';
import type { LogLevel } from '../workload-options';
import { checkLogLevel } from '../workload-options';
import type { ExtraVolumeMount } from './extra-volumes';
import { CONTAINER, NODE_CONTAINERS } from '../components/containers';

/** Settings of one node-agent container (the chart's `agents.containers.<name>.*`). */
export interface NodeContainerOptions {
  /**
   * Log level of this container.
   * @default - `nodeAgent.logLevel`
   */
  readonly logLevel?: LogLevel;
  /**
   * Extra env of this container. A name the library also sets is replaced, in place, by yours;
   * a name also in `nodeAgent.env` is an error (say it once).
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Extra env of this container whose value comes from a Secret or ConfigMap key, a pod field
   * or a container resource (`valueFrom`). Replaces a library variable of the same name, like
   * `env`; a name also in this container's `env`, in `nodeAgent.env` or in
   * `nodeAgent.envValueFrom` is an error.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * ConfigMaps or Secrets whose keys become env vars of this container.
   * @default - none
   */
  readonly envFrom?: k8s.EnvFromSource[];
  /**
   * Mounts of `nodeAgent.volumes` into this container only.
   * @default - none
   */
  readonly volumeMounts?: ExtraVolumeMount[];
  /**
   * Extra ports of this container (`agents.containers.<name>.ports` in the chart), e.g. for a
   * check that listens: `name` (at most 15 characters), `containerPort`, `protocol` (TCP or UDP),
   * `hostPort`. Each port is checked against every port the library's features take.
   * @default - none
   */
  readonly ports?: k8s.ContainerPort[];
}

/** Settings of the core `agent` container (`agents.containers.agent.*`), probes included. */
export interface AgentContainerOptions extends NodeContainerOptions {
  /**
   * Tunes the liveness probe (httpGet `/live` on the health port 5555).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly livenessProbe?: ProbeOptions;
  /**
   * Tunes the readiness probe (httpGet `/ready` on 5555).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly readinessProbe?: ProbeOptions;
  /**
   * Tunes the startup probe (httpGet `/startup` on 5555).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly startupProbe?: ProbeOptions;
  /**
   * Replaces the container's command, e.g. a shell that derives env from the node before it
   * runs `exec agent run` (the chart's `agents.containers.agent.command`): a non-empty list of
   * strings, the first one non-empty. Refused on `GKE_AUTOPILOT` (Datadog's WorkloadAllowlist
   * admits `agent run` only) and `GKE_GDC` (it admits the core agent as the library runs it).
   * @default ["agent", "run"]
   */
  readonly command?: string[];
}

/** Settings of the `trace-agent` container (`agents.containers.traceAgent.*`), its probe included. */
export interface TraceAgentContainerOptions extends NodeContainerOptions {
  /**
   * Tunes the liveness probe (tcpSocket on the APM port).
   * @default - 15s initial delay and period, 5s timeout
   */
  readonly livenessProbe?: ProbeOptions;
}

/** Per-container settings of the node agent pod. */
export interface NodeAgentContainers {
  /**
   * The core `agent` container.
   * @default - none
   */
  readonly agent?: AgentContainerOptions;
  /**
   * The `trace-agent` container (APM).
   * @default - none
   */
  readonly traceAgent?: TraceAgentContainerOptions;
  /**
   * The `process-agent` container (only with NPM or USM).
   * @default - none
   */
  readonly processAgent?: NodeContainerOptions;
  /**
   * The `system-probe` container.
   * @default - none
   */
  readonly systemProbe?: NodeContainerOptions;
  /**
   * The `security-agent` container.
   * @default - none
   */
  readonly securityAgent?: NodeContainerOptions;
  /**
   * The `otel-agent` container (`otelCollector`).
   * @default - none
   */
  readonly otelAgent?: NodeContainerOptions;
}


/** @internal */
export interface ResolvedContainerSettings {
  readonly path: string;
  readonly logLevel?: string;
  readonly env: { [name: string]: EnvValue };
  readonly envFrom: EnvFromSource[];
  readonly probes?: ResolvedProbes;
  readonly ports: ContainerPort[];
  /** Replaces the container's command. */
  readonly command?: string[];
}

/** @internal */
export interface ResolvedContainerOverrides {
  /** By container name. */
  readonly node: { [container: string]: ResolvedContainerSettings };
  readonly nodeEnvFrom: EnvFromSource[];
  readonly clusterEnvFrom: EnvFromSource[];
}

function checkEnv(path: string, env: { [name: string]: string } | undefined): void {
  for (const [k, v] of Object.entries(env ?? {})) {
    checkEnvName(path, k);
    if (credentialEnv(k)) fail(`${path}.${k} is not allowed: it comes from credentials (a literal would put the secret in the manifest)`);
    if (typeof v !== 'string') fail(`${path}.${k} must be a string, got ${show(v)}`);
  }
}

function resolveEnvFrom(path: string, sources: k8s.EnvFromSource[] | undefined): EnvFromSource[] {
  return list(path, sources).map((s, i) => {
    const p = `${path}[${i}]`;
    const refs = [s.configMapRef, s.secretRef].filter(r => r !== undefined);
    if (refs.length !== 1) fail(`${p} must set exactly one of configMapRef or secretRef`);
    const ref = (s.configMapRef ?? s.secretRef)!;
    if (ref.name === undefined) fail(`${p}.${s.configMapRef ? 'configMapRef' : 'secretRef'}.name is required`);
    checkDnsSubdomain(`${p}.${s.configMapRef ? 'configMapRef' : 'secretRef'}.name`, ref.name);
    if (s.prefix !== undefined && !/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(s.prefix)) {
      fail(`${p}.prefix must start an env var name (letters, digits, "_", "-", "."), got ${show(s.prefix)}`);
    }
    return k8s.toJson_EnvFromSource(s) as EnvFromSource;
  });
}

/**
 * `nodeAgent.containers.agent.command`: a non-empty list of strings, on a platform that admits
 * another command than `agent run`.
 */
function resolveCommand(path: string, command: string[] | undefined, platform: Platform): string[] | undefined {
  if (command === undefined) return undefined;
  if (!Array.isArray(command) || command.length === 0 || command.some(x => typeof x !== 'string') || command[0] === '') {
    fail(`${path} must be a non-empty list of strings (the first one the program), got ${JSON.stringify(command)}`);
  }
  const traits = platformTraits(platform);
  // Autopilot's allowlist and GDC match the agent container as the library renders it.
  const why = traits.allowlistedCommands
    ? 'Datadog\'s WorkloadAllowlist admits the agent container only with the command ["agent", "run"]'
    : !traits.sidecars ? 'GDC admits the core agent container only as the library runs it (["agent", "run"])' : undefined;
  if (why) fail(`${path} is not supported on platform ${platformConstant(platform)}: ${why}; remove it`);
  return [...command];
}

/** @internal */
export function resolveContainerOverrides(na: NodeAgentOptions = {}, ca: ClusterAgentOptions = {}, platform: Platform = 'generic'): ResolvedContainerOverrides {
  checkEnv('nodeAgent.env', na.env);
  checkEnv('clusterAgent.env', ca.env);
  const node: { [container: string]: ResolvedContainerSettings } = {};
  const containers: any = na.containers ?? {};
  for (const key of Object.keys(containers)) {
    if (!NODE_CONTAINERS.some(n => n.key === key)) fail(`nodeAgent.containers.${key} is not a node container: use one of ${NODE_CONTAINERS.map(n => n.key).join(', ')}`);
  }
  for (const { key, name } of NODE_CONTAINERS) {
    const o: NodeContainerOptions | undefined = containers[key];
    if (!o) continue;
    const path = `nodeAgent.containers.${key}`;
    checkLogLevel(`${path}.logLevel`, o.logLevel);
    checkEnv(`${path}.env`, o.env);
    for (const k of Object.keys(o.env ?? {})) {
      if (na.env && k in na.env) fail(`${path}.env.${k} is also set in nodeAgent.env: set it in one place`);
      if (k === 'DD_LOG_LEVEL' && o.logLevel !== undefined) fail(`${path}.env.DD_LOG_LEVEL clashes with ${path}.logLevel: use logLevel`);
    }
    if (o.logLevel !== undefined && na.env && 'DD_LOG_LEVEL' in na.env) {
      fail(`${path}.logLevel clashes with nodeAgent.env.DD_LOG_LEVEL, which sets every container: use nodeAgent.logLevel`);
    }
    const env = resolveEnvOptions(path, o.env, o.envValueFrom, credentialEnv);
    for (const k of Object.keys(o.envValueFrom ?? {})) {
      if (na.env && k in na.env) fail(`${path}.envValueFrom.${k} is also set in nodeAgent.env: set it in one place`);
      if (k === 'DD_LOG_LEVEL' && o.logLevel !== undefined) fail(`${path}.envValueFrom.DD_LOG_LEVEL clashes with ${path}.logLevel: use logLevel`);
    }
    for (const k of Object.keys(env)) {
      if (na.envValueFrom && k in na.envValueFrom) {
        fail(`${path}.${o.env && k in o.env ? 'env' : 'envValueFrom'}.${k} is also set in nodeAgent.envValueFrom: set it in one place`);
      }
    }
    if (o.logLevel !== undefined && na.envValueFrom && 'DD_LOG_LEVEL' in na.envValueFrom) {
      fail(`${path}.logLevel clashes with nodeAgent.envValueFrom.DD_LOG_LEVEL, which sets every container: use nodeAgent.logLevel`);
    }
    const probes = key === 'agent' || key === 'traceAgent' ? resolveProbes(path, o as AgentContainerOptions) : undefined;
    const anyProbe = probes !== undefined && (probes.liveness || probes.readiness || probes.startup) !== undefined;
    const ports = resolveContainerPorts(`${path}.ports`, o.ports);
    const command = key === 'agent' ? resolveCommand(`${path}.command`, (o as AgentContainerOptions).command, platform) : undefined;
    // volumeMounts are extra-volumes.ts's business.
    const nothing = o.logLevel === undefined && o.env === undefined && o.envValueFrom === undefined && o.envFrom === undefined;
    if (nothing && !anyProbe && !ports.length && !command) continue;
    node[name] = { path, logLevel: o.logLevel, env, envFrom: resolveEnvFrom(`${path}.envFrom`, o.envFrom), probes: anyProbe ? probes : undefined, ports, command };
  }
  return {
    node,
    nodeEnvFrom: resolveEnvFrom('nodeAgent.envFrom', na.envFrom),
    clusterEnvFrom: resolveEnvFrom('clusterAgent.envFrom', ca.envFrom),
  };
}

/**
 * Per-container log level, env and envFrom, and component-wide envFrom. Applied when the pod
 * renders, so every module has added its containers: a setting for a container this
 * configuration does not run is an error, not silently ignored.
 */
export const containerOverrides = defineFeature({
  id: 'container-overrides',
  option: 'containerOverrides',
  resolve: (p, c) => resolveContainerOverrides(p.nodeAgent, p.clusterAgent, c.platform),
  enabled: (c) => Object.keys(c.containerOverrides.node).length > 0 || c.containerOverrides.nodeEnvFrom.length > 0
    || c.containerOverrides.clusterEnvFrom.length > 0,
  // Your ports share the pod's network with every agent port: a clash fails naming both.
  ports: (c) => Object.values(c.containerOverrides.node).flatMap(s => s.ports.map((p): PortClaim => ({
    component: 'nodeAgent', port: p.containerPort, protocol: p.protocol as 'TCP' | 'UDP', owner: `${s.path}.ports ${p.name}`,
  }))),
  nodeAgent: (c, pod) => {
    const o = c.containerOverrides;
    // Every container exists by now (the escape hatches run after every feature): fail at
    // construction, not inside cdk8s' serialization.
    for (const [name, s] of Object.entries(o.node)) {
      if (!pod.hasContainer(name)) fail(`${s.path} is set but this configuration runs no ${name} container`);
    }
    pod.onRender((p) => {
      // Component-wide envFrom first, then each container's own (later sources win in Kubernetes).
      if (o.nodeEnvFrom.length) for (const name of p.containerNames()) p.container(name).addEnvFrom(...o.nodeEnvFrom);
      for (const [name, s] of Object.entries(o.node)) {
        if (!p.hasContainer(name)) fail(`${s.path} is set but this configuration runs no ${name} container`);
        const ct = p.container(name);
        if (s.logLevel) ct.overrideEnv({ DD_LOG_LEVEL: s.logLevel });
        if (Object.keys(s.env).length) ct.overrideEnv(s.env);
        if (s.envFrom.length) ct.addEnvFrom(...s.envFrom);
        if (s.probes) tuneProbes(ct, s.probes);
        if (s.command) ct.command = s.command;
        for (const port of s.ports) {
          const named = p.containerNames().find(n => p.container(n).portNames().includes(port.name));
          if (named) fail(`${s.path}.ports: the name ${port.name} is already a port of container ${named}`);
          ct.addPort(port);
        }
      }
    });
  },
  clusterAgent: (c, pod) => {
    if (c.containerOverrides.clusterEnvFrom.length) pod.container(CONTAINER.CLUSTER_AGENT).addEnvFrom(...c.containerOverrides.clusterEnvFrom);
  },
});
