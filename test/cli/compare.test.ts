import { compareManifests, facts, formatJson, formatMarkdown, formatText } from '../../src/cli/compare';

const ds = (containers: any[], extra: any = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'datadog', namespace: 'datadog' },
  spec: { template: { metadata: { labels: { app: 'datadog' } }, spec: { containers, ...extra } } },
});

describe('facts', () => {
  test('containers: env, mounts with their source, ports, capabilities, securityContext, probes', () => {
    const f = facts([ds([{
      name: 'agent',
      env: [{ name: 'A', value: '1' }, { name: 'K', valueFrom: { secretKeyRef: { name: 's', key: 'api-key' } } }],
      volumeMounts: [{ name: 'proc', mountPath: '/host/proc', readOnly: true, mountPropagation: 'None' }],
      ports: [{ containerPort: 8126, hostPort: 8126, name: 'traceport', protocol: 'TCP' }],
      securityContext: { readOnlyRootFilesystem: true, capabilities: { add: ['SYS_ADMIN'] } },
      livenessProbe: { httpGet: { path: '/live', port: 5555 } },
    }], { volumes: [{ name: 'proc', hostPath: { path: '/proc' } }] })]);
    expect(Object.fromEntries(f)).toMatchObject({
      'object:DaemonSet/datadog:': 'datadog',
      'env:DaemonSet/datadog/agent:A': '1',
      'env:DaemonSet/datadog/agent:K': 'valueFrom {"secretKeyRef":{"key":"api-key","name":"s"}}',
      'mount:DaemonSet/datadog/agent:/host/proc': 'ro hostPath /proc',
      'hostPath:DaemonSet/datadog:/proc': '',
      'port:DaemonSet/datadog/agent:8126/TCP': 'traceport hostPort 8126',
      'capability:DaemonSet/datadog/agent:add SYS_ADMIN': '',
      'securityContext:DaemonSet/datadog/agent:readOnlyRootFilesystem': 'true',
      'probe:DaemonSet/datadog/agent:livenessProbe': '{"httpGet":{"path":"/live","port":5555}}',
    });
  });

  test('pod fields: runtimeClassName (GPU monitoring) is a fact', () => {
    const f = Object.fromEntries(facts([ds([{ name: 'agent' }], { runtimeClassName: 'nvidia' })]));
    expect(f['pod:DaemonSet/datadog:runtimeClassName']).toBe('nvidia');
    expect(compareManifests([ds([{ name: 'agent' }], { runtimeClassName: 'nvidia' })], [ds([{ name: 'agent' }])]).findings.map(x => x.key))
      .toEqual(['-pod:DaemonSet/datadog:runtimeClassName']);
  });

  test('pod fields: terminationGracePeriodSeconds; container lifecycle hooks, one fact per hook', () => {
    const hook = { exec: { command: ['/bin/sh', '-c', 'sleep 70'] } };
    const chart = ds([{ name: 'agent', lifecycle: { preStop: hook } }], { terminationGracePeriodSeconds: 90 });
    const f = Object.fromEntries(facts([chart]));
    expect(f['pod:DaemonSet/datadog:terminationGracePeriodSeconds']).toBe('90');
    expect(f['lifecycle:DaemonSet/datadog/agent:preStop']).toBe('{"exec":{"command":["/bin/sh","-c","sleep 70"]}}');
    expect(compareManifests([chart], [ds([{ name: 'agent', lifecycle: { postStart: hook } }])]).findings.map(x => x.key)).toEqual([
      '-pod:DaemonSet/datadog:terminationGracePeriodSeconds', '+lifecycle:DaemonSet/datadog/agent:postStart', '-lifecycle:DaemonSet/datadog/agent:preStop',
    ]);
  });

  test('RBAC as (role, apiGroup, resource, verb, resourceName) tuples', () => {
    const f = facts([{
      kind: 'ClusterRole',
      metadata: { name: 'r' },
      rules: [
        { apiGroups: [''], resources: ['pods', 'nodes'], verbs: ['get'] },
        { apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], verbs: ['use'], resourceNames: ['privileged'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ],
    }]);
    expect([...f.keys()].filter(k => k.startsWith('rbac')).sort()).toEqual([
      'rbac:ClusterRole/r::nodes:get:', 'rbac:ClusterRole/r::pods:get:',
      'rbac:ClusterRole/r:nonResourceURL:/metrics:get:',
      'rbac:ClusterRole/r:security.openshift.io:securitycontextconstraints:use:privileged',
    ]);
  });

  test('YAML files in ConfigMaps compare by their data, not their formatting', () => {
    const cm = (v: string) => ({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a.yaml': v } });
    expect(compareManifests([cm('init_config:\ninstances:\n  -\n    x: 1\n')], [cm('init_config: null\ninstances:\n  - x: 1\n')]).findings).toEqual([]);
  });

  test('an empty init_config (null) is the agent\'s {}', () => {
    const cm = (v: string) => ({ kind: 'ConfigMap', metadata: { name: 'c' }, data: { 'a.yaml': v } });
    expect(compareManifests([cm('init_config:\ninstances: [{x: 1}]\n')], [cm('init_config: {}\ninstances: [{x: 1}]\n')]).findings).toEqual([]);
    expect(compareManifests([cm('init_config: {a: 1}\n')], [cm('init_config: {}\n')]).findings).toHaveLength(1);
  });

  test('log levels compare in any case (the agents read them so), other env values exactly', () => {
    const env = (e: any[]) => [ds([{ name: 'agent', env: e }])];
    expect(compareManifests(env([{ name: 'DD_LOG_LEVEL', value: 'warn' }, { name: 'DD_APM_LOG_LEVEL', value: 'Debug' }]),
      env([{ name: 'DD_LOG_LEVEL', value: 'WARN' }, { name: 'DD_APM_LOG_LEVEL', value: 'DEBUG' }])).findings).toEqual([]);
    expect(compareManifests(env([{ name: 'DD_LOG_LEVEL', value: 'warn' }]), env([{ name: 'DD_LOG_LEVEL', value: 'INFO' }])).findings.map(f => f.key)).toEqual(['~env:DaemonSet/datadog/agent:DD_LOG_LEVEL']);
    expect(compareManifests(env([{ name: 'DD_SITE', value: 'a' }]), env([{ name: 'DD_SITE', value: 'A' }])).findings).toHaveLength(1);
  });
});

describe('compareManifests', () => {
  const chart = [ds([{ name: 'agent', env: [{ name: 'DD_NEW', value: 'x' }, { name: 'DD_LOG_LEVEL', value: 'INFO' }] }])];
  const ours = [ds([{ name: 'agent', env: [{ name: 'DD_SITE', value: 'datadoghq.com' }, { name: 'DD_LOG_LEVEL', value: 'WARN' }] }])];
  const c = compareManifests(chart, ours);

  test('only differences, each tagged with the documented difference that explains it', () => {
    expect(c.findings.map(f => [f.key, f.documented?.id])).toEqual([
      ['~env:DaemonSet/datadog/agent:DD_LOG_LEVEL', undefined],
      ['-env:DaemonSet/datadog/agent:DD_NEW', undefined],
      ['+env:DaemonSet/datadog/agent:DD_SITE', 'site-always'],
    ]);
    expect(c.undocumented).toBe(2);
  });

  test('text, markdown and JSON reports', () => {
    const text = formatText(c);
    expect(text).toContain('DaemonSet/datadog/agent\n');
    expect(text).toContain('~ env DD_LOG_LEVEL: chart info → here warn  [UNDOCUMENTED]');
    expect(text).toContain('[documented: site-always]');
    expect(text).toContain('3 difference(s): 1 documented, 2 undocumented.');
    expect(formatMarkdown(c)).toContain('## `DaemonSet/datadog/agent`');
    const json = JSON.parse(formatJson(c));
    expect(json.undocumented).toBe(2);
    expect(json.findings[2].documented.id).toBe('site-always');
  });

  test('network policies: each rule is a fact (Kubernetes), each described rule is one (Cilium)', () => {
    const np = (ingress: any[]) => ({ kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: { podSelector: { matchLabels: { app: 'a' } }, policyTypes: ['Ingress'], ingress } });
    const a = facts([np([{ ports: [{ port: 1 }] }]), { kind: 'CiliumNetworkPolicy', metadata: { name: 'c' }, specs: [{ description: 'd', egress: [{ toEntities: ['host'] }] }] }]);
    expect([...a.keys()]).toEqual(expect.arrayContaining([
      'netpol:NetworkPolicy/p:podSelector', 'netpol:NetworkPolicy/p:policyTypes', 'netpol:NetworkPolicy/p:ingress {"ports":[{"port":1}]}', 'netpol:CiliumNetworkPolicy/c:rule d',
    ]));
    const added = compareManifests([np([{ ports: [{ port: 1 }] }])], [np([{ ports: [{ port: 1 }] }, { ports: [{ port: 2 }] }])]);
    expect(added.findings.map(f => f.key)).toEqual(['+netpol:NetworkPolicy/p:ingress {"ports":[{"port":2}]}']);
  });

  test('identical manifests have no difference', () => {
    expect(compareManifests(chart, chart)).toEqual({ findings: [], undocumented: 0 });
  });
});

test('the facts of a container only one side runs are explained by that container\'s documented difference', () => {
  const agent = { name: 'agent', env: [{ name: 'DD_X', value: '1' }] };
  const trace = { name: 'trace-agent', env: [{ name: 'DD_APM_ENABLED', value: 'true' }], ports: [{ containerPort: 8126, name: 'traceport' }] };
  const c = compareManifests([ds([agent])], [ds([agent, trace])]);
  expect(c.findings.map(f => [f.key, f.documented?.id])).toEqual([
    ['+container:DaemonSet/datadog/trace-agent:', 'apm-over-local-service'],
    ['+env:DaemonSet/datadog/trace-agent:DD_APM_ENABLED', 'apm-over-local-service'],
    ['+port:DaemonSet/datadog/trace-agent:8126/TCP', 'apm-over-local-service'],
  ]);
  // An undocumented container leaves its facts undocumented too.
  const other = compareManifests([ds([agent])], [ds([agent, { ...trace, name: 'sidecar' }])]);
  expect(other.undocumented).toBe(other.findings.length);
});

test('the facts of an object only one side renders are explained by that object\'s documented difference', () => {
  const agent = { name: 'agent', env: [{ name: 'DD_X', value: '1' }] };
  const windows = { ...ds([agent]), metadata: { name: 'datadog-windows', namespace: 'datadog' } };
  const c = compareManifests([ds([agent])], [ds([agent]), windows]);
  expect(c.findings.map(f => [f.key, f.documented?.id])).toEqual([
    ['+label:DaemonSet/datadog-windows:app', 'object-labels'],
    ['+object:DaemonSet/datadog-windows:', 'windows-nodes'],
    ['+container:DaemonSet/datadog-windows/agent:', 'windows-nodes'],
    ['+env:DaemonSet/datadog-windows/agent:DD_X', 'windows-nodes'],
  ]);
  // Facts of an object both sides render are not: an added env on the Windows DaemonSet stays undocumented.
  const extra = { ...ds([{ ...agent, env: [...agent.env, { name: 'DD_Y', value: '1' }] }]), metadata: windows.metadata };
  const both = compareManifests([windows], [extra]);
  expect(both.findings.map(f => [f.key, f.documented?.id])).toEqual([['+env:DaemonSet/datadog-windows/agent:DD_Y', undefined]]);
});
