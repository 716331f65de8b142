import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import type { ResolvedConfig } from '../config';
import { resolveConfig } from '../config';
import { InputError, forInstallation, strictInstallation } from '../input/strict';
import { toYaml } from '../model/yaml';
import type { DatadogAgentProps } from '../props';
import { resolveResources } from '../workload-options';

/**
 * A `datadoghq.com/v2alpha1` `DatadogAgent` custom resource for the Datadog Operator, rendered
 * from the same DatadogAgentProps as DatadogAgent and validated the same way: global settings,
 * credentials (from a Secret), features, and per-component overrides (replicas, tolerations, env,
 * resources, images, placement).
 *
 * Every option you set either maps to the resource or fails synthesis with its option path and
 * "not supported by the Operator": nothing is dropped silently. Defaults are the Operator's, not
 * this library's, for options you leave out (the Operator decides, for example, Cluster Agent
 * replicas and kube-state-metrics core Secret metrics).
 *
 * @example
 * new DatadogAgentResource(chart, 'datadog', {
 *   credentials: Credentials.fromSecret('datadog-secret'),
 *   site: DatadogSite.EU1,
 *   clusterName: 'prod-eu-1',
 *   logs: { enabled: true },
 * });
 */
export class DatadogAgentResource extends Construct {
  /** The DatadogAgent object. */
  public readonly apiObject: ApiObject;

  /**
   * @param scope the Chart (or a construct in it) whose namespace the resource lives in, unless `props.namespace` says otherwise
   * @param id the construct id
   * @param props the same options as DatadogAgent; those the Operator cannot express fail
   */
  constructor(scope: Construct, id: string, props: DatadogAgentProps) {
    super(scope, id);
    const c = strictInstallation(this, props, () => resolveConfig(props, Chart.of(this).namespace));
    const spec = forInstallation(this, () => operatorSpec(props, c));
    this.apiObject = new ApiObject(this, 'Resource', {
      apiVersion: 'datadoghq.com/v2alpha1',
      kind: 'DatadogAgent',
      metadata: { name: c.names.fullname, namespace: c.namespace, labels: { 'app.kubernetes.io/managed-by': 'cdk8s-datadog' } },
      spec,
    });
  }
}

/** Builds a nested object by dotted paths, and remembers which option paths were read. */
class Mapping {
  public readonly spec: any = {};
  private readonly used = new Set<string>();

  constructor(private readonly props: any) {}

  /** The option's value (undefined when not set); marks it, and everything under it, as mapped. */
  public read(path: string): any {
    const v = path.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), this.props);
    if (v !== undefined) this.used.add(path);
    return v;
  }

  /** Maps an option to a spec path, through `f` when given. */
  public map(option: string, target: string, f: (v: any) => any = v => v): void {
    const v = this.read(option);
    if (v !== undefined) this.set(target, f(v));
  }

  public set(target: string, value: any): void {
    const keys = target.split('.');
    let o = this.spec;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {});
    o[keys[keys.length - 1]] = value;
  }

  /** Every option that is set and was not mapped, as `path` (leaves: values, lists, class instances). */
  public unmapped(): string[] {
    const out: string[] = [];
    const walk = (v: any, path: string) => {
      if (v === undefined) return;
      if (path && [...this.used].some(u => path === u || path.startsWith(`${u}.`))) return;
      const plain = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
      if (plain && Object.keys(v).length) {
        for (const k of Object.keys(v).sort()) walk(v[k], path ? `${path}.${k}` : k);
      } else if (path) {
        out.push(path);
      }
    };
    walk(this.props, '');
    return out;
  }
}

const envList = (env: { [k: string]: string }) => Object.keys(env).sort().map(name => ({ name, value: env[name] }));

