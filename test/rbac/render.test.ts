import { Construct } from 'constructs';
import { resolveConfig } from '../../src/config';
import type { RbacGrant } from '../../src/feature';
import { EXTERNAL_METRICS_READER_RULE, renderRbac, serviceAccountOf } from '../../src/rbac/render';
import { SECRET, synth, testChart } from '../support/helpers';

const PODS = { apiGroups: [''], resources: ['pods'], verbs: ['get'] };
const DEPLOYMENTS = { apiGroups: ['apps'], resources: ['deployments'], verbs: ['list'] };
const NODES = { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] };

/** Renders these grants alone in a chart and returns the synthesized objects, by `Kind/namespace/name`. */
function rendered(grants: RbacGrant[]): { objects: any[]; keys: string[]; get: (kind: string, name: string, namespace?: string) => any } {
  const chart = testChart();
  const c = resolveConfig({ credentials: SECRET }, 'datadog');
  const map = renderRbac(new Construct(chart, 'rbac'), c, grants);
  const objects = synth(chart);
  const get = (kind: string, name: string, namespace?: string) => {
    const found = objects.filter(o => o.kind === kind && o.metadata.name === name && o.metadata.namespace === namespace);
    expect(found).toHaveLength(1);
    return found[0];
  };
  return { objects, keys: [...map.keys()], get };
}

function refused(grants: RbacGrant[]): () => void {
  const c = resolveConfig({ credentials: SECRET }, 'datadog');
  return () => renderRbac(new Construct(testChart(), 'rbac'), c, grants);
}

describe('renderRbac', () => {
  test('grants to the same role merge in the order they were made; an identical rule appears once', () => {
    const r = rendered([
      { to: 'clusterAgent', rules: [PODS] },
      { to: 'clusterAgent', rules: [{ ...PODS }, DEPLOYMENTS, PODS] },
      { to: 'clusterAgent', rules: [NODES] },
    ]);
    expect(r.objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual(['ClusterRole/datadog-cluster-agent', 'ClusterRoleBinding/datadog-cluster-agent']);
    expect(r.get('ClusterRole', 'datadog-cluster-agent').rules).toEqual([PODS, DEPLOYMENTS, NODES]);
  });

  test('rules that differ only slightly are both kept (nothing is widened or merged away)', () => {
    const r = rendered([{ to: 'nodeAgent', rules: [PODS, { ...PODS, verbs: ['get', 'watch'] }, { ...PODS, resourceNames: ['x'] }] }]);
    expect(r.get('ClusterRole', 'datadog').rules).toHaveLength(3);
  });

  test('every role gets a binding of the same kind and name to the component\'s ServiceAccount', () => {
    const r = rendered([
      { to: 'nodeAgent', rules: [PODS] },
      { to: 'clusterAgent', role: 'datadog-extra', rules: [PODS] },
      { to: 'clusterChecksRunner', rules: [NODES] },
    ]);
    expect(r.keys).toEqual(['ClusterRole/datadog', 'ClusterRole/datadog-extra', 'ClusterRole/datadog-cluster-checks']);
    for (const [name, sa, component] of [
      ['datadog', 'datadog', 'agent'],
      ['datadog-extra', 'datadog-cluster-agent', 'cluster-agent'],
      ['datadog-cluster-checks', 'datadog-cluster-checks', 'clusterchecks-runner'],
    ]) {
      const role = r.get('ClusterRole', name);
      const binding = r.get('ClusterRoleBinding', name);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa, namespace: 'datadog' }]);
      expect(role.metadata.labels['app.kubernetes.io/component']).toBe(component);
      expect(binding.metadata.labels).toEqual(role.metadata.labels);
    }
  });

  test('namespaced grants give a Role and RoleBinding, in the agent\'s namespace or in another one', () => {
    const r = rendered([
      { to: 'clusterAgent', role: 'datadog-ns', namespaced: true, rules: [PODS] },
      { to: 'clusterAgent', role: 'datadog-ns', namespace: 'kube-system', rules: [NODES] },
      { to: 'clusterAgent', role: 'datadog-ns', rules: [DEPLOYMENTS] },
    ]);
    // Same name, three roles: one per namespace, and a ClusterRole; none merges into another.
    expect(r.keys).toEqual(['Role/datadog-ns', 'Role/kube-system/datadog-ns', 'ClusterRole/datadog-ns']);
    expect(r.get('Role', 'datadog-ns', 'datadog').rules).toEqual([PODS]);
    expect(r.get('Role', 'datadog-ns', 'kube-system').rules).toEqual([NODES]);
    expect(r.get('ClusterRole', 'datadog-ns').rules).toEqual([DEPLOYMENTS]);
    for (const ns of ['datadog', 'kube-system']) {
      const binding = r.get('RoleBinding', 'datadog-ns', ns);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'datadog-ns' });
      // The ServiceAccount lives in the agent's namespace, wherever the Role is.
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'datadog-cluster-agent', namespace: 'datadog' }]);
    }
    expect(r.get('ClusterRoleBinding', 'datadog-ns').roleRef.kind).toBe('ClusterRole');
  });

  test('wildcards are refused, in verbs, resources, API groups and non-resource URLs', () => {
    for (const rule of [
      { ...PODS, resources: ['*'] },
      { ...PODS, verbs: ['*'] },
      { ...PODS, apiGroups: ['*'] },
      { ...PODS, resources: ['pods/*'] },
      { nonResourceURLs: ['/metrics/*'], verbs: ['get'] },
    ]) {
      expect(refused([{ to: 'nodeAgent', rules: [PODS, rule] }])).toThrow(/RBAC: ClusterRole\/datadog would get a wildcard rule/);
    }
  });

  test('the one wildcard rule is allowed only as itself, only in the external metrics reader role', () => {
    const reader = 'datadog-cluster-agent-external-metrics-reader';
    expect(rendered([{ to: 'clusterAgent', role: reader, rules: [EXTERNAL_METRICS_READER_RULE] }]).get('ClusterRole', reader).rules)
      .toEqual([EXTERNAL_METRICS_READER_RULE]);
    expect(refused([{ to: 'clusterAgent', rules: [EXTERNAL_METRICS_READER_RULE] }])).toThrow(/wildcard/);
    expect(refused([{ to: 'clusterAgent', role: reader, namespaced: true, rules: [EXTERNAL_METRICS_READER_RULE] }])).toThrow(/wildcard/);
    expect(refused([{ to: 'clusterAgent', role: reader, rules: [{ ...EXTERNAL_METRICS_READER_RULE, verbs: ['list', 'watch'] }] }])).toThrow(/wildcard/);
  });

  test('one role cannot be granted to two components', () => {
    expect(refused([{ to: 'nodeAgent', role: 'x', rules: [PODS] }, { to: 'clusterAgent', role: 'x', rules: [PODS] }]))
      .toThrow('RBAC: ClusterRole/x granted to both nodeAgent and clusterAgent');
  });

  test('service account names', () => {
    const c = resolveConfig({ credentials: SECRET }, 'datadog');
    expect(['nodeAgent', 'clusterAgent', 'clusterChecksRunner'].map(x => serviceAccountOf(c, x as any)))
      .toEqual(['datadog', 'datadog-cluster-agent', 'datadog-cluster-checks']);
  });
});
