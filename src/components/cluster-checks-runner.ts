import type { JsonPatch } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';

import type { EnvValueSource, ProbeOptions, ResolvedProbes } from '../env-value';
import { resolveProbes, tuneProbes } from '../env-value';
import type { Resolver, View } from '../feature';
import type { ResolvedClusterChecks } from '../features/cluster-checks';
import type { ExtraVolume, ExtraVolumeMount } from '../features/extra-volumes';
import type { ResourceRequirements, SecurityContext } from '../model/k8s-json';
import { PodModel } from '../model/pod';
import { checkInt, fail, bool } from '../validation';
import type { ContainerResources, LogLevel } from '../workload-options';
import { checkLogLevel, resolveResources } from '../workload-options';
import type { ResolvedClusterAgent } from './cluster-agent';
import { addContainerPatches, containerPointer } from './container-patch';
import { CONTAINER, VOLUME } from './containers';
import { componentLabels } from './labels';
import type { ResolvedPodPlacement } from './workload';
import { applyPodPlacement, resolvePodPlacement, deployment, podDisruptionBudget, serviceAccount, spreadAcrossNodes } from './workload';

/**
 * Cluster Checks Runners (`clusterChecksRunner.*` in the chart): a Deployment of agents that
 * run only the cluster checks the Cluster Agent dispatches, so node agents are not loaded with
 * them.
 */
export interface ClusterChecksRunnerOptions {
  /**
   * Deploy the runners. Needs the Cluster Agent deployed by this construct and cluster checks on.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Number of runners. The Cluster Agent spreads the checks across them.
   * @default 2
   */
  readonly replicas?: number;
  /**
   * CPU and memory of the `agent` container.
   * @default - none
   */
  readonly resources?: ContainerResources;
  /**
   * Tolerations of the runner pods.
   * @default - none
   */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Extra node selector labels. `kubernetes.io/os: linux` is always set.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Affinity of the runner pods.
   * @default - preferred pod anti-affinity (weight 50) across `kubernetes.io/hostname`
   */
  readonly affinity?: k8s.Affinity;
  /**
   * PriorityClass of the runner pods.
   * @default - none
   */
  readonly priorityClassName?: string;
  /**
   * Extra env of the `agent` container. A name the library also sets is replaced by yours.
   * @default - none
   */
  readonly env?: { [name: string]: string };
  /**
   * Extra env of the `agent` container whose value comes from a Secret or ConfigMap key, a pod
   * field or a container resource (`valueFrom`). Replaces a library variable of the same name,
   * like `env`; a name in both `env` and `envValueFrom` is an error.
   * @default - none
   */
  readonly envValueFrom?: { [name: string]: EnvValueSource };
  /**
   * Tunes the liveness probe of the `agent` container (httpGet `/live` on 5557).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly livenessProbe?: ProbeOptions;
  /**
   * Tunes the readiness probe of the `agent` container (httpGet `/ready` on 5557).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly readinessProbe?: ProbeOptions;
  /**
   * Tunes the startup probe of the `agent` container (httpGet `/startup` on 5557).
   * @default - 15s initial delay and period, 5s timeout, success 1, failure 6
   */
  readonly startupProbe?: ProbeOptions;
  /**
   * Log level of the runners.
   * @default - the top-level `logLevel`
   */
  readonly logLevel?: LogLevel;
  /**
   * Extra labels on the runner pods.
   * @default - none
   */
  readonly podLabels?: { [key: string]: string };
  /**
   * Extra annotations on the runner pods.
   * @default - none
   */
  readonly podAnnotations?: { [key: string]: string };
  /**
   * Extra volumes of the runner pods (`clusterChecksRunner.volumes` in the chart); each must be
   * mounted by `volumeMounts`. A check that reads files from them runs on a runner.
   * @default - none
   */
  readonly volumes?: ExtraVolume[];
  /**
   * Mounts of `volumes` into the runner's `agent` container.
   * @default - none
   */
  readonly volumeMounts?: ExtraVolumeMount[];
  /**
   * Annotations on the runners' ServiceAccount, such as a cloud identity
   * (`clusterChecksRunner.rbac.serviceAccountAnnotations` in the chart).
   * @default - none
   */
  readonly serviceAccountAnnotations?: { [key: string]: string };
  /**
   * Extra labels on the runners' ServiceAccount (`clusterChecksRunner.rbac.serviceAccountAdditionalLabels`).
   * @default - none
   */
  readonly serviceAccountLabels?: { [key: string]: string };
}

/** @internal */
export interface ResolvedClusterChecksRunner extends ResolvedPodPlacement {
  readonly enabled: boolean;
  readonly replicas: number;
  readonly resources?: ResourceRequirements;
  readonly logLevel: string;
  readonly probes: ResolvedProbes;
}

