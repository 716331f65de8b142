import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { DatadogAgent, DatadogAgentResource } from '../../src';
import { mergeValues, parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';
import { readManifest } from '../../src/cli/main';
import { chartDifference, explainFinding } from '../../src/differences';
import { crdErrors } from '../support/crd-schema';
import { SECRET, envOf, featureSlice, mountsOf, render, synth, testChart } from '../support/helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'chart-3.240.0');

/** A configuration of one OTLP receiver and the Datadog exporter (the chart CI files' shape). */
const CONFIG = {
  receivers: { otlp: { protocols: { grpc: { endpoint: 'localhost:5317' } } } },
  exporters: { datadog: { api: { key: '${env:DD_API_KEY}' } } },
  service: { pipelines: { traces: { receivers: ['otlp'], exporters: ['datadog'] } } },
};

const on = (o: object = {}) => ({ otelCollector: { enabled: true, ...o } });

describe('otelCollector', () => {
  test('off by default: no otel-agent container, ConfigMap, ClusterRole or IPC env', () => {
    const m = render();
    expect(m.containerNames()).not.toContain('otel-agent');
    expect(m.find('ConfigMap', 'datadog-otel-config')).toBeUndefined();
    expect(m.find('ClusterRole', 'datadog-otel-agent')).toBeUndefined();
    const env = envOf(m.container('agent'));
    expect(env.DD_OTELCOLLECTOR_ENABLED).toBeUndefined();
    expect(env.DD_AGENT_IPC_PORT).toBeUndefined();
  });

  test('snapshot: on with the default configuration', () => {
    expect(featureSlice(render(on()))).toMatchSnapshot();
  });

  test('the otel-agent container: standalone image, command, args, env, mounts, security context', () => {
    const m = render(on());
    const ct = m.container('otel-agent');
    expect(ct.image).toBe('registry.datadoghq.com/ddot-collector:7.81.1');
    expect(ct.command).toEqual(['otel-agent', '--core-config=/etc/datadog-agent/datadog.yaml', '--sync-delay=30s']);
    expect(ct.args).toEqual(['--config=/etc/otel-agent/otel-config.yaml']);
    expect(ct.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(ct.ports).toEqual([
      { name: 'otel-grpc', containerPort: 4317, protocol: 'TCP' },
      { name: 'otel-http', containerPort: 4318, protocol: 'TCP' },
    ]);
    const env = envOf(ct);
    expect(env).toMatchObject({
      DD_AGENT_IPC_PORT: '5009',
      DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '60',
      DD_OTELCOLLECTOR_ENABLED: 'true',
      DD_OTEL_STANDALONE: 'false',
      DD_OTELCOLLECTOR_INSTALLATION_METHOD: 'kubernetes',
      DD_LOG_LEVEL: 'INFO',
      DD_API_KEY: { secretKeyRef: { name: 'datadog-secret', key: 'api-key' } },
      DD_CLUSTER_AGENT_ENABLED: 'true',
    });
    const agentEnv = envOf(m.container('agent'));
    expect(agentEnv).toMatchObject({ DD_AGENT_IPC_PORT: '5009', DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '60', DD_OTELCOLLECTOR_ENABLED: 'true' });
    const mounts = mountsOf(ct);
    expect(mounts['/etc/otel-agent']).toEqual({ name: 'otelconfig', mountPath: '/etc/otel-agent', readOnly: true });
    expect(mounts['/etc/datadog-agent']).toMatchObject({ name: 'config', readOnly: true });
    expect(mounts['/etc/datadog-agent/auth']).toMatchObject({ name: 'auth-token', readOnly: true });
    expect(mounts['/opt/datadog-agent/run']).toEqual({ name: 'datadogrun', mountPath: '/opt/datadog-agent/run' });
    expect(mounts['/var/run/datadog']).toMatchObject({ name: 'dsdsocket', readOnly: true });
    expect(mounts['/host/proc']).toMatchObject({ name: 'procdir', readOnly: true });
    expect(mounts['/var/log/pods']).toBeUndefined();
    expect(m.volume('otelconfig')).toEqual({
      name: 'otelconfig', configMap: { name: 'datadog-otel-config', items: [{ key: 'otel-config.yaml', path: 'otel-config.yaml' }] },
    });
    expect(m.daemonSet.spec.template.metadata.annotations['checksum/otel-config']).toMatch(/^[0-9a-f]{64}$/);
    // Ports on the node-local Service too.
    const svc = m.get('Service', 'datadog').spec.ports;
    expect(svc).toContainEqual({ name: 'otel-grpc', port: 4317, targetPort: 4317, protocol: 'TCP' });
    expect(svc).toContainEqual({ name: 'otel-http', port: 4318, targetPort: 4318, protocol: 'TCP' });
  });

  test('default configuration: the chart\'s pipelines, the site named, the key from the environment', () => {
    const m = render({ ...on(), site: undefined });
    const ours = YAML.parse(m.get('ConfigMap', 'datadog-otel-config').data['otel-config.yaml']);
    expect(ours.exporters.datadog.api).toEqual({ key: '${env:DD_API_KEY}', site: 'datadoghq.com' });
    // Same as the chart's default but for the site (CHART_DIFFERENCES otel-config).
    const chart = readManifest(path.join(FIXTURES, 'agent-otel-collector-no-config-values.render.yaml'))
      .find((o: any) => o.kind === 'ConfigMap' && o.metadata.name === 'datadog-otel-config');
    const theirs = YAML.parse(chart.data['otel-config.yaml']);
    expect(theirs.exporters.datadog.api.site).toBe('');
    theirs.exporters.datadog.api.site = 'datadoghq.com';
    expect(ours).toEqual(theirs);
    expect(chartDifference('otel-config')).toBeDefined();
  });

  test('default configuration follows the ports named otel-grpc and otel-http', () => {
    const m = render(on({ ports: [{ name: 'otel-grpc', containerPort: 14317, hostPort: 14317 }, { name: 'otel-http', containerPort: 14318 }] }));
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-otel-config').data['otel-config.yaml']);
    expect(cfg.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:14317' }, http: { endpoint: '0.0.0.0:14318' } });
    expect(m.container('otel-agent').ports).toContainEqual({ name: 'otel-grpc', containerPort: 14317, hostPort: 14317, protocol: 'TCP' });
  });

  test('a given configuration is written as YAML; feature gates become one flag', () => {
    const m = render(on({ config: CONFIG, featureGates: ['-datadog.EnableOperationAndResourceNameV2', 'foo.bar'] }));
    expect(YAML.parse(m.get('ConfigMap', 'datadog-otel-config').data['otel-config.yaml'])).toEqual(CONFIG);
    expect(m.container('otel-agent').args).toEqual([
      '--config=/etc/otel-agent/otel-config.yaml', '--feature-gates=-datadog.EnableOperationAndResourceNameV2,foo.bar',
    ]);
  });

  test('your ConfigMap: no ConfigMap rendered, its items mounted and each passed as --config', () => {
    const m = render(on({ configMap: { name: 'my-otel', items: [{ key: 'a.yaml', path: 'a.yaml' }, { key: 'b', path: 'b.yaml' }] } }));
    expect(m.find('ConfigMap', 'datadog-otel-config')).toBeUndefined();
    expect(m.volume('otelconfig').configMap).toEqual({ name: 'my-otel', items: [{ key: 'a.yaml', path: 'a.yaml' }, { key: 'b', path: 'b.yaml' }] });
    expect(m.container('otel-agent').args).toEqual(['--config=/etc/otel-agent/a.yaml', '--config=/etc/otel-agent/b.yaml']);
    expect(m.daemonSet.spec.template.metadata.annotations?.['checksum/otel-config']).toBeUndefined();
    const one = render(on({ configMap: { name: 'my-otel', key: 'collector.yaml' } }));
    expect(one.volume('otelconfig').configMap.items).toEqual([{ key: 'collector.yaml', path: 'otel-config.yaml' }]);
  });

  test('RBAC: k8sattributes (not passthrough) gets read access to pods, namespaces, replicasets; custom rules join', () => {
    const k8sattributes = { ...CONFIG, processors: { 'k8sattributes': null, 'k8sattributes/passthrough': { passthrough: true } } };
    const m = render(on({ config: k8sattributes }));
    expect(m.get('ClusterRole', 'datadog-otel-agent').rules).toEqual([
      { apiGroups: [''], resources: ['pods', 'namespaces'], verbs: ['get', 'watch', 'list'] },
      { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['extensions'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(m.get('ClusterRoleBinding', 'datadog-otel-agent').subjects).toEqual([{ kind: 'ServiceAccount', name: 'datadog', namespace: 'datadog' }]);
    expect(m.allows('datadog', 'list', '', 'pods')).toBe(true);

    const passthrough = render(on({ config: { ...CONFIG, processors: { 'k8sattributes/p': { passthrough: true } } } }));
    expect(passthrough.find('ClusterRole', 'datadog-otel-agent')).toBeUndefined();

    const custom = render(on({ rbac: { rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'watch', 'list'] }] } }));
    expect(custom.get('ClusterRole', 'datadog-otel-agent').rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'watch', 'list'] }]);

    const none = render(on({ config: k8sattributes, rbac: { create: false } }));
    expect(none.find('ClusterRole', 'datadog-otel-agent')).toBeUndefined();
  });

  test('logsEnabled mounts the pod and container log directories for a filelog receiver', () => {
    const config = { ...CONFIG, receivers: { ...CONFIG.receivers, 'filelog': null, 'filelog/x': null } };
    const m = render(on({ config, logsEnabled: true }));
    const mounts = mountsOf(m.container('otel-agent'));
    expect(mounts['/var/log/pods']).toEqual({ name: 'logpodpath', mountPath: '/var/log/pods', readOnly: true, mountPropagation: 'None' });
    expect(mounts['/var/log/containers']).toEqual({ name: 'logscontainerspath', mountPath: '/var/log/containers', readOnly: true, mountPropagation: 'None' });
    expect(m.volume('logpodpath')).toEqual({ name: 'logpodpath', hostPath: { path: '/var/log/pods' } });
    // With agent logs on too, one definition of each volume.
    const both = render({ ...on({ config, logsEnabled: true }), logs: { enabled: true } });
    expect(mountsOf(both.container('otel-agent'))['/opt/datadog-agent/run']).toEqual({ name: 'pointerdir', mountPath: '/opt/datadog-agent/run' });
    expect(both.daemonSet.spec.template.spec.volumes.filter((v: any) => v.name === 'logpodpath')).toHaveLength(1);
  });

  test('logsEnabled with your ConfigMap mounts the log directories (CHART_DIFFERENCES otel-logs-configmap)', () => {
    const m = render(on({ configMap: { name: 'my-otel' }, logsEnabled: true }));
    const mounts = mountsOf(m.container('otel-agent'));
    expect(mounts['/var/log/pods']).toMatchObject({ name: 'logpodpath', readOnly: true });
    expect(mounts['/var/log/containers']).toMatchObject({ name: 'logscontainerspath', readOnly: true });
    const row = chartDifference('otel-logs-configmap');
    expect(row.matches.some(r => new RegExp(r).test('+mount:DaemonSet/datadog/otel-agent:/var/log/pods'))).toBe(true);
    expect(row.matches.some(r => new RegExp(r).test('+mount:DaemonSet/datadog/agent:/var/log/pods'))).toBe(false);
  });

  test('network policy admits the collector ports (CHART_DIFFERENCES network-policy-otel-collector)', () => {
    const m = render({ ...on({ ports: [{ name: 'otel-grpc', containerPort: 4317 }, { name: 'otel-http', containerPort: 4318 }, { name: 'statsd', containerPort: 9125, protocol: 'UDP' }] }), networkPolicy: { create: true } } as any);
    const ingress = m.get('NetworkPolicy', 'datadog').spec.ingress;
    for (const [port, protocol] of [[4317, 'TCP'], [4318, 'TCP'], [9125, 'UDP']]) expect(ingress).toContainEqual({ ports: [{ port, protocol }] });
    expect(explainFinding('+netpol:CiliumNetworkPolicy/datadog:rule Ingress for OTel collector otel-grpc')?.id).toBe('network-policy-otel-collector');
    expect(render({ networkPolicy: { create: true } } as any).get('NetworkPolicy', 'datadog').spec.ingress).not.toContainEqual({ ports: [{ port: 4317, protocol: 'TCP' }] });
  });

  test('images: agent image -full variant without the standalone image; old agents need it', () => {
    const full = render(on({ useStandaloneImage: false }));
    expect(full.container('otel-agent').image).toBe('registry.datadoghq.com/agent:7.81.1-full');
    expect(full.container('agent').image).toBe('registry.datadoghq.com/agent:7.81.1');
    expect(render({ ...on(), images: { agentTag: 'latest' } }).container('otel-agent').image).toBe('registry.datadoghq.com/ddot-collector:latest');
    expect(() => render({ ...on(), images: { agentTag: '7.66.0' } }))
      .toThrow(/otelCollector.useStandaloneImage needs agent 7.67.0 or newer \(images.agentTag\)/);
    expect(render({ ...on({ useStandaloneImage: false }), images: { agentTag: '7.66.0' } }).container('otel-agent').image)
      .toBe('registry.datadoghq.com/agent:7.66.0-full');
    expect(() => render({ ...on(), images: { agentTag: '7.81.1-full' } })).toThrow(/images.agentTag must not be a -full tag/);
    expect(() => render({ ...on({ useStandaloneImage: false }), images: { agentDigest: `sha256:${'a'.repeat(64)}` } }))
      .toThrow(/images.agentDigest cannot pin/);
  });

  test('per-container settings: resources, env, log level, extra mounts', () => {
    const m = render({
      ...on(),
      nodeAgent: {
        containerResources: { otelAgent: { cpuRequest: '100m', memoryLimit: '256Mi' } },
        containers: { otelAgent: { logLevel: 'DEBUG' as any, env: { OTEL_X: '1' } } },
      },
    });
    const ct = m.container('otel-agent');
    expect(ct.resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '256Mi' } });
    expect(envOf(ct)).toMatchObject({ DD_LOG_LEVEL: 'DEBUG', OTEL_X: '1' });
    expect(() => render({ nodeAgent: { containers: { otelAgent: { env: { A: 'b' } } } } }))
      .toThrow(/nodeAgent.containers.otelAgent is set but this configuration runs no otel-agent container/);
  });

  test('ports clash with the core agent\'s OTLP receivers and reserved ports', () => {
    expect(() => render({ ...on(), otlp: { grpc: { enabled: true } } }))
      .toThrow(/otelCollector.ports otel-grpc 4317 is already used by otlp.grpc.endpoint port|otlp.grpc.endpoint port 4317 is already used by otelCollector.ports otel-grpc/);
    expect(() => render({ ...on({ ports: [{ name: 'otel-grpc', containerPort: 5009 }, { name: 'otel-http', containerPort: 4318 }] }) }))
      .toThrow(/otelCollector.ports otel-grpc 5009 is already used by the agent IPC port/);
    // Moving one out of the way works.
    const m = render({ ...on({ ports: [{ name: 'otel-grpc', containerPort: 5317 }, { name: 'otel-http', containerPort: 5318 }] }), otlp: { grpc: { enabled: true } } });
    expect(m.container('agent').ports).toContainEqual({ name: 'otlpgrpcport', containerPort: 4317, hostPort: 4317, protocol: 'TCP' });
  });

  test('strict schema through synth and propsFromJson (null components in the configuration are kept)', () => {
    const chart = testChart();
    new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({
      credentials: { fromSecret: 'datadog-secret' },
      otelCollector: { enabled: true, config: { ...CONFIG, processors: { batch: null } }, featureGates: ['a.b'] },
    }));
    const objs = synth(chart);
    const cm = objs.find(o => o.kind === 'ConfigMap' && o.metadata.name === 'datadog-otel-config');
    expect(YAML.parse(cm.data['otel-config.yaml']).processors).toEqual({ batch: null });
    expect(() => DatadogAgent.propsFromJson({ credentials: { fromSecret: 's' }, otelCollector: { enabled: true, portz: [] } }))
      .toThrow(/otelCollector.portz/);
  });

  test('bad input', () => {
    const bad: [object, RegExp][] = [
      [{ otelCollector: { config: CONFIG } }, /otelCollector.config needs otelCollector.enabled, which is false/],
      [on({ config: CONFIG, configMap: { name: 'x' } }), /otelCollector.config and otelCollector.configMap are both set/],
      [on({ config: 'receivers: {}' }), /otelCollector.config must be an object/],
      [on({ config: { receivers: {} } }), /otelCollector.config must have service.pipelines/],
      [on({ config: { ...CONFIG, exporters: { 'datadog/x': { api: { key: 'f0000000000000000000000000000000' } } } } }),
        /otelCollector.config.exporters.datadog\/x.api.key must not be the key itself/],
      [on({ ports: [{ name: 'OTEL', containerPort: 1 }] }), /otelCollector.ports\[0\].name must be an IANA service name/],
      [on({ ports: [{ name: 'a', containerPort: 0 }] }), /otelCollector.ports\[0\].containerPort must be a port between 1 and 65535, got 0/],
      [on({ ports: [{ name: 'a', containerPort: 1, hostPort: 70000 }] }), /otelCollector.ports\[0\].hostPort must be a port between 1 and 65535, got 70000/],
      [on({ ports: [{ name: 'a', containerPort: 1, protocol: 'SCTP' }] }), /otelCollector.ports\[0\].protocol must be one of TCP, UDP, got "SCTP"/],
      [on({ ports: [{ name: 'a', containerPort: 1 }, { name: 'a', containerPort: 2 }] }), /otelCollector.ports\[1\] repeats otelCollector.ports\[0\] \(name a\)/],
      [on({ ports: [{ name: 'otel-grpc', containerPort: 4317 }] }), /otelCollector.ports must have a port named otel-http/],
      [on({ configMap: { name: 'Bad_Name' } }), /otelCollector.configMap.name/],
      [on({ configMap: { name: 'x', key: 'a', items: [{ key: 'a', path: 'a' }] } }), /otelCollector.configMap.key and otelCollector.configMap.items are both set/],
      [on({ configMap: { name: 'x', items: [{ key: 'a', path: 'x.yaml' }, { key: 'b', path: 'x.yaml' }] } }), /mounts two keys at "x.yaml"/],
      [on({ configMap: { name: 'x', items: [{ key: 'a', path: '../etc' }] } }), /otelCollector.configMap.items\[0\].path must be a file name/],
      [on({ featureGates: ['a b'] }), /otelCollector.featureGates\[0\] must be a feature gate id/],
      [on({ rbac: { rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }] } }), /otelCollector.rbac.rules\[0\].resources\[0\] must not be a wildcard/],
      [on({ rbac: { rules: [{ resources: ['pods'], verbs: [] }] } }), /otelCollector.rbac.rules\[0\].verbs must list at least one verb/],
      [on({ rbac: { create: false, rules: [{ resources: ['pods'], verbs: ['get'] }] } }), /otelCollector.rbac.rules needs otelCollector.rbac.create, which is false/],
      [on({ config: CONFIG, logsEnabled: true }), /otelCollector.logsEnabled mounts the log directories for a filelog receiver, but otelCollector.config has none/],
    ];
    for (const [props, message] of bad) expect(() => render(props as any)).toThrow(message);
  });
});

