import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { selectorLabels } from './components/labels';
import { DatadogAgent } from './datadog-agent';
import { registerOptionClass } from './input/classes';
import { checkStruct, forInstallation } from './input/strict';
import type { PolicyRule } from './model/k8s-json';
import { clusterScoped, intOrString, typedRules } from './model/objects';
import { toYaml } from './model/yaml';
import { bool, checkAbsolutePath, checkDnsLabel, checkInt, checkString, fail, list, show } from './validation';

/** How Agents installed on the hosts reach the Cluster Agent of a DatadogAgent installation. */
export class ClusterAgentExposure {
  /**
   * A `NodePort` Service: every node answers on the port, so a host agent reaches the Cluster
   * Agent on its own node's address. No cloud load balancer, but the port is open on every node
   * (restrict it with the nodes' firewall), and it must be free in the cluster's NodePort range.
   */
  public static readonly NODE_PORT = new ClusterAgentExposure('NodePort');
  /**
   * A `LoadBalancer` Service: one address for every host, also from hosts outside the cluster.
   * A cloud load balancer (cost, and an address reachable beyond the nodes unless the cloud's
   * annotations make it internal); the hosts need its address (`clusterAgent.url`).
   */
  public static readonly LOAD_BALANCER = new ClusterAgentExposure('LoadBalancer');

