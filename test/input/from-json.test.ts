import { parse } from 'yaml';
import { Credentials, DatadogAgent, DatadogSite, ContainerRuntime, KubernetesPlatform, LogLevel, UpdateStrategy } from '../../src';
import { render } from '../support/helpers';

const DOC = `
credentials: { fromSecret: datadog-secret }
site: EU1
containerRuntime: CONTAINERD
platform: EKS
logLevel: WARN
clusterName: prod-eu-1
tags: [env:prod]
nodeAgent:
  updateStrategy: { rollingUpdate: "20%" }
  tolerations: [{ key: dedicated, operator: Exists, effect: NoSchedule }]
logs: { enabled: true }
`;

test('a YAML document becomes props, enum-like values by name', () => {
  const p = DatadogAgent.propsFromJson(parse(DOC));
  expect(p.site).toBe(DatadogSite.EU1);
  expect(p.containerRuntime).toBe(ContainerRuntime.CONTAINERD);
  expect(p.platform).toBe(KubernetesPlatform.EKS);
  expect(p.logLevel).toBe(LogLevel.WARN);
  expect(p.credentials).toBeInstanceOf(Credentials);
  expect(p.nodeAgent?.updateStrategy).toEqual(UpdateStrategy.rollingUpdate('20%'));
  const m = render(p);
  expect(m.daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20%' } });
  expect(m.container('agent').env).toContainEqual({ name: 'DD_SITE', value: 'datadoghq.eu' });
});

test('factories with several arguments take a list; custom values use factories', () => {
  const p = DatadogAgent.propsFromJson({
    credentials: { fromSecret: ['dd', { apiKeyKey: 'key' }] },
    site: { custom: 'datad0g.com' },
    kubelet: { host: 'NODE_NAME' },
    nodeAgent: { volumes: [{ hostPath: ['data', '/data'] }], volumeMounts: [{ volume: 'data', mountPath: '/data' }] },
  });
  expect(p.site?.host).toBe('datad0g.com');
  expect(render(p).daemonSet.spec.template.spec.volumes).toContainEqual({ name: 'data', hostPath: { path: '/data' } });
});

test('every problem, with its path', () => {
  expect(() => DatadogAgent.propsFromJson({
    credentials: { fromSecrets: 'x' },
    site: 'EU2',
    cluster_agent: {},
    nodeAgent: { updateStrategy: { type: 'RollingUpdate', maxUnavailable: '10%' } },
  })).toThrow(/4 problems:\n {2}- credentials must be a Credentials: .*did you mean "fromSecret"\?.*\n {2}- site must name a DatadogSite \(AP1, AP2, EU1, US1, US1_FED, US3, US5\); did you mean "EU1"\?, got "EU2"\n {2}- nodeAgent.updateStrategy must be a UpdateStrategy/);
  expect(() => DatadogAgent.propsFromJson({ credentials: { fromSecret: 'x' }, cluster_agent: {} })).toThrow('cluster_agent is not an option of DatadogAgentProps; did you mean "clusterAgent"?');
  expect(() => DatadogAgent.propsFromJson({ credentials: { fromSecret: ['x', { apiKey: 'k' }] } }))
    .toThrow('credentials: Credentials.fromSecret(options).apiKey is not an option of SecretKeyOptions; did you mean "apiKeyKey"?');
  expect(() => DatadogAgent.propsFromJson(null)).toThrow('the props must be an object');
});