describe('import-helm datadog.otelCollector', () => {

  test('config text becomes an object, its literal API key an env reference (and a secret to create)', () => {
    const r = importFile('agent-otel-collector-values.yaml');
    const oc = r.props.otelCollector as any;
    expect(oc.enabled).toBe(true);
    expect(oc.featureGates).toEqual(['-datadog.EnableOperationAndResourceNameV2']);
    expect(oc.config.exporters.datadog.api.key).toBe('${env:DD_API_KEY}');
    expect(oc.config.service.pipelines.traces).toEqual({ receivers: ['otlp'], exporters: ['datadog'] });
    expect(r.secrets.some(s => /OTel collector's datadog exporter/.test(s))).toBe(true);
    expect(r.report.find(e => e.key === 'datadog.otelCollector.config')?.detail).toMatch(/literal API key of datadog replaced/);
  });

  test('ports (strings in the chart) and RBAC rules', () => {
    expect((importFile('agent-otel-collector-ports-values.yaml').props.otelCollector as any).ports)
      .toEqual([{ name: 'otel-grpc', containerPort: 5317, hostPort: 5317 }]);
    expect((importFile('agent-otel-collector-with-rbac-custom-rules-values.yaml').props.otelCollector as any).rbac)
      .toEqual({ create: true, rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'watch', 'list'] }] });
  });

  test('configMap, logs, useStandaloneImage; bad config text', () => {
    const r = importValues({
      datadog: { otelCollector: { enabled: true, configMap: { name: 'c', items: [{ key: 'k', path: 'p.yaml' }] }, logs: { enabled: true }, useStandaloneImage: false } },
    } as any);
    expect(r.props.otelCollector).toEqual({
      enabled: true, configMap: { name: 'c', items: [{ key: 'k', path: 'p.yaml' }] }, logsEnabled: true, useStandaloneImage: false,
    });
    expect(() => importValues({ datadog: { otelCollector: { enabled: true, config: 'a: [' } } } as any)).toThrow(/datadog.otelCollector.config: not valid YAML/);
  });

  test('configMap.key and items only count with configMap.name; items win over key', () => {
    const noName = importValues({ datadog: { otelCollector: { enabled: true, configMap: { key: 'x.yaml' } } } } as any);
    expect(noName.props.otelCollector).toEqual({ enabled: true });
    expect(noName.report.find(e => e.key === 'datadog.otelCollector.configMap.key')?.detail).toMatch(/read only with datadog.otelCollector.configMap.name/);
    const both = importValues({
      datadog: { otelCollector: { enabled: true, configMap: { name: 'c', key: 'x.yaml', items: [{ key: 'a', path: 'a.yaml' }] } } },
    } as any);
    expect((both.props.otelCollector as any).configMap).toEqual({ name: 'c', items: [{ key: 'a', path: 'a.yaml' }] });
    expect(both.report.find(e => e.key === 'datadog.otelCollector.configMap.key')?.detail).toMatch(/items names the files/);
  });
});

