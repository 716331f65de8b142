/**
 * The deliberate differences from the official Helm chart, as data.
 *
 * One table, read by:
 * - the README section "Differences from the Helm chart" (its summary table is generated from
 *   `differencesMarkdown()`, and a test fails when the README drifts: test/differences.test.ts);
 * - `cdk8s-datadog compare` (a difference between two renders whose key matches one of `matches`
 *   is tagged with the entry's id and reason instead of counting as undocumented);
 * - `cdk8s-datadog import-helm` (the report names what changes and how to keep the chart's behaviour).
 *
 * A finding key of the compare command is `<op><fact>:<where>:<what>`, `op` being `-` (only in the
 * chart's render), `+` (only in ours) or `~` (in both, different). `where` is `Kind/name` of the
 * object, followed by `/container` for container facts. See src/cli/compare.ts.
 */

/** One deliberate difference from the chart (release `datadog`, chart 3.240.0). */
export interface ChartDifference {
  /** Stable id, cited by the compare command and the importer's report. */
  readonly id: string;
  /** What it is about (a component, an object or a setting). */
  readonly area: string;
  /** What the chart does. */
  readonly chart: string;
  /** What this library does. */
  readonly ours: string;
  /** Why. */
  readonly reason: string;
  /** How to get the chart's behaviour here, when there is a way. */
  readonly toMatchChart?: string;
  /** Regular expressions over compare finding keys that this difference explains. */
  readonly matches: string[];
}

/** Any workload's container (`DaemonSet/<name>/<container>`); `W` is the object part only. */
const W = '[A-Za-z]+/[^:/]+';
const C = `${W}/[^:]+`;

