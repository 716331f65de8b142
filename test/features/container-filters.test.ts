import { envOf, featureSlice, render } from '../support/helpers';

describe('container filters', () => {
  test('none by default', () => {
    const env = envOf(render().container('agent'));
    expect(Object.keys(env).filter(k => k.startsWith('DD_CONTAINER_INCLUDE') || k.startsWith('DD_CONTAINER_EXCLUDE'))).toEqual([]);
  });

  test('snapshot: every list, space-separated, on every node container but not the Cluster Agent', () => {
    const m = render({
      containerInclude: ['kube_namespace:^important$'],
      containerExclude: ['kube_namespace:^kube-system$', 'image:^gcr.io/pause'],
      containerIncludeMetrics: ['name:^app$'],
      containerExcludeMetrics: ['image:.*'],
      containerIncludeLogs: ['name:^web-.*'],
      containerExcludeLogs: ['kube_namespace:.*'],
    });
    const expected = {
      DD_CONTAINER_INCLUDE: 'kube_namespace:^important$',
      DD_CONTAINER_EXCLUDE: 'kube_namespace:^kube-system$ image:^gcr.io/pause',
      DD_CONTAINER_INCLUDE_METRICS: 'name:^app$',
      DD_CONTAINER_EXCLUDE_METRICS: 'image:.*',
      DD_CONTAINER_INCLUDE_LOGS: 'name:^web-.*',
      DD_CONTAINER_EXCLUDE_LOGS: 'kube_namespace:.*',
    };
    for (const n of ['agent', 'trace-agent', 'init-config']) expect(envOf(m.container(n))).toMatchObject(expected);
    const dca = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(dca.DD_CONTAINER_EXCLUDE).toBeUndefined();
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('an empty list sets nothing', () => {
    expect(envOf(render({ containerExclude: [] }).container('agent')).DD_CONTAINER_EXCLUDE).toBeUndefined();
  });

  test('bad input', () => {
    expect(() => render({ containerExclude: ['kube_namespace:kube-system image:foo'] }))
      .toThrow(/containerExclude\[0\] must be "image:<regex>", "name:<regex>" or "kube_namespace:<regex>" without spaces/);
    expect(() => render({ containerInclude: ['namespace:default'] })).toThrow(/containerInclude\[0\] must be "image:<regex>"/);
    expect(() => render({ containerExcludeLogs: ['image:'] })).toThrow(/containerExcludeLogs\[0\] must be/);
    expect(() => render({ containerIncludeMetrics: ['name:(['] })).toThrow(/containerIncludeMetrics\[0\] is not a valid regular expression after "name:"/);
    expect(() => render({ containerExcludeMetrics: ['name:^(?!app).*'] })).toThrow(/containerExcludeMetrics\[0\] uses lookaround or a backreference/);
  });
});
