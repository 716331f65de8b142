import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { DatadogAgent, DatadogAgentResource, ExtraVolume } from '../../src';
import { compareManifests } from '../../src/cli/compare';
import { mergeValues, parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';
import { chartDifference, explainFinding } from '../../src/differences';
import { crdErrors } from '../support/crd-schema';
import { SECRET, envOf, featureSlice, mountsOf, render, synth, testChart } from '../support/helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'chart-3.240.0');
const GW = 'datadog-otel-agent-gateway';

/** A gateway configuration: OTLP in, the Datadog exporter out (the chart CI files' shape). */
const CONFIG = {
  receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' } } } },
  exporters: { datadog: { api: { key: '${env:DD_API_KEY}' } } },
  service: { pipelines: { traces: { receivers: ['otlp'], exporters: ['datadog'] } } },
};

const on = (o: object = {}, rest: object = {}) => ({ otelAgentGateway: { enabled: true, ...o }, ...rest });
const deployment = (m: ReturnType<typeof render>) => m.get('Deployment', GW);
const gatewayContainer = (m: ReturnType<typeof render>) => m.container('otel-agent', deployment(m));

function errorOf(props: object): string {
  try {
    render(props);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
}

describe('otelAgentGateway', () => {
  test('off by default: no gateway object, and the node collector exports to Datadog itself', () => {
    const m = render({ otelCollector: { enabled: true } });
    expect(m.kinds().filter(k => /gateway/.test(k))).toEqual([]);
    const node = YAML.parse(m.get('ConfigMap', 'datadog-otel-config').data['otel-config.yaml']);
    expect(Object.keys(node.exporters)).toEqual(['datadog']);
    expect(envOf(m.container('otel-agent')).DD_OTELCOLLECTOR_CONVERTER_FEATURES).toBeUndefined();
  });

  test('snapshot: on with the default configuration', () => {
    expect(featureSlice(render(on()))).toMatchSnapshot();
  });

  test('the objects: Deployment, Service, ServiceAccount and ConfigMap, no RBAC or HPA by default', () => {
    const m = render(on());
    expect(m.kinds().filter(k => /gateway/.test(k))).toEqual([
      'ConfigMap/datadog-otel-gateway-config', `Deployment/${GW}`, `Service/${GW}`, `ServiceAccount/${GW}`,
    ]);
    const d = deployment(m);
    expect(d.spec.replicas).toBe(1);
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
    expect(d.spec.selector.matchLabels).toEqual({ app: GW });
    const svc = m.get('Service', GW);
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.selector).toEqual({ app: GW });
    expect(svc.spec.ports).toEqual([
      { name: 'otel-grpc', port: 4317, targetPort: 4317, protocol: 'TCP' },
      { name: 'otel-http', port: 4318, targetPort: 4318, protocol: 'TCP' },
    ]);
  });

  test('the otel-agent container: gateway-mode env, the chart\'s command and args, no literal secret', () => {
    const m = render(on({}, { clusterName: 'prod-eu', tags: ['team:obs', 'env:prod'] }));
    const ct = gatewayContainer(m);
    expect(ct.image).toBe('registry.datadoghq.com/ddot-collector:7.81.1');
    expect(ct.command).toEqual(['otel-agent', '--sync-delay=30s']);
    expect(ct.args).toEqual(['--config=/etc/otel-agent/otel-gateway-config.yaml']);
    const env = envOf(ct);
    expect(env).toMatchObject({
      DD_API_KEY: { secretKeyRef: { name: 'datadog-secret', key: 'api-key' } },
      DD_OTELCOLLECTOR_ENABLED: 'true',
      DD_OTELCOLLECTOR_GATEWAY_MODE: 'true',
      DD_OTEL_STANDALONE: 'false',
      DD_OTELCOLLECTOR_INSTALLATION_METHOD: 'kubernetes',
      DD_OTELCOLLECTOR_CONVERTER_FEATURES: 'zpages,pprof,datadog',
      DD_HOSTNAME: { fieldRef: { fieldPath: 'spec.nodeName' } },
      DD_SITE: 'datadoghq.com',
      DD_CLUSTER_NAME: 'prod-eu',
      DD_TAGS: 'team:obs env:prod',
      DD_CMD_PORT: '0',
      DD_AGENT_IPC_PORT: '0',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      DD_LOG_LEVEL: 'INFO',
    });
    expect(ct.ports.map((p: any) => p.name)).toEqual(['otel-grpc', 'otel-http']);
    expect(ct.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(Object.keys(mountsOf(ct)).sort()).toEqual(['/etc/datadog-agent', '/etc/otel-agent', '/tmp', '/var/log/datadog']);
    expect(mountsOf(ct)['/etc/datadog-agent'].readOnly).toBe(true);
    const init = m.container('init-volume', deployment(m));
    expect([init.command, init.args]).toEqual([['cp', '-r'], ['/etc/datadog-agent', '/opt']]);
    expect(JSON.stringify(m.objects)).not.toMatch(/f0000000/);
  });

  test('the default configuration: OTLP on the gateway ports, Datadog exporter, health_check on healthPort, gateway deployment type', () => {
    const m = render(on({ healthPort: 13200, ports: [{ name: 'otel-grpc', containerPort: 5317 }, { name: 'otel-http', containerPort: 5318 }] }));
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-otel-gateway-config').data['otel-gateway-config.yaml']);
    expect(cfg.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:5317' }, http: { endpoint: '0.0.0.0:5318' } });
    expect(cfg.exporters.datadog.api).toEqual({ key: '${env:DD_API_KEY}', site: 'datadoghq.com' });
    expect(cfg.extensions.health_check).toEqual({ endpoint: '0.0.0.0:13200' });
    expect(cfg.extensions.datadog.deployment_type).toBe('gateway');
    expect(cfg.service.extensions).toEqual(['health_check', 'datadog']);
    expect(Object.keys(cfg.service.pipelines)).toEqual(['traces', 'metrics', 'logs']);
    // Before 7.75 the datadog extension has no deployment type.
    const old = render(on({}, { images: { agentTag: '7.70.0' } }));
    const oldCfg = YAML.parse(old.get('ConfigMap', 'datadog-otel-gateway-config').data['otel-gateway-config.yaml']);
    expect(oldCfg.extensions.datadog.deployment_type).toBeUndefined();
    expect(gatewayContainer(old).image).toBe('registry.datadoghq.com/ddot-collector:7.70.0');
  });

  test('the node collectors point at the gateway: OTLP/HTTP to its otel-http port, and their converter leaves infra attributes out', () => {
    const m = render(on({ ports: [{ name: 'otel-grpc', containerPort: 5317 }, { name: 'otel-http', containerPort: 5318 }] }, { otelCollector: { enabled: true } }));
    const node = YAML.parse(m.get('ConfigMap', 'datadog-otel-config').data['otel-config.yaml']);
    expect(node.exporters).toEqual({
      otlphttp: { endpoint: `http://${GW}:5318`, tls: { insecure: true }, sending_queue: { batch: { flush_timeout: '10s' } } },
    });
    expect(node.service.pipelines.traces.exporters).toEqual(['otlphttp', 'datadog/connector']);
    expect(node.receivers.prometheus).toBeUndefined();
    expect(envOf(m.container('otel-agent')).DD_OTELCOLLECTOR_CONVERTER_FEATURES).toBe('health_check,zpages,pprof,ddflare,datadog');
    expect(errorOf(on({ ports: [{ name: 'otel-grpc', containerPort: 4317 }], config: CONFIG }, { otelCollector: { enabled: true } })))
      .toMatch(/otelCollector's default configuration sends to the gateway's otel-http port: give otelAgentGateway.ports a port named otel-http, or give otelCollector.config/);
    // A configuration of yours is not touched.
    const own = render(on({ ports: [{ name: 'otel-grpc', containerPort: 4317 }], config: CONFIG }, {
      otelCollector: {
        enabled: true,
        config: {
          receivers: { otlp: { protocols: { grpc: { endpoint: 'localhost:4317' } } } },
          exporters: { otlp: { endpoint: `http://${GW}:4317` } },
          service: { pipelines: { traces: { receivers: ['otlp'], exporters: ['otlp'] } } },
        },
      },
    }));
    expect(YAML.parse(own.get('ConfigMap', 'datadog-otel-config').data['otel-config.yaml']).exporters.otlp.endpoint).toBe(`http://${GW}:4317`);
  });

  test('its own ServiceAccount; the k8sattributes ClusterRole is bound to it, with a token only then', () => {
    const plain = render(on());
    expect(deployment(plain).spec.template.spec.serviceAccountName).toBe(GW);
    expect(deployment(plain).spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(plain.get('ServiceAccount', GW).automountServiceAccountToken).toBe(false);
    expect(plain.find('ClusterRole', GW)).toBeUndefined();

    const m = render(on({ config: { ...CONFIG, processors: { k8sattributes: null } } }));
    expect(m.get('ClusterRole', GW).rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'watch', 'list'] },
      { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(m.get('ClusterRoleBinding', GW).subjects).toEqual([{ kind: 'ServiceAccount', name: GW, namespace: 'datadog' }]);
    expect(m.allows(GW, 'list', '', 'pods')).toBe(true);
    expect(m.allows('datadog', 'list', 'apps', 'replicasets')).toBe(false);
    expect(deployment(m).spec.template.spec.automountServiceAccountToken).toBe(true);
    // Passthrough mode reads nothing; your rules join; rbac.create false creates nothing.
    expect(render(on({ config: { ...CONFIG, processors: { k8sattributes: { passthrough: true } } } })).find('ClusterRole', GW)).toBeUndefined();
    const custom = render(on({ config: CONFIG, rbac: { rules: [{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'watch', 'list'] }] } }));
    expect(custom.get('ClusterRole', GW).rules).toEqual([{ apiGroups: [''], resources: ['endpoints'], verbs: ['get', 'watch', 'list'] }]);
    expect(render(on({ config: { ...CONFIG, processors: { k8sattributes: null } }, rbac: { create: false } })).find('ClusterRole', GW)).toBeUndefined();
    expect(errorOf(on({ rbac: { rules: [{ resources: ['*'], verbs: ['get'] }] } }))).toMatch(/otelAgentGateway\.rbac\.rules\[0\]\.resources\[0\] must not be a wildcard/);
  });

  test('your ConfigMap instead of the configuration: mounted items, no ConfigMap of ours, no checksum', () => {
    const m = render(on({ configMap: { name: 'my-gw-config', items: [{ key: 'a.yaml', path: 'a.yaml' }, { key: 'b.yaml', path: 'b.yaml' }] } }));
    expect(m.find('ConfigMap', 'datadog-otel-gateway-config')).toBeUndefined();
    expect(m.volume('otelgatewayconfig', deployment(m)).configMap).toEqual({ name: 'my-gw-config', items: [{ key: 'a.yaml', path: 'a.yaml' }, { key: 'b.yaml', path: 'b.yaml' }] });
    expect(gatewayContainer(m).args).toEqual(['--config=/etc/otel-agent/a.yaml', '--config=/etc/otel-agent/b.yaml']);
    expect(deployment(m).spec.template.metadata.annotations?.['checksum/otel-gateway-config']).toBeUndefined();
    const keyed = render(on({ configMap: { name: 'my-gw-config', key: 'gw.yaml' } }));
    expect(keyed.volume('otelgatewayconfig', deployment(keyed)).configMap.items).toEqual([{ key: 'gw.yaml', path: 'otel-gateway-config.yaml' }]);
    expect(errorOf(on({ config: CONFIG, configMap: { name: 'x' } }))).toMatch(/otelAgentGateway\.config and otelAgentGateway\.configMap are both set/);
  });

  test('a literal API key in the configuration is refused, with the option path', () => {
    expect(errorOf(on({ config: { ...CONFIG, exporters: { datadog: { api: { key: 'f0000000000000000000000000000000' } } } } })))
      .toMatch(/otelAgentGateway\.config\.exporters\.datadog\.api\.key must not be the key itself/);
  });

  test('probes query health_check on healthPort; a configuration without it is refused', () => {
    const m = render(on({ livenessProbe: {}, readinessProbe: { periodSeconds: 30 } }));
    const ct = gatewayContainer(m);
    expect(ct.livenessProbe).toEqual({
      httpGet: { path: '/', port: 13133, scheme: 'HTTP' }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 6,
    });
    expect(ct.readinessProbe.periodSeconds).toBe(30);
    expect(render(on()).container('otel-agent', deployment(render(on()))).livenessProbe).toBeUndefined();
    expect(errorOf(on({ config: CONFIG, livenessProbe: {} }))).toMatch(/otelAgentGateway\.livenessProbe queries the health_check extension, which otelAgentGateway\.config does not run/);
    expect(errorOf(on({ healthPort: 4317 }))).toMatch(/otelAgentGateway\.healthPort 4317 is also the port otel-grpc of otelAgentGateway\.ports/);
  });

  test('autoscaling: an autoscaling/v2 HPA, no replicas on the Deployment, quantities typed', () => {
    const m = render(on({
      autoscaling: {
        enabled: true,
        minReplicas: 2,
        maxReplicas: 10,
        annotations: { team: 'obs' },
        metrics: [{ type: 'External', external: { metric: { name: 'custom.rps' }, target: { type: 'AverageValue', averageValue: '200' } } } as any],
        behavior: { scaleUp: { stabilizationWindowSeconds: 30 } },
      },
    }));
    expect(deployment(m).spec.replicas).toBeUndefined();
    const hpa = m.get('HorizontalPodAutoscaler', `${GW}-hpa`);
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.annotations).toEqual({ team: 'obs' });
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: GW },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [{ type: 'External', external: { metric: { name: 'custom.rps' }, target: { type: 'AverageValue', averageValue: '200' } } }],
      behavior: { scaleUp: { stabilizationWindowSeconds: 30 } },
    });
    expect(errorOf(on({ replicas: 3, autoscaling: { enabled: true, maxReplicas: 4 } }))).toMatch(/otelAgentGateway\.replicas and otelAgentGateway\.autoscaling\.enabled are both set/);
    expect(errorOf(on({ autoscaling: { enabled: true } }))).toMatch(/otelAgentGateway\.autoscaling\.maxReplicas is required/);
    expect(errorOf(on({ autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 2 } }))).toMatch(/otelAgentGateway\.autoscaling\.maxReplicas \(2\) must not be below/);
    expect(errorOf(on({ autoscaling: { enabled: true, maxReplicas: 2, metrics: [{ type: 'Cpu' } as any] } }))).toMatch(/otelAgentGateway\.autoscaling\.metrics\[0\]\.type must be one of Resource/);
  });

  test('placement, labels, annotations, env, resources, volumes, lifecycle', () => {
    const m = render(on({
      replicas: 3,
      revisionHistoryLimit: 2,
      serviceType: 'LoadBalancer',
      featureGates: ['-datadog.EnableOperationAndResourceNameV2'],
      tolerations: [{ key: 'otel', operator: 'Exists' }],
      nodeSelector: { pool: 'otel' },
      priorityClassName: 'high',
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }],
      labels: { team: 'obs' },
      annotations: { owner: 'obs' },
      podLabels: { tier: 'gw' },
      podAnnotations: { a: 'b' },
      env: { OTEL_SERVICE_NAME: 'gw', DD_LOG_LEVEL: 'debug' },
      resources: { cpuRequest: '100m', memoryLimit: '256Mi' },
      initContainerResources: { cpuRequest: '10m' },
      volumes: [ExtraVolume.hostPath('custom', '/var/log/custom')],
      volumeMounts: [{ volume: 'custom', mountPath: '/var/log/custom' }],
      lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] } } },
      terminationGracePeriodSeconds: 60,
    }));
    const d = deployment(m);
    const spec = d.spec.template.spec;
    expect([d.spec.replicas, d.spec.revisionHistoryLimit]).toEqual([3, 2]);
    expect(d.metadata.labels.team).toBe('obs');
    expect(d.metadata.annotations).toEqual({ owner: 'obs' });
    expect(d.spec.template.metadata.labels).toMatchObject({ 'team': 'obs', 'tier': 'gw', 'app': GW, 'admission.datadoghq.com/enabled': 'false' });
    expect(d.spec.template.metadata.annotations.a).toBe('b');
    expect(spec.tolerations).toEqual([{ key: 'otel', operator: 'Exists' }]);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'otel' });
    expect(spec.priorityClassName).toBe('high');
    expect(spec.terminationGracePeriodSeconds).toBe(60);
    expect(spec.topologySpreadConstraints).toEqual([{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' }]);
    expect(m.get('Service', GW).spec.type).toBe('LoadBalancer');
    const ct = gatewayContainer(m);
    expect(ct.args).toContain('--feature-gates=-datadog.EnableOperationAndResourceNameV2');
    expect(envOf(ct)).toMatchObject({ OTEL_SERVICE_NAME: 'gw', DD_LOG_LEVEL: 'debug' });
    expect(ct.resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '256Mi' } });
    expect(m.container('init-volume', d).resources).toEqual({ requests: { cpu: '10m' } });
    expect(mountsOf(ct)['/var/log/custom']).toMatchObject({ name: 'custom', readOnly: true });
    expect(ct.lifecycle).toEqual({ preStop: { exec: { command: ['/bin/sh', '-c', 'sleep 10'] } } });
  });

  test('bad input fails with the option path', () => {
    expect(errorOf({ otelAgentGateway: { replicas: 2 } })).toMatch(/otelAgentGateway\.replicas .*otelAgentGateway\.enabled/);
    expect(errorOf(on({ serviceType: 'ExternalName' }))).toMatch(/otelAgentGateway\.serviceType must be one of ClusterIP, NodePort, LoadBalancer, got "ExternalName"/);
    expect(errorOf(on({ ports: [] }))).toMatch(/otelAgentGateway\.ports must list at least one port/);
    expect(errorOf(on({ ports: [{ name: 'grpc', containerPort: 4317 }] }))).toMatch(/otelAgentGateway\.ports must have a port named otel-grpc/);
    expect(errorOf(on({ imageTag: '7.66.0' }))).toMatch(/otelAgentGateway needs the ddot-collector image 7\.67\.0 or newer \(otelAgentGateway\.imageTag\), got "7\.66\.0"/);
    expect(errorOf(on({}, { images: { agentTag: '7.60.0' } }))).toMatch(/\(images\.agentTag\), got "7\.60\.0"/);
    expect(errorOf(on({ imageTag: '7.80.0-full' }))).toMatch(/otelAgentGateway\.imageTag: the gateway runs the ddot-collector image, which has no -full variant/);
    expect(errorOf(on({ featureGates: ['bad gate'] }))).toMatch(/otelAgentGateway\.featureGates\[0\]/);
    expect(errorOf(on({ volumes: [ExtraVolume.emptyDir('config')], volumeMounts: [{ volume: 'config', mountPath: '/x' }] }))).toMatch(/otelAgentGateway\.volumes\[0\]\.name "config" is a volume name the library uses/);
    expect(errorOf(on({ volumes: [ExtraVolume.emptyDir('x')], volumeMounts: [{ volume: 'x', mountPath: '/tmp' }] }))).toMatch(/otelAgentGateway\.volumeMounts\[0\]\.mountPath "\/tmp" is already a mount point/);
    expect(errorOf(on({ config: { receivers: {} } }))).toMatch(/otelAgentGateway\.config must have service\.pipelines/);
    // The node agents may run a -full tag (otelCollector.useStandaloneImage: false): no concern while the gateway is off.
    expect(errorOf({ images: { agentTag: '7.81.1-full' } })).toBe('');
  });

  test('JSON input names the options the same way (propsFromJson)', () => {
    const chart = testChart();
    new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({
      credentials: { fromSecret: 'datadog-secret' },
      otelAgentGateway: { enabled: true, autoscaling: { enabled: true, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } },
    }));
    const objs = synth(chart);
    const hpa = objs.find(o => o.kind === 'HorizontalPodAutoscaler');
    expect(hpa.spec.metrics[0].resource.target).toEqual({ type: 'Utilization', averageUtilization: 80 });
    const json = testChart();
    new DatadogAgent(json, 'datadog', DatadogAgent.propsFromJson({
      credentials: { fromSecret: 'datadog-secret' },
      otelAgentGateway: { enabled: true, lifecycle: { preStop: { httpGet: { path: '/drain', port: 13133 } } } },
    }));
    const d = synth(json).find(o => o.kind === 'Deployment' && o.metadata.name === GW);
    expect(d.spec.template.spec.containers[0].lifecycle).toEqual({ preStop: { httpGet: { path: '/drain', port: 13133 } } });
    expect(() => DatadogAgent.propsFromJson({ credentials: { fromSecret: 'x' }, otelAgentGateway: { enabeld: true } })).toThrow(/otelAgentGateway\.enabeld/);
  });

  test('Operator output: the gateway feature and its override; an option without an equivalent fails by name', () => {
    const chart = testChart();
    const r = new DatadogAgentResource(chart, 'datadog', {
      credentials: SECRET,
      otelAgentGateway: {
        enabled: true,
        replicas: 2,
        config: CONFIG,
        featureGates: ['a.b', '-c.d'],
        imageTag: '7.80.0',
        tolerations: [{ key: 'a', operator: 'Exists' }],
        resources: { cpuRequest: '100m' },
        ports: [{ name: 'otel-grpc', containerPort: 4317 }],
      },
    });
    const cr = r.apiObject.toJson() as any;
    expect(crdErrors(cr)).toEqual([]);
    expect(cr.spec.features.otelAgentGateway).toEqual({
      enabled: true, conf: { configData: expect.stringContaining('otlp') }, featureGates: 'a.b,-c.d', ports: [{ name: 'otel-grpc', containerPort: 4317 }],
    });
    expect(cr.spec.override.otelAgentGateway).toEqual({
      replicas: 2, image: { tag: '7.80.0' }, tolerations: [{ key: 'a', operator: 'Exists' }], containers: { 'otel-agent': { resources: { requests: { cpu: '100m' } } } },
    });
    expect(() => new DatadogAgentResource(testChart(), 'datadog', { credentials: SECRET, otelAgentGateway: { enabled: true, autoscaling: { enabled: true, maxReplicas: 3 } } }))
      .toThrow(/otelAgentGateway\.autoscaling\.enabled is not supported by the Operator output/);
  });
});

