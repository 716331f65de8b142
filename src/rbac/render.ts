import type { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { componentLabels } from '../components/labels';
import type { CoreConfig } from '../config';
import type { Component, RbacGrant } from '../feature';
import type { PolicyRule } from '../model/k8s-json';
import { clusterScoped, typedRules } from '../model/objects';

/** The name of a component's own ClusterRole/Role: the chart's, which is the workload's name. */
function ownRoleName(c: CoreConfig, component: Component): string {
  switch (component) {
    case 'nodeAgent': return c.names.nodeAgent;
    case 'clusterAgent': return c.names.clusterAgent;
    case 'clusterChecksRunner': return c.names.clusterChecksRunnerServiceAccount;
  }
}

/** The ServiceAccount name of each component (GKE Autopilot fixes the node agent's). */
export function serviceAccountOf(c: CoreConfig, component: Component): string {
  switch (component) {
    case 'nodeAgent': return c.names.nodeAgentServiceAccount;
    case 'clusterAgent': return c.names.clusterAgent;
    case 'clusterChecksRunner': return c.names.clusterChecksRunnerServiceAccount;
  }
}

const LABEL_OF: Record<Component, string> = { nodeAgent: 'agent', clusterAgent: 'cluster-agent', clusterChecksRunner: 'clusterchecks-runner' };

/**
 * Renders grants into ClusterRoles/Roles and their bindings. Grants to the same role merge in the
 * order they were made; identical rules appear once. No rule is ever widened here: what a module
 * asked for is what is granted.
 */
export function renderRbac(scope: Construct, c: CoreConfig, grants: RbacGrant[]): Map<string, ApiObject> {
  const roles = new Map<string, { kind: 'ClusterRole' | 'Role'; name: string; namespace?: string; to: Component; rules: PolicyRule[] }>();
  for (const g of grants) {
    const kind = g.namespaced || g.namespace ? 'Role' : 'ClusterRole';
    const namespace = kind === 'Role' ? g.namespace ?? c.namespace : undefined;
    const name = g.role ?? ownRoleName(c, g.to);
    const key = namespace && namespace !== c.namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
    const existing = roles.get(key);
    if (existing && existing.to !== g.to) throw new Error(`RBAC: ${key} granted to both ${existing.to} and ${g.to}`);
    const entry = existing ?? { kind, name, namespace, to: g.to, rules: [] };
    for (const rule of g.rules) {
      checkRule(key, rule);
      if (!entry.rules.some(r => JSON.stringify(r) === JSON.stringify(rule))) entry.rules.push(rule);
    }
    roles.set(key, entry);
  }
  const out = new Map<string, ApiObject>();
  for (const [key, r] of roles) {
    const name = r.name;
    const labels = componentLabels(c, LABEL_OF[r.to]);
    const ns = r.namespace ? { namespace: r.namespace } : {};
    const binding = {
      metadata: { name, ...ns, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: r.kind, name },
      subjects: [{ kind: 'ServiceAccount', name: serviceAccountOf(c, r.to), namespace: c.namespace }],
    };
    if (r.kind === 'Role') {
      out.set(key, new k8s.KubeRole(scope, key, { metadata: { name, ...ns, labels }, rules: typedRules(r.rules) }));
      new k8s.KubeRoleBinding(scope, `${key}Binding`, binding);
    } else {
      out.set(key, clusterScoped(new k8s.KubeClusterRole(scope, key, { metadata: { name, labels }, rules: typedRules(r.rules) })));
      clusterScoped(new k8s.KubeClusterRoleBinding(scope, `${key}Binding`, binding));
    }
  }
  return out;
}

/**
 * The single wildcard rule this library renders, and the only role that may hold it: the HPA
 * controller's read access to external metrics. External metrics are API resources named after
 * the metric (`datadogmetric@ns:name`, or a metric query), so no list of names can cover them.
 * It grants `list` only, the one call the HPA controller makes.
 */
export const EXTERNAL_METRICS_READER_RULE: PolicyRule = { apiGroups: ['external.metrics.k8s.io'], resources: ['*'], verbs: ['list'] };
const EXTERNAL_METRICS_READER_ROLE = /^ClusterRole\/[-a-z0-9]+-cluster-agent-external-metrics-reader$/;

/**
 * Least privilege, enforced: no wildcard verb, resource or API group in any rule we render, except
 * EXTERNAL_METRICS_READER_RULE exactly, in the ClusterRole `F-cluster-agent-external-metrics-reader`.
 * `role` is `<Kind>/<name>`.
 */
export function checkRule(role: string, rule: PolicyRule): void {
  const all = [...rule.verbs, ...(rule.resources ?? []), ...(rule.apiGroups ?? []), ...(rule.nonResourceURLs ?? [])];
  if (!all.some(x => x.includes('*'))) return;
  if (EXTERNAL_METRICS_READER_ROLE.test(role) && JSON.stringify(rule) === JSON.stringify(EXTERNAL_METRICS_READER_RULE)) return;
  throw new Error(`RBAC: ${role} would get a wildcard rule ${JSON.stringify(rule)}`);
}
