import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterAgent, baseClusterAgentPod, finishClusterAgentPod } from './components/cluster-agent';
import { ClusterChecksRunner, baseClusterChecksRunnerPod, finishClusterChecksRunnerPod } from './components/cluster-checks-runner';
import { componentLabels } from './components/labels';
import { NodeAgent, baseNodeAgentPod, finishNodeAgentPod } from './components/node-agent';
import { ResolvedConfig, resolveConfig } from './config';
import { RbacGrant } from './feature';
import { FEATURES } from './features/index';
import { propsFromJson } from './input/from-json';
import { checkPodsBeforeRender } from './input/pod-checks';
import { checkStruct, forInstallation, strictInstallation } from './input/strict';
import { CustomCheck } from './integrations/custom-check';
import { Integration } from './integrations/integration';
import { PodModel } from './model/pod';
import { DatadogAgentProps } from './props';
import { baseGrants } from './rbac/base-rules';
import { renderRbac } from './rbac/render';


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
  /** The Cluster Agent, when this construct deploys one. */
  public readonly clusterAgent?: ClusterAgent;
  /** The Cluster Checks Runners, when enabled. */
  public readonly clusterChecksRunner?: ClusterChecksRunner;

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
    const features = FEATURES.filter(f => f.enabled(c));

    const nodePod = baseNodeAgentPod(c);
    features.forEach(f => f.nodeAgent?.(c, nodePod));
    finishNodeAgentPod(c, nodePod);
    this.nodeAgent = NodeAgent._create(this, 'NodeAgent', c, nodePod);

    let clusterAgentPod: PodModel | undefined;
    if (c.clusterAgent.deployed) {
      const dcaPod = clusterAgentPod = baseClusterAgentPod(c);
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

    forInstallation(this, () => checkPodsBeforeRender(c, nodePod, clusterAgentPod));

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