/** @internal */
export function resolveClusterChecksRunner(
  o: ClusterChecksRunnerOptions = {}, ca: ResolvedClusterAgent, checks: ResolvedClusterChecks, logLevel: string,
): ResolvedClusterChecksRunner {
  const enabled = (bool('clusterChecksRunner.enabled', o.enabled) ?? false);
  if (enabled && !ca.deployed) {
    fail(ca.existing
      ? 'clusterChecksRunner.enabled needs a Cluster Agent deployed by this construct; with clusterAgent.existing, deploy the runners with that Cluster Agent'
      : 'clusterChecksRunner.enabled needs the Cluster Agent, which is disabled (clusterAgent.enabled: false)');
  }
  if (enabled && !checks.enabled) fail('clusterChecksRunner.enabled needs cluster checks, which are off (clusterChecks.enabled: false)');
  checkInt('clusterChecksRunner.replicas', o.replicas, 1, 100);
  checkLogLevel('clusterChecksRunner.logLevel', o.logLevel);
  return {
    ...resolvePodPlacement('clusterChecksRunner', o),
    enabled,
    replicas: o.replicas ?? 2,
    resources: resolveResources('clusterChecksRunner.resources', o.resources),
    logLevel: o.logLevel ?? logLevel,
    probes: resolveProbes('clusterChecksRunner', o),
  };
}

/** The runners' options resolve after cluster checks, which they run. @internal */
export const clusterChecksRunnerResolver: Resolver<'clusterChecksRunner', 'clusterChecks'> = {
  id: 'cluster-checks-runner',
  option: 'clusterChecksRunner',
  needs: ['clusterChecks'],
  resolve: (p, c) => resolveClusterChecksRunner(p.clusterChecksRunner, c.clusterAgent, c.clusterChecks, c.logLevel),
};

/** Runners need no privilege at all: no capabilities, no escalation, read-only root. */
export const RUNNER_CONTAINER_SECURITY: SecurityContext = {
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
};

/** Health port of the runners (the node agent uses 5555, the Cluster Agent 5556). */
export const RUNNER_HEALTH_PORT = 5557;

/**
 * The runner pod: the agent image, stripped of the checks it ships with (`*.yaml.default`),
 * taking only cluster checks from the Cluster Agent. Features add the rest.
 *
 * @internal
 */
export function baseClusterChecksRunnerPod(c: View<'clusterChecksRunner'>): PodModel {
  const pod = new PodModel('clusterChecksRunner');
  const r = c.clusterChecksRunner;
  const image = c.images.agent;
  const imagePullPolicy = c.images.pullPolicy;
  const name = c.names.clusterChecksRunner;

  applyPodPlacement(pod, c, r, {
    selectorName: name,
    component: 'clusterchecks-runner',
    serviceAccountName: c.names.clusterChecksRunnerServiceAccount,
    defaultAffinity: spreadAcrossNodes(name),
  });
  pod.securityContext = { seccompProfile: { type: 'RuntimeDefault' } };
  // Runners are agents too: the admission controller must not inject into them.
  pod.labels['admission.datadoghq.com/enabled'] = 'false';

  pod.addInitContainer(CONTAINER.INIT_VOLUME, {
    image,
    imagePullPolicy,
    command: ['bash', '-c'],
    args: ['cp -r /etc/datadog-agent /opt'],
    securityContext: RUNNER_CONTAINER_SECURITY,
  }).mount({ name: VOLUME.CONFIG, mountPath: '/opt/datadog-agent' });
  // The image's cont-init scripts copy user checks (checks.d) into the config volume.
  pod.addInitContainer(CONTAINER.INIT_CONFIG, {
    image,
    imagePullPolicy,
    command: ['bash', '-c'],
    args: ["for script in $(find /etc/cont-init.d/ -type f -name '*.sh' | sort) ; do bash $script ; done"],
    securityContext: RUNNER_CONTAINER_SECURITY,
  }).mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent' })
    .mount({ name: 'varlog', mountPath: '/var/log/datadog' })
    .mount({ name: VOLUME.TMP, mountPath: '/tmp' });

  const agent = pod.addContainer(CONTAINER.AGENT, {
    image,
    imagePullPolicy,
    command: ['bash', '-c'],
    args: ['find /etc/datadog-agent/conf.d/ -name "*.yaml.default" -type f -delete && touch /etc/datadog-agent/datadog.yaml && exec agent run'],
    securityContext: RUNNER_CONTAINER_SECURITY,
  });
  agent.setResources(r.resources);
  agent.setEnv({
    DD_API_KEY: { secretKeyRef: { name: c.credentials.secretName, key: c.credentials.apiKeyKey } },
    DD_SITE: c.site.host,
    DD_CLUSTER_NAME: c.clusterName,
    DD_TAGS: c.tags.length ? JSON.stringify(c.tags) : undefined,
    KUBERNETES: 'yes',
    DD_CSI_ENABLED: 'false',
    DD_LOG_LEVEL: r.logLevel,
    DD_EXTRA_CONFIG_PROVIDERS: 'clusterchecks',
    DD_HEALTH_PORT: String(RUNNER_HEALTH_PORT),
    DD_CLUSTER_AGENT_ENABLED: 'true',
    DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME: c.clusterAgent.serviceName,
    DD_CLUSTER_AGENT_AUTH_TOKEN: { secretKeyRef: { name: c.clusterAgent.tokenSecret.name, key: c.clusterAgent.tokenSecret.key } },
    // A runner is not a host: no host metadata, and only checks, no other agent.
    DD_ENABLE_METADATA_COLLECTION: 'false',
    DD_CLC_RUNNER_ENABLED: 'true',
    DD_CLC_RUNNER_HOST: { fieldRef: { fieldPath: 'status.podIP' } },
    DD_CLC_RUNNER_ID: { fieldRef: { fieldPath: 'metadata.name' } },
    DD_USE_DOGSTATSD: 'false',
    // Process and container collection off. The chart's DD_PROCESS_AGENT_ENABLED=false is the
    // deprecated process_config.enabled, which the agent reads as "processes off, containers on".
    DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'false',
    DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'false',
    DD_LOGS_ENABLED: 'false',
    DD_APM_ENABLED: 'false',
    DD_REMOTE_CONFIGURATION_ENABLED: 'false',
    DD_HOSTNAME: { fieldRef: { fieldPath: 'spec.nodeName' } },
  });
  const probe = (path: string) => ({
    httpGet: { path, port: RUNNER_HEALTH_PORT, scheme: 'HTTP' },
    initialDelaySeconds: 15,
    periodSeconds: 15,
    timeoutSeconds: 5,
    successThreshold: 1,
    failureThreshold: 6,
  });
  agent.setProbes({ liveness: probe('/live'), readiness: probe('/ready'), startup: probe('/startup') });

  // Writable scratch space: the root filesystem is read-only.
  for (const v of ['datadogrun', 'varlog', 'tmpdir', 'config']) pod.emptyDir(v);
  agent.mount({ name: VOLUME.CONFIG, mountPath: '/etc/datadog-agent' });
  agent.mount({ name: 'datadogrun', mountPath: '/opt/datadog-agent/run' });
  agent.mount({ name: 'varlog', mountPath: '/var/log/datadog' });
  agent.mount({ name: VOLUME.TMP, mountPath: '/tmp' });
  pod.addVolume({ name: VOLUME.INSTALL_INFO, configMap: { name: c.names.installInfo } });
  agent.mount({ name: VOLUME.INSTALL_INFO, mountPath: '/etc/datadog-agent/install_info', subPath: 'install_info', readOnly: true });
  return pod;
}