describe('otelAgentGateway in the importer', () => {
  const imported = (yaml: string) => importValues(parseValues(yaml, 'v.yaml'));
  const status = (r: ReturnType<typeof imported>, key: string) => r.report.find(e => e.key === key)?.status;

  test('maps the gateway keys; the literal API key of its config becomes a reference and a Secret key to create', () => {
    const r = imported([
      'otelAgentGateway:',
      '  enabled: true',
      '  ports: [{containerPort: "4317", name: otel-grpc}]',
      '  featureGates: "a.b, -c.d"',
      '  deploymentAnnotations: {owner: obs}',
      '  additionalLabels: {team: obs}',
      '  service: {type: LoadBalancer}',
      '  configMap: {name: my-cm, checksum: abc}',
      '  containers:',
      '    otelAgent:',
      '      envDict: {A: "1"}',
      '      resources: {requests: {cpu: 100m}}',
      '      livenessProbe: {enabled: true, periodSeconds: 30}',
      '      readinessProbe: {enabled: false}',
    ].join('\n'));
    expect((r.props as any).otelAgentGateway).toEqual({
      enabled: true,
      ports: [{ name: 'otel-grpc', containerPort: 4317 }],
      featureGates: ['a.b', '-c.d'],
      annotations: { owner: 'obs' },
      labels: { team: 'obs' },
      serviceType: 'LoadBalancer',
      configMap: { name: 'my-cm' },
      podAnnotations: { 'checksum/otel-gateway-config': 'abc' },
      env: { A: '1' },
      resources: { cpuRequest: '100m' },
      livenessProbe: { periodSeconds: 30 },
    });
    const key = imported('otelAgentGateway:\n  enabled: true\n  config: |\n    exporters:\n      datadog:\n        api:\n          key: f0000000000000000000000000000000\n    service:\n      pipelines: {}\n');
    expect((key.props as any).otelAgentGateway.config.exporters.datadog.api.key).toBe('${env:DD_API_KEY}');
    expect(key.report.find(e => e.key === 'otelAgentGateway.config')?.detail).toMatch(/^otelAgentGateway\.config \(the literal API key of datadog replaced/);
    expect(key.secrets.join('\n')).toMatch(/api-key: the API key of the OTel collector's datadog exporter/);
    expect(JSON.stringify(key.props)).not.toMatch(/f0000000/);
  });

  test('replicas with autoscaling, the default strategy and host networking', () => {
    const r = imported('otelAgentGateway:\n  enabled: true\n  replicas: 4\n  autoscaling: {enabled: true, maxReplicas: 6, behavior: {scaleUp: {}, scaleDown: {}}}\n  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}\n  useHostNetwork: true\n');
    expect((r.props as any).otelAgentGateway).toEqual({ enabled: true, autoscaling: { enabled: true, maxReplicas: 6 } });
    expect(status(r, 'otelAgentGateway.replicas')).toBe('not-needed');
    expect(status(r, 'otelAgentGateway.strategy')).toBe('not-needed');
    expect(status(r, 'otelAgentGateway.useHostNetwork')).toBe('not-supported');
    expect(status(imported('otelAgentGateway:\n  strategy: {type: Recreate}\n'), 'otelAgentGateway.strategy')).toBe('not-supported');
    expect(() => imported('agents:\n  enabled: false\notelAgentGateway:\n  enabled: true\n')).toThrow(/agents\.enabled: false \(no node agents\) is not supported/);
  });
});

describe('otelAgentGateway against the chart', () => {
  test('the deliberate differences name what the gateway files show', () => {
    expect(explainFinding(`~pod:Deployment/${GW}:serviceAccountName`)?.id).toBe('otel-gateway-service-account');
    expect(explainFinding(`+pod:Deployment/${GW}:automountServiceAccountToken`)?.id).toBe('otel-gateway-service-account');
    expect(explainFinding(`+object:ServiceAccount/${GW}:`)?.id).toBe('otel-gateway-service-account');
    expect(explainFinding(`-binding:ClusterRoleBinding/${GW}:subject ServiceAccount/datadog`)?.id).toBe('otel-gateway-service-account');
    expect(explainFinding(`+securityContext:Deployment/${GW}:seccompProfile.type`)?.id).toBe('otel-gateway-service-account');
    expect(explainFinding(`+env:Deployment/${GW}/otel-agent:DD_API_KEY`)?.id).toBe('otel-gateway-api-key');
    expect(explainFinding(`~replicas:Deployment/${GW}:`)?.id).toBe('otel-gateway-hpa');
    expect(explainFinding(`~object:HorizontalPodAutoscaler/${GW}-hpa:`)?.id).toBe('otel-gateway-hpa');
    expect(explainFinding('~configmap:ConfigMap/datadog-otel-gateway-config:otel-gateway-config.yaml')?.id).toBe('otel-gateway-config');
    expect(chartDifference('node-agents-always')).toBeDefined();
    // The node agent's DD_API_KEY is not covered by the gateway's row.
    expect(explainFinding('+env:DaemonSet/datadog/agent:DD_API_KEY')?.id).not.toBe('otel-gateway-api-key');
  });

  /**
   * The chart's gateway-only CI files (agents.enabled: false, which the importer refuses: see the
   * corpus): imported with node agents, and their gateway objects compared with the chart's. The
   * chart names these releases `gw-only` (fullnameOverride); names here end in -datadog.
   */
  const GATEWAY_ONLY = ['dd-common-env', 'hpa-dca', 'hpa', 'no-agent', 'rbac-custom', 'rbac-k8s'];
  test.each(GATEWAY_ONLY)('otel-agent-gateway-%s-values.yaml: every gateway difference is a documented one', (name) => {
    const file = `otel-agent-gateway-${name}-values.yaml`;
    const values: any = mergeValues({}, parseValues(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), file));
    expect(values.agents.enabled).toBe(false);
    values.agents.enabled = true;
    const override: string | undefined = values.fullnameOverride;
    if (override) values.fullnameOverride = `${override}-datadog`;
    const r = importValues(values, { keepChartDefaults: true });
    const chart = testChart('datadog');
    new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson(r.props));
    let text = fs.readFileSync(path.join(FIXTURES, file.replace(/\.yaml$/, '.render.yaml')), 'utf8');
    if (override) text = text.replace(new RegExp(`\\b${override}(?=-otel|\\b)`, 'g'), `${override}-datadog`);
    const gateway = (o: any) => /otel-(agent-)?gateway/.test(o?.metadata?.name ?? '');
    const chartObjects = YAML.parseAllDocuments(text).map(d => d.toJSON()).filter(gateway);
    expect(chartObjects.length).toBeGreaterThan(2);
    const c = compareManifests(chartObjects, synth(chart).filter(gateway));
    // datadog.dd_url has no option here (the importer reports it as not supported).
    expect(c.findings.filter(f => !f.documented).map(f => f.key)).toEqual(
      name === 'dd-common-env' ? [`-env:Deployment/${override}-datadog-otel-agent-gateway/otel-agent:DD_DD_URL`] : [],
    );
    expect(r.report.filter(e => e.key.startsWith('otelAgentGateway.') && e.status !== 'mapped').map(e => e.key)).toEqual(
      name.startsWith('hpa') ? ['otelAgentGateway.replicas'] : [],
    );
  });
});