export const CHART_DIFFERENCES: readonly ChartDifference[] = [
  {
    id: 'cluster-agent-replicas',
    area: 'Cluster Agent replicas',
    chart: '1, no PDB',
    ours: '2, PDB `minAvailable: 1`, preferred anti-affinity',
    reason: 'the admission webhook and external metrics stop when the only replica is evicted (helm-charts#438)',
    toMatchChart: '`clusterAgent: { replicas: 1 }`',
    matches: ['^~replicas:Deployment/[^:]*-cluster-agent:', '^\\+(object|pdb):PodDisruptionBudget/[^:]*-cluster-agent:$', '^[-+~]affinity:Deployment/[^:]*-cluster-agent:'],
  },
  {
    id: 'cluster-agent-token',
    area: 'Cluster Agent token',
    chart: 'random `randAlphaNum 32` on every render in Secret `F-cluster-agent`',
    ours: 'from your Secret (`token` key) or derived deterministically',
    reason: 'a random token rolls every pod on every deploy and keeps GitOps tools out of sync (helm-charts#364, #604, #718)',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-object:Secret/[^:]*-cluster-agent:$', `^~env:${C}:DD_CLUSTER_AGENT_AUTH_TOKEN$`, `^[-+~]annotation:${W}:checksum/`],
  },
  {
    id: 'secrets',
    area: 'Secrets',
    chart: '`F` (api-key), `F-appkey`, `F-cluster-agent`',
    ours: 'one Secret: yours, or `F` with `api-key`, `app-key`, `token` for `fromValues`',
    reason: 'one place for credentials',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-object:Secret/', '^\\+object:Secret/', `^~env:${C}:DD_(API|APP)_KEY$`, `^\\+env:${C}:DD_APP_KEY$`],
  },
  {
    id: 'non-deterministic-telemetry',
    area: 'KPI telemetry ConfigMap, `DD_INSTRUMENTATION_INSTALL_*` env, checksum annotations of tokens',
    chart: 'rendered with `uuidv4`/`now`',
    ours: 'not rendered',
    reason: 'non-deterministic output (helm-charts#1395)',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-(object|configmap):ConfigMap/[^:]*-kpi-telemetry-configmap:', `^-env:${C}:DD_INSTRUMENTATION_INSTALL_(TIME|ID|TYPE)$`],
  },
  {
    id: 'cluster-name-rule',
    area: '`clusterName` (`datadog.clusterName`)',
    chart: 'accepts labels starting with a digit and underscores (`01.23.example_80chars`), up to 80 characters',
    ours: 'the agent\'s rule: dot-separated labels of `a-z`, `0-9`, `-`, each starting with a letter, up to 80 characters; anything else fails at synthesis',
    reason: 'the agent ignores a cluster name its rule refuses (it logs an error and runs without one), so the chart\'s looser rule lets a name through that never applies',
    toMatchChart: 'no way (deliberate): use a name the agent accepts',
    matches: [],
  },
  {
    id: 'site-always',
    area: '`DD_SITE`',
    chart: 'only when `datadog.site` is set',
    ours: 'always',
    reason: 'explicit is reviewable',
    toMatchChart: 'no way (the value is the chart\'s default, `datadoghq.com`)',
    matches: [`^\\+env:${C}:DD_SITE$`],
  },
  {
    id: 'otel-config',
    area: 'DDOT collector configuration (ConfigMap `F-otel-config`)',
    chart: 'the default configuration\'s Datadog exporter has `site: ""` unless `datadog.site` is set; with the OTel gateway, the default sends to the gateway\'s port 4318 whatever `otelAgentGateway.ports` says; a given `config` is copied as is, a literal API key included',
    ours: 'the default names the site always; with the gateway it sends to the gateway\'s `otel-http` port; a literal Datadog exporter API key is refused (the importer writes `${env:DD_API_KEY}` instead)',
    reason: 'no secret in a ConfigMap; explicit is reviewable',
    toMatchChart: 'no way (deliberate; the values are equivalent)',
    matches: ['^~configmap:ConfigMap/[^:]*-otel-config:otel-config\\.yaml$'],
  },
  {
    id: 'otel-logs-configmap',
    area: 'DDOT log directories with your own collector ConfigMap',
    chart: '`datadog.otelCollector.logs.enabled` mounts `/var/log/pods` and `/var/log/containers` into `otel-agent` only when `config` has a `filelog` receiver, so never with `configMap`',
    ours: '`otelCollector.logsEnabled` with `configMap` mounts them (the library cannot read your ConfigMap; you asked for them); with `config`, a `filelog` receiver is required',
    reason: 'an option that silently does nothing is a trap',
    toMatchChart: 'leave `logsEnabled` out',
    matches: ['^\\+mount:DaemonSet/[^:/]+/otel-agent:/var/(log/pods|log/containers|lib/docker/containers)$'],
  },
  {
    id: 'otel-gateway-config',
    area: 'DDOT gateway configuration (ConfigMap `F-otel-gateway-config`)',
    chart: 'the default configuration has an empty `processors:` section; a given `config` is copied as is, a literal API key included',
    ours: 'no empty section; a literal Datadog exporter API key is refused (the importer writes `${env:DD_API_KEY}` instead)',
    reason: 'no secret in a ConfigMap',
    toMatchChart: 'no way (deliberate; the configurations are equivalent)',
    matches: ['^~configmap:ConfigMap/[^:]*-otel-gateway-config:otel-gateway-config\\.yaml$'],
  },
  {
    id: 'otel-gateway-service-account',
    area: 'DDOT gateway identity (`otelAgentGateway`)',
    chart: 'the gateway pods run as the node agent\'s ServiceAccount `F` (with the node agent\'s ClusterRole), or as the namespace\'s `default` one with `rbac.create: false`; `F-otel-agent-gateway` is bound to `F`; no pod seccomp profile',
    ours: 'their own ServiceAccount `F-otel-agent-gateway`, bound to `F-otel-agent-gateway` only, with an API token only when it has rules; `seccompProfile: RuntimeDefault`',
    reason: 'least privilege: a collector receiving OTLP from anywhere in the cluster does not need the node agent\'s access (the Datadog Operator gives it its own ServiceAccount too)',
    toMatchChart: 'no way (deliberate)',
    matches: [
      '^[-+~]pod:Deployment/[^:]*-otel-agent-gateway:(serviceAccountName|automountServiceAccountToken)$',
      '^\\+object:ServiceAccount/[^:]*-otel-agent-gateway:$',
      '^[-+]binding:ClusterRoleBinding/[^:]*-otel-agent-gateway:subject ServiceAccount/',
      '^\\+securityContext:Deployment/[^:]*-otel-agent-gateway:seccompProfile\\.type$',
    ],
  },
  {
    id: 'otel-gateway-api-key',
    area: 'DDOT gateway `DD_API_KEY`',
    chart: 'only when `datadog.apiKey` or `datadog.apiKeyExistingSecret` is set (a gateway in front of another gateway needs none)',
    ours: 'always, from the credentials Secret every installation has',
    reason: 'one credentials source for every component; the variable is harmless when the configuration does not read it',
    toMatchChart: 'no way (deliberate)',
    matches: ['^\\+env:Deployment/[^:/]*-otel-agent-gateway/otel-agent:DD_API_KEY$'],
  },
  {
    id: 'otel-gateway-hpa',
    area: 'DDOT gateway HorizontalPodAutoscaler (`otelAgentGateway.autoscaling`)',
    chart: '`replicas` on the Deployment next to the HorizontalPodAutoscaler; the HPA has no namespace in its metadata',
    ours: 'no `replicas` on the Deployment: the HPA owns the count (`otelAgentGateway.replicas` is refused with autoscaling); the HPA names the agent\'s namespace',
    reason: 'each apply would otherwise reset the count the HPA chose, and GitOps tools would report drift; explicit is reviewable',
    toMatchChart: 'no way (deliberate)',
    matches: ['^~replicas:Deployment/[^:]*-otel-agent-gateway:$', '^~object:HorizontalPodAutoscaler/[^:]*-otel-agent-gateway-hpa:$'],
  },
  {
    id: 'node-agents-always',
    area: '`agents.enabled: false` (a release without node agents, e.g. an OTel gateway alone)',
    chart: 'renders no DaemonSet',
    ours: 'not supported: node agents are always deployed; the importer refuses the values',
    reason: 'every component here is built around the node agent (RBAC, Services, features); a gateway-only installation is not modelled yet',
    toMatchChart: 'no way yet: deploy the gateway with the node agents',
    matches: [],
  },
  {
    id: 'helm-markers',
    area: '`CHART_RELEASE_NAME`, `DD_CLUSTER_AGENT_LANGUAGE_DETECTION_PATCHER_ENABLED=false` on the Cluster Agent',
    chart: 'rendered',
    ours: 'not rendered',
    reason: 'a Helm-only marker; a flag for a feature this library does not turn on (its default is off)',
    matches: [`^-env:${C}:(CHART_RELEASE_NAME|DD_CLUSTER_AGENT_LANGUAGE_DETECTION_PATCHER_ENABLED)$`],
  },
  {
    id: 'runtime-socket-mount',
    area: 'runtime socket mount',
    chart: '`/var/run` (whole directory) into `/host/var/run`',
    ours: 'only the socket\'s directory, e.g. `/var/run/containerd`, plus `DD_CRI_SOCKET_PATH`',
    reason: 'least privilege: the agent sees its runtime, not every socket on the host',
    toMatchChart: 'no way (deliberate)',
    matches: [`^[-+]hostPath:${W}:/var/run(/[^/:]+)?$`, `^[-+~]mount:${C}:/host/var/run(/[^:]+)?$`, `^\\+env:${C}:DD_CRI_SOCKET_PATH$`, `^-env:${C}:DOCKER_HOST$`],
  },
  {
    id: 'default-container-runtime',
    area: 'default container runtime',
    chart: 'Docker socket path (auto-detected under `/var/run`)',
    ours: 'containerd (`ContainerRuntime.CONTAINERD`)',
    reason: 'every supported managed Kubernetes runs containerd',
    toMatchChart: '`containerRuntime: ContainerRuntime.DOCKER`',
    matches: [],
  },
  {
    id: 'logs-docker-containers',
    area: 'logs: `/var/lib/docker/containers` hostPath',
    chart: 'mounted (read-only) into the agent whenever logs are on',
    ours: 'mounted only with `ContainerRuntime.DOCKER`/`dockerSocket(...)`',
    reason: 'only Docker keeps container log files there (`/var/log/pods` links into it); with containerd or CRI-O the files are under `/var/log/pods`, and a hostPath the agent never reads is exposure for nothing',
    toMatchChart: '`containerRuntime: ContainerRuntime.DOCKER` on Docker nodes',
    matches: [`^-hostPath:${W}:/var/lib/docker/containers$`, `^-mount:${C}:/var/lib/docker/containers$`],
  },
  {
    id: 'system-probe-seccomp-localhost',
    area: 'system-probe seccomp profile choice',
    chart: '`datadog.systemProbe.seccomp` picks it: `localhost/system-probe` (default, the chart\'s profile installed by `seccomp-setup`) or another, e.g. `runtime/default` (no `seccomp-setup`, no `F-security` ConfigMap)',
    ours: 'always the `Localhost` profile `system-probe` (the chart\'s default profile, field for field), installed by `seccomp-setup` from `F-security`',
    reason: 'one profile, reviewed and tested against the chart\'s; the runtime\'s default profile differs per runtime and version, so what system-probe may call would too',
    toMatchChart: 'no way (the chart\'s default is what you get)',
    matches: ['^\\+(object|configmap):ConfigMap/[^:]*-security:', `^\\+hostPath:${W}:/var/lib/kubelet/seccomp$`, `^\\+(container|command|mount):${W}/seccomp-setup:`, `^[-+~]securityContext:${W}/system-probe:seccompProfile\\.`],
  },
  {
    id: 'control-plane-tolerations',
    area: 'node agent tolerations',
    chart: 'none',
    ours: 'tolerates `node-role.kubernetes.io/control-plane` and `master` (`tolerateControlPlane: true`)',
    reason: 'the agent also monitors control-plane nodes where they are schedulable (kubeadm-style clusters); on those clusters this adds billable hosts',
    toMatchChart: '`tolerateControlPlane: false`',
    matches: ['^\\+toleration:DaemonSet/[^:]+:node-role\\.kubernetes\\.io/(control-plane|master)$'],
  },
  {
    id: 'openshift-eks-node-rbac',
    area: 'node ClusterRole',
    chart: '`security.openshift.io` SCC `use` (`datadog`, `hostaccess`, `privileged`) and `metrics.eks.amazonaws.com` rules on every cluster',
    ours: 'only with `platform: OPENSHIFT` (`use` on the installation\'s own SCC `F` only) or `platform: EKS`',
    reason: 'least privilege: each rule only where its platform needs it; `hostaccess` refuses the node agent anyway (it runs as root, `hostaccess` assigns the namespace\'s UID range)',
    toMatchChart: '`platform: KubernetesPlatform.OPENSHIFT` / `EKS` on those platforms',
    matches: ['^-rbac:ClusterRole/[^:]+:security\\.openshift\\.io:securitycontextconstraints:use:', '^-rbac:ClusterRole/[^:]+:metrics\\.eks\\.amazonaws\\.com:'],
  },
  {
    id: 'cluster-agent-openshift-rbac',
    area: 'Cluster Agent ClusterRole',
    chart: '`quota.openshift.io` reads and SCC `use` (`datadog-cluster-agent`, `hostnetwork`) everywhere',
    ours: 'quotas only with `platform: OPENSHIFT`; no SCC `use` and no `F-cluster-agent` SCC (the Cluster Agent and the runners need no host access and run under `restricted-v2`, which a test checks)',
    reason: 'least privilege',
    toMatchChart: '`platform: KubernetesPlatform.OPENSHIFT` for the quota reads',
    matches: ['^-rbac:ClusterRole/[^:]*-cluster-agent:quota\\.openshift\\.io:'],
  },
  {
    id: 'openshift-node-scc',
    area: 'node agent SCC (OpenShift)',
    chart: '`agents.podSecurity.securityContextConstraints.create` (off by default): fixed lists (13 capabilities, `configMap`/`downwardAPI`/`emptyDir`/`hostPath`/`secret`, seccomp `runtime/default` and `localhost/system-probe`), `runAsUser: RunAsAny`, the ServiceAccount in `users`, `priority: null`',
    ours: 'with `platform: OPENSHIFT`, always: every field derived from the synthesized pod (capabilities the containers add, volume types used, host PID/network/ports as used, seccomp profiles used with `runtime/default` first, `runAsUser: MustRunAs 0`, `readOnlyRootFilesystem` when every container has it); granted through RBAC, `users` empty; `priority: 0`',
    reason: 'the narrowest SCC that admits the pods (a test evaluates each pod against every SCC its ServiceAccount may use); an SCC cannot restrict host paths',
    toMatchChart: 'no way (deliberate)',
    matches: ['^[-+~][a-z]+:SecurityContextConstraints/'],
  },
  {
    id: 'gke-autopilot-synchronizer',
    area: 'AllowlistSynchronizer (GKE Autopilot)',
    chart: 'rendered only when Helm sees the WorkloadAllowlist APIs on GKE 1.32.1-gke.1729000 or later (or `HELM_FORCE_RENDER`), as a pre-install/pre-upgrade hook (weight -1); the allowlisted-only settings (system-probe features, `datadogrun` name, discovery) follow the same detection',
    ours: 'with `platform: GKE_AUTOPILOT`, always, as a plain cluster-scoped object; the pods are rendered as on a cluster with the WorkloadAllowlist',
    reason: 'synthesis cannot query the cluster, and GKE versions without the WorkloadAllowlist are out of support; a GitOps tool applies the object with the rest (no Helm hooks)',
    toMatchChart: 'no way (deliberate)',
    matches: ['^[-+~][a-z]+:AllowlistSynchronizer/', '^[-+~]annotation:AllowlistSynchronizer/[^:]+:helm\\.sh/'],
  },
  {
    id: 'gke-autopilot-refusals',
    area: 'GKE Autopilot admission',
    chart: 'renders any values; GKE Warden refuses the DaemonSet at admission (host ports such as `apm.portEnabled`, extra or writable host paths, host network, capabilities); only CWS, CSPM, container security contexts and a command override fail at render',
    ours: 'every workload, JSON patches included, is checked at synthesis against the allowlist (host paths and their write modes, capabilities per container, the agent command, ServiceAccount `datadog-agent`) and Autopilot (no host ports, no host network, hostPID only for the node agent): a pod Warden would refuse fails `cdk8s synth` with the reason; `containerRuntime` other than containerd and a `logs.pointerHostDir` elsewhere fail with the option, and so do `exec` lifecycle hooks (`nodeAgent.lifecycle`), which the chart\'s own values file says Autopilot refuses',
    reason: 'the failure shows at synthesis, not in an admission webhook (helm-charts#182, #549, #629, #947, #1375, #1621, #1673)',
    toMatchChart: 'no way (deliberate)',
    matches: [],
  },
  {
    id: 'gke-gdc-refusals',
    area: 'GKE on GDC admission',
    chart: 'renders any values with `providers.gke.gdc`: it drops system-probe features, DDOT, SBOM, CSPM, process checks, sockets and remote configuration without a word, renders a trace-agent with a host port for `apm.portEnabled` (which its own GDC constraint tests refuse), and fails at render only for NPM; without `datadog.clusterName` every host is named `<node>-$(DD_CLUSTER_NAME)`',
    ours: 'with `platform: GKE_GDC` what GDC cannot run is off by default and refused when asked for, naming the option (APM, process checks, sockets, host PID or network, container runtime, system-probe features, DDOT, GPU, Windows nodes, remote configuration); every node agent DaemonSet, JSON patches included, is checked at synthesis against GDC (the core agent container only, host paths `/var/datadog/logs`, `/var/log/pods`, `/var/log/containers`, no host port, namespace, capability or privilege); `clusterName` is required',
    reason: 'the failure shows at synthesis, not as a pod GDC refuses or a feature that silently does nothing',
    toMatchChart: 'no way (deliberate)',
    matches: [],
  },
  {
    id: 'gke-gdc-agent',
    area: 'node agent on GKE on GDC',
    chart: 'no process-check env (the agent\'s defaults then run container collection and process discovery against the container\'s own `/proc`), the kubelet certificate Secret mounted writable, the node-local Service advertising `traceport` with no trace-agent, init-config without the `logdatadog` volume, and the admission controller injecting `socket` mode though the agent opens no socket',
    ours: 'the process checks turned off explicitly (`DD_PROCESS_CONFIG_*_COLLECTION_ENABLED=false`, `DD_PROCESS_AGENT_DISCOVERY_ENABLED=false`), the certificate read-only, no `traceport` on the Service (here the node-local Service lists the trace port only when APM is on, on any platform), init-config keeps its log volume (its root filesystem is read-only), and the admission controller injects `service` mode (the node-local Service)',
    reason: 'without the host\'s `/proc` the checks would report the agent\'s own container as the host\'s processes; applications get an address that answers',
    toMatchChart: 'no way (deliberate)',
    matches: [
      // The Linux DaemonSet only: the Windows one is compared with the chart's Windows release.
      '^\\+env:DaemonSet/(?![^:/]*-windows/)[^:/]+/agent:DD_(PROCESS_CONFIG_(PROCESS|CONTAINER)_COLLECTION_ENABLED|PROCESS_AGENT_DISCOVERY_ENABLED|PROCESS_CONFIG_RUN_IN_CORE_AGENT_ENABLED|STRIP_PROCESS_ARGS)$',
      '^~mount:DaemonSet/[^:/]+/agent:/certs$',
      '^-port:Service/[^:/]+:8126/TCP$',
      '^\\+mount:DaemonSet/[^:/]+/init-config:/var/log/datadog$',
    ],
  },
  {
    id: 'apm-over-local-service',
    area: 'APM when the trace-agent has no socket and no host port (GKE Autopilot, or `socketEnabled` and `portEnabled` both off)',
    chart: 'no trace-agent (`DD_APM_ENABLED=false` on the agent), while the node-local Service still advertises `traceport`; the admission controller injects `hostip` mode, which points applications at a node port nothing opens',
    ours: 'the trace-agent runs and receives on `apm.port` through the node-local Service (`nodeAgent.localService`, on by default; no host port, which Autopilot refuses); the admission controller injects `service` mode. On Autopilot the APM socket is never rendered (application pods could not mount it)',
    reason: 'APM works on Autopilot without a host port; the chart\'s Service routes traces to a port nobody listens on',
    toMatchChart: '`apm: { enabled: false }`',
    matches: [
      '^\\+container:DaemonSet/[^:/]+/trace-agent:$',
      '^~env:DaemonSet/[^:/]+/agent:DD_APM_ENABLED$',
      '^\\+env:DaemonSet/[^:/]+/agent:DD_APM_(NON_LOCAL_TRAFFIC|RECEIVER_PORT)$',
      '^~env:Deployment/[^:]*-cluster-agent/cluster-agent:DD_ADMISSION_CONTROLLER_INJECT_CONFIG_MODE$',
    ],
  },
  {
    id: 'raw-datadog-yaml',
    area: 'raw `datadog.yaml` (`agents.useConfigMap`, `customAgentConfig`)',
    chart: 'two options; `useConfigMap` without `customAgentConfig` mounts a built-in default file; the checksum annotation sits on the ConfigMap',
    ours: 'one option, `rawConfig.nodeAgent`; no built-in default; the checksum annotation is on the pod template; the file is mounted in the DDOT `otel-agent` container too (the chart leaves it out, though that container reads `--core-config=/etc/datadog-agent/datadog.yaml`)',
    reason: 'a ConfigMap annotation does not roll the pods; the default file only repeats what the env already sets; every agent process of the pod reads the same configuration',
    toMatchChart: '`rawConfig: { nodeAgent: {...} }` with your file',
    matches: [
      '^[-+~]annotation:ConfigMap/[^:]*-datadog-yaml:', '^[-+~]annotation:DaemonSet/[^:]+:checksum/datadog-yaml',
      '^\\+mount:DaemonSet/[^:/]+/otel-agent:/etc/datadog-agent/datadog\\.yaml$',
    ],
  },
  {
    id: 'raw-config-conflicts',
    area: 'a raw config key the library also sets (e.g. `log_level` with `logLevel`)',
    chart: 'accepted; the env var silently wins over the file',
    ours: 'an error naming the key, the env var and the option',
    reason: 'a setting that never applies is a mistake',
    toMatchChart: 'no way (deliberate)',
    matches: [],
  },
  {
    id: 'cluster-agent-advanced-confd',
    area: 'several conf.d files for one cluster check (`clusterAgent.advancedConfd`)',
    chart: 'one ConfigMap key `<check>.d--<file>` per file in `F-cluster-agent-confd`, mounted at `<check>.d/<file>`',
    ours: 'no separate option: `integrations` entries of one check (`clusterCheck: true`) merge into its one file `<check>.yaml`, their instances listed in order (the importer maps each file so)',
    reason: 'the agent schedules every instance alike, whether they come from one file or several; one file per check keeps a check\'s shared `init_config` in one place',
    toMatchChart: 'no way (the same instances run)',
    matches: ['^-configmap:ConfigMap/[^:]*-cluster-agent-confd:[^:]+\\.d--[^:]+$', '^\\+configmap:ConfigMap/[^:]*-cluster-agent-confd:[a-z][a-z0-9_]*\\.yaml$'],
  },
  {
    id: 'termination-grace-period',
    area: 'termination grace period (`agents.terminationGracePeriodSeconds`)',
    chart: 'one value for the node agent DaemonSet and the Cluster Agent Deployment; `0` renders no field (Kubernetes\' 30 s)',
    ours: 'one option per component, `nodeAgent.terminationGracePeriodSeconds` and `clusterAgent.terminationGracePeriodSeconds`; `0` is rendered (the pod is killed at once); the importer sets both from the chart key and nothing for `0`',
    reason: 'the Cluster Agent\'s shutdown has nothing to do with the node agents\' `preStop` hooks; a value given is a value rendered',
    toMatchChart: '`nodeAgent` and `clusterAgent` `terminationGracePeriodSeconds` set alike (what the importer writes)',
    matches: [],
  },
  {
    id: 'runner-datadog-yaml',
    area: 'runners\' `datadog.yaml`',
    chart: 'no option',
    ours: '`rawConfig.clusterChecksRunner`, and the runner command no longer `touch`es the read-only file',
    reason: 'the Operator has it (`customConfigurations`); runners run checks that may need agent settings',
    toMatchChart: 'leave `rawConfig.clusterChecksRunner` unset',
    matches: ['^~command:Deployment/[^:]*-clusterchecks/agent'],
  },
  {
    id: 'priority-class-description',
    area: 'PriorityClass `description`',
    chart: '"Used for Datadog Agent Components..."',
    ours: 'not rendered',
    reason: 'the strict Kubernetes 1.27 schema the tests validate every object against (kubernetes-models 4.3.1) lacks that field; an unvalidated field could not be tested',
    toMatchChart: 'no way (cosmetic)',
    matches: ['^~[a-z]+:PriorityClass/'],
  },
  {
    id: 'runner-process-collection',
    area: 'runners\' process collection',
    chart: '`DD_PROCESS_AGENT_ENABLED=false`',
    ours: '`DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED=false` and `DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED=false`',
    reason: 'the agent reads `false` in the deprecated `process_config.enabled` as "processes off, containers on", with a deprecation warning; the two keys turn both off',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-env:Deployment/[^:]*-clusterchecks/agent:DD_PROCESS_AGENT_ENABLED$', '^\\+env:Deployment/[^:]*-clusterchecks/agent:DD_PROCESS_CONFIG_(PROCESS|CONTAINER)_COLLECTION_ENABLED$'],
  },
  {
    id: 'leader-election-names',
    area: 'node agents without a Cluster Agent (leader election, event token)',
    chart: '`DD_LEADER_ELECTION` and `DD_LEADER_ELECTION_DEFAULT_RESOURCE` only: the agents use their built-in lock and token ConfigMap names',
    ours: 'also `DD_LEADER_LEASE_NAME=F-leader-election` and `DD_CLUSTER_AGENT_TOKEN_NAME=Ftoken` on the agent and init-config, the names the Cluster Agent gets',
    reason: 'the RBAC grants `get`/`update` on those objects by name: with a release name other than `datadog` the built-in names would not match it',
    toMatchChart: 'no way (deliberate); with the release name `datadog` the names are the built-in ones',
    matches: ['^\\+env:DaemonSet/[^:]+/(agent|init-config):DD_(LEADER_LEASE_NAME|CLUSTER_AGENT_TOKEN_NAME)$'],
  },
  {
    id: 'ksm-core-secret-metrics',
    area: 'kube-state-metrics core Secret metrics (`collectSecretMetrics`)',
    chart: 'on: `list`/`watch` on every Secret in the cluster',
    ours: 'off by default',
    reason: 'a Secret list returns the values: the Cluster Agent would hold every Secret of the cluster',
    toMatchChart: '`kubeStateMetricsCore: { collectSecretMetrics: true }`',
    matches: ['^-rbac:ClusterRole/[^:]*-ksm-core::secrets:(list|watch):$', '^~configmap:ConfigMap/[^:]*-cluster-agent-confd:kubernetes_state_core'],
  },
  {
    id: 'cluster-agent-secret-access',
    area: 'Cluster Agent Secret access (Role `F-cluster-agent-main`)',
    chart: '`get`/`list`/`watch`/`update`/`create` on every Secret of the namespace',
    ours: '`get`/`list`/`watch`/`update` on `webhook-certificate` only, plus `create` (which RBAC cannot restrict by name)',
    reason: 'the agent watches that one Secret by name (field selector), so `resourceNames` suffices',
    toMatchChart: 'no way (deliberate); if you rename the certificate Secret through the Cluster Agent env, grant it with a JSON patch',
    matches: ['^[-+]rbac:Role/[^:]*-cluster-agent-main::secrets:'],
  },
  {
    id: 'appsec-injector-rbac',
    area: 'Cluster Agent ClusterRole',
    chart: 'AppSec injector rules always, the injector on or off (`datadog.appsec.injector.rbac.create`, default true): Gateway API gateways, Envoy Gateway and Istio objects, `networking.k8s.io/ingressclasses` reads, and every verb but `patch` on every ConfigMap of the cluster',
    ours: 'the same rules, only while `appsecInjector.enabled` (`appsecInjector.rbac` WHEN_ENABLED, the default)',
    reason: 'least privilege: only the Cluster Agent\'s AppSec proxy injector uses them (it finds ingress-nginx through its IngressClass and copies the controller\'s ConfigMap into `datadog-appsec-<name>`, in any namespace); the chart keeps them while it is off so that the Cluster Agent can remove what it created after you turn it off',
    toMatchChart: '`appsecInjector: { rbac: AppsecInjectorRbac.ALWAYS }` (e.g. for one release after turning the injector off)',
    matches: ['^-rbac:ClusterRole/[^:]*-cluster-agent:(gateway\\.networking\\.k8s\\.io|networking\\.istio\\.io|gateway\\.envoyproxy\\.io|extensions\\.istio\\.io):', '^-rbac:ClusterRole/[^:]*-cluster-agent:networking\\.k8s\\.io:ingressclasses:', '^-rbac:ClusterRole/[^:]*-cluster-agent::configmaps:(get|list|watch|create|update|patch|delete):$'],
  },
  {
    id: 'endpoint-config',
    area: '`<release>-endpoint-config` ConfigMap',
    chart: 'always: the names of the API and application key Secrets, the site and `dd_url`',
    ours: 'not rendered',
    reason: 'no agent component reads it: the Datadog Operator (its chart at install time, and the operator at run time) looks it up to reuse the credentials of a `datadog` release installed next to it; this library deploys no Operator',
    toMatchChart: 'if you install the Operator chart next to this library, create the ConfigMap with `new ApiObject(...)` (keys `api-key-secret-name`, `app-key-secret-name`, `dd-site`)',
    matches: ['^-(object|configmap):ConfigMap/[^:]*-endpoint-config:'],
  },
  {
    id: 'secret-backend-rbac',
    area: 'secrets backend RBAC',
    chart: '`secrets get` on the whole cluster by default (`enableGlobalPermissions`, helm-charts#634); named Roles only with `roles[]`, for the node agent',
    ours: 'never cluster-wide: `readableSecrets` gives `get` on the named Secrets, per namespace, to every component deployed here',
    reason: 'least privilege',
    toMatchChart: 'no way (deliberate); list the Secrets in `secretBackend.readableSecrets`',
    matches: [
      '^-rbac:ClusterRole/[^:]*secret-reader[^:]*:', '^-object:ClusterRole(Binding)?/[^:]*secret-reader[^:]*:$',
      // with roles[] / readableSecrets: the chart's Role per namespace (get/list/watch) and ours (get, per component)
      '^[-+~]object:Role(Binding)?/[^:]*(secret-reader|read-secrets)[^:]*:$', '^[-+]rbac:Role/[^:]*secret-reader[^:]*::secrets:',
      '^[-+]binding:RoleBinding/[^:]*(secret-reader|read-secrets)[^:]*:',
      // enableGlobalPermissions (the default) also puts `get` on every Secret into the main ClusterRoles
      '^-rbac:ClusterRole/[^:]+::secrets:get:$',
    ],
  },
  {
    id: 'external-metrics-rbac',
    area: 'external metrics server RBAC (`clusterAgent.metricsProvider`)',
    chart: 'binds Role `extension-apiserver-authentication-reader` in the release namespace (where no such Role exists) and grants `get`/`list`/`watch` on ConfigMap `extension-apiserver-authentication` cluster-wide instead; the HPA controller may `get`/`list`/`watch` every external metric',
    ours: 'binds that Role in `kube-system`, where it lives and where the ConfigMap is (no cluster-wide ConfigMap grant); the HPA controller may `list` external metrics, the only verb it uses',
    reason: 'the Kubernetes way to read the API server\'s client CA, and least privilege',
    toMatchChart: 'no way (deliberate)',
    matches: [
      '^-rbac:ClusterRole/[^:]*-cluster-agent::configmaps:(get|list|watch):extension-apiserver-authentication$',
      '^~object:RoleBinding/[^:]*-cluster-agent-apiserver:$',
      '^-rbac:ClusterRole/[^:]*-cluster-agent-external-metrics-reader:external\\.metrics\\.k8s\\.io:\\*:(get|watch):$',
    ],
  },
  {
    id: 'dca-flare-role',
    area: '`F-dca-flare` Role (read all Secrets and ConfigMaps of the namespace)',
    chart: 'on by default',
    ours: 'not rendered',
    reason: 'support flares work without it; reading every Secret is not least privilege',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-object:(Role|RoleBinding)/[^:]*-dca-flare:$', '^-rbac:Role/[^:]*-dca-flare:', '^-binding:RoleBinding/[^:]*-dca-flare:'],
  },
  {
    id: 'container-security-context',
    area: 'container securityContext',
    chart: '`readOnlyRootFilesystem` only; none on init containers',
    ours: 'also `allowPrivilegeEscalation: false` on every node container and init container, except where a feature adds `CAP_SYS_ADMIN`; the Cluster Agent also drops ALL capabilities and runs with `seccompProfile: RuntimeDefault`',
    reason: 'explicit, least privilege',
    toMatchChart: 'no way (deliberate)',
    matches: ['^\\+securityContext:Deployment/[^:/]*-cluster-agent:seccompProfile\\.type$', `^\\+securityContext:${C}:(allowPrivilegeEscalation|readOnlyRootFilesystem|seccompProfile\\.type|capabilities\\.drop)$`, `^\\+capability:${C}:drop ALL$`],
  },
  {
    id: 'object-labels',
    area: 'object labels',
    chart: '`helm.sh/chart`, `app.kubernetes.io/managed-by: Helm`',
    ours: '`app.kubernetes.io/managed-by: cdk8s-datadog` (selector labels `app: <name>` are the chart\'s)',
    reason: 'who manages it; selectors are immutable, keeping them lets `kubectl apply` adopt chart-installed workloads',
    toMatchChart: 'no way (deliberate)',
    matches: ['^[-+~]label:'],
  },
  {
    id: 'windows-gpu-runtime-class',
    area: 'Windows nodes with GPU monitoring (`windowsNodes` and `gpuMonitoring`)',
    chart: '`runtimeClassName: nvidia` (`gpuMonitoring.runtimeClassName`) on the `targetSystem: windows` pods too',
    ours: 'on the Linux agent pods only; the Windows pods run under the default runtime',
    reason: 'GPU monitoring is Linux-only, and a Windows pod naming a RuntimeClass whose handler the Windows nodes lack is never started',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-pod:DaemonSet/[^:/]*-windows:runtimeClassName$'],
  },
  {
    id: 'windows-security-context',
    area: 'Windows node agent security context',
    chart: 'none on the `targetSystem: windows` containers: the image\'s user applies unstated',
    ours: '`windowsOptions.runAsUserName: ContainerAdministrator` (the agent image\'s user) on every Windows container and init container',
    reason: 'every container states what it runs as; the Linux fields are refused on Windows pods, and the agent needs the container administrator for the runtime pipes and host log paths',
    toMatchChart: 'no way (same behaviour)',
    matches: ['^\\+securityContext:DaemonSet/[^:/]*-windows/[^:]+:windowsOptions\\.runAsUserName$'],
  },
  {
    id: 'windows-nodes',
    area: 'Windows nodes',
    chart: 'a second release with `targetSystem: windows`: its own DaemonSet, ServiceAccount, RBAC and local Service, named after that release',
    ours: '`windowsNodes.enabled` in the same installation: DaemonSet and local Service `F-windows` (selector `app: F-windows`), the Linux agents\' ServiceAccount and RBAC, pod `os.name: windows`',
    reason: 'one installation joins its own Cluster Agent with one token and one set of features; `os.name` lets the API server refuse Linux-only pod fields',
    toMatchChart: 'no way (deliberate); the containers, env, mounts and ports are the chart\'s Windows render',
    matches: ['^\\+object:(DaemonSet|Service)/[^:/]*-windows:$'],
  },
  {
    id: 'windows-no-ddot',
    area: 'Windows nodes with the DDOT collector (`windowsNodes` and `otelCollector`)',
    chart: 'the `targetSystem: windows` release runs an `otel-agent` container whose `otelconfig` and `config` volumes are both mounted at `C:/ProgramData/Datadog` (the API server refuses the pod), and sets `DD_OTELCOLLECTOR_ENABLED` on the Windows agent',
    ours: 'the collector runs on the Linux pods only: no `otel-agent` container and no `DD_OTELCOLLECTOR_*` env on the Windows pods, no collector port on the Windows local Service `F-windows`',
    reason: 'a pod the API server refuses deploys no agent on Windows nodes at all; the Windows agents keep DogStatsD, APM, logs and the core agent\'s OTLP receiver',
    toMatchChart: 'no way (deliberate)',
    matches: ['^-container:DaemonSet/[^:/]*-windows/otel-agent:$', '^-env:DaemonSet/[^:/]*-windows/agent:DD_OTELCOLLECTOR_'],
  },
  {
    id: 'install-info',
    area: 'install info',
    chart: '`tool: helm`, `installer_version: datadog-<chart version>`',
    ours: '`tool: cdk8s`, `tool_version` and `installer_version`: `cdk8s-datadog-<library version>`',
    reason: 'truthful Fleet Automation data',
    toMatchChart: 'no way (deliberate)',
    matches: ['^~configmap:ConfigMap/[^:]*-installinfo:', `^~env:${C}:DD_INSTALL_INFO_`],
  },
  {
    id: 'unused-volumes',
    area: 'unused volumes',
    chart: 'e.g. `s6-run`, `etc-system-release` defined but never mounted',
    ours: 'every volume is mounted by someone',
    reason: 'no dead hostPaths in review',
    matches: [`^-hostPath:${W}:/etc/system-release$`, `^-volume:${W}:(s6-run|etc-system-release)$`],
  },
  {
    id: 'runner-rbac',
    area: 'Cluster Checks Runner RBAC',
    chart: 'the runners\' ServiceAccount is bound to the node agent ClusterRole (with `rbac.dedicated`, by a binding `F-cluster-checks`, the name of ours)',
    ours: 'own ClusterRole `F-cluster-checks` with `get` on `/metrics` and `/metrics/slis` only',
    reason: 'least privilege: runners get tags and configs from the Cluster Agent, not from the API',
    toMatchChart: 'no way (deliberate)',
    matches: ['^\\+object:(ClusterRole|ClusterRoleBinding)/[^:]*-cluster-checks:$', '^\\+rbac:ClusterRole/[^:]*-cluster-checks:', '^[-+~]binding:ClusterRoleBinding/[^:]*-cluster-checks'],
  },
  {
    id: 'runner-hardening',
    area: 'Cluster Checks Runner pods',
    chart: '`readOnlyRootFilesystem` only; no PDB',
    ours: 'drop ALL capabilities, no privilege escalation, `RuntimeDefault` seccomp, `admission.datadoghq.com/enabled: "false"`, PDB `maxUnavailable: 1`; the init containers have a read-only root filesystem too, so `init-config` (which runs the image\'s cont-init scripts) gets the agent\'s writable `/tmp` and `/var/log/datadog` emptyDirs',
    reason: 'the runners need no privilege; a node drain never takes every runner at once',
    toMatchChart: 'no way (deliberate)',
    matches: ['^\\+(object|pdb):PodDisruptionBudget/[^:]*-clusterchecks:', '^\\+securityContext:Deployment/[^:]*-clusterchecks', '^\\+mount:Deployment/[^:]*-clusterchecks/init-config:/(tmp|var/log/datadog)$'],
  },
  {
    id: 'orchestrator-rbac-no-wildcards',
    area: 'orchestrator explorer RBAC',
    chart: '`list`/`watch` on `*` of `datadoghq.com`, `karpenter.sh`, `karpenter.k8s.aws`, `karpenter.azure.com`, `eks.amazonaws.com`',
    ours: 'those resources by name (for `datadoghq.com` the eight the agent collects: datadogmetrics, datadogpodautoscalers, datadogpodautoscalerclusterprofiles, datadogagents, datadogagentprofiles, datadogmonitors, datadogslos, datadogdashboards)',
    reason: 'a wildcard also grants resources added later',
    toMatchChart: 'no way (deliberate)',
    matches: ['^[-+]rbac:ClusterRole/[^:]+:(datadoghq\\.com|karpenter\\.sh|karpenter\\.k8s\\.aws|karpenter\\.azure\\.com|eks\\.amazonaws\\.com):'],
  },
  {
    id: 'service-discovery-off',
    area: 'service discovery (system-probe)',
    chart: 'on for agent 7.78 and later, which adds system-probe with `SYS_ADMIN` to every node',
    ours: 'off unless `serviceDiscovery: { enabled: true }`',
    reason: 'opt-in like every other system-probe feature: no privileged container nobody asked for',
    toMatchChart: '`serviceDiscovery: { enabled: true }`',
    matches: [],
  },
  {
    id: 'hostpath-types',
    area: 'hostPath volumes',
    chart: 'no `type` on most hostPaths',
    ours: 'an explicit `type` (`File`, `Directory`, `DirectoryOrCreate`, `Socket`)',
    reason: 'a missing file fails the pod instead of the kubelet creating an empty directory in its place',
    toMatchChart: 'no way (deliberate)',
    matches: [`^~hostPath:${W}:`],
  },
  {
    id: 'gpu-read-only-mounts',
    area: 'GPU monitoring mounts (agent and system-probe)',
    chart: 'the pod-resources socket directory and the NVIDIA device-list mount (`/dev/null` at `/var/run/nvidia-container-devices/all`) mounted read-write',
    ours: 'both read-only',
    reason: 'least privilege: connecting to the kubelet socket needs no write access to the mount, and the NVIDIA runtime only reads the mount\'s path',
    toMatchChart: 'no way (same behaviour)',
    matches: [`^~mount:${C}:/var/lib/kubelet/pod-resources$`, `^~mount:${C}:/var/run/nvidia-container-devices/all$`],
  },
  {
    id: 'network-path-direct-send',
    area: 'Network Path connections monitoring with direct send (agent 7.81+)',
    chart: '`DD_NETWORK_PATH_*` on process-agent only',
    ours: 'on process-agent and, when NPM sends from system-probe (`network_config.direct_send`, agent 7.81+), on system-probe too',
    reason: 'with direct send, system-probe ships the connections and schedules their paths itself, bypassing process-agent: settings read only there would not apply',
    toMatchChart: 'no way (deliberate)',
    matches: [`^\\+env:${W}/system-probe:DD_NETWORK_PATH_`],
  },
  {
    id: 'gpu-network-path-inert-options',
    area: 'GPU monitoring and Network Path options that would do nothing',
    chart: '`gpuMonitoring.configureCgroupPerms`/`enableEbpfProbes` without `privilegedMode`, `networkPath.collector.*` without `connectionsMonitoring`, and `connectionsMonitoring` without NPM (no process-agent to carry it) are rendered and do nothing',
    ours: 'an error naming the option and what it needs',
    reason: 'an option that silently does nothing is a mistake the user should hear about',
    toMatchChart: 'no way (deliberate)',
    matches: [],
  },
  {
    id: 'ksm-core-namespaces-roles',
    area: 'kube-state-metrics core restricted to namespaces (`kubeStateMetricsCore.namespaces`)',
    chart: 'ClusterRole `F-ksm-core-namespaced` with the namespaced rules, referenced by a RoleBinding `F-ksm-core` in each namespace',
    ours: 'a Role `F-ksm-core` in each namespace with those rules (only the collectors that are on, as `ksm-core-rbac`), bound by a RoleBinding `F-ksm-core`; the cluster-scoped rules stay in ClusterRole `F-ksm-core`',
    reason: 'the same rights, without a cluster-wide object that only exists to be bound per namespace',
    toMatchChart: 'no way (same rights)',
    matches: [
      '^-object:ClusterRole/[^:]*-ksm-core-namespaced:$', '^-rbac:ClusterRole/[^:]*-ksm-core-namespaced:',
      '^\\+object:Role/[^:]*-ksm-core:$', '^\\+rbac:Role/[^:]*-ksm-core:', '^[-+~]binding:RoleBinding/[^:]*-ksm-core:',
    ],
  },
  {
    id: 'ksm-core-rbac',
    area: 'kube-state-metrics core ClusterRole',
    chart: '`events`, the `extensions` group and `customresourcedefinitions` always',
    ours: 'only the resources of the collectors that are on; no `events` (no collector), no `extensions` (removed in 1.22), CRDs only with `collectCrdMetrics`',
    reason: 'least privilege',
    toMatchChart: '`kubeStateMetricsCore: { collectCrdMetrics: true }` for the CRD rule',
    matches: ['^-rbac:ClusterRole/[^:]*-ksm-core:(:events|extensions:[^:]+|apiextensions\\.k8s\\.io:customresourcedefinitions):'],
  },
  {
    id: 'admission-csidrivers-rbac',
    area: 'Cluster Agent ClusterRole (admission controller)',
    chart: '`storage.k8s.io/csidrivers` read whenever the admission controller is on',
    ours: 'only in `CSI` config mode',
    reason: 'least privilege',
    toMatchChart: '`clusterAgent.admissionController.configMode: CSI` if you use the CSI driver',
    matches: ['^-rbac:ClusterRole/[^:]*-cluster-agent:storage\\.k8s\\.io:csidrivers:'],
  },
  {
    id: 'helm-check-rbac',
    area: 'Helm check ClusterRole `F-helm-check`',
    chart: '`get`/`list`/`watch` on every Secret and ConfigMap',
    ours: '`list`/`watch` only (the check reads through informers); still every Secret and ConfigMap, which RBAC cannot narrow to the `owner=helm` label the check selects: documented on `helmCheck.enabled` and listed by DatadogReview',
    reason: 'least privilege',
    toMatchChart: 'no way (same behaviour)',
    matches: ['^-rbac:ClusterRole/[^:]*-helm-check::(secrets|configmaps):get:'],
  },
  {
    id: 'autoscaling-rbac',
    area: 'workload autoscaling ClusterRole `F-cluster-agent-autoscaling`',
    chart: '`*` verbs on the DatadogPodAutoscaler resources, `get`/`update` on `*/scale` in every API group, `pods/resize` always',
    ours: 'the verbs named (`get`, `list`, `watch`, `create`, `update`, `patch`, `delete`; `get`/`update`/`patch` on their status); `scale` of Deployments, StatefulSets, ReplicaSets and Argo Rollouts only; `pods/resize` only with `inPlaceVerticalScaling`',
    reason: 'no wildcards: a wildcard also grants resources added later',
    toMatchChart: 'for other scale targets, bind a ClusterRole with their `scale` subresource to the Cluster Agent',
    matches: [
      '^-rbac:ClusterRole/[^:]*-cluster-agent-autoscaling:(\\*:\\*/scale|datadoghq\\.com:[^:]+:\\*|:pods/resize):',
      '^\\+rbac:ClusterRole/[^:]*-cluster-agent-autoscaling:(apps:(deployments|statefulsets|replicasets)|argoproj\\.io:rollouts)/scale:(get|update):$',
    ],
  },
  {
    id: 'windows-network-policy',
    area: 'network policies with Windows nodes (`networkPolicy` and `windowsNodes`)',
    chart: 'the Windows release\'s agents are not admitted by the Linux release\'s Cluster Agent policy (5005 from `app: <linux release>` only), so its Windows agents cannot reach the Cluster Agent; CILIUM rendered for Windows pods too',
    ours: 'a policy `F-windows` for the Windows agent pods (what their containers serve: DogStatsD, the trace port when the Windows trace-agent runs, OTLP; egress as the Linux agents) and a Cluster Agent ingress rule admitting them to 5005; `networkPolicy.flavor` CILIUM with `windowsNodes` fails at synthesis',
    reason: 'the Windows agents join this installation\'s Cluster Agent; Cilium does not run on Windows nodes, so its policies cannot admit or restrict Windows pods',
    toMatchChart: 'no way (deliberate)',
    matches: [
      '^\\+(object|netpol):NetworkPolicy/[^:/]*-windows:',
      '^\\+netpol:NetworkPolicy/[^:]*-cluster-agent:ingress \\{"from":\\[\\{"podSelector":\\{"matchLabels":\\{"app":"[^"]*-windows"\\}\\}\\}\\],"ports":\\[\\{"port":5005\\}\\]\\}$',
    ],
  },
  {
    id: 'network-policy-deployed-only',
    area: 'network policies (`networkPolicy`)',
    chart: 'the Cluster Agent\'s and the runners\' policies rendered whether those components are deployed or not',
    ours: 'a policy for each component deployed',
    reason: 'a policy selecting no pod is dead weight that suggests a component runs',
    toMatchChart: 'no way (same behaviour)',
    // (the rules of a policy only the chart renders follow from its object: src/cli/compare.ts)
    matches: ['^-object:(NetworkPolicy|CiliumNetworkPolicy)/[^:]*-(cluster-agent|clusterchecks):$'],
  },
  {
    id: 'network-policy-apm-port',
    area: 'node agent network policy, APM',
    chart: 'ingress to the APM port only with `datadog.apm.portEnabled` (or the deprecated `datadog.apm.enabled`), while the node-local Service advertises `traceport` and the trace-agent listens on it anyway',
    ours: 'ingress to `apm.port` whenever APM is on (the trace-agent listens on it and the node-local Service advertises it)',
    reason: 'the chart drops the traces its own node-local Service routes to the agent',
    toMatchChart: '`apm: { enabled: false }` if no application sends traces over TCP',
    matches: ['^\\+netpol:NetworkPolicy/[^:/]+:ingress \\{"ports":\\[\\{"port":\\d+,"protocol":"TCP"\\}\\]\\}$', '^\\+netpol:CiliumNetworkPolicy/[^:/]+:rule Ingress for APM trace$'],
  },
  {
    id: 'network-policy-otel-collector',
    area: 'node agent network policy, DDOT collector',
    chart: 'no ingress to the `datadog.otelCollector.ports`, while the node-local Service advertises them',
    ours: 'ingress to every `otelCollector.ports` entry when the collector runs',
    reason: 'the chart drops the OTLP data its own node-local Service routes to the collector',
    toMatchChart: 'no way (deliberate)',
    matches: ['^\\+netpol:NetworkPolicy/[^:/]+:ingress \\{"ports":\\[\\{"port":\\d+,"protocol":"TCP"\\}\\]\\}$', '^\\+netpol:CiliumNetworkPolicy/[^:/]+:rule Ingress for OTel collector [-a-z0-9]+$'],
  },
  {
    id: 'cilium-network-policy-rules',
    area: 'CiliumNetworkPolicy rules (`networkPolicy.flavor: CILIUM`)',
    chart: 'DogStatsD, APM and OTLP ingress `fromEndpoints: [{}]` (in a namespaced policy: the agent\'s namespace only); Cluster Agent 5005 ingress from the node agents (with the Cluster Agent\'s pod labels) and egress to the node agents, none between Cluster Agent replicas; runners without API server egress',
    ours: 'receivers open to pods of every namespace (as the Kubernetes flavor); 5005 between Cluster Agent replicas (followers forward to the leader); runners may reach the API server',
    reason: 'the chart\'s rules drop metrics and traces from applications in other namespaces, block leader forwarding and the checks dispatched to the runners that query the API server (kubernetes_state_core, helm)',
    toMatchChart: 'no way (deliberate)',
    matches: [
      '^~netpol:CiliumNetworkPolicy/[^:/]+:rule Ingress for (dogstatsd|APM trace|gRPC OTLP|HTTP OTLP)$',
      '^~netpol:CiliumNetworkPolicy/[^:]*-cluster-agent:rule (Ingress from|Egress to) cluster agent$',
      '^\\+netpol:CiliumNetworkPolicy/[^:]*-clusterchecks:rule Egress to Kube API server$',
    ],
  },
  {
    id: 'remote-config-required',
    area: 'features driven by remote configuration (`kubernetesActions`, `admissionController.remoteInstrumentation`)',
    chart: 'with `remoteConfiguration.enabled: false`, rendered with remote configuration off in the Cluster Agent: the feature does nothing',
    ours: 'an error naming the option (as the chart already does for workload autoscaling)',
    reason: 'an option that silently does nothing is a mistake the user should hear about',
    toMatchChart: 'no way (deliberate)',
    matches: [],
  },
  {
    id: 'system-probe-yaml',
    area: '`system-probe.yaml`',
    chart: 'every section written, with the agent\'s defaults spelled out',
    ours: 'generated with sorted keys, only the sections that apply; unset options fall back to the agent\'s defaults',
    reason: 'a reviewable file that says what is on',
    toMatchChart: 'no way (same behaviour)',
    matches: ['^~configmap:ConfigMap/[^:]*-system-probe-config:system-probe\\.yaml$'],
  },
  {
    id: 'apparmor-annotation',
    area: 'AppArmor for system-probe and image SBOM',
    chart: '`securityContext.appArmorProfile` on Kubernetes 1.30+, the annotation before',
    ours: 'always the pod annotation `container.apparmor.security.beta.kubernetes.io/<container>: unconfined`',
    reason: 'the library targets Kubernetes 1.27+, whose API has no such field; later versions still honour the annotation',
    toMatchChart: 'no way (same behaviour)',
    matches: [`^\\+annotation:${W}:container\\.apparmor\\.security\\.beta\\.kubernetes\\.io/`, `^-securityContext:${C}:appArmorProfile\\.type$`],
  },
];

/** The entry of this id (throws when there is none: ids are cited in code and docs). */
export function chartDifference(id: string): ChartDifference {
  const d = CHART_DIFFERENCES.find(x => x.id === id);
  if (!d) throw new Error(`no chart difference "${id}"`);
  return d;
}

const compiled = new Map<string, RegExp[]>();

/** The documented difference that explains this compare finding key, if any. */
export function explainFinding(key: string): ChartDifference | undefined {
  for (const d of CHART_DIFFERENCES) {
    let res = compiled.get(d.id);
    if (!res) { res = d.matches.map(m => new RegExp(m)); compiled.set(d.id, res); }
    if (res.some(r => r.test(key))) return d;
  }
  return undefined;
}

/** The README's summary table (between the `chart-differences` markers), generated from the data. */
export function differencesMarkdown(): string {
  const rows = CHART_DIFFERENCES.map(d =>
    `| \`${d.id}\` | ${markdownCell(d.area)} | ${markdownCell(d.chart)} | ${markdownCell(d.ours)} | ${markdownCell(d.reason)} | ${markdownCell(d.toMatchChart ?? '—')} |`);
  return ['| id | what | chart | here | why | to get the chart\'s behaviour |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** Text safe inside a Markdown table cell. */
export function markdownCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}