/** @internal */
export function finishClusterChecksRunnerPod(c: View<'clusterChecksRunner'>, pod: PodModel): void {
  if (Object.keys(c.clusterChecksRunner.env).length) pod.container(CONTAINER.AGENT).overrideEnv(c.clusterChecksRunner.env);
  tuneProbes(pod.container(CONTAINER.AGENT), c.clusterChecksRunner.probes);
}

/**
 * The Cluster Checks Runners: Deployment `F-clusterchecks`, ServiceAccount `F-cluster-checks`
 * and a PodDisruptionBudget. Created by `DatadogAgent` when `clusterChecksRunner.enabled`.
 */
export class ClusterChecksRunner extends Construct {
  /** @internal */
  public static _create(scope: Construct, id: string, c: View<'clusterChecksRunner'>, pod: PodModel): ClusterChecksRunner {
    return new ClusterChecksRunner(scope, id, c, pod);
  }

  /** The runner Deployment (also `ApiObject.of(clusterChecksRunner)`). */
  public readonly deployment: k8s.KubeDeployment;
  /** The ServiceAccount of the runner pods. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The PodDisruptionBudget (one runner down at a time). */
  public readonly podDisruptionBudget: k8s.KubePodDisruptionBudget;

  /** @internal */
  public readonly _pod: PodModel;

  private constructor(scope: Construct, id: string, c: View<'clusterChecksRunner'>, pod: PodModel) {
    super(scope, id);
    this._pod = pod;
    const name = c.names.clusterChecksRunner;
    const labels = componentLabels(c, 'clusterchecks-runner');
    this.serviceAccount = serviceAccount(this, c, c.names.clusterChecksRunnerServiceAccount, labels, c.clusterChecksRunner);
    this.deployment = deployment(this, c, name, labels, c.clusterChecksRunner.replicas, pod);
    // One runner at a time during drains: the Cluster Agent re-dispatches its checks meanwhile.
    this.podDisruptionBudget = podDisruptionBudget(this, c, name, labels, { maxUnavailable: 1 });
  }

  /**
   * The JSON pointer of a container (or init container) in `deployment`, by name
   * (`/spec/template/spec/containers/0`), for `deployment.addJsonPatch`.
   *
   * @param containerName `agent`, `init-volume`, `init-config`
   */
  public containerPath(containerName: string): string {
    return containerPointer('clusterChecksRunner', this._pod, containerName);
  }

  /**
   * Adds JSON patches to `deployment` whose paths are relative to the named container
   * (`JsonPatch.add('/env/-', { name: 'X', value: '1' })`). They apply after the library renders
   * the object and are not validated.
   */
  public addContainerJsonPatch(containerName: string, ...ops: JsonPatch[]): void {
    addContainerPatches('clusterChecksRunner', this.deployment, this._pod, containerName, ops);
  }
}
