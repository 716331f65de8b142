import { explainFinding } from '../../src/differences';
import { envOf, render } from '../support/helpers';

describe('secrets backend', () => {
  test('off by default: no env, no Secret access anywhere', () => {
    const m = render();
    expect(envOf(m.container('agent'))).not.toHaveProperty('DD_SECRET_BACKEND_COMMAND');
    expect(JSON.stringify(m.objects.filter(o => o.kind === 'Role' || o.kind === 'ClusterRole').filter(o => o.metadata.name.includes('secret-reader')))).toEqual('[]');
  });

  test('env on every component, as the chart\'s components-common-env', () => {
    const m = render({ secretBackend: { enabled: true, timeoutSeconds: 60, refreshIntervalSeconds: 3600, arguments: '-v' }, clusterChecksRunner: { enabled: true } });
    const expected = { DD_SECRET_BACKEND_COMMAND: '/readsecret_multiple_providers.sh', DD_SECRET_BACKEND_ARGUMENTS: '-v', DD_SECRET_BACKEND_TIMEOUT: '60', DD_SECRET_REFRESH_INTERVAL: '3600' };
    for (const ct of [m.container('agent'), m.container('trace-agent'), m.container('init-config'), m.container('cluster-agent', m.clusterAgent), m.container('agent', m.get('Deployment', 'datadog-clusterchecks'))]) {
      expect(envOf(ct)).toMatchObject(expected);
    }
  });

  test('blank arguments render no DD_SECRET_BACKEND_ARGUMENTS (an empty value would read as unset)', () => {
    for (const args of ['', '  ']) {
      expect(envOf(render({ secretBackend: { enabled: true, arguments: args } }).container('agent'))).not.toHaveProperty('DD_SECRET_BACKEND_ARGUMENTS');
    }
  });

  test('read access to exactly the listed Secrets, per namespace, for every component', () => {
    const m = render({
      secretBackend: { enabled: true, readableSecrets: [{ namespace: 'shop', names: ['orders-db', 'cache'] }, { namespace: 'datadog', names: ['dd-extra'] }] },
      clusterChecksRunner: { enabled: true },
      // (the admission controller's own Role reads Secrets of the agents' namespace: its webhook certificate)
      clusterAgent: { admissionController: { enabled: false } },
    });
    for (const sa of ['datadog', 'datadog-cluster-agent', 'datadog-cluster-checks']) {
      expect(m.allows(sa, 'get', '', 'secrets', 'orders-db')).toBe(true);
      expect(m.allows(sa, 'get', '', 'secrets', 'dd-extra')).toBe(true);
      expect(m.allows(sa, 'get', '', 'secrets', 'something-else')).toBe(false);
    }
    // (kube-state-metrics core lists Secrets' metadata for the Cluster Agent; the backend adds no list)
    for (const sa of ['datadog', 'datadog-cluster-checks']) expect(m.allows(sa, 'list', '', 'secrets', 'orders-db')).toBe(false);
    const role = m.objects.find(o => o.kind === 'Role' && o.metadata.name === 'datadog-secret-reader' && o.metadata.namespace === 'shop');
    expect(role.rules).toEqual([{ apiGroups: [''], resources: ['secrets'], resourceNames: ['cache', 'orders-db'], verbs: ['get'] }]);
    const binding = m.objects.find(o => o.kind === 'RoleBinding' && o.metadata.name === 'datadog-secret-reader' && o.metadata.namespace === 'shop');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'datadog', namespace: 'datadog' }]);
    // reading Secret values is never granted cluster-wide
    const clusterRules = m.objects.filter(o => o.kind === 'ClusterRole').flatMap(o => o.rules);
    expect(clusterRules.some((r: any) => r.resources?.includes('secrets') && r.verbs.includes('get'))).toBe(false);
  });

  test('bad input', () => {
    expect(() => render({ secretBackend: { command: '/x' } })).toThrow(/secretBackend.command needs secretBackend.enabled, which is false/);
    expect(() => render({ secretBackend: { enabled: true, command: 'readsecret.sh' } })).toThrow(/secretBackend.command must be an absolute path/);
    expect(() => render({ secretBackend: { enabled: true, refreshIntervalSeconds: 5 } })).toThrow(/secretBackend.refreshIntervalSeconds must be >= 60, got 5/);
    expect(() => render({ secretBackend: { enabled: true, readableSecrets: [{ namespace: 'shop', names: [] }] } })).toThrow(/secretBackend.readableSecrets\[0\].names must list at least one Secret/);
    expect(() => render({ secretBackend: { enabled: true, readableSecrets: [{ namespace: 'Shop', names: ['a'] }] } })).toThrow(/secretBackend.readableSecrets\[0\].namespace must be a lowercase RFC 1123 label/);
    expect(() => render({ secretBackend: { enabled: true, readableSecrets: [{ namespace: 'a', names: ['x'] }, { namespace: 'a', names: ['y'] }] } }))
      .toThrow(/secretBackend.readableSecrets\[1\].namespace "a" is also listed at secretBackend.readableSecrets\[0\]/);
  });
});

describe('named Secrets are a documented difference (secret-backend-rbac)', () => {
  test('the chart\'s per-namespace Roles of roles[] and ours of readableSecrets', () => {
    for (const k of ['-object:Role/datadog-secret-reader-apps:', '-rbac:Role/datadog-secret-reader-apps::secrets:list:db', '-binding:RoleBinding/datadog-read-secrets-apps:roleRef',
      '+object:Role/datadog-cluster-agent-secret-reader:', '+rbac:Role/datadog-secret-reader::secrets:get:db', '+binding:RoleBinding/datadog-secret-reader:subject ServiceAccount/datadog',
      '-rbac:ClusterRole/datadog::secrets:get:', '-rbac:ClusterRole/datadog-cluster-agent::secrets:get:']) {
      expect(explainFinding(k)?.id).toBe('secret-backend-rbac');
    }
    expect(explainFinding('+rbac:Role/datadog-cluster-agent-main::secrets:get:db')?.id).not.toBe('secret-backend-rbac');
    expect(explainFinding('+rbac:Role/datadog-other::secrets:get:db')).toBeUndefined();
    expect(explainFinding('-rbac:ClusterRole/datadog::secrets:get:named')).toBeUndefined();
  });
});
