import * as YAML from 'yaml';
import { envOf, render } from '../support/helpers';

describe('orchestrator explorer', () => {
  test('default: env on node agents and Cluster Agent, its ClusterRole', () => {
    const m = render();
    expect(envOf(m.container('agent')).DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('true');
    const dca = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(dca.DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('true');
    expect(dca.DD_ORCHESTRATOR_EXPLORER_CONTAINER_SCRUBBING_ENABLED).toBe('true');
    expect(m.get('ClusterRole', 'datadog-orchestrator-explorer')).toMatchSnapshot();
    expect(m.get('ClusterRoleBinding', 'datadog-orchestrator-explorer').subjects).toEqual([{ kind: 'ServiceAccount', name: 'datadog-cluster-agent', namespace: 'datadog' }]);
  });

  test('Datadog custom resources by name: the agent\'s built-in collectors, never a wildcard', () => {
    const m = render();
    const rules = m.get('ClusterRole', 'datadog-orchestrator-explorer').rules.filter((r: any) => r.apiGroups.includes('datadoghq.com'));
    expect(rules).toEqual([{
      apiGroups: ['datadoghq.com'],
      resources: ['datadogmetrics', 'datadogpodautoscalers', 'datadogpodautoscalerclusterprofiles', 'datadogagents',
        'datadogagentprofiles', 'datadogmonitors', 'datadogslos', 'datadogdashboards'],
      verbs: ['list', 'watch'],
    }]);
    expect(m.rulesFor('datadog-cluster-agent').flatMap((r: any) => r.resources ?? [])).not.toContain('*');
  });

  test('container scrubbing off', () => {
    const m = render({ orchestratorExplorer: { containerScrubbing: false } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_ORCHESTRATOR_EXPLORER_CONTAINER_SCRUBBING_ENABLED).toBe('false');
  });

  test('off: "false" env, no role', () => {
    const m = render({ orchestratorExplorer: { enabled: false } });
    expect(envOf(m.container('agent')).DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('false');
    expect(m.find('ClusterRole', 'datadog-orchestrator-explorer')).toBeUndefined();
  });

  test('with an existing Cluster Agent: node env only (that Cluster Agent has its own RBAC)', () => {
    const m = render({ clusterAgent: { existing: { serviceName: 'dca' } } });
    expect(envOf(m.container('agent')).DD_ORCHESTRATOR_EXPLORER_ENABLED).toBe('true');
    expect(m.find('ClusterRole', 'datadog-orchestrator-explorer')).toBeUndefined();
  });

  describe('bad input', () => {
    test('enabled without a Cluster Agent', () => {
      expect(() => render({ clusterAgent: { enabled: false }, orchestratorExplorer: { enabled: true } })).toThrow(/orchestratorExplorer.enabled needs a Cluster Agent/);
    });
    test('scrubbing option while off', () => {
      expect(() => render({ orchestratorExplorer: { enabled: false, containerScrubbing: true } })).toThrow(/orchestratorExplorer.containerScrubbing needs orchestratorExplorer.enabled/);
    });
  });
});

describe('kubelet configuration check', () => {
  test('on by default on the node agent, as the chart', () => {
    expect(envOf(render().container('agent')).DD_ORCHESTRATOR_EXPLORER_KUBELET_CONFIG_CHECK_ENABLED).toBe('true');
  });
  test('can be turned off; needs the explorer', () => {
    expect(envOf(render({ orchestratorExplorer: { kubeletConfigCheck: false } }).container('agent'))).not.toHaveProperty('DD_ORCHESTRATOR_EXPLORER_KUBELET_CONFIG_CHECK_ENABLED');
    expect(() => render({ orchestratorExplorer: { enabled: false, kubeletConfigCheck: true } })).toThrow(/orchestratorExplorer.kubeletConfigCheck needs orchestratorExplorer.enabled/);
  });
});

describe('custom resources (orchestratorExplorer.customResources)', () => {
  const confd = (m: ReturnType<typeof render>) => m.find('ConfigMap', 'datadog-cluster-agent-confd')?.data?.['orchestrator.yaml'];

  test('collected by the Cluster Agent\'s orchestrator check and readable by name', () => {
    const m = render({ orchestratorExplorer: { customResources: ['karpenter.sh/v1/nodepools', 'example.com/v1beta1/widgets'] } });
    expect(YAML.parse(confd(m))).toEqual({ ad_identifiers: ['_kube_orchestrator'], init_config: null, instances: [{ crd_collectors: ['karpenter.sh/v1/nodepools', 'example.com/v1beta1/widgets'] }] });
    expect(m.allows('datadog-cluster-agent', 'watch', 'example.com', 'widgets')).toBe(true);
    expect(m.allows('datadog-cluster-agent', 'list', 'example.com', 'gadgets')).toBe(false);
  });

  test('workload autoscaling adds the pod autoscalers, as the chart does; nothing without either', () => {
    const m = render({ autoscaling: { workload: { enabled: true } } });
    expect(YAML.parse(confd(m)).instances[0].crd_collectors).toEqual(['datadoghq.com/v1alpha2/datadogpodautoscalers', 'datadoghq.com/v1alpha2/datadogpodautoscalerclusterprofiles']);
    expect(confd(render())).toBeUndefined();
    expect(confd(render({ autoscaling: { workload: { enabled: true } }, orchestratorExplorer: { enabled: false } }))).toBeUndefined();
  });

  test('bad input names the entry', () => {
    expect(() => render({ orchestratorExplorer: { customResources: ['nodepools'] } }))
      .toThrow('orchestratorExplorer.customResources[0] must be "group/version/resource" such as "karpenter.sh/v1/nodepools" (core resources are collected already), got "nodepools"');
    expect(() => render({ orchestratorExplorer: { customResources: ['datadoghq.com/v1alpha1/datadogpodautoscalers'] } })).toThrow(/serves datadogpodautoscalers as datadoghq.com\/v1alpha2/);
    expect(() => render({ orchestratorExplorer: { customResources: ['a.io/v1/b', 'a.io/v1/b'] } })).toThrow('orchestratorExplorer.customResources lists "a.io/v1/b" twice');
    expect(() => render({ orchestratorExplorer: { enabled: false, customResources: ['a.io/v1/b'] } })).toThrow(/orchestratorExplorer.customResources needs orchestratorExplorer.enabled/);
  });
});