  private constructor(
    /** The Service type. */
    public readonly serviceType: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.ClusterAgentExposure', ClusterAgentExposure);

/** The kubelet, as the Agent on the host reaches it. */
export interface HostKubeletOptions {
  /**
   * The kubelet's address from the host (`kubernetes_kubelet_host`).
   * @default "localhost"
   */
  readonly host?: string;
  /**
   * The kubelet's HTTPS port (`kubernetes_https_kubelet_port`).
   * @default 10250
   */
  readonly port?: number;
  /**
   * Verify the kubelet's serving certificate (`kubelet_tls_verify`). Turning it off trusts any
   * certificate on the kubelet's address.
   * @default true
   */
  readonly tlsVerify?: boolean;
  /**
   * The CA that signed the kubelet's serving certificate, on the host (`kubelet_client_ca`): the
   * kubelet's self-signed certificate by default; the cluster CA when the kubelets' certificates
   * are issued by the cluster (`serverTLSBootstrap`).
   * @default "/var/lib/kubelet/pki/kubelet.crt"
   */
  readonly caPath?: string;
}

/** The Cluster Agent the host agents use, and how they reach it. */
export interface HostClusterAgentOptions {
  /** The installation whose Cluster Agent the host agents use: it must deploy one. */
  readonly agent: DatadogAgent;
  /**
   * How the hosts reach it.
   * @default ClusterAgentExposure.NODE_PORT
   */
  readonly exposure?: ClusterAgentExposure;
  /**
   * The node port (30000-32767), required with `NODE_PORT`: the hosts' configuration names it,
   * so it is fixed rather than allocated.
   * @default - none (required with NODE_PORT)
   */
  readonly nodePort?: number;
  /**
   * The URL the hosts use (`cluster_agent.url`), `https://...`. Required with `LOAD_BALANCER`
   * (the load balancer's address is known once it exists).
   * @default - `https://localhost:<nodePort>` with NODE_PORT
   */
  readonly url?: string;
}

/** Options of DatadogHostAgentAccess. */
export interface DatadogHostAgentAccessProps {
  /**
   * The API server's URL as the hosts reach it (`https://...`), written in the hosts' kubeconfig.
   */
  readonly apiServerUrl: string;
  /**
   * The name of the ServiceAccount, ClusterRole, Role, bindings and (with `-token`) the token
   * Secret.
   * @default "datadog-host-agent"
   */
  readonly name?: string;
  /**
   * The namespace of the ServiceAccount, the token Secret, and the ConfigMaps and Leases the host
   * agents keep their state in (`kube_resources_namespace`).
   * @default - the Chart's namespace
   */
  readonly namespace?: string;
  /**
   * The CA of the API server's certificate, on the hosts.
   * @default "/etc/kubernetes/pki/ca.crt"
   */
  readonly apiServerCaPath?: string;
  /**
   * The directory on the hosts that holds the ServiceAccount token (`token`) and the kubeconfig
   * (`kubeconfig`).
   * @default "/etc/datadog-agent/kubernetes"
   */
  readonly hostDir?: string;
  /**
   * The kubelet, as the hosts reach it.
   * @default - localhost:10250, verified with the kubelet's self-signed certificate
   */
  readonly kubelet?: HostKubeletOptions;
  /**
   * The cluster name (`cluster_name`).
   * @default - none (the agent detects it on some clouds)
   */
  readonly clusterName?: string;
  /**
   * Host tags (`tags`), e.g. `["env:prod"]`.
   * @default []
   */
  readonly tags?: string[];
  /**
   * Use a Cluster Agent: the host agents get cluster metadata from it, and it collects the events
   * and runs the cluster-level checks, so the host agents need only the kubelet rules. Without it,
   * the host agents elect a leader among themselves that collects events and runs the API
   * server check, and they read cluster metadata from the API server.
   * @default - no Cluster Agent
   */
  readonly clusterAgent?: HostClusterAgentOptions;
  /**
   * The base name of the files written next to the manifests on synthesis
   * (`<fileName>.datadog.yaml`, `<fileName>.kubeconfig`).
   * @default - the name
   */
  readonly fileName?: string;
}

const RULES_KUBELET: readonly { rule: PolicyRule; why: string }[] = [
  // The kubelet authorizes the agent's requests against these subresources (webhook authorization).
  { rule: { apiGroups: [''], resources: ['nodes/metrics', 'nodes/spec', 'nodes/proxy', 'nodes/stats'], verbs: ['get'] }, why: 'kubelet check: /metrics, /spec, /pods, /stats/summary' },
];

/** What the host agents read and keep when no Cluster Agent does it for them. */
const RULES_CLUSTER_WIDE: readonly { rule: PolicyRule; why: string }[] = [
  { rule: { apiGroups: [''], resources: ['namespaces', 'nodes', 'pods', 'services'], verbs: ['get', 'list', 'watch'] }, why: 'metadata tags of pods and nodes, service tags' },
  { rule: { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] }, why: 'which services a pod backs (kube_service tag)' },
  { rule: { apiGroups: [''], resources: ['events'], verbs: ['list', 'watch'] }, why: 'Kubernetes event collection (leader only)' },
  { rule: { apiGroups: [''], resources: ['componentstatuses'], verbs: ['list'] }, why: 'kubernetes_apiserver check: control-plane component health' },
  { rule: { nonResourceURLs: ['/version', '/healthz'], verbs: ['get'] }, why: 'kubernetes_apiserver check: API server version and health' },
];

/** ConfigMaps and Leases in the namespace: a Role, not a ClusterRole. */
const RULES_NAMESPACED: readonly { rule: PolicyRule; why: string }[] = [
  { rule: { apiGroups: [''], resources: ['configmaps'], resourceNames: ['datadogtoken'], verbs: ['get', 'update'] }, why: 'event collection resumes where the last leader stopped' },
  { rule: { apiGroups: [''], resources: ['configmaps'], resourceNames: ['datadog-leader-election'], verbs: ['get', 'update'] }, why: 'leader election (ConfigMap lock, older agents)' },
  { rule: { apiGroups: ['coordination.k8s.io'], resources: ['leases'], resourceNames: ['datadog-leader-election'], verbs: ['get', 'update'] }, why: 'leader election (Lease lock)' },
  // create cannot be limited by name (the object does not exist yet).
  { rule: { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] }, why: 'the first agent creates the event token and the ConfigMap lock' },
  { rule: { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] }, why: 'the first agent creates the Lease lock' },
];

const TAG = /^[A-Za-z][-\w.:/]{0,199}$/;
const CLUSTER_NAME = /^[a-z]([-a-z0-9]*[a-z0-9])?(\.[a-z]([-a-z0-9]*[a-z0-9])?)*$/;
const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[^\s]*)?$|^https:\/\/\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?(\/[^\s]*)?$/;

