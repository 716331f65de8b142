import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { CLUSTER_AGENT_API_PORT, CLUSTER_AGENT_METRICS_PORT } from '../components/cluster-agent';
import { componentLabels, selectorLabels } from '../components/labels';
import { windowsName } from '../components/windows-node-agent';
import type { View } from '../feature';
import { defineFeature } from '../feature';
import { registerOptionClass } from '../input/classes';
import { intOrString } from '../model/objects';
import { bool, checkUnusedWhenOff, fail, isQualifiedName, LABEL_VALUE, options, show } from '../validation';

/**
 * Which API the network policies are written for (`datadog.networkPolicy.flavor` in the chart).
 */
export class NetworkPolicyFlavor {
  /** `networking.k8s.io/v1` NetworkPolicy, enforced by any CNI that implements the Kubernetes API. */
  public static readonly KUBERNETES = new NetworkPolicyFlavor('kubernetes');
  /**
   * `cilium.io/v2` CiliumNetworkPolicy: egress to the Datadog intake by host name (FQDN rules, so
   * Cilium's DNS proxy must be on), to DNS, the kubelet and the API server by entity. Needs the
   * Cilium CRDs in the cluster.
   */
  public static readonly CILIUM = new NetworkPolicyFlavor('cilium');

  private constructor(
    /** The flavor's name, as the chart's value spells it. */
    public readonly name: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.NetworkPolicyFlavor', NetworkPolicyFlavor);

/** Options of the CILIUM flavor (`datadog.networkPolicy.cilium.*`). */
export interface CiliumNetworkPolicyOptions {
  /**
   * The labels of the cluster's DNS server pods, as Cilium endpoint labels (a `k8s:` source
   * prefix is allowed): the policies allow DNS (port 53) to these endpoints only, through Cilium's
   * DNS proxy, which the FQDN rules need. The chart's `dnsSelector` is this `toEndpoints` selector.
   * @default {"k8s:io.kubernetes.pod.namespace": "kube-system", "k8s:k8s-app": "kube-dns"}
   */
  readonly dnsEndpointLabels?: { [key: string]: string };
}

/**
 * Network policies for every component this installation deploys (`datadog.networkPolicy.*` in
 * the chart): the node agents, the Cluster Agent and the Cluster Checks Runners each get one
 * policy that selects their pods and allows what they use: the Datadog intake of the site, DNS,
 * the API server and the kubelet on egress; DogStatsD, APM, OTLP, the Cluster Agent API, the
 * external metrics API and the admission webhook on ingress, as they are enabled and on the ports
 * the options resolve.
 */
export interface NetworkPolicyOptions {
  /**
   * Create the network policies.
   * @default false
   */
  readonly create?: boolean;
  /**
   * The API they are written for.
   * @default NetworkPolicyFlavor.KUBERNETES
   */
  readonly flavor?: NetworkPolicyFlavor;
  /**
   * Options of the CILIUM flavor (only with it).
   * @default - DNS served by kube-dns in kube-system
   */
  readonly cilium?: CiliumNetworkPolicyOptions;
}

/** @internal */
export interface ResolvedNetworkPolicy {
  readonly create: boolean;
  readonly flavor: 'kubernetes' | 'cilium';
  readonly dnsEndpointLabels: { [key: string]: string };
}

const DEFAULT_DNS_LABELS = { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s:k8s-app': 'kube-dns' };

/** @internal */
export function resolveNetworkPolicy(o: NetworkPolicyOptions | undefined, windowsNodes = false): ResolvedNetworkPolicy {
  const p = options('networkPolicy', o);
  const create = bool('networkPolicy.create', p.create) ?? false;
  checkUnusedWhenOff('networkPolicy', p, create, [], 'create');
  const flavor = p.flavor ?? NetworkPolicyFlavor.KUBERNETES;
  if (!(flavor instanceof NetworkPolicyFlavor)) {
    fail(`networkPolicy.flavor must be one of KUBERNETES, CILIUM, got ${show(flavor)}`);
  }
  // Cilium runs on Linux nodes only: the Windows agents are no Cilium endpoints, so no Cilium rule
  // could admit them to the Cluster Agent.
  if (create && flavor === NetworkPolicyFlavor.CILIUM && windowsNodes) {
    fail('networkPolicy.flavor CILIUM cannot apply to windowsNodes: Cilium does not run on Windows nodes, so the Cluster Agent\'s policy could not admit the Windows agents; use NetworkPolicyFlavor.KUBERNETES with a CNI that enforces it on both OSes');
  }
  const cilium = options('networkPolicy.cilium', p.cilium);
  if (p.cilium !== undefined && flavor !== NetworkPolicyFlavor.CILIUM) {
    fail(`networkPolicy.cilium applies to networkPolicy.flavor CILIUM only, got ${flavor === NetworkPolicyFlavor.KUBERNETES ? 'KUBERNETES' : show(flavor)}`);
  }
  const dns = cilium.dnsEndpointLabels ?? DEFAULT_DNS_LABELS;
  const at = 'networkPolicy.cilium.dnsEndpointLabels';
  if (dns === null || typeof dns !== 'object' || Array.isArray(dns)) fail(`${at} must be a map of labels, got ${show(dns)}`);
  if (Object.keys(dns).length === 0) fail(`${at} must have at least one label: an empty selector would allow DNS to every endpoint of the namespace only`);
  for (const [k, v] of Object.entries(dns)) {
    // Cilium labels may carry a source prefix (`k8s:`, `any:`) before the Kubernetes label key.
    const m = /^(?:(k8s|any|reserved|container|unspec):)?(.*)$/.exec(k)!;
    if (!isQualifiedName(m[2])) fail(`${at} has an invalid key ${show(k)}: use [source:][prefix/]name, such as "k8s:k8s-app"`);
    if (typeof v !== 'string' || !LABEL_VALUE.test(v)) fail(`${at}["${k}"] has an invalid value ${show(v)}: at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric`);
  }
  return { create, flavor: flavor.name as ResolvedNetworkPolicy['flavor'], dnsEndpointLabels: { ...dns } };
}

type C = View<'networkPolicy' | 'dogstatsd' | 'apm' | 'otlp' | 'otelCollector' | 'externalMetrics' | 'admissionController' | 'clusterChecksRunner' | 'windowsNodes'>;

/** A port the node agent receives on from applications, with what it is for. */
interface Ingress { readonly what: string; readonly port: number; readonly protocol: 'TCP' | 'UDP' }

/**
 * The node agent's receivers, on the ports the options resolved. The Windows agents receive what
 * their containers serve: no trace port without their trace-agent, no DDOT collector.
 */
function nodeAgentIngress(c: C, windows = false): Ingress[] {
  const apm = windows ? c.windowsNodes.traceAgent : c.apm.enabled;
  return [
    { what: 'dogstatsd', port: c.dogstatsd.port, protocol: 'UDP' as const },
    ...(apm ? [{ what: 'APM trace', port: c.apm.port, protocol: 'TCP' as const }] : []),
    ...(c.otlp.grpc.enabled ? [{ what: 'gRPC OTLP', port: c.otlp.grpc.port, protocol: 'TCP' as const }] : []),
    ...(c.otlp.http.enabled ? [{ what: 'HTTP OTLP', port: c.otlp.http.port, protocol: 'TCP' as const }] : []),
    // The DDOT collector's ports are on the node-local Service too (the chart's policy leaves them out).
    ...(c.otelCollector.enabled && !windows ? c.otelCollector.ports.map(p => ({ what: `OTel collector ${p.name}`, port: p.containerPort, protocol: p.protocol })) : []),
  ];
}

/**
 * Network policies: one per deployed component, named like the component's workload and
 * selecting its pods by their `app` label. The rules are the chart's (see docs/network-policy.md
 * for the few deliberate differences).
 */
export const networkPolicy = defineFeature({
  id: 'network-policy',
  option: 'networkPolicy',
  uses: ['dogstatsd', 'apm', 'otlp', 'otelCollector', 'externalMetrics', 'admissionController', 'clusterChecksRunner', 'windowsNodes'],
  resolve: (p) => resolveNetworkPolicy(p.networkPolicy, p.windowsNodes?.enabled === true),
  enabled: (c) => c.networkPolicy.create,
  requiredCrds: (c) => (c.networkPolicy.flavor === 'cilium' ? [{
    name: 'ciliumnetworkpolicies.cilium.io', kind: 'CiliumNetworkPolicy', option: 'networkPolicy.flavor', installWith: 'Cilium (its agent installs the CRD)',
  }] : []),
  objects: (scope, c) => {
    if (c.networkPolicy.flavor === 'cilium') ciliumPolicies(scope, c);
    else kubernetesPolicies(scope, c);
  },
});

// ---------------------------------------------------------------------------------------------
// KUBERNETES flavor

const port = (n: number, protocol?: 'TCP' | 'UDP'): k8s.NetworkPolicyPort => ({ port: intOrString(n), ...(protocol ? { protocol } : {}) });
const pods = (app: string): k8s.NetworkPolicyPeer => ({ podSelector: { matchLabels: selectorLabels(app) } });

function kubernetesPolicies(scope: Construct, c: C): void {
  const n = c.names;
  type Rules = [k8s.NetworkPolicyIngressRule[] | undefined, k8s.NetworkPolicyEgressRule[]];
  const policy = (id: string, name: string, component: string, ...[ingress, egress]: Rules) =>
    new k8s.KubeNetworkPolicy(scope, id, {
      metadata: { name, namespace: c.namespace, labels: componentLabels(c, component) },
      spec: { podSelector: { matchLabels: selectorLabels(name) }, policyTypes: ['Ingress', 'Egress'], ingress, egress },
    });

  // Node agents: their receivers from anywhere; egress to anything, since checks scheduled by
  // Autodiscovery connect to whatever pod carries the annotations (443 is listed for the intake
  // and the API server, as the chart does).
  policy('NodeAgentNetworkPolicy', n.nodeAgent, 'agent',
    nodeAgentIngress(c).map(i => ({ ports: [port(i.port, i.protocol)] })),
    [{ ports: [port(443)] }, {}]);
  // The Windows agents (windowsNodes): their own pods, the same rules for what they serve.
  const windows = c.windowsNodes.enabled ? windowsName(c) : undefined;
  if (windows) {
    policy('WindowsNodeAgentNetworkPolicy', windows, 'agent',
      nodeAgentIngress(c, true).map(i => ({ ports: [port(i.port, i.protocol)] })),
      [{ ports: [port(443)] }, {}]);
  }

  if (c.clusterAgent.deployed) {
    const runners = c.clusterChecksRunner.enabled ? [pods(n.clusterChecksRunner)] : [];
    const fromApi: k8s.NetworkPolicyPeer[] = [pods(n.nodeAgent), pods(n.clusterAgent), ...runners];
    policy('ClusterAgentNetworkPolicy', n.clusterAgent, 'cluster-agent', [
      // The node agents scrape the Cluster Agent's metrics (its prometheus check).
      { ports: [port(CLUSTER_AGENT_METRICS_PORT)], from: [pods(n.nodeAgent)] },
      // Its API: node agents (metadata, cluster checks), the other replicas, the runners.
      { ports: [port(CLUSTER_AGENT_API_PORT)], from: fromApi },
      // The Windows node agents too: a rule of their own, so the one above stays the chart's.
      ...(windows ? [{ ports: [port(CLUSTER_AGENT_API_PORT)], from: [pods(windows)] }] : []),
      // The API server calls the admission webhook and the external metrics API.
      ...(c.admissionController.enabled ? [{ ports: [port(c.admissionController.port)] }] : []),
      ...(c.externalMetrics.enabled ? [{ ports: [port(c.externalMetrics.port)] }] : []),
    ], [
      // Followers forward to the leader.
      { ports: [port(CLUSTER_AGENT_API_PORT)], to: [pods(n.clusterAgent)] },
      // The intake and the API server (443, or 6443 behind some Services), and DNS.
      { ports: [port(443), port(6443), port(53, 'UDP')] },
    ]);
  }

  if (c.clusterChecksRunner.enabled) {
    // No ingress at all; egress to anything, since cluster checks connect to whatever Service
    // carries the annotations.
    policy('ClusterChecksRunnerNetworkPolicy', n.clusterChecksRunner, 'clusterchecks-runner', undefined, [
      { ports: [port(443)] },
      { ports: [port(CLUSTER_AGENT_API_PORT)], to: [pods(n.clusterAgent)] },
      {},
    ]);
  }
}

// ---------------------------------------------------------------------------------------------
// CILIUM flavor

/** The intake host names the node agents send to (every product a node agent may run). */
const NODE_AGENT_INTAKE = [
  'app', 'api', 'agent-intake.logs', 'agent-http-intake.logs', 'contimage-intake', 'contlcycle-intake', 'process', 'orchestrator',
  'instrumentation-telemetry-intake', 'intake.profile', 'ndm-intake', 'snmp-traps-intake', 'ndmflow-intake', 'config', 'dbm-metrics-intake',
  'dbquery-intake', 'sourcemap-intake', 'otlp',
];
/** The Cluster Agent's: metrics and events, the orchestrator explorer, telemetry. */
const CLUSTER_AGENT_INTAKE = ['app', 'orchestrator', 'instrumentation-telemetry-intake'];
/** The runners': the checks' metrics, NDM, database monitoring, remote configuration. */
const RUNNER_INTAKE = ['app', 'api', 'orchestrator', 'ndm-intake', 'snmp-traps-intake', 'ndmflow-intake', 'config', 'dbm-metrics-intake', 'dbquery-intake'];

/** Any endpoint of any namespace: an empty selector in a namespaced policy means its own namespace only. */
const ANY_POD = { matchExpressions: [{ key: 'k8s:io.kubernetes.pod.namespace', operator: 'Exists' }] };

const ciliumPorts = (...ps: [number, string][]) => [{ ports: ps.map(([n, protocol]) => ({ port: String(n), protocol })) }];

/** `*-app.agent.<site>` (the versioned metrics intake) and the given `<prefix>.<site>` names. */
function intake(site: string, names: string[], patternFirst: boolean): object[] {
  const pattern = { matchPattern: `*-app.agent.${site}` };
  const named = names.map(x => ({ matchName: `${x}.${site}` }));
  // The chart lists the pattern after `app.` for the Cluster Agent only; the order is kept.
  return patternFirst ? [pattern, ...named] : [named[0], pattern, ...named.slice(1)];
}

function ciliumPolicies(scope: Construct, c: C): void {
  const n = c.names;
  const site = c.site.host;
  const dns = {
    description: 'Egress to DNS',
    egress: [{ toEndpoints: [{ matchLabels: { ...c.networkPolicy.dnsEndpointLabels } }], toPorts: [{ ...ciliumPorts([53, 'ANY'])[0], rules: { dns: [{ matchPattern: '*' }] } }] }],
  };
  const metadataServer = { description: 'Egress to metadata server', egress: [{ toCIDR: ['169.254.169.254/32'], toPorts: ciliumPorts([80, 'TCP']) }] };
  const apiServer = {
    description: 'Egress to Kube API server',
    egress: [
      // The `kubernetes` Service, for a control plane outside the cluster...
      { toServices: [{ k8sService: { namespace: 'default', serviceName: 'kubernetes' } }] },
      // ...and the API server's own entity, or the nodes, for one inside it.
      { toEntities: ['kube-apiserver', 'host', 'remote-node'], toPorts: ciliumPorts([443, 'TCP']) },
    ],
  };
  const anywhere = (what: string) => ({ description: `Egress to anything for ${what}`, egress: [{ toEndpoints: [ANY_POD] }] });
  // The node agents' and the Cluster Agent's rules select their pods by the pod labels too, as the
  // chart does (every pod carries them, so the selection is the same).
  const withPodLabels = (name: string, podLabels: { [k: string]: string }) => ({ ...podLabels, ...selectorLabels(name) });
  const policy = (id: string, name: string, component: string, matchLabels: { [k: string]: string }, specs: object[]) => new ApiObject(scope, id, {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name, namespace: c.namespace, labels: componentLabels(c, component) },
    specs: specs.map(s => ({ ...s, endpointSelector: { matchLabels } })),
  });
  const clusterAgentPods = withPodLabels(n.clusterAgent, c.clusterAgent.podLabels);

  policy('NodeAgentNetworkPolicy', n.nodeAgent, 'agent', withPodLabels(n.nodeAgent, c.nodeAgent.podLabels), [
    {
      description: 'Egress ECS agent port 51678',
      egress: [{ toEntities: ['host'], toPorts: ciliumPorts([51678, 'TCP']) }, { toCIDR: ['169.254.0.0/16'], toPorts: ciliumPorts([51678, 'TCP']) }],
    },
    { description: 'Egress to ntp', egress: [{ toFQDNs: [{ matchPattern: '*.datadog.pool.ntp.org' }], toPorts: ciliumPorts([123, 'UDP']) }] },
    metadataServer,
    dns,
    { description: 'Egress to Datadog intake', egress: [{ toFQDNs: intake(site, NODE_AGENT_INTAKE, true), toPorts: ciliumPorts([443, 'TCP'], [10516, 'TCP']) }] },
    { description: 'Egress to Kubelet', egress: [{ toEntities: ['host'], toPorts: ciliumPorts([10250, 'TCP']) }] },
    ...nodeAgentIngress(c).map(i => ({ description: `Ingress for ${i.what}`, ingress: [{ fromEndpoints: [ANY_POD], toPorts: ciliumPorts([i.port, i.protocol]) }] })),
    anywhere('checks'),
  ]);

  if (c.clusterAgent.deployed) {
    policy('ClusterAgentNetworkPolicy', n.clusterAgent, 'cluster-agent', clusterAgentPods, [
      metadataServer,
      dns,
      { description: 'Egress to Datadog intake', egress: [{ toFQDNs: intake(site, CLUSTER_AGENT_INTAKE, false), toPorts: ciliumPorts([443, 'TCP']) }] },
      apiServer,
      // The other replicas: followers forward to the leader.
      { description: 'Ingress from cluster agent', ingress: [{ fromEndpoints: [{ matchLabels: clusterAgentPods }], toPorts: ciliumPorts([CLUSTER_AGENT_API_PORT, 'TCP']) }] },
      { description: 'Egress to cluster agent', egress: [{ toEndpoints: [{ matchLabels: clusterAgentPods }], toPorts: ciliumPorts([CLUSTER_AGENT_API_PORT, 'TCP']) }] },
      {
        description: 'Ingress from agent',
        // Node agents on the host network reach it from the nodes' addresses.
        ingress: [{
          ...(c.nodeAgent.hostNetwork ? { fromEntities: ['host', 'remote-node'] } : { fromEndpoints: [{ matchLabels: withPodLabels(n.nodeAgent, c.nodeAgent.podLabels) }] }),
          toPorts: ciliumPorts([CLUSTER_AGENT_METRICS_PORT, 'TCP'], [CLUSTER_AGENT_API_PORT, 'TCP']),
        }],
      },
      ...(c.clusterChecksRunner.enabled ? [{
        description: 'Ingress from cluster workers',
        ingress: [{ fromEndpoints: [{ matchLabels: selectorLabels(n.clusterChecksRunner) }], toPorts: ciliumPorts([CLUSTER_AGENT_API_PORT, 'TCP']) }],
      }] : []),
      ...(c.externalMetrics.enabled ? [{
        description: 'Ingress from API server for external metrics',
        ingress: [{ fromEntities: ['world'], toPorts: ciliumPorts([c.externalMetrics.port, 'TCP']) }],
      }] : []),
      ...(c.admissionController.enabled ? [{
        description: 'Ingress from API server for admission controller',
        ingress: [{ fromEntities: ['kube-apiserver'], toPorts: ciliumPorts([c.admissionController.port, 'TCP']) }],
      }] : []),
    ]);
  }

  if (c.clusterChecksRunner.enabled) {
    policy('ClusterChecksRunnerNetworkPolicy', n.clusterChecksRunner, 'clusterchecks-runner', selectorLabels(n.clusterChecksRunner), [
      metadataServer,
      dns,
      { description: 'Egress to Datadog intake', egress: [{ toFQDNs: intake(site, RUNNER_INTAKE, true), toPorts: ciliumPorts([443, 'TCP']) }] },
      // Checks dispatched to the runners (kubernetes_state_core, helm...) query the API server.
      apiServer,
      { description: 'Egress to cluster agent', egress: [{ toEndpoints: [{ matchLabels: clusterAgentPods }], toPorts: ciliumPorts([CLUSTER_AGENT_API_PORT, 'TCP']) }] },
      anywhere('service checks'),
    ]);
  }
}