describe('DatadogAgentResource otelCollector', () => {
  const spec = (o: object) => {
    const chart = testChart();
    new DatadogAgentResource(chart, 'datadog', { credentials: SECRET, otelCollector: { enabled: true, ...o } });
    const cr = chart.toJson().find(x => x.kind === 'DatadogAgent');
    expect(crdErrors(cr)).toEqual([]);
    return cr.spec.features.otelCollector;
  };

  test('enabled, ports, configuration as configData or your ConfigMap', () => {
    const ports = [{ name: 'otel-grpc', containerPort: 4317, hostPort: 4317 }];
    const s = spec({ ports, config: CONFIG });
    expect(s.enabled).toBe(true);
    expect(s.ports).toEqual(ports);
    expect(YAML.parse(s.conf.configData)).toEqual(CONFIG);
    expect(spec({ configMap: { name: 'c', key: 'k.yaml' } }).conf).toEqual({ configMap: { name: 'c', items: [{ key: 'k.yaml', path: 'otel-config.yaml' }] } });
  });

  test('what the Operator cannot express fails', () => {
    expect(() => spec({ featureGates: ['a.b'] })).toThrow(/otelCollector.featureGates is not supported by the Operator output/);
    expect(() => spec({ logsEnabled: true, configMap: { name: 'c' } })).toThrow(/otelCollector.logsEnabled is not supported by the Operator output/);
  });
});

