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
