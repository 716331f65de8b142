import { ApiObject, Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ClusterAgent, baseClusterAgentPod, finishClusterAgentPod } from './components/cluster-agent';
import { ClusterChecksRunner, baseClusterChecksRunnerPod, finishClusterChecksRunnerPod } from './components/cluster-checks-runner';
import { componentLabels } from './components/labels';
import { NodeAgent, baseNodeAgentPod, finishNodeAgentPod } from './components/node-agent';
import { WindowsNodeAgent } from './components/windows-node-agent';
import type { ResolvedConfig } from './config';
import { resolveConfig } from './config';
import type { RbacGrant, SharedOutputs } from './feature';
import { FEATURES } from './features/index';
import { propsFromJson } from './input/from-json';
import { checkMountClashes } from './input/pod-checks';
import { checkStruct, forInstallation, strictInstallation } from './input/strict';
import type { CustomCheck } from './integrations/custom-check';
import type { Integration } from './integrations/integration';
import type { DatadogAgentProps } from './props';
import { baseGrants } from './rbac/base-rules';
import { renderRbac } from './rbac/render';
import type { RequiredCrd } from './required-crds';
import { requiredCrdNote } from './required-crds';
import { LIBRARY_VERSION } from './version';


/**
 * The Datadog Agent on Kubernetes: node agents on every Linux node (and on Windows nodes with
 * `windowsNodes`), the Cluster Agent, their RBAC and configuration, resolved and validated at
 * synthesis.
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
  /**
   * DatadogAgentProps from plain data, such as a parsed JSON or YAML document: the same options,
   * with enum-like values written by name (`"site": "EU1"`, `"containerRuntime": "CONTAINERD"`,
   * `"platform": "EKS"`, `"logLevel": "WARN"`) and factories as one-key objects
   * (`"credentials": { "fromSecret": "datadog-secret" }`, several arguments as a list:
   * `{ "fromSecret": ["datadog-secret", { "apiKeyKey": "key" }] }`,
   * `"updateStrategy": { "rollingUpdate": "20%" }`, `{ "hostPath": ["name", "/path"] }`).
   *
   * Validated as strictly as the constructor validates its props: unknown keys (with a "did you
   * mean"), wrong types and bad names all fail in one ValidationError listing every problem with
   * its option path.
   *
   * @param data the document, e.g. `YAML.parse(text)` or `JSON.parse(text)`
   */
  public static propsFromJson(data: any): DatadogAgentProps {
    return propsFromJson(data);
  }

  /** The node Agent DaemonSet and its ServiceAccount. */
  public readonly nodeAgent: NodeAgent;
  /** The Windows node Agent DaemonSet, when `windowsNodes.enabled`. */
  public readonly windowsNodeAgent?: WindowsNodeAgent;
  /** The Cluster Agent, when this construct deploys one. */
  public readonly clusterAgent?: ClusterAgent;
  /** The Cluster Checks Runners, when enabled. */
  public readonly clusterChecksRunner?: ClusterChecksRunner;

  /**
   * The CustomResourceDefinitions the enabled features need in the cluster, which this library
   * does not render (`clusterAgent.externalMetrics.useDatadogMetrics` needs DatadogMetric...).
   * `app.synth()` prints a note for each, and DatadogReview lists them.
   */
  public readonly requiredCrds: RequiredCrd[];

  /** @internal */
  public readonly _config: ResolvedConfig;

  /**
   * @param scope the Chart (or a construct in it) whose namespace the agents run in, unless `props.namespace` says otherwise
   * @param id the construct id
   * @param props everything about the installation; only `credentials` is required
   */
  constructor(scope: Construct, id: string, props: DatadogAgentProps) {
    super(scope, id);
    const c = strictInstallation(this, props, () => resolveConfig(props, Chart.of(this).namespace));
    this._config = c;
    // Every error the features raise while building names this installation first.
    const built = forInstallation(this, () => this.assemble(c));
    this.nodeAgent = built.nodeAgent;
    this.windowsNodeAgent = built.windowsNodeAgent;
    this.clusterAgent = built.clusterAgent;
    this.clusterChecksRunner = built.clusterChecksRunner;

    this.requiredCrds = FEATURES.filter(f => f.enabled(c)).flatMap(f => f.requiredCrds?.(c) ?? []);
    if (this.requiredCrds.length) {
      // A note, not an error: installing the CRDs is the cluster's business (a CRD chart, GitOps...).
      // Printed once, though cdk8s may validate more than once per synthesis.
      let noted = false;
      this.node.addValidation({
        validate: () => {
          if (noted) return [];
          noted = true;
          for (const r of this.requiredCrds) process.stderr.write(`cdk8s-datadog note: ${this.node.path}: ${requiredCrdNote(r)}\n`);
          return [];
        },
      });
    }

    this.installInfo(c);
    if (c.credentials.secretData) this.credentialsSecret(c, c.credentials.secretData);
  }

  /** Asks every enabled feature for its contributions, then renders the components, RBAC and objects. */
  private assemble(c: ResolvedConfig): {
    nodeAgent: NodeAgent; windowsNodeAgent?: WindowsNodeAgent; clusterAgent?: ClusterAgent; clusterChecksRunner?: ClusterChecksRunner;
  } {
    const features = FEATURES.filter(f => f.enabled(c));
    // Shared outputs state what is off too: every feature contributes, enabled or not.
    const shared: SharedOutputs = {
      systemProbeConfig: FEATURES.flatMap(f => (f.systemProbeConfig ? [f.systemProbeConfig(c)] : [])),
      localServicePorts: FEATURES.flatMap(f => f.localServicePorts?.(c) ?? []),
    };

    const nodePod = baseNodeAgentPod(c);
    features.forEach(f => f.nodeAgent?.(c, nodePod));
    finishNodeAgentPod(c, nodePod);
    const nodeAgent = NodeAgent._create(this, 'NodeAgent', c, nodePod);
    // Derived from the Linux pod at synthesis: the same features' env, rebuilt for Windows.
    const windowsNodeAgent = c.windowsNodes.enabled
      ? WindowsNodeAgent._create(this, 'WindowsNodeAgent', c, nodePod, shared.localServicePorts)
      : undefined;

    let clusterAgent: ClusterAgent | undefined;
    if (c.clusterAgent.deployed) {
      const pod = baseClusterAgentPod(c);
      features.forEach(f => f.clusterAgent?.(c, pod));
      finishClusterAgentPod(c, pod);
      clusterAgent = ClusterAgent._create(this, 'ClusterAgent', c, pod);
    }

    let clusterChecksRunner: ClusterChecksRunner | undefined;
    if (c.clusterChecksRunner.enabled) {
      const pod = baseClusterChecksRunnerPod(c);
      features.forEach(f => f.clusterChecksRunner?.(c, pod));
      finishClusterChecksRunnerPod(c, pod);
      clusterChecksRunner = ClusterChecksRunner._create(this, 'ClusterChecksRunner', c, pod);
    }

    checkMountClashes('nodeAgent', nodePod);
    if (clusterAgent) checkMountClashes('clusterAgent', clusterAgent._pod);

    const pods = { nodeAgent: nodePod, clusterAgent: clusterAgent?._pod, clusterChecksRunner: clusterChecksRunner?._pod };
    const grants: RbacGrant[] = [...baseGrants(c, pods), ...features.flatMap(f => f.rbac?.(c, pods) ?? [])];
    renderRbac(new Construct(this, 'Rbac'), c, grants);
    features.forEach(f => f.objects?.(this, c, shared, pods));
    return { nodeAgent, windowsNodeAgent, clusterAgent, clusterChecksRunner };
  }

  /**
   * Every Kubernetes object this installation creates so far, in output order: the handle for
   * objects without a named property (feature Services and ConfigMaps, RBAC roles and bindings,
   * the APIService...). Objects that `addIntegration` creates appear once it has run.
   */
  public get apiObjects(): ApiObject[] {
    return this.node.findAll().filter((x): x is ApiObject => ApiObject.isApiObject(x));
  }

  /**
   * The object of this kind and name this installation creates, for `addJsonPatch` or reading
   * its name; undefined when this configuration does not create it.
   *
   * @param kind the Kubernetes kind, e.g. "Service" or "ClusterRole"
   * @param name the object's metadata.name, e.g. "datadog-cluster-agent"
   * @param namespace the namespace, for Roles that exist in several
   */
  public findObject(kind: string, name: string, namespace?: string): ApiObject | undefined {
    return this.apiObjects.find(o => o.kind === kind && o.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  }

  /**
   * Adds a check configuration, as an entry of `integrations` would. Works until synthesis:
   * ConfigMaps, mounts and checksum annotations are rendered then.
   */
  public addIntegration(integration: Integration): void {
    const name = integration && typeof integration.name === 'string' ? integration.name : '?';
    const path = `addIntegration(${JSON.stringify(name)})`;
    forInstallation(this, () => {
      checkStruct('cdk8s-datadog.Integration', integration, path);
      this._config.integrations.addIntegration(path, integration);
    });
  }

  /** Adds a custom Python check, as an entry of `customChecks` would. */
  public addCustomCheck(check: CustomCheck): void {
    const name = check && typeof check.name === 'string' ? check.name : '?';
    const path = `addCustomCheck(${JSON.stringify(name)})`;
    forInstallation(this, () => {
      checkStruct('cdk8s-datadog.CustomCheck', check, path);
      this._config.integrations.addCustomCheck(path, check);
    });
  }

  /** Tells Datadog how the agent was installed (shown in the Fleet Automation view). */
  private installInfo(c: ResolvedConfig): void {
    new k8s.KubeConfigMap(this, 'InstallInfo', {
      metadata: { name: c.names.installInfo, namespace: c.namespace, labels: componentLabels(c, 'agent') },
      data: { install_info: `---\ninstall_method:\n  tool: cdk8s\n  tool_version: cdk8s-datadog-${LIBRARY_VERSION}\n  installer_version: cdk8s-datadog-${LIBRARY_VERSION}\n` },
    });
  }

  /** The Secret for `Credentials.fromValues`: literal values the user passed on purpose. */
  private credentialsSecret(c: ResolvedConfig, data: { [k: string]: string }): void {
    new k8s.KubeSecret(this, 'CredentialsSecret', {
      metadata: { name: c.credentials.secretName, namespace: c.namespace, labels: componentLabels(c, 'agent') },
      type: 'Opaque',
      data: Object.fromEntries(Object.keys(data).sort().map(k => [k, Buffer.from(data[k]).toString('base64')])),
    });
  }
}