describe('import-helm agents.volumes and volumeMounts (the volume-mounts chart CI file)', () => {
  test('volumes become ExtraVolume factories, mounts keep Kubernetes\' read-write default', () => {
    const r = importValues({
      agents: {
        volumes: [
          { name: 'h', hostPath: { path: '/var/log/custom' } },
          { name: 't', hostPath: { path: '/x', type: 'Directory' } },
          { name: 'c', configMap: { name: 'cm', items: [{ key: 'a', path: 'b' }], defaultMode: 420 } },
          { name: 's', secret: { secretName: 'sec', optional: true } },
          { name: 'e', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
        ],
        volumeMounts: [{ name: 'h', mountPath: '/h' }],
        containers: { otelAgent: { volumeMounts: [{ name: 't', mountPath: '/t', readOnly: true, subPath: 'x' }] } },
      },
    } as any);
    const na = r.props.nodeAgent as any;
    expect(na.volumes).toEqual([
      { hostPath: ['h', '/var/log/custom'] },
      { hostPath: ['t', '/x', 'Directory'] },
      { configMap: ['c', 'cm', { defaultMode: 420, items: [{ key: 'a', path: 'b' }] }] },
      { secret: ['s', 'sec', { optional: true }] },
      { emptyDir: ['e', { memory: true, sizeLimit: '1Gi' }] },
    ]);
    expect(na.volumeMounts).toEqual([{ volume: 'h', mountPath: '/h', readOnly: false }]);
    expect(na.containers.otelAgent.volumeMounts).toEqual([{ volume: 't', mountPath: '/t', readOnly: true, subPath: 'x' }]);
    expect(() => importValues({ agents: { volumes: [{ name: 'n', nfs: { server: 'x', path: '/' } }] } } as any)).toThrow(/agents.volumes\[0\]: nfs volumes are not supported/);
    expect(() => importValues({ agents: { volumeMounts: [{ name: 'n', mountPath: '/n', mountPropagation: 'HostToContainer' }] } } as any))
      .toThrow(/mountPropagation: "HostToContainer" is not supported/);
  });

  test('the chart CI file synthesizes with the mount in otel-agent only', () => {
    const r = importFile('agent-otel-collector-volume-mounts-values.yaml');
    const m = render(DatadogAgent.propsFromJson({ ...r.props, credentials: { fromSecret: 'datadog-secret' } }) as any);
    expect(mountsOf(m.container('otel-agent'))['/var/log/custom']).toEqual({ name: 'logscustompath', mountPath: '/var/log/custom', readOnly: true });
    expect(mountsOf(m.container('agent'))['/var/log/custom']).toBeUndefined();
  });
});

function importFile(file: string) {
  return importValues(mergeValues({}, parseValues(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), file)));
}
