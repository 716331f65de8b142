import * as YAML from 'yaml';
import { explainFinding } from '../../src/differences';
import { envOf, render } from '../support/helpers';

function config(m: any): any {
  return YAML.parse(m.get('ConfigMap', 'datadog-cluster-agent-confd').data['kubernetes_state_core.yaml.default']);
}

describe('kube-state-metrics core', () => {
  test('default: the check in the Cluster Agent, node agents ignore the legacy check', () => {
    const m = render();
    const cm = m.get('ConfigMap', 'datadog-cluster-agent-confd').data['kubernetes_state_core.yaml.default'];
    expect(cm).toMatchSnapshot();
    const c = config(m);
    expect(c.cluster_check).toBe(false);
    expect(c.instances[0].collectors).toEqual(expect.arrayContaining(['pods', 'deployments', 'configmaps', 'controllerrevisions']));
    // Secrets are off by default: a Secret list returns values (README, Differences from the Helm chart).
    expect(c.instances[0].collectors).not.toContain('secrets');
    expect(config(render({ kubeStateMetricsCore: { collectSecretMetrics: true } })).instances[0].collectors).toContain('secrets');
    expect(c.instances[0].skip_leader_election).toBeUndefined();
    expect(envOf(m.container('agent')).DD_IGNORE_AUTOCONF).toBe('kubernetes_state');
  });

  test('every collector has exactly its list/watch rule', () => {
    const m = render({ kubeStateMetricsCore: { collectVpaMetrics: true, collectApiServicesMetrics: true, collectCrdMetrics: true } });
    const rules = m.get('ClusterRole', 'datadog-ksm-core').rules;
    const granted = new Set(rules.flatMap((r: any) => r.resources));
    for (const collector of config(m).instances[0].collectors) expect(granted.has(collector)).toBe(true);
    for (const r of rules) expect(r.verbs).toEqual(['list', 'watch']);
    expect(config(m).instances[0].collectors).toEqual(expect.arrayContaining(['verticalpodautoscalers', 'apiservices', 'customresourcedefinitions']));
  });

  test('controllerrevisions only for agents 7.72+', () => {
    const m = render({ images: { agentTag: '7.70.0' } });
    expect(config(m).instances[0].collectors).not.toContain('controllerrevisions');
  });

  test('labels, annotations and tags', () => {
    const m = render({ kubeStateMetricsCore: { labelsAsTags: { pod: { 'app.kubernetes.io/team': 'team' } }, annotationsAsTags: { deployment: { owner: 'owner' } }, tags: ['env:prod'] } });
    expect(config(m).instances[0]).toMatchObject({
      labels_as_tags: { pod: { 'app.kubernetes.io/team': 'team' } },
      annotations_as_tags: { deployment: { owner: 'owner' } },
      tags: ['env:prod'],
    });
  });

  test('on runners: a dispatched cluster check without leader election', () => {
    const m = render({ clusterChecksRunner: { enabled: true }, kubeStateMetricsCore: { useClusterChecksRunners: true } });
    expect(config(m).cluster_check).toBe(true);
    expect(config(m).instances[0].skip_leader_election).toBe(true);
  });

  test('off: no config, no env, no role', () => {
    const m = render({ kubeStateMetricsCore: { enabled: false } });
    expect(m.get('ConfigMap', 'datadog-cluster-agent-confd').data['kubernetes_state_core.yaml.default']).toBeUndefined();
    expect(envOf(m.container('agent')).DD_IGNORE_AUTOCONF).toBeUndefined();
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['enabled without a deployed Cluster Agent', { clusterAgent: { enabled: false }, kubeStateMetricsCore: { enabled: true } }, /kubeStateMetricsCore.enabled needs a Cluster Agent deployed by this construct/],
      ['runners that do not exist', { kubeStateMetricsCore: { useClusterChecksRunners: true } }, /kubeStateMetricsCore.useClusterChecksRunners needs clusterChecksRunner.enabled/],
      ['a resource kind in plural camel case', { kubeStateMetricsCore: { labelsAsTags: { Pods: { app: 'app' } } } }, /kubeStateMetricsCore.labelsAsTags key must be a resource kind in lower case/],
      ['a bad label key', { kubeStateMetricsCore: { labelsAsTags: { pod: { 'bad key!': 'x' } } } }, /kubeStateMetricsCore.labelsAsTags\["pod"\] has an invalid key/],
      ['a bad tag name', { kubeStateMetricsCore: { annotationsAsTags: { pod: { owner: 'has space' } } } }, /kubeStateMetricsCore.annotationsAsTags\["pod"\]\["owner"\] must be a tag name/],
      ['a bad tag', { kubeStateMetricsCore: { tags: ['a,b'] } }, /kubeStateMetricsCore.tags\[0\] must be a Datadog tag/],
      ['options while off', { kubeStateMetricsCore: { enabled: false, collectVpaMetrics: true } }, /kubeStateMetricsCore.collectVpaMetrics needs kube-state-metrics core, which is disabled/],
      ['options without a Cluster Agent', { clusterAgent: { enabled: false }, kubeStateMetricsCore: { tags: ['a:b'] } }, /kubeStateMetricsCore.tags needs kube-state-metrics core, which is off without a Cluster Agent/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});

describe('the legacy kubernetes_state check on node agents', () => {
  test.each([
    ['with the Cluster Agent here', {}],
    ['without a Cluster Agent (as the chart: KSM core is on by default there too)', { clusterAgent: { enabled: false } }],
    ['joining an existing Cluster Agent, which runs KSM core', { clusterAgent: { existing: { serviceName: 'dca' } } }],
  ])('is skipped %s', (_name, props) => {
    expect(envOf(render(props as any).container('agent')).DD_IGNORE_AUTOCONF).toEqual('kubernetes_state');
  });

  test('runs when KSM core is turned off', () => {
    expect(envOf(render({ kubeStateMetricsCore: { enabled: false } }).container('agent')).DD_IGNORE_AUTOCONF).toBeUndefined();
  });
});

describe('restricted to namespaces (kubeStateMetricsCore.namespaces)', () => {
  const m = render({ kubeStateMetricsCore: { namespaces: ['default', 'shop'] } });

  test('the check lists them; namespaced resources through a Role in each, cluster-scoped ones in the ClusterRole', () => {
    const check = YAML.parse(m.get('ConfigMap', 'datadog-cluster-agent-confd').data['kubernetes_state_core.yaml.default']);
    expect(check.instances[0].namespaces).toEqual(['default', 'shop']);
    const cluster = m.get('ClusterRole', 'datadog-ksm-core').rules.flatMap((r: any) => r.resources);
    expect(cluster).toEqual(expect.arrayContaining(['nodes', 'persistentvolumes', 'namespaces', 'storageclasses', 'volumeattachments']));
    expect(cluster).not.toContain('pods');
    for (const ns of ['default', 'shop']) {
      const role = m.find('Role', 'datadog-ksm-core', ns);
      expect(role.rules.flatMap((r: any) => r.resources)).toEqual(expect.arrayContaining(['pods', 'deployments', 'endpointslices', 'configmaps']));
      expect(role.rules.flatMap((r: any) => r.resources)).not.toContain('nodes');
      const binding = m.find('RoleBinding', 'datadog-ksm-core', ns);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'datadog-ksm-core' });
    }
    expect(m.allows('datadog-cluster-agent', 'list', '', 'nodes')).toBe(true);
    expect(explainFinding('-object:ClusterRole/datadog-ksm-core-namespaced:')?.id).toBe('ksm-core-namespaces-roles');
  });

  test('bad input', () => {
    expect(() => render({ kubeStateMetricsCore: { namespaces: [] } })).toThrow('kubeStateMetricsCore.namespaces must list at least one namespace');
    expect(() => render({ kubeStateMetricsCore: { namespaces: ['a', 'a'] } })).toThrow('kubeStateMetricsCore.namespaces lists "a" twice');
    expect(() => render({ kubeStateMetricsCore: { namespaces: ['Bad_NS'] } })).toThrow(/kubeStateMetricsCore.namespaces\[0\]/);
  });
});
