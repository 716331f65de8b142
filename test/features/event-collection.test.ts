import * as YAML from 'yaml';
import { envOf, render } from '../support/helpers';

function apiserverCheck(m: any): any {
  const raw = m.find('ConfigMap', 'datadog-cluster-agent-confd')?.data?.['kubernetes_apiserver.yaml'];
  return raw === undefined ? undefined : YAML.parse(raw);
}

describe('event collection', () => {
  test('default: the Cluster Agent collects, bundled, unfiltered', () => {
    const m = render();
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    expect(env.DD_COLLECT_KUBERNETES_EVENTS).toBe('true');
    expect(env.DD_CLUSTER_AGENT_TOKEN_NAME).toBe('datadogtoken');
    expect(apiserverCheck(m)).toEqual({ init_config: null, instances: [{ filtering_enabled: false, unbundle_events: false }] });
    expect(m.allows('datadog-cluster-agent', 'watch', '', 'events')).toBe(true);
    expect(m.allows('datadog', 'watch', '', 'events')).toBe(false);
  });

  test('unbundled with an event type filter', () => {
    const m = render({
      eventCollection: {
        unbundleEvents: true,
        filteringEnabled: true,
        maxEventsPerRun: 500,
        collectedEventTypes: [{ kind: 'Pod', reasons: ['Failed', 'BackOff'] }, { source: 'kubelet' }],
      },
    });
    const raw = m.get('ConfigMap', 'datadog-cluster-agent-confd').data['kubernetes_apiserver.yaml'];
    expect(raw).toMatchSnapshot();
    expect(apiserverCheck(m).instances[0]).toEqual({
      filtering_enabled: true,
      unbundle_events: true,
      max_events_per_run: 500,
      collected_event_types: [{ kind: 'Pod', reasons: ['Failed', 'BackOff'] }, { source: 'kubelet' }],
    });
  });

  test('without a Cluster Agent the node agents collect', () => {
    const m = render({ clusterAgent: { enabled: false } });
    expect(envOf(m.container('agent')).DD_COLLECT_KUBERNETES_EVENTS).toBe('true');
    expect(m.allows('datadog', 'update', '', 'configmaps', 'datadogtoken')).toBe(true);
    expect(apiserverCheck(m)).toBeUndefined();
  });

  test('off: no env, no check config, no token rights', () => {
    const m = render({ eventCollection: { enabled: false } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_COLLECT_KUBERNETES_EVENTS).toBeUndefined();
    expect(apiserverCheck(m)).toBeUndefined();
    const n = render({ clusterAgent: { enabled: false }, eventCollection: { enabled: false } });
    expect(envOf(n.container('agent')).DD_COLLECT_KUBERNETES_EVENTS).toBeUndefined();
    expect(n.allows('datadog', 'update', '', 'configmaps', 'datadogtoken')).toBe(false);
    expect(render({ clusterAgent: { enabled: false } }).allows('datadog', 'update', '', 'configmaps', 'datadogtoken')).toBe(true);
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['event types without unbundling', { eventCollection: { collectedEventTypes: [{ kind: 'Pod' }] } }, /eventCollection.collectedEventTypes applies only to unbundled events/],
      ['an event type with neither kind nor source', { eventCollection: { unbundleEvents: true, collectedEventTypes: [{ reasons: ['Failed'] }] } }, /eventCollection.collectedEventTypes\[0\] needs a kind or a source/],
      ['a lower-case kind', { eventCollection: { unbundleEvents: true, collectedEventTypes: [{ kind: 'pod' }] } }, /eventCollection.collectedEventTypes\[0\].kind must be a Kubernetes kind/],
      ['a bad reason', { eventCollection: { unbundleEvents: true, collectedEventTypes: [{ kind: 'Pod', reasons: ['no spaces'] }] } }, /collectedEventTypes\[0\].reasons\[0\] must be an event reason/],
      ['options while off', { eventCollection: { enabled: false, unbundleEvents: true } }, /eventCollection.unbundleEvents needs eventCollection.enabled/],
      ['check options without a Cluster Agent', { clusterAgent: { enabled: false }, eventCollection: { filteringEnabled: true } }, /eventCollection.filteringEnabled configures the Cluster Agent's kubernetes_apiserver check/],
      ['zero events per run', { eventCollection: { maxEventsPerRun: 0 } }, /eventCollection.maxEventsPerRun must be >= 1, got 0/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});
