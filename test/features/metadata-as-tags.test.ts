import { envOf, featureSlice, render } from '../support/helpers';

describe('metadata as tags', () => {
  test('none by default', () => {
    const m = render();
    expect(Object.keys(envOf(m.container('agent'))).filter(k => k.endsWith('_AS_TAGS'))).toEqual([]);
  });

  test('snapshot: every map as sorted JSON, on node containers and the Cluster Agent', () => {
    const m = render({
      podLabelsAsTags: { 'app.kubernetes.io/name': 'app', 'team': 'team' },
      podAnnotationsAsTags: { 'ad.datadoghq.com/tags': 'ad_tags' },
      nodeLabelsAsTags: { 'topology.kubernetes.io/zone': 'zone', 'kubernetes.io/arch': 'arch' },
      namespaceLabelsAsTags: { '*': 'ns_%%label%%' },
      namespaceAnnotationsAsTags: { owner: 'owner' },
    });
    const expected = {
      DD_KUBERNETES_POD_LABELS_AS_TAGS: '{"app.kubernetes.io/name":"app","team":"team"}',
      DD_KUBERNETES_POD_ANNOTATIONS_AS_TAGS: '{"ad.datadoghq.com/tags":"ad_tags"}',
      DD_KUBERNETES_NODE_LABELS_AS_TAGS: '{"kubernetes.io/arch":"arch","topology.kubernetes.io/zone":"zone"}',
      DD_KUBERNETES_NAMESPACE_LABELS_AS_TAGS: '{"*":"ns_%%label%%"}',
      DD_KUBERNETES_NAMESPACE_ANNOTATIONS_AS_TAGS: '{"owner":"owner"}',
    };
    for (const n of ['agent', 'trace-agent', 'init-config']) expect(envOf(m.container(n))).toMatchObject(expected);
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject(expected);
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('key order in props does not change the output', () => {
    const a = envOf(render({ podLabelsAsTags: { b: 'b', a: 'a' } }).container('agent'));
    const b = envOf(render({ podLabelsAsTags: { a: 'a', b: 'b' } }).container('agent'));
    expect(a.DD_KUBERNETES_POD_LABELS_AS_TAGS).toBe(b.DD_KUBERNETES_POD_LABELS_AS_TAGS);
  });

  test('bad input', () => {
    expect(() => render({ podLabelsAsTags: { 'bad key': 'x' } })).toThrow(/podLabelsAsTags has an invalid key "bad key"/);
    expect(() => render({ nodeLabelsAsTags: { zone: 'my zone' } })).toThrow(/nodeLabelsAsTags\["zone"\] must be a tag name/);
    expect(() => render({ podAnnotationsAsTags: { owner: 'a,b' } })).toThrow(/podAnnotationsAsTags\["owner"\] must be a tag name/);
  });
});

describe('kubernetes resources labels and annotations as tags', () => {
  const props = {
    kubernetesResourcesLabelsAsTags: { 'deployments.apps': { 'team': 'team', 'app.kubernetes.io/name': 'app' }, 'nodes': { zone: 'zone' } },
    kubernetesResourcesAnnotationsAsTags: { 'deployments.apps': { owner: 'owner' }, 'rollouts.argoproj.io': { owner: 'owner' } },
  };

  test('snapshot: sorted JSON env on node containers, the Cluster Agent and the runners; a ClusterRole reading each resource', () => {
    const m = render({ ...props, clusterChecksRunner: { enabled: true } });
    const expected = {
      DD_KUBERNETES_RESOURCES_LABELS_AS_TAGS: '{"deployments.apps":{"app.kubernetes.io/name":"app","team":"team"},"nodes":{"zone":"zone"}}',
      DD_KUBERNETES_RESOURCES_ANNOTATIONS_AS_TAGS: '{"deployments.apps":{"owner":"owner"},"rollouts.argoproj.io":{"owner":"owner"}}',
    };
    for (const n of ['agent', 'trace-agent', 'init-config']) expect(envOf(m.container(n))).toMatchObject(expected);
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject(expected);
    expect(envOf(m.container('agent', m.get('Deployment', 'datadog-clusterchecks')))).toMatchObject(expected);
    expect(m.get('ClusterRole', 'datadog-cluster-agent-annotations-and-labels-as-tags').rules).toEqual([
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['argoproj.io'], resources: ['rollouts'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(m.allows('datadog-cluster-agent', 'watch', 'apps', 'deployments')).toBe(true);
    expect(featureSlice(m, render({ clusterChecksRunner: { enabled: true } }))).toMatchSnapshot();
  });

  test('no ClusterRole without a deployed Cluster Agent, and none without resource maps', () => {
    expect(render().find('ClusterRole', 'datadog-cluster-agent-annotations-and-labels-as-tags')).toBeUndefined();
    const m = render({ ...props, clusterAgent: { enabled: false } });
    expect(m.find('ClusterRole', 'datadog-cluster-agent-annotations-and-labels-as-tags')).toBeUndefined();
    expect(envOf(m.container('agent')).DD_KUBERNETES_RESOURCES_LABELS_AS_TAGS).toBeDefined();
  });

  test('bad input', () => {
    expect(() => render({ kubernetesResourcesLabelsAsTags: { 'Deployments.apps': { team: 'team' } } }))
      .toThrow(/kubernetesResourcesLabelsAsTags has an invalid resource "Deployments.apps": use "resource.group"/);
    expect(() => render({ kubernetesResourcesLabelsAsTags: { '*': { team: 'team' } } })).toThrow(/invalid resource "\*"/);
    expect(() => render({ kubernetesResourcesLabelsAsTags: { 'deployments.': { team: 'team' } } })).toThrow(/invalid resource "deployments\."/);
    expect(() => render({ kubernetesResourcesAnnotationsAsTags: { 'deployments.apps': { team: 'my team' } } }))
      .toThrow(/kubernetesResourcesAnnotationsAsTags\["deployments.apps"\]\["team"\] must be a tag name/);
    expect(() => render({ kubernetesResourcesLabelsAsTags: { 'deployments.apps': { 'bad key': 'x' } } }))
      .toThrow(/kubernetesResourcesLabelsAsTags\["deployments.apps"\] has an invalid key "bad key"/);
    expect(() => render({ kubernetesResourcesLabelsAsTags: { 'deployments.apps': {} } }))
      .toThrow(/kubernetesResourcesLabelsAsTags\["deployments.apps"\] must map at least one key to a tag name/);
  });
});