/**
 * What Datadog Agents installed on the hosts (packages, not the DaemonSet) need from the cluster,
 * and what they need on the hosts. An agent on the host keeps reporting when the kubelet or the
 * container runtime fails, which an agent in a pod cannot.
 *
 * In the cluster: a ServiceAccount, its RBAC (the kubelet rules; without a Cluster Agent also the
 * cluster-wide reads, event collection and leader election, the last two in a Role), a
 * long-lived token Secret (`kubernetes.io/service-account-token`), and optionally a NodePort or
 * LoadBalancer Service in front of a DatadogAgent's Cluster Agent. On the hosts: a `datadog.yaml`
 * fragment and a kubeconfig, as properties and as files written next to the manifests on
 * `app.synth()`. Neither holds a secret: the hosts read the token from a file (see the docs).
 *
 * @example
 * new DatadogHostAgentAccess(chart, 'hosts', { apiServerUrl: 'https://10.0.0.1:6443', clusterName: 'prod' });
 */
export class DatadogHostAgentAccess extends Construct {
  /** The ServiceAccount the host agents authenticate as. */
  public readonly serviceAccount: k8s.KubeServiceAccount;
  /** The long-lived token Secret of the ServiceAccount (filled in by Kubernetes). */
  public readonly tokenSecret: k8s.KubeSecret;
  /** The cluster-wide rules. */
  public readonly clusterRole: k8s.KubeClusterRole;
  /** The namespaced rules (event token, leader election), without a Cluster Agent. */
  public readonly role?: k8s.KubeRole;
  /** The Service in front of the Cluster Agent, with `clusterAgent`. */
  public readonly clusterAgentService?: k8s.KubeService;
  /** The `datadog.yaml` fragment for the hosts. */
  public readonly datadogYaml: string;
  /** The kubeconfig for the hosts (`kubernetes_kubeconfig_path`): the API server and the token file. */
  public readonly kubeconfig: string;
  /** The base name of the files written on synthesis. */
  public readonly fileName: string;

