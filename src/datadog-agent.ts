import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterAgent, ClusterAgentOptions, baseClusterAgentPod, finishClusterAgentPod } from './components/cluster-agent';
import { ClusterChecksRunner, ClusterChecksRunnerOptions, baseClusterChecksRunnerPod, finishClusterChecksRunnerPod } from './components/cluster-checks-runner';
import { componentLabels } from './components/labels';
import { NodeAgent, NodeAgentOptions, baseNodeAgentPod, finishNodeAgentPod } from './components/node-agent';
import { ResolvedConfig, resolveConfig } from './config';
import { ContainerRuntime } from './container-runtime';
import { Credentials } from './credentials';
import { RbacGrant } from './feature';
import { ApmOptions } from './features/apm';
import { ClusterChecksOptions } from './features/cluster-checks';
import { ContainerFilterOptions } from './features/container-filters';
import { DogStatsdOptions, TagCardinality } from './features/dogstatsd';
import { EventCollectionOptions } from './features/event-collection';
import { FEATURES } from './features/index';
import { KubeStateMetricsCoreOptions } from './features/kube-state-metrics-core';
import { LogsOptions } from './features/logs';
import { MetadataAsTagsOptions } from './features/metadata-as-tags';
import { NetworkMonitoringOptions } from './features/network-monitoring';
import { OomKillOptions } from './features/oom-kill';
import { OrchestratorExplorerOptions } from './features/orchestrator-explorer';
import { OtlpOptions } from './features/otlp';
import { ProcessOptions } from './features/processes';
import { PrometheusScrapeOptions } from './features/prometheus-scrape';
import { RemoteConfigurationOptions } from './features/remote-configuration';
import { SbomOptions } from './features/sbom';
import { SecurityOptions } from './features/security';
import { ServiceDiscoveryOptions } from './features/service-discovery';
import { ServiceMonitoringOptions } from './features/service-monitoring';
import { SystemProbeOptions } from './features/system-probe';
import { TcpQueueLengthOptions } from './features/tcp-queue-length';
import { ImageOptions } from './images';
import { CustomCheck } from './integrations/custom-check';
import { Integration } from './integrations/integration';
import { KubeletOptions } from './kubelet';
import { baseGrants } from './rbac/base-rules';
import { renderRbac } from './rbac/render';
import { DatadogSite } from './site';
import { LogLevel } from './workload-options';

/**
 * Everything about one Datadog installation. Only `credentials` is required. Container filters
 * (`containerInclude`...) and metadata-as-tags maps (`podLabelsAsTags`...) come from
 * `ContainerFilterOptions` and `MetadataAsTagsOptions`.
 */
