import { flagsOf, ruleText } from '../../src/review/report';

const rule = (r: Partial<Parameters<typeof flagsOf>[0]>) => ({ apiGroups: [''], resources: [], nonResourceURLs: [], resourceNames: [], verbs: ['get'], ...r });

describe('flagsOf', () => {
  test.each([
    ['a wildcard verb', rule({ resources: ['pods'], verbs: ['*'] }), true, ['wildcard']],
    ['a wildcard resource', rule({ resources: ['*'] }), false, ['wildcard']],
    ['a subresource wildcard', rule({ resources: ['pods/*'] }), false, ['wildcard']],
    ['cluster-wide Secrets', rule({ resources: ['secrets'], verbs: ['list'] }), true, ['secrets (every namespace)']],
    ['namespaced Secrets', rule({ resources: ['secrets'], verbs: ['get'] }), false, ['secrets (whole namespace)']],
    ['creating Secrets (which reads none)', rule({ resources: ['secrets'], verbs: ['create'] }), false, ['secrets (create only, whole namespace)']],
    ['named Secrets', rule({ resources: ['secrets'], resourceNames: ['x'] }), true, ['secrets (named)']],
    ['a cluster-wide create', rule({ resources: ['configmaps'], verbs: ['create'] }), true, ['cluster-wide write']],
    ['a named cluster-wide update', rule({ resources: ['configmaps'], resourceNames: ['x'], verbs: ['update'] }), true, []],
    ['a namespaced write', rule({ resources: ['configmaps'], verbs: ['delete'] }), false, []],
    ['nodes/proxy', rule({ resources: ['nodes/proxy'] }), true, ['nodes/proxy']],
    ['impersonate, escalate, bind', rule({ resources: ['users', 'roles'], verbs: ['impersonate', 'escalate', 'bind'] }), false, ['impersonate', 'escalate', 'bind']],
    ['a read of non-resource URLs', rule({ apiGroups: [], nonResourceURLs: ['/metrics'] }), true, []],
  ])('%s', (_n, r, clusterWide, flags) => {
    expect(flagsOf(r, clusterWide)).toEqual(flags);
  });
});

describe('ruleText', () => {
  test.each([
    [rule({ resources: ['pods', 'nodes'], verbs: ['get', 'list'] }), 'pods,nodes → get,list'],
    [rule({ apiGroups: ['apps'], resources: ['deployments'] }), 'apps/deployments → get'],
    [rule({ apiGroups: ['', 'apps'], resources: ['x'] }), 'x (groups core,apps) → get'],
    [rule({ resources: ['configmaps'], resourceNames: ['a', 'b'], verbs: ['update'] }), 'configmaps [a,b] → update'],
    [rule({ apiGroups: [], nonResourceURLs: ['/version'] }), '/version → get'],
  ])('%j', (r, text) => {
    expect(ruleText({ ...r, scope: 'cluster', role: 'ClusterRole/x', flags: [] })).toEqual(text);
  });
});