  /**
   * @param scope the Chart (or a construct in it)
   * @param id the construct id
   * @param props where the API server is, and whether a Cluster Agent is used
   */
  constructor(scope: Construct, id: string, props: DatadogHostAgentAccessProps) {
    super(scope, id);
    const r = forInstallation(this, () => {
      checkStruct('cdk8s-datadog.DatadogHostAgentAccessProps', props, '');
      return resolve(props, Chart.of(this).namespace);
    });
    this.fileName = r.fileName;
    const labels = {
      'app.kubernetes.io/component': 'host-agent',
      'app.kubernetes.io/instance': r.name,
      'app.kubernetes.io/managed-by': 'cdk8s-datadog',
      'app.kubernetes.io/name': 'datadog',
      'app.kubernetes.io/part-of': 'datadog',
    };
    const meta = { name: r.name, namespace: r.namespace, labels };
    this.serviceAccount = new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: meta, automountServiceAccountToken: false });
    this.tokenSecret = new k8s.KubeSecret(this, 'Token', {
      metadata: { ...meta, name: `${r.name}-token`, annotations: { 'kubernetes.io/service-account.name': r.name } },
      type: 'kubernetes.io/service-account-token',
    });
    const subjects = [{ kind: 'ServiceAccount', name: r.name, namespace: r.namespace }];
    const clusterRules = [...RULES_KUBELET, ...(r.clusterAgent ? [] : RULES_CLUSTER_WIDE)].map(x => x.rule);
    this.clusterRole = clusterScoped(new k8s.KubeClusterRole(this, 'ClusterRole', { metadata: { name: r.name, labels }, rules: typedRules(clusterRules) }));
    clusterScoped(new k8s.KubeClusterRoleBinding(this, 'ClusterRoleBinding', {
      metadata: { name: r.name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: r.name },
      subjects,
    }));
    if (!r.clusterAgent) {
      this.role = new k8s.KubeRole(this, 'Role', { metadata: meta, rules: typedRules(RULES_NAMESPACED.map(x => x.rule)) });
      new k8s.KubeRoleBinding(this, 'RoleBinding', {
        metadata: meta,
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: r.name },
        subjects,
      });
    } else {
      const ca = r.clusterAgent;
      this.clusterAgentService = new k8s.KubeService(this, 'ClusterAgentService', {
        metadata: { name: `${ca.serviceName}-hosts`, namespace: ca.namespace, labels },
        spec: {
          type: ca.exposure.serviceType,
          selector: selectorLabels(ca.serviceName),
          ports: [{ name: 'agentport', port: 5005, targetPort: intOrString(5005), protocol: 'TCP', ...(ca.nodePort ? { nodePort: ca.nodePort } : {}) }],
        },
      });
    }
    this.kubeconfig = kubeconfigFor(r);
    this.datadogYaml = datadogYamlFor(r);
    // Written where the manifests go, in the validation step of App.synth() (as DatadogReview).
    this.node.addValidation({
      validate: () => {
        this.writeTo(App.of(this).outdir);
        return [];
      },
    });
  }

  /**
   * Writes `<fileName>.datadog.yaml` and `<fileName>.kubeconfig` into a directory (created if
   * needed). `app.synth()` calls this with the app's output directory.
   *
   * @param dir the directory
   */
  public writeTo(dir: string): void {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${this.fileName}.datadog.yaml`), this.datadogYaml);
    writeFileSync(join(dir, `${this.fileName}.kubeconfig`), this.kubeconfig);
  }
}

interface Resolved {
  readonly name: string;
  readonly namespace: string;
  readonly fileName: string;
  readonly apiServerUrl: string;
  readonly apiServerCaPath: string;
  readonly hostDir: string;
  readonly kubelet: { host: string; port: number; tlsVerify: boolean; caPath: string };
  readonly clusterName?: string;
  readonly tags: string[];
  readonly clusterAgent?: {
    readonly serviceName: string;
    readonly namespace: string;
    readonly exposure: ClusterAgentExposure;
    readonly nodePort?: number;
    readonly url: string;
    readonly secretName: string;
    readonly tokenKey: string;
  };
}

function resolve(p: DatadogHostAgentAccessProps, chartNamespace: string | undefined): Resolved {
  const name = p.name ?? 'datadog-host-agent';
  checkDnsLabel('name', name, 57); // room for "-token"
  const namespace = p.namespace ?? chartNamespace;
  if (namespace === undefined) fail('namespace is required: set it on the Chart or pass namespace');
  checkDnsLabel('namespace', namespace);
  checkString('apiServerUrl', p.apiServerUrl, HTTPS_URL, 'an https:// URL (https://host[:port])');
  checkAbsolutePath('apiServerCaPath', p.apiServerCaPath);
  checkAbsolutePath('hostDir', p.hostDir);
  const hostDir = (p.hostDir ?? '/etc/datadog-agent/kubernetes').replace(/\/+$/, '') || '/';
  if (hostDir === '/') fail('hostDir must not be "/"');
  const k = p.kubelet ?? {};
  if (k.host !== undefined) checkString('kubelet.host', k.host, /^[A-Za-z0-9.:[\]-]+$/, 'a host name or IP address');
  checkInt('kubelet.port', k.port, 1, 65535);
  checkAbsolutePath('kubelet.caPath', k.caPath);
  if (p.clusterName !== undefined) {
    checkString('clusterName', p.clusterName, CLUSTER_NAME, 'a lowercase DNS-like name (a-z, 0-9, "-", "."; starting with a letter)');
    if (p.clusterName.length > 80) fail(`clusterName must be at most 80 characters, got ${p.clusterName.length}`);
  }
  const tags = list('tags', p.tags);
  tags.forEach((t, i) => checkString(`tags[${i}]`, t, TAG, 'a Datadog tag such as "env:prod" (starts with a letter; no spaces or commas; at most 200)'));
  const fileName = p.fileName ?? name;
  checkString('fileName', fileName, /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a file name without directories (letters, digits, ".", "_", "-")');
  return {
    name,
    namespace,
    fileName,
    apiServerUrl: p.apiServerUrl,
    apiServerCaPath: p.apiServerCaPath ?? '/etc/kubernetes/pki/ca.crt',
    hostDir,
    kubelet: {
      host: k.host ?? 'localhost',
      port: k.port ?? 10250,
      tlsVerify: bool('kubelet.tlsVerify', k.tlsVerify) ?? true,
      caPath: k.caPath ?? '/var/lib/kubelet/pki/kubelet.crt',
    },
    clusterName: p.clusterName,
    tags: [...tags],
    clusterAgent: p.clusterAgent === undefined ? undefined : resolveClusterAgent(p.clusterAgent),
  };
}

function resolveClusterAgent(o: HostClusterAgentOptions): NonNullable<Resolved['clusterAgent']> {
  if (!(o.agent instanceof DatadogAgent)) fail(`clusterAgent.agent must be a DatadogAgent, got ${show(o.agent)}`);
  const c = o.agent._config;
  if (!c.clusterAgent.deployed || !o.agent.clusterAgent) {
    fail(`clusterAgent.agent: ${o.agent.node.path} deploys no Cluster Agent (clusterAgent.enabled is false, or it joins an existing one)`);
  }
  const exposure = o.exposure ?? ClusterAgentExposure.NODE_PORT;
  if (!(exposure instanceof ClusterAgentExposure)) fail(`clusterAgent.exposure must be a ClusterAgentExposure (NODE_PORT, LOAD_BALANCER), got ${show(exposure)}`);
  const nodePortService = exposure === ClusterAgentExposure.NODE_PORT;
  if (nodePortService) {
    if (o.nodePort === undefined) fail('clusterAgent.nodePort is required with ClusterAgentExposure.NODE_PORT: the hosts\' datadog.yaml names it');
    checkInt('clusterAgent.nodePort', o.nodePort, 30000, 32767);
  } else if (o.nodePort !== undefined) {
    fail('clusterAgent.nodePort is only used with ClusterAgentExposure.NODE_PORT');
  }
  if (o.url !== undefined) checkString('clusterAgent.url', o.url, HTTPS_URL, 'an https:// URL (the Cluster Agent serves HTTPS)');
  if (!nodePortService && o.url === undefined) fail('clusterAgent.url is required with ClusterAgentExposure.LOAD_BALANCER: the load balancer\'s address, https://host:5005');
  return {
    serviceName: c.names.clusterAgent,
    namespace: c.namespace,
    exposure,
    nodePort: o.nodePort,
    url: o.url ?? `https://localhost:${o.nodePort}`,
    secretName: c.credentials.secretName,
    tokenKey: c.credentials.tokenKey,
  };
}