export interface DatadogAgentProps extends ContainerFilterOptions, MetadataAsTagsOptions {
  /** Where the API key, app key and Cluster Agent token come from. */
  readonly credentials: Credentials;
  /**
   * Datadog site the agents send to.
   * @default DatadogSite.US1
   */
  readonly site?: DatadogSite;
  /**
   * Cluster name (`DD_CLUSTER_NAME`): lowercase, DNS-like, at most 80 characters. Strongly
   * recommended: it names hosts and tags everything with `kube_cluster_name`.
   * @default - none (the agent tries to detect it from the cloud provider)
   */
  readonly clusterName?: string;
  /**
   * Host tags for every metric, log and trace, e.g. `["env:prod", "team:platform"]`.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Prefix of every object name, as the Helm chart's release name: `datadog` gives `datadog`,
   * `datadog-cluster-agent`, ...; a name without "datadog" gets `-datadog` appended, as the chart
   * does. Keep the release name you used with the chart to take its objects over without renames.
   * @default "datadog"
   */
  readonly name?: string;
  /**
   * Namespace of every namespaced object.
   * @default - the Chart's namespace (required if the Chart has none)
   */
  readonly namespace?: string;
  /**
   * Log level of every agent.
   * @default LogLevel.INFO
   */
  readonly logLevel?: LogLevel;
  /**
   * Images: registry, tags, digests, pull policy and pull secrets.
   * @default - registry from the site, agent and cluster-agent 7.81.1
   */
  readonly images?: ImageOptions;
  /**
   * How the agent reaches and trusts the kubelet.
   * @default - status.hostIP, the agent's TLS defaults
   */
  readonly kubelet?: KubeletOptions;
  /**
   * The nodes' container runtime.
   * @default ContainerRuntime.CONTAINERD
   */
  readonly containerRuntime?: ContainerRuntime;
  /**
   * Tolerate the control-plane taints (`node-role.kubernetes.io/control-plane` and `.../master`)
   * so the agent also runs, and monitors, control-plane nodes.
   * @default true
   */
  readonly tolerateControlPlane?: boolean;
  /**
   * The node Agent DaemonSet.
   * @default - see NodeAgentOptions
   */
  readonly nodeAgent?: NodeAgentOptions;
  /**
   * The Cluster Agent.
   * @default - enabled, 2 replicas
   */
  readonly clusterAgent?: ClusterAgentOptions;
  /**
   * APM (trace-agent).
   * @default - enabled, Unix socket at /var/run/datadog/apm.socket, TCP 8126 without hostPort
   */
  readonly apm?: ApmOptions;
  /**
   * DogStatsD.
   * @default - Unix socket at /var/run/datadog/dsd.socket and UDP 8125 without hostPort
   */
  readonly dogstatsd?: DogStatsdOptions;
  /**
   * Log collection.
   * @default - disabled
   */
  readonly logs?: LogsOptions;
  /**
   * Process and container collection.
   * @default - containers and process discovery on, live processes off
   */
  readonly processes?: ProcessOptions;
  /**
   * Tuning of system-probe, the eBPF container the features below run in. It runs only when one
   * of them is on; `enabled: false` forbids it.
   * @default - runs exactly when networkMonitoring, serviceMonitoring, oomKill, tcpQueueLength,
   * serviceDiscovery or security.runtime is on
   */
  readonly systemProbe?: SystemProbeOptions;
  /**
   * Cloud Network Monitoring (NPM): adds system-probe and process-agent.
   * @default - disabled
   */
  readonly networkMonitoring?: NetworkMonitoringOptions;
  /**
   * Universal Service Monitoring (USM): adds system-probe and process-agent.
   * @default - disabled
   */
  readonly serviceMonitoring?: ServiceMonitoringOptions;
  /**
   * OOM kill check (system-probe).
   * @default - disabled
   */
  readonly oomKill?: OomKillOptions;
  /**
   * TCP queue length check (system-probe).
   * @default - disabled
   */
  readonly tcpQueueLength?: TcpQueueLengthOptions;
  /**
   * Service discovery (system-probe). Off by default, unlike the Helm chart for agent 7.78+.
   * @default - disabled
   */
  readonly serviceDiscovery?: ServiceDiscoveryOptions;
  /**
   * Cloud Security: CWS (runtime, in system-probe) and CSPM (compliance, in security-agent).
   * @default - both disabled
   */
  readonly security?: SecurityOptions;
  /**
   * OTLP ingest in the core agent (gRPC 4317, HTTP 4318).
   * @default - both receivers off, OTLP logs off
   */
  readonly otlp?: OtlpOptions;
  /**
   * SBOM collection (container images and host) for vulnerability management.
   * @default - off
   */
  readonly sbom?: SbomOptions;
  /**
   * Collect container image metadata (`DD_CONTAINER_IMAGE_ENABLED`). Forced on by
   * `sbom.containerImage.enabled`.
   * @default true
   */
  readonly containerImageCollection?: boolean;
  /**
   * Scrape Prometheus endpoints of annotated pods and services.
   * @default - off
   */
  readonly prometheusScrape?: PrometheusScrapeOptions;
  /**
   * Remote configuration of the node agents.
   * @default - on
   */
  readonly remoteConfiguration?: RemoteConfigurationOptions;
  /**
   * Report container lifecycle events (`DD_CONTAINER_LIFECYCLE_ENABLED`).
   * @default true
   */
  readonly containerLifecycle?: boolean;
  /**
   * Tag cardinality of check metrics (`DD_CHECKS_TAG_CARDINALITY`, agent container).
   * @default - the agent's default (low)
   */
  readonly checksCardinality?: TagCardinality;
  /**
   * Cluster checks dispatched by the Cluster Agent.
   * @default - enabled when there is a Cluster Agent
   */
  readonly clusterChecks?: ClusterChecksOptions;
  /**
   * Cluster Checks Runners: a Deployment that runs the cluster checks instead of the node agents.
   * @default - disabled
   */
  readonly clusterChecksRunner?: ClusterChecksRunnerOptions;
  /**
   * The kube-state-metrics core check, run by the Cluster Agent.
   * @default - enabled when this construct deploys the Cluster Agent
   */
  readonly kubeStateMetricsCore?: KubeStateMetricsCoreOptions;
  /**
   * The orchestrator explorer (Kubernetes resources in Datadog).
   * @default - enabled when there is a Cluster Agent, with container scrubbing
   */
  readonly orchestratorExplorer?: OrchestratorExplorerOptions;
  /**
   * Kubernetes event collection.
   * @default - enabled, events bundled by object, no filter
   */
  readonly eventCollection?: EventCollectionOptions;
  /**
   * Check configurations. Node checks go into the ConfigMap `F-confd`, mounted into the node
   * agent at `conf.d/<check>.d/conf.yaml`; cluster checks (`clusterCheck: true`) go into the
   * Cluster Agent's conf.d (`F-cluster-agent-confd`). Several entries for one check merge their
   * instances. Add more later with `addIntegration`.
   * @default - none
   */
  readonly integrations?: Integration[];
  /**
   * Custom Python checks, written to `checks.d/<name>.py` from the ConfigMap `F-checksd`.
   * Configure each with an `Integration` of the same name. Add more later with `addCustomCheck`.
   * @default - none
   */
  readonly customChecks?: CustomCheck[];
}

