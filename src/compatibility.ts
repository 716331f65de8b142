import { DEFAULT_AGENT_VERSION, MIN_AGENT_VERSION } from './images';

/** One row of the compatibility table (README "Compatibility"). */
export interface CompatibilityEntry {
  /** What the row is about, e.g. "Kubernetes" or "Datadog Agent (`images.agentTag`)". */
  readonly component: string;
  /** The oldest version supported. */
  readonly minimum: string;
  /** The version the defaults render, or that the tests check the output against. */
  readonly checked: string;
  /** How it was checked, and what happens outside the range. */
  readonly notes: string;
}

/** A rendering that depends on the agent version (parsed from `images.agentTag`). */
export interface AgentVersionGate {
  /** The option or component affected. */
  readonly feature: string;
  /** The first agent version that gets the newer rendering. */
  readonly since: string;
  /** What the newer agents get. */
  readonly newer: string;
  /** What older agents get instead. */
  readonly older: string;
}

/**
 * What this library was checked against, as data. README "Compatibility" is generated from
 * these tables and a test keeps the two equal; another test checks that every agent version
 * the source code tests for is listed in `AGENT_VERSION_GATES`.
 */
export class Compatibility {
  /** Kubernetes, agent images and the cdk8s/Node.js toolchain. */
  public static readonly MATRIX: CompatibilityEntry[] = [
    {
      component: 'Kubernetes',
      minimum: '1.27',
      checked: '1.27.1 API schema',
      notes: 'every object is validated in the tests against the Kubernetes 1.27.1 OpenAPI schema with unknown fields rejected. Only GA APIs are rendered (v1, apps/v1, policy/v1, rbac.authorization.k8s.io/v1, apiregistration.k8s.io/v1), which later versions keep; AppArmor uses the pod annotation, which 1.30+ still honours. Older clusters are not supported.',
    },
    {
      component: 'Datadog Agent (`images.agentTag`)',
      minimum: MIN_AGENT_VERSION.join('.'),
      checked: DEFAULT_AGENT_VERSION,
      notes: `the default tag; the output is compared with the Helm chart's for it. An older version tag fails at synthesis ("images.agentTag must be ${MIN_AGENT_VERSION.join('.')} or newer"). Tags that are not versions (\`latest\`, \`7\`) and digests are treated as current. Renderings that depend on the version are listed below.`,
    },
    {
      component: 'Datadog Cluster Agent (`images.clusterAgentTag`)',
      minimum: MIN_AGENT_VERSION.join('.'),
      checked: DEFAULT_AGENT_VERSION,
      notes: 'same rules as the agent tag; keep both tags on the same release.',
    },
    {
      component: 'cdk8s / constructs',
      minimum: '2.70.106 / 10.4.2',
      checked: '2.70.106 / 10.4.2',
      notes: 'peer dependencies (`^`); cdk8s 1.x is not supported.',
    },
    {
      component: 'cdk8s-plus',
      minimum: 'cdk8s-plus-27 2.9.5',
      checked: 'cdk8s-plus-27 2.9.5; workloads from cdk8s-plus-33 2.5.x',
      notes: 'cdk8s-plus-27 is a peer dependency. Apps on a newer cdk8s-plus major install it next to their own; `Autodiscovery` and `UnifiedServiceTagging` accept workloads built with either (tested with cdk8s-plus-33).',
    },
    {
      component: 'Node.js',
      minimum: '20.16',
      checked: '20.20.2 and 22.23.3',
      notes: 'the library, its full build (jsii 6) and its tests pass on both.',
    },
    {
      component: 'TypeScript (your app)',
      minimum: '5.9',
      checked: '5.9.3 with ts-node 10.9.2 and cdk8s-cli 2.207.60',
      notes: 'scripts/consumer-smoke.sh installs the packed library into a new project and runs `cdk8s synth`. TypeScript 7 breaks ts-node 10.',
    },
  ];

  /** Renderings that change with the agent version: an older tag gets the older rendering, not an error. */
  public static readonly AGENT_VERSION_GATES: AgentVersionGate[] = [
    {
      feature: 'kube-state-metrics core',
      since: '7.72.0',
      newer: '`controllerrevisions` collected and granted `list`/`watch`',
      older: 'not collected, not granted',
    },
    {
      feature: 'APM (trace-agent container)',
      since: '7.75.0',
      newer: 'started through `trace-loader`, which starts trace-agent when the first trace arrives',
      older: 'trace-agent started directly',
    },
    {
      feature: 'service discovery',
      since: '7.78.0',
      newer: '`discovery.use_system_probe_lite: true`',
      older: 'discovery runs in the full system-probe',
    },
    {
      feature: 'system-probe (NPM, USM)',
      since: '7.81.0',
      newer: '`network_config.direct_send: true`; with NPM or USM, `DD_AGENT_IPC_PORT`/`DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL` on agent and system-probe',
      older: '`direct_send: false`, connections go through process-agent; no IPC settings',
    },
  ];
}
