import { Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { resolveConfig } from '../../src/config';
import { renderRbac, serviceAccountOf } from '../../src/rbac/render';
import { SECRET, synth, testChart } from '../support/helpers';

function setup() {
  const chart = testChart();
  const c = resolveConfig({ credentials: SECRET }, 'datadog');
  return { chart, c, scope: new Construct(chart, 'rbac') };
}

describe('renderRbac', () => {
  test('grants to the same role merge, duplicates appear once, bindings follow', () => {
    const { chart, c, scope } = setup();
    const rule = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
    renderRbac(scope, c, [
      { to: 'clusterAgent', rules: [rule] },
      { to: 'clusterAgent', rules: [rule, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] }] },
      { to: 'clusterAgent', role: 'datadog-extra', rules: [rule] },
      { to: 'clusterAgent', role: 'datadog-ns', namespaced: true, rules: [rule] },
    ]);
    const objs = synth(chart);
    expect(objs.find(o => o.kind === 'ClusterRole' && o.metadata.name === 'datadog-cluster-agent').rules).toHaveLength(2);
    expect(objs.find(o => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'datadog-extra').subjects)
      .toEqual([{ kind: 'ServiceAccount', name: 'datadog-cluster-agent', namespace: 'datadog' }]);
    const role = objs.find(o => o.kind === 'Role');
    expect(role.metadata.namespace).toEqual('datadog');
    expect(objs.find(o => o.kind === 'RoleBinding').roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'datadog-ns' });
  });

  test('wildcards are refused', () => {
    const { c, scope } = setup();
    expect(() => renderRbac(scope, c, [{ to: 'nodeAgent', rules: [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }] }])).toThrow(/wildcard/);
    expect(() => renderRbac(scope, c, [{ to: 'nodeAgent', rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'] }] }])).toThrow(/wildcard/);
  });

  test('one role cannot be granted to two components', () => {
    const { c, scope } = setup();
    const rules = [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }];
    expect(() => renderRbac(scope, c, [{ to: 'nodeAgent', role: 'x', rules }, { to: 'clusterAgent', role: 'x', rules }])).toThrow(/granted to both/);
  });

  test('service account names', () => {
    const c = resolveConfig({ credentials: SECRET }, 'datadog');
    expect(['nodeAgent', 'clusterAgent', 'clusterChecksRunner'].map(x => serviceAccountOf(c, x as any)))
      .toEqual(['datadog', 'datadog-cluster-agent', 'datadog-cluster-checks']);
    expect(Testing).toBeDefined();
  });
});
