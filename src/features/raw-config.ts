import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { CONTAINER, NODE_CONTAINERS } from '../components/containers';
import { componentLabels } from '../components/labels';
import type { CoreConfig } from '../config';
import type { Component } from '../feature';
import { defineFeature } from '../feature';
import { canonicalJson } from '../integrations/json-value';
import type { PodModel } from '../model/pod';
import { toYaml } from '../model/yaml';
import { fail, options, show } from '../validation';

/**
 * Raw agent configuration files, for settings this library has no option for
 * (`agents.useConfigMap` + `agents.customAgentConfig`, `clusterAgent.datadog_cluster_yaml` in
 * the chart). Each is a JSON value written as YAML into a ConfigMap and mounted over the
 * component's main configuration file. A key that the library also sets (through an env var,
 * which the agent reads over the file) is an error: use the option instead.
 */
export interface RawConfigOptions {
  /**
   * `datadog.yaml` of the node agents (ConfigMap `F-datadog-yaml`, mounted in every agent
   * container at `/etc/datadog-agent/datadog.yaml`), e.g. `{ "inventories_checks_configuration_enabled": true }`.
   * @default - none: the agent's built-in defaults and env
   */
  readonly nodeAgent?: { [key: string]: any };
  /**
   * `datadog-cluster.yaml` of the Cluster Agent (ConfigMap `F-cluster-agent-config`, mounted at
   * `/etc/datadog-agent/datadog-cluster.yaml`).
   * @default - none
   */
  readonly clusterAgent?: { [key: string]: any };
  /**
   * `datadog.yaml` of the Cluster Checks Runners (ConfigMap `F-clusterchecks-datadog-yaml`,
   * mounted at `/etc/datadog-agent/datadog.yaml`). The chart has no such option.
   * @default - none
   */
  readonly clusterChecksRunner?: { [key: string]: any };
}

/** One rendered file. @internal */
export interface RawConfigFile {
  /** The option path, for messages (`rawConfig.nodeAgent`). */
  readonly option: string;
  readonly configMap: string;
  readonly volume: string;
  readonly fileName: string;
  readonly yaml: string;
  readonly checksumAnnotation: string;
  readonly checksum: string;
  /** Every key path of the file (`logs_config.container_collect_all`), leaves and the objects above them. */
  readonly keys: string[];
}

/** @internal */
export interface ResolvedRawConfig {
  readonly nodeAgent?: RawConfigFile;
  readonly clusterAgent?: RawConfigFile;
  readonly clusterChecksRunner?: RawConfigFile;
}

/**
 * Keys whose env var does not follow the agent's naming rule (`DD_` + the key path in upper
 * case, dots as underscores); checked besides the rule.
 */
const ENV_ALIASES: { [key: string]: string } = {
  'apm_config.enabled': 'DD_APM_ENABLED',
  'apm_config.receiver_port': 'DD_APM_RECEIVER_PORT',
  'apm_config.receiver_socket': 'DD_APM_RECEIVER_SOCKET',
  'apm_config.apm_non_local_traffic': 'DD_APM_NON_LOCAL_TRAFFIC',
  'dogstatsd_port': 'DD_DOGSTATSD_PORT',
  'process_config.enabled': 'DD_PROCESS_AGENT_ENABLED',
};