/**
 * The Datadog Agent on Kubernetes: node agents on every Linux node, the Cluster Agent, their
 * RBAC and configuration, resolved and validated at synthesis.
 *
 * @example
 * const chart = new Chart(new App(), 'datadog', { namespace: 'datadog' });
 * new DatadogAgent(chart, 'datadog', {
 *   credentials: Credentials.fromSecret('datadog-secret'),
 *   site: DatadogSite.EU1,
 *   clusterName: 'prod-eu-1',
 * });
 */
export class DatadogAgent extends Construct {
  /** The node Agent DaemonSet and its ServiceAccount. */
  public readonly nodeAgent: NodeAgent;
  /** The Cluster Agent, when this construct deploys one. */
  public readonly clusterAgent?: ClusterAgent;
  /** The Cluster Checks Runners, when enabled. */
  public readonly clusterChecksRunner?: ClusterChecksRunner;

  /** @internal */
  public readonly _config: ResolvedConfig;

  constructor(scope: Construct, id: string, props: DatadogAgentProps) {
    super(scope, id);
    const c = resolveConfig(props, Chart.of(this).namespace);
    this._config = c;
    const features = FEATURES.filter(f => f.enabled(c));

    const nodePod = baseNodeAgentPod(c);
    features.forEach(f => f.nodeAgent?.(c, nodePod));
    finishNodeAgentPod(c, nodePod);
    this.nodeAgent = NodeAgent._create(this, 'NodeAgent', c, nodePod);

    if (c.clusterAgent.deployed) {
      const dcaPod = baseClusterAgentPod(c);
      features.forEach(f => f.clusterAgent?.(c, dcaPod));
      finishClusterAgentPod(c, dcaPod);
      this.clusterAgent = ClusterAgent._create(this, 'ClusterAgent', c, dcaPod);
    }

    if (c.clusterChecksRunner.enabled) {
      const runnerPod = baseClusterChecksRunnerPod(c);
      features.forEach(f => f.clusterChecksRunner?.(c, runnerPod));
      finishClusterChecksRunnerPod(c, runnerPod);
      this.clusterChecksRunner = ClusterChecksRunner._create(this, 'ClusterChecksRunner', c, runnerPod);
    }

    const grants: RbacGrant[] = [...baseGrants(c), ...features.flatMap(f => f.rbac?.(c) ?? [])];
    renderRbac(new Construct(this, 'Rbac'), c, grants);
    features.forEach(f => f.objects?.(this, c));

    this.installInfo(c);
    if (c.credentials.secretData) this.credentialsSecret(c, c.credentials.secretData);
  }

  /**
   * Adds a check configuration, as an entry of `integrations` would. Works until synthesis:
   * ConfigMaps, mounts and checksum annotations are rendered then.
   */
  public addIntegration(integration: Integration): void {
    const name = integration && typeof integration.name === 'string' ? integration.name : '?';
    this._config.integrations.addIntegration(`addIntegration(${JSON.stringify(name)})`, integration);
  }

  /** Adds a custom Python check, as an entry of `customChecks` would. */
  public addCustomCheck(check: CustomCheck): void {
    const name = check && typeof check.name === 'string' ? check.name : '?';
    this._config.integrations.addCustomCheck(`addCustomCheck(${JSON.stringify(name)})`, check);
  }

  /** Tells Datadog how the agent was installed (shown in the Fleet Automation view). */
  private installInfo(c: ResolvedConfig): void {
    new ApiObject(this, 'InstallInfo', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: c.names.installInfo, namespace: c.namespace, labels: componentLabels(c, 'agent') },
      data: { install_info: '---\ninstall_method:\n  tool: cdk8s\n  tool_version: cdk8s-datadog\n  installer_version: cdk8s-datadog\n' },
    });
  }

  /** The Secret for `Credentials.fromValues`: literal values the user passed on purpose. */
  private credentialsSecret(c: ResolvedConfig, data: { [k: string]: string }): void {
    new ApiObject(this, 'CredentialsSecret', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: c.credentials.secretName, namespace: c.namespace, labels: componentLabels(c, 'agent') },
      type: 'Opaque',
      data: Object.fromEntries(Object.keys(data).sort().map(k => [k, Buffer.from(data[k]).toString('base64')])),
    });
  }
}