function kubeconfigFor(r: Resolved): string {
  const cluster = r.clusterName ?? 'kubernetes';
  return [
    `# kubeconfig of the Datadog Agents on the hosts (ServiceAccount ${r.namespace}/${r.name}), generated by cdk8s-datadog.`,
    `# The token is read from ${r.hostDir}/token (see the docs: "Agents installed on the hosts").`,
    toYaml({
      'apiVersion': 'v1',
      'kind': 'Config',
      'clusters': [{ name: cluster, cluster: { 'server': r.apiServerUrl, 'certificate-authority': r.apiServerCaPath } }],
      'users': [{ name: r.name, user: { tokenFile: `${r.hostDir}/token` } }],
      'contexts': [{ name: r.name, context: { cluster, user: r.name, namespace: r.namespace } }],
      'current-context': r.name,
    }),
  ].join('\n');
}

function datadogYamlFor(r: Resolved): string {
  const ca = r.clusterAgent;
  const head = [
    '# datadog.yaml fragment for the Datadog Agents installed on the hosts of this cluster, generated by',
    '# cdk8s-datadog: merge it into /etc/datadog-agent/datadog.yaml. No secret is written here: set',
    '# api_key yourself, and put the ServiceAccount token (Secret ' + `${r.namespace}/${r.name}-token, key "token") in`,
    `# ${r.hostDir}/token, mode 0400, owned by dd-agent.`,
    ...(ca ? [
      `# The Cluster Agent token is key "${ca.tokenKey}" of Secret ${ca.namespace}/${ca.secretName}: give it to the agent as`,
      '# DD_CLUSTER_AGENT_AUTH_TOKEN in its environment file (/etc/datadog-agent/environment, mode 0400).',
    ] : []),
  ];
  const body = {
    cluster_name: r.clusterName,
    tags: r.tags.length ? r.tags : undefined,
    kubernetes_kubelet_host: r.kubelet.host,
    kubernetes_https_kubelet_port: r.kubelet.port,
    kubelet_tls_verify: r.kubelet.tlsVerify,
    kubelet_client_ca: r.kubelet.tlsVerify ? r.kubelet.caPath : undefined,
    kubelet_auth_token_path: `${r.hostDir}/token`,
    kubernetes_kubeconfig_path: `${r.hostDir}/kubeconfig`,
    kube_resources_namespace: r.namespace,
    ...(ca
      ? { cluster_agent: { enabled: true, url: ca.url } }
      : { leader_election: true, collect_kubernetes_events: true }),
  };
  return `${head.join('\n')}\n${toYaml(body)}`;
}