/** The options behind the env vars a raw key most often collides with, to name them in the error. */
const ENV_OPTIONS: { [env: string]: string } = {
  DD_API_KEY: 'credentials',
  DD_SITE: 'site',
  DD_CLUSTER_NAME: 'clusterName',
  DD_TAGS: 'tags',
  DD_LOG_LEVEL: 'logLevel',
  DD_LOGS_ENABLED: 'logs.enabled',
  DD_LOGS_CONFIG_CONTAINER_COLLECT_ALL: 'logs.containerCollectAll',
  DD_APM_ENABLED: 'apm.enabled',
  DD_APM_RECEIVER_PORT: 'apm.port',
  DD_APM_NON_LOCAL_TRAFFIC: 'apm',
  DD_DOGSTATSD_PORT: 'dogstatsd.port',
  DD_DOGSTATSD_NON_LOCAL_TRAFFIC: 'dogstatsd.nonLocalTraffic',
  DD_CHECKS_TAG_CARDINALITY: 'checksCardinality',
  DD_CONTAINER_LIFECYCLE_ENABLED: 'containerLifecycle',
  DD_CONTAINER_IMAGE_ENABLED: 'containerImageCollection',
  DD_ORCHESTRATOR_EXPLORER_ENABLED: 'orchestratorExplorer.enabled',
  DD_COLLECT_KUBERNETES_EVENTS: 'eventCollection',
  DD_CLUSTER_CHECKS_ENABLED: 'clusterChecks.enabled',
  DD_REMOTE_CONFIGURATION_ENABLED: 'remoteConfiguration.enabled',
  DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'processes.processCollection',
  DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'processes.containerCollection',
};

/** Every key path of a canonical JSON object: `a`, `a.b`, `a.b.c`... (arrays are values). */
function keyPaths(value: any, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value).flatMap(k => {
    const path = prefix ? `${prefix}.${k}` : k;
    return [path, ...keyPaths(value[k], path)];
  });
}

/** The env var the agent reads for a key path, by its naming rule. */
export function envForKey(key: string): string {
  return `DD_${key.replace(/\./g, '_').toUpperCase()}`;
}

function resolveFile(
  option: string, value: { [key: string]: any } | undefined,
  f: { configMap: string; volume: string; fileName: string; checksumAnnotation: string },
): RawConfigFile | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${option} must be an object of datadog.yaml keys, got ${show(value)}`);
  const json = canonicalJson(option, value);
  if (Object.keys(json).length === 0) return undefined;
  const yaml = toYaml(json);
  return {
    ...f,
    option,
    yaml,
    keys: keyPaths(json),
    checksum: createHash('sha256').update(yaml).digest('hex'),
  };
}

/** @internal */
export function resolveRawConfig(
  o: RawConfigOptions | undefined, c: Pick<CoreConfig, 'names' | 'clusterAgent'>, runners: boolean,
): ResolvedRawConfig {
  const r = options('rawConfig', o);
  const F = c.names.fullname;
  if (r.clusterAgent !== undefined && !c.clusterAgent.deployed) {
    fail('rawConfig.clusterAgent needs a Cluster Agent deployed by this construct (clusterAgent.enabled, without clusterAgent.existing)');
  }
  if (r.clusterChecksRunner !== undefined && !runners) fail('rawConfig.clusterChecksRunner needs clusterChecksRunner.enabled, which is false');
  return {
    nodeAgent: resolveFile('rawConfig.nodeAgent', r.nodeAgent,
      { configMap: `${F}-datadog-yaml`, volume: 'datadog-yaml', fileName: 'datadog.yaml', checksumAnnotation: 'checksum/agent-config' }),
    clusterAgent: resolveFile('rawConfig.clusterAgent', r.clusterAgent,
      { configMap: `${F}-cluster-agent-config`, volume: 'cluster-agent-yaml', fileName: 'datadog-cluster.yaml', checksumAnnotation: 'checksum/clusteragent-config' }),
    clusterChecksRunner: resolveFile('rawConfig.clusterChecksRunner', r.clusterChecksRunner,
      { configMap: `${F}-clusterchecks-datadog-yaml`, volume: 'datadog-yaml', fileName: 'datadog.yaml', checksumAnnotation: 'checksum/agent-config' }),
  };
}

/** The node containers that read datadog.yaml. */
const NODE_READERS = NODE_CONTAINERS.map(n => n.name);

/**
 * Mounts the file into `containers` (those the pod has at render), adds the checksum annotation
 * (a change rolls the pods), and fails on a key the library also sets as env in one of them.
 */
function mountFile(pod: PodModel, file: RawConfigFile, containers: readonly string[]): void {
  pod.addVolume({ name: file.volume, configMap: { name: file.configMap } });
  pod.annotations[file.checksumAnnotation] = file.checksum;
  pod.onRender(() => {
    for (const ct of pod.existing(...containers)) {
      ct.mount({ name: file.volume, mountPath: `/etc/datadog-agent/${file.fileName}`, subPath: file.fileName, readOnly: true });
    }
    // Checked once every other module has set its env: finalizers added while they run, run last.
    pod.onRender(() => checkConflicts(pod, file, containers));
  });
}

function checkConflicts(pod: PodModel, file: RawConfigFile, containers: readonly string[]): void {
  for (const key of file.keys) {
    const byRule = envForKey(key);
    // process_config keys are also read from DD_PROCESS_AGENT_* (the agent binds both).
    const names = [byRule, byRule.replace(/^DD_PROCESS_CONFIG_/, 'DD_PROCESS_AGENT_'), ...(ENV_ALIASES[key] ? [ENV_ALIASES[key]] : [])];
    for (const ct of pod.existing(...containers)) {
      const env = names.find(n => pod.envNames(ct.name).includes(n));
      if (env === undefined) continue;
      const by = ENV_OPTIONS[env] ? `option ${ENV_OPTIONS[env]}` : 'an option of the library';
      fail(`${file.option}.${key} is also set by ${by} (${env} on container ${ct.name}), and the env var wins over ${file.fileName}: set it through the option (or the component's env) and remove it from ${file.option}`);
    }
  }
}