/** The DatadogAgent spec for these options, or an error naming every option the Operator cannot express. */
export function operatorSpec(props: DatadogAgentProps, c: ResolvedConfig): any {
  const m = new Mapping(props);
  const problems: string[] = [];

  // Identity: the resource's name and namespace.
  m.read('name');
  m.read('namespace');

  // Global settings.
  if (m.read('credentials') !== undefined) {
    if (c.credentials.secretData) {
      problems.push('credentials: Credentials.fromValues is not supported by the Operator output (the values would be written into the custom resource): use Credentials.fromSecret');
    } else {
      const secret = (keyName: string) => ({ secretName: c.credentials.secretName, keyName });
      m.set('global.credentials', { apiSecret: secret(c.credentials.apiKeyKey), appSecret: secret(c.credentials.appKeyKey) });
      m.set('global.clusterAgentTokenSecret', secret(c.credentials.tokenKey));
    }
  }
  m.map('site', 'global.site', () => c.site.host);
  m.map('clusterName', 'global.clusterName');
  m.map('tags', 'global.tags', t => [...t]);
  m.map('logLevel', 'global.logLevel', () => c.logLevel.toLowerCase());
  m.map('images.registry', 'global.registry');
  for (const k of ['podLabelsAsTags', 'podAnnotationsAsTags', 'nodeLabelsAsTags', 'namespaceLabelsAsTags', 'namespaceAnnotationsAsTags']) {
    m.map(k, `global.${k}`, v => ({ ...v }));
  }
  m.map('checksCardinality', 'global.checksTagCardinality', v => String(v).toLowerCase());
  m.map('networkPolicy.create', 'global.networkPolicy.create');
  m.map('networkPolicy.flavor', 'global.networkPolicy.flavor', () => c.networkPolicy.flavor);
  m.map('networkPolicy.cilium.dnsEndpointLabels', 'global.networkPolicy.dnsSelectorEndpoints', () => [{ matchLabels: { ...c.networkPolicy.dnsEndpointLabels } }]);

  // Features.
  const f = 'features';
  m.map('logs.enabled', `${f}.logCollection.enabled`);
  m.map('logs.containerCollectAll', `${f}.logCollection.containerCollectAll`);
  m.map('logs.containerCollectUsingFiles', `${f}.logCollection.containerCollectUsingFiles`);
  m.map('apm.enabled', `${f}.apm.enabled`);
  m.map('apm.useHostPort', `${f}.apm.hostPortConfig.enabled`);
  m.map('apm.port', `${f}.apm.hostPortConfig.hostPort`);
  m.map('apm.instrumentation.enabled', `${f}.apm.instrumentation.enabled`);
  m.map('apm.instrumentation.targets', `${f}.apm.instrumentation.targets`, () => c.apmInstrumentation.targets);
  m.map('dogstatsd.originDetection', `${f}.dogstatsd.originDetectionEnabled`);
  m.map('dogstatsd.useHostPort', `${f}.dogstatsd.hostPortConfig.enabled`);
  m.map('dogstatsd.port', `${f}.dogstatsd.hostPortConfig.hostPort`);
  m.map('dogstatsd.tagCardinality', `${f}.dogstatsd.tagCardinality`, v => String(v).toLowerCase());
  m.map('processes.processCollection', `${f}.liveProcessCollection.enabled`);
  m.map('processes.containerCollection', `${f}.liveContainerCollection.enabled`);
  m.map('processes.processDiscovery', `${f}.processDiscovery.enabled`);
  m.map('networkMonitoring.enabled', `${f}.npm.enabled`);
  m.map('serviceMonitoring.enabled', `${f}.usm.enabled`);
  m.map('oomKill.enabled', `${f}.oomKill.enabled`);
  m.map('tcpQueueLength.enabled', `${f}.tcpQueueLength.enabled`);
  m.map('gpuMonitoring.enabled', `${f}.gpu.enabled`);
  m.map('gpuMonitoring.privilegedMode', `${f}.gpu.privilegedMode`);
  m.map('gpuMonitoring.configureCgroupPerms', `${f}.gpu.patchCgroupPermissions`);
  m.map('gpuMonitoring.runtimeClassName', `${f}.gpu.requiredRuntimeClassName`);
  m.map('serviceDiscovery.enabled', `${f}.serviceDiscovery.enabled`);
  m.map('security.runtime.enabled', `${f}.cws.enabled`);
  m.map('security.compliance.enabled', `${f}.cspm.enabled`);
  m.map('otlp.grpc.enabled', `${f}.otlp.receiver.protocols.grpc.enabled`);
  m.map('otlp.grpc.endpoint', `${f}.otlp.receiver.protocols.grpc.endpoint`);
  m.map('otlp.http.enabled', `${f}.otlp.receiver.protocols.http.enabled`);
  m.map('otlp.http.endpoint', `${f}.otlp.receiver.protocols.http.endpoint`);
  m.map('otelCollector.enabled', `${f}.otelCollector.enabled`);
  m.map('otelCollector.ports', `${f}.otelCollector.ports`, v => v.map((p: any) => ({ ...p })));
  // The collector's configuration, the same way for the DDOT collector and the OTel gateway.
  const otelConf = (o: 'otelCollector' | 'otelAgentGateway', file: string) => {
    m.map(`${o}.config`, `${f}.${o}.conf.configData`, v => toYaml(v));
    m.map(`${o}.configMap.name`, `${f}.${o}.conf.configMap.name`);
    m.map(`${o}.configMap.items`, `${f}.${o}.conf.configMap.items`, v => v.map((i: any) => ({ key: i.key, path: i.path })));
    m.map(`${o}.configMap.key`, `${f}.${o}.conf.configMap.items`, k => [{ key: k, path: file }]);
  };
  otelConf('otelCollector', 'otel-config.yaml');
  // The Operator's OTel gateway: a fourth component (features.otelAgentGateway, override.otelAgentGateway).
  m.map('otelAgentGateway.enabled', `${f}.otelAgentGateway.enabled`);
  m.map('otelAgentGateway.ports', `${f}.otelAgentGateway.ports`, v => v.map((p: any) => ({ ...p })));
  otelConf('otelAgentGateway', 'otel-gateway-config.yaml');
  m.map('otelAgentGateway.featureGates', `${f}.otelAgentGateway.featureGates`, v => v.join(','));
  m.map('otelAgentGateway.replicas', 'override.otelAgentGateway.replicas');
  m.map('otelAgentGateway.imageTag', 'override.otelAgentGateway.image.tag');
  m.map('otelAgentGateway.topologySpreadConstraints', 'override.otelAgentGateway.topologySpreadConstraints', v => [...v]);
  m.map('otelAgentGateway.serviceAccountAnnotations', 'override.otelAgentGateway.serviceAccountAnnotations', v => ({ ...v }));
  m.map('otelAgentGateway.tolerations', 'override.otelAgentGateway.tolerations', v => [...v]);
  m.map('otelAgentGateway.nodeSelector', 'override.otelAgentGateway.nodeSelector', v => ({ ...v }));
  m.map('otelAgentGateway.affinity', 'override.otelAgentGateway.affinity');
  m.map('otelAgentGateway.priorityClassName', 'override.otelAgentGateway.priorityClassName');
  m.map('otelAgentGateway.env', 'override.otelAgentGateway.env', envList);
  m.map('otelAgentGateway.podLabels', 'override.otelAgentGateway.labels', v => ({ ...v }));
  m.map('otelAgentGateway.podAnnotations', 'override.otelAgentGateway.annotations', v => ({ ...v }));
  m.map('otelAgentGateway.resources', 'override.otelAgentGateway.containers.otel-agent.resources', r => resolveResources('otelAgentGateway.resources', r));
  const sbomImage = m.read('sbom.containerImage.enabled');
  const sbomHost = m.read('sbom.host.enabled');
  if (sbomImage !== undefined || sbomHost !== undefined) {
    m.set(`${f}.sbom.enabled`, sbomImage === true || sbomHost === true);
    if (sbomImage !== undefined) m.set(`${f}.sbom.containerImage.enabled`, sbomImage);
    if (sbomHost !== undefined) m.set(`${f}.sbom.host.enabled`, sbomHost);
  }
  m.map('prometheusScrape.enabled', `${f}.prometheusScrape.enabled`);
  m.map('prometheusScrape.serviceEndpoints', `${f}.prometheusScrape.enableServiceEndpoints`);
  m.map('prometheusScrape.version', `${f}.prometheusScrape.version`);
  m.map('remoteConfiguration.enabled', `${f}.remoteConfiguration.enabled`);
  m.map('clusterChecks.enabled', `${f}.clusterChecks.enabled`);
  m.map('clusterChecksRunner.enabled', `${f}.clusterChecks.useClusterChecksRunners`);
  m.map('kubeStateMetricsCore.enabled', `${f}.kubeStateMetricsCore.enabled`);
  m.map('orchestratorExplorer.enabled', `${f}.orchestratorExplorer.enabled`);
  m.map('orchestratorExplorer.customResources', `${f}.orchestratorExplorer.customResources`, v => [...v]);
  m.map('eventCollection.enabled', `${f}.eventCollection.collectKubernetesEvents`);
  m.map('clusterAgent.externalMetrics.enabled', `${f}.externalMetricsServer.enabled`);
  m.map('clusterAgent.externalMetrics.useDatadogMetrics', `${f}.externalMetricsServer.useDatadogMetrics`);
  m.map('clusterAgent.admissionController.enabled', `${f}.admissionController.enabled`);
  m.map('clusterAgent.admissionController.mutateUnlabelled', `${f}.admissionController.mutateUnlabelled`);

  // Per-component overrides.
  const components: Array<[string, string]> = [['nodeAgent', 'nodeAgent'], ['clusterAgent', 'clusterAgent'], ['clusterChecksRunner', 'clusterChecksRunner']];
  for (const [option, target] of components) {
    const o = `override.${target}`;
    m.map(`${option}.tolerations`, `${o}.tolerations`, v => [...v]);
    m.map(`${option}.nodeSelector`, `${o}.nodeSelector`, v => ({ ...v }));
    m.map(`${option}.affinity`, `${o}.affinity`);
    m.map(`${option}.priorityClassName`, `${o}.priorityClassName`);
    m.map(`${option}.env`, `${o}.env`, envList);
    m.map(`${option}.podLabels`, `${o}.labels`, v => ({ ...v }));
    m.map(`${option}.podAnnotations`, `${o}.annotations`, v => ({ ...v }));
    const mainContainer = option === 'nodeAgent' ? 'agent' : option === 'clusterAgent' ? 'cluster-agent' : 'agent';
    m.map(`${option}.resources`, `${o}.containers.${mainContainer}.resources`, r => resolveResources(`${option}.resources`, r));
  }
  m.map('clusterAgent.replicas', 'override.clusterAgent.replicas');
  m.map('clusterChecksRunner.replicas', 'override.clusterChecksRunner.replicas');
  if (m.read('clusterAgent.enabled') === false) m.set('override.clusterAgent.disabled', true);
  m.map('nodeAgent.hostPID', 'override.nodeAgent.hostPID');
  for (const [ours, theirs] of [['nodeAgent', 'nodeAgent'], ['clusterAgent', 'clusterAgent'], ['clusterChecksRunner', 'clusterChecksRunner']]) {
    m.map(`${ours}.serviceAccountAnnotations`, `override.${theirs}.serviceAccountAnnotations`, v => ({ ...v }));
  }
  m.map('nodeAgent.hostNetwork', 'override.nodeAgent.hostNetwork');
  m.map('nodeAgent.containers.agent.command', 'override.nodeAgent.containers.agent.command', v => [...v]);
  // The DatadogAgent overrides have no lifecycle hooks and no termination grace period.
  for (const option of ['nodeAgent.lifecycle', 'nodeAgent.terminationGracePeriodSeconds', 'clusterAgent.terminationGracePeriodSeconds']) {
    if (m.read(option) !== undefined) problems.push(`${option} is not supported by the Operator output (DatadogAgentResource): the DatadogAgent overrides have no such field`);
  }
  m.map('images.agentTag', 'override.nodeAgent.image.tag');
  m.map('images.clusterAgentTag', 'override.clusterAgent.image.tag');
  if (m.read('images.agentTag') !== undefined && props.clusterChecksRunner?.enabled === true) m.set('override.clusterChecksRunner.image.tag', props.images!.agentTag);

  problems.push(...m.unmapped().map(p => `${p} is not supported by the Operator output (DatadogAgentResource)`));
  if (problems.length) throw new InputError(problems);
  return m.spec;
}
