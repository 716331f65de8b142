import * as YAML from 'yaml';
import { featureSlice, render } from '../support/helpers';

function helmYaml(m: any): any {
  const data = m.get('ConfigMap', 'datadog-cluster-agent-confd').data['helm.yaml'];
  return data === undefined ? undefined : YAML.parse(data);
}

describe('helm check', () => {
  test('off by default: no config, no role', () => {
    const m = render();
    expect(helmYaml(m)).toBeUndefined();
    expect(m.objects.filter(o => o.metadata.name === 'datadog-helm-check')).toEqual([]);
  });

  test('snapshot: helm.yaml in the Cluster Agent conf.d, list/watch on Secrets and ConfigMaps bound to the Cluster Agent', () => {
    const m = render({ helmCheck: { enabled: true, collectEvents: true, valuesAsTags: { 'image.tag': 'chart_image_tag', 'env': 'env' } } });
    expect(helmYaml(m)).toEqual({
      init_config: null,
      instances: [{ collect_events: true, helm_values_as_tags: { 'env': 'env', 'image.tag': 'chart_image_tag' } }],
    });
    // Informers only list and watch: no `get` (the chart grants it; README, Differences from the Helm chart).
    expect(m.get('ClusterRole', 'datadog-helm-check').rules).toEqual([
      { apiGroups: [''], resources: ['secrets', 'configmaps'], verbs: ['list', 'watch'] },
    ]);
    expect(m.get('ClusterRoleBinding', 'datadog-helm-check').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'datadog-cluster-agent', namespace: 'datadog' },
    ]);
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('defaults: no events, no values as tags', () => {
    expect(helmYaml(render({ helmCheck: { enabled: true } }))).toEqual({
      init_config: null,
      instances: [{ collect_events: false, helm_values_as_tags: {} }],
    });
  });

  test('with Cluster Checks Runners: a cluster check, the role bound to the runners', () => {
    const m = render({ clusterChecksRunner: { enabled: true }, helmCheck: { enabled: true } });
    expect(helmYaml(m).cluster_check).toBe(true);
    expect(m.get('ClusterRoleBinding', 'datadog-helm-check').subjects).toEqual([
      { kind: 'ServiceAccount', name: 'datadog-cluster-checks', namespace: 'datadog' },
    ]);
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['without a deployed Cluster Agent', { clusterAgent: { enabled: false }, helmCheck: { enabled: true } }, /helmCheck.enabled needs a Cluster Agent deployed by this construct/],
      ['an option while off', { helmCheck: { collectEvents: true } }, /helmCheck.collectEvents needs helmCheck.enabled, which is false/],
      ['a bad value path', { helmCheck: { enabled: true, valuesAsTags: { 'a..b': 'x' } } }, /helmCheck.valuesAsTags key must be a path into the Helm values/],
      ['a bad tag name', { helmCheck: { enabled: true, valuesAsTags: { 'image.tag': '1tag' } } }, /helmCheck.valuesAsTags\["image.tag"\] must be a tag name/],
      ['a string for a boolean', { helmCheck: { enabled: 'true' } }, /helmCheck.enabled must be true or false/],
    ])('%s', (_name, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});