function configMap(scope: Construct, id: string, c: CoreConfig, file: RawConfigFile, component: string): void {
  new k8s.KubeConfigMap(scope, id, {
    metadata: { name: file.configMap, namespace: c.namespace, labels: componentLabels(c, component) },
    data: { [file.fileName]: file.yaml },
  });
}

/** Which components a file goes to, for the registry's `enabled`. */
const COMPONENTS: Component[] = ['nodeAgent', 'clusterAgent', 'clusterChecksRunner'];

/**
 * Raw configuration files: a ConfigMap per component that has one, mounted with `subPath` over
 * the main configuration file, as the chart mounts `datadog-yaml` and `cluster-agent-yaml`.
 */
export const rawConfig = defineFeature({
  id: 'raw-config',
  option: 'rawConfig',
  needs: ['clusterChecksRunner'],
  resolve: (p, c) => resolveRawConfig(p.rawConfig, c, c.clusterChecksRunner.enabled),
  enabled: (c) => COMPONENTS.some(k => c.rawConfig[k] !== undefined),
  nodeAgent: (c, pod) => {
    if (c.rawConfig.nodeAgent) mountFile(pod, c.rawConfig.nodeAgent, NODE_READERS);
  },
  clusterAgent: (c, pod) => {
    if (c.rawConfig.clusterAgent) mountFile(pod, c.rawConfig.clusterAgent, [CONTAINER.CLUSTER_AGENT]);
  },
  clusterChecksRunner: (c, pod) => {
    const file = c.rawConfig.clusterChecksRunner;
    if (!file) return;
    mountFile(pod, file, [CONTAINER.AGENT]);
    // The runners' command touches datadog.yaml; on the read-only file it would fail, and the agent never start.
    const agent = pod.container(CONTAINER.AGENT);
    agent.args = agent.args?.map(a => a.replace(' && touch /etc/datadog-agent/datadog.yaml', ''));
  },
  objects: (scope, c) => {
    const r = c.rawConfig;
    if (r.nodeAgent) configMap(scope, 'RawConfigNodeAgent', c, r.nodeAgent, 'agent');
    if (r.clusterAgent) configMap(scope, 'RawConfigClusterAgent', c, r.clusterAgent, 'cluster-agent');
    if (r.clusterChecksRunner) configMap(scope, 'RawConfigClusterChecksRunner', c, r.clusterChecksRunner, 'clusterchecks-runner');
  },
});
