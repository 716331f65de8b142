import type { ClusterAgentOptions } from './components/cluster-agent';
import type { ClusterChecksRunnerOptions } from './components/cluster-checks-runner';
import type { NodeAgentOptions } from './components/node-agent';
import type { WindowsNodesOptions } from './components/windows-node-agent';
import type { ContainerRuntime } from './container-runtime';
import type { Credentials } from './credentials';
import type { ApmOptions } from './features/apm';
import type { AppsecInjectorOptions } from './features/appsec-injector';
import type { AutoscalingOptions } from './features/autoscaling';
import type { ClusterChecksOptions } from './features/cluster-checks';
import type { ContainerFilterOptions } from './features/container-filters';
import type { DogStatsdOptions, TagCardinality } from './features/dogstatsd';
import type { EventCollectionOptions } from './features/event-collection';
import type { GpuMonitoringOptions } from './features/gpu-monitoring';
import type { HelmCheckOptions } from './features/helm-check';
import type { KubeStateMetricsCoreOptions } from './features/kube-state-metrics-core';
import type { KubernetesActionsOptions } from './features/kubernetes-actions';
import type { LogsOptions } from './features/logs';
import type { MetadataAsTagsOptions } from './features/metadata-as-tags';
import type { NetworkMonitoringOptions } from './features/network-monitoring';
import type { NetworkPathOptions } from './features/network-path';
import type { NetworkPolicyOptions } from './features/network-policy';
import type { OomKillOptions } from './features/oom-kill';
import type { OrchestratorExplorerOptions } from './features/orchestrator-explorer';
import type { OtelAgentGatewayOptions } from './features/otel-agent-gateway';
import type { OtelCollectorOptions } from './features/otel-collector';
import type { OtlpOptions } from './features/otlp';
import type { EksOptions, KubernetesPlatform, OpenShiftOptions } from './features/platform';
import type { PriorityClassOptions } from './features/priority-class';
import type { ProcessOptions } from './features/processes';
import type { PrometheusScrapeOptions } from './features/prometheus-scrape';
import type { RawConfigOptions } from './features/raw-config';
import type { RemoteConfigurationOptions } from './features/remote-configuration';
import type { SbomOptions } from './features/sbom';
import type { SecretBackendOptions } from './features/secret-backend';
import type { SecurityOptions } from './features/security';
import type { ServiceDiscoveryOptions } from './features/service-discovery';
import type { ServiceMonitoringOptions } from './features/service-monitoring';
import type { SystemProbeOptions } from './features/system-probe';
import type { TcpQueueLengthOptions } from './features/tcp-queue-length';
import type { ImageOptions } from './images';
import type { CustomCheck } from './integrations/custom-check';
import type { Integration } from './integrations/integration';
import type { KubeletOptions } from './kubelet';
import type { DatadogSite } from './site';
import type { LogLevel } from './workload-options';

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
   * Create the Namespace, labelled for Pod Security Admission at the level the node agent needs
   * (`pod-security.kubernetes.io/enforce`, `audit` and `warn`: `privileged`, since it mounts host
   * paths and shares the host PID namespace). It comes first in the output. Leave it off when the
   * namespace is managed elsewhere, and give it those labels there.
   * @default false
   */
  readonly createNamespace?: boolean;
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
   * @default - ContainerRuntime.CRIO on OpenShift, ContainerRuntime.CONTAINERD elsewhere
   */
  readonly containerRuntime?: ContainerRuntime;
  /**
   * The Kubernetes distribution: adds what only it needs (OpenShift SCCs, EKS control-plane
   * metrics, AKS webhook selectors, GKE Autopilot's allowlist) or leaves out what it lacks (Talos
   * host files).
   * @default KubernetesPlatform.GENERIC
   */
  readonly platform?: KubernetesPlatform;
  /**
   * Amazon EKS options (platform EKS only): control-plane monitoring, the host name from the
   * instance id file.
   * @default - none
   */
  readonly eks?: EksOptions;
  /**
   * Red Hat OpenShift options (platform OPENSHIFT only): control-plane monitoring.
   * @default - none
   */
  readonly openshift?: OpenShiftOptions;
  /**
   * The secrets backend: resolve `ENC[...]` handles in the agents' configuration, with read access
   * to exactly the Secrets you list.
   * @default - disabled
   */
  readonly secretBackend?: SecretBackendOptions;
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
   * Windows nodes of a mixed cluster: a second node-agent DaemonSet `F-windows` on
   * `kubernetes.io/os: windows` nodes, with this installation's features (those that run on
   * Windows) and Cluster Agent. The Linux DaemonSet stays on `kubernetes.io/os: linux` nodes.
   * @default - no Windows agents
   */
  readonly windowsNodes?: WindowsNodesOptions;
  /**
   * A PriorityClass for the node agents, so they are scheduled on full nodes.
   * @default - none
   */
  readonly priorityClass?: PriorityClassOptions;
  /**
   * Network policies (Kubernetes or Cilium) for the node agents, the Cluster Agent and the
   * Cluster Checks Runners.
   * @default - none
   */
  readonly networkPolicy?: NetworkPolicyOptions;
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
   * @default - runs exactly when networkMonitoring, networkPath, serviceMonitoring, oomKill,
   * tcpQueueLength, gpuMonitoring.privilegedMode, serviceDiscovery or security.runtime is on
   */
  readonly systemProbe?: SystemProbeOptions;
  /**
   * Cloud Network Monitoring (NPM): adds system-probe and process-agent.
   * @default - disabled
   */
  readonly networkMonitoring?: NetworkMonitoringOptions;
  /**
   * Network Path: system-probe's traceroute module, and traffic paths of NPM connections.
   * @default - disabled
   */
  readonly networkPath?: NetworkPathOptions;
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
   * GPU monitoring of NVIDIA devices (agent GPU check; system-probe's GPU module in privileged mode).
   * @default - disabled
   */
  readonly gpuMonitoring?: GpuMonitoringOptions;
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
   * The Datadog Distribution of the OpenTelemetry Collector (DDOT): an `otel-agent` container in
   * the node agent pod, with its configuration, ports and Kubernetes API access.
   * @default - off
   */
  readonly otelCollector?: OtelCollectorOptions;
  /**
   * The DDOT gateway: a Deployment of the OpenTelemetry Collector in gateway mode, behind a
   * Service, that the node collectors or applications send OTLP to.
   * @default - off
   */
  readonly otelAgentGateway?: OtelAgentGatewayOptions;
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
   * The Helm check: a metric and a service check per Helm release (reads every Secret and ConfigMap).
   * @default - disabled
   */
  readonly helmCheck?: HelmCheckOptions;
  /**
   * The AppSec proxy injector: the Cluster Agent configures the cluster's ingress proxies (Envoy
   * Gateway, Istio, ingress-nginx) for App and API Protection (rules on gateways and every ConfigMap).
   * @default - disabled
   */
  readonly appsecInjector?: AppsecInjectorOptions;
  /**
   * Kubernetes actions: Datadog deletes pods and restarts Deployments through the Cluster Agent.
   * @default - disabled
   */
  readonly kubernetesActions?: KubernetesActionsOptions;
  /**
   * Datadog Kubernetes Autoscaling: DatadogPodAutoscaler objects scale workloads.
   * @default - off
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Kubernetes event collection.
   * @default - enabled, events bundled by object, no filter
   */
  readonly eventCollection?: EventCollectionOptions;
  /**
   * Raw configuration files (`datadog.yaml` of the node agents and runners, `datadog-cluster.yaml`
   * of the Cluster Agent) for settings without an option here. A key an option also sets is an error.
   * @default - none
   */
  readonly rawConfig?: RawConfigOptions;
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
