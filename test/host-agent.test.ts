import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import type { DatadogHostAgentAccessProps } from '../src';
import { ClusterAgentExposure, DatadogAgent, DatadogHostAgentAccess } from '../src';
import { Manifest, SECRET, synth, testChart } from './support/helpers';

const API = 'https://10.0.0.1:6443';

function hosts(props: Partial<DatadogHostAgentAccessProps> = {}, agentProps: any = undefined) {
  const chart = testChart();
  const agent = agentProps === undefined ? undefined : new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...agentProps });
  const withAgent = props.clusterAgent && agent ? { ...props, clusterAgent: { ...props.clusterAgent, agent } } : props;
  const access = new DatadogHostAgentAccess(chart, 'hosts', { apiServerUrl: API, ...withAgent });
  return { access, m: new Manifest(synth(chart)) };
}

/** Every (apiGroup, resource or URL, verb, name) a rule allows, sorted: the RBAC as a flat list. */
function tuples(rules: any[]): string[] {
  return rules.flatMap(r => (r.nonResourceURLs ?? r.resources).flatMap((res: string) => r.verbs.flatMap((v: string) =>
    (r.resourceNames ?? ['*']).map((n: string) => `${r.apiGroups ? r.apiGroups[0] || 'core' : 'url'} ${res} ${v} ${n}`)))).sort();
}

const KUBELET = ['core nodes/metrics get *', 'core nodes/proxy get *', 'core nodes/spec get *', 'core nodes/stats get *'];

describe('without a Cluster Agent', () => {
  const { access, m } = hosts({ clusterName: 'prod', tags: ['env:prod'] });

  test('a ServiceAccount without automounted token, a long-lived token Secret', () => {
    expect(m.get('ServiceAccount', 'datadog-host-agent')).toMatchObject({ metadata: { namespace: 'datadog' }, automountServiceAccountToken: false });
    const secret = m.get('Secret', 'datadog-host-agent-token');
    expect(secret).toMatchObject({
      type: 'kubernetes.io/service-account-token',
      metadata: { namespace: 'datadog', annotations: { 'kubernetes.io/service-account.name': 'datadog-host-agent' } },
    });
    expect(secret).not.toHaveProperty('data');
    expect(secret).not.toHaveProperty('stringData');
  });

  test('RBAC: the kubelet, cluster-wide reads and the API server check; event token and leader election in a Role', () => {
    expect(tuples(m.get('ClusterRole', 'datadog-host-agent').rules)).toEqual([
      'core componentstatuses list *',
      'core events list *', 'core events watch *',
      ...['namespaces', 'nodes'].flatMap(r => [`core ${r} get *`, `core ${r} list *`, `core ${r} watch *`]),
      ...KUBELET.slice(0, 2),
      'core nodes/spec get *', 'core nodes/stats get *',
      ...['pods', 'services'].flatMap(r => [`core ${r} get *`, `core ${r} list *`, `core ${r} watch *`]),
      'discovery.k8s.io endpointslices get *', 'discovery.k8s.io endpointslices list *', 'discovery.k8s.io endpointslices watch *',
      'url /healthz get *', 'url /version get *',
    ].sort());
    const role = m.objects.find(o => o.kind === 'Role' && o.metadata.name === 'datadog-host-agent');
    expect(role.metadata.namespace).toBe('datadog');
    expect(tuples(role.rules)).toEqual([
      'coordination.k8s.io leases create *', 'coordination.k8s.io leases get datadog-leader-election', 'coordination.k8s.io leases update datadog-leader-election',
      'core configmaps create *', 'core configmaps get datadog-leader-election', 'core configmaps get datadogtoken',
      'core configmaps update datadog-leader-election', 'core configmaps update datadogtoken',
    ].sort());
    expect(m.allows('datadog-host-agent', 'get', '', 'secrets')).toBe(false);
    // No wildcard anywhere.
    expect(JSON.stringify(m.objects)).not.toContain('"*"');
  });

  test('datadog.yaml fragment: kubelet, kubeconfig, token file, namespace, leader election and events; no secret', () => {
    const body = YAML.parse(access.datadogYaml);
    expect(body).toEqual({
      cluster_name: 'prod',
      tags: ['env:prod'],
      kubernetes_kubelet_host: 'localhost',
      kubernetes_https_kubelet_port: 10250,
      kubelet_tls_verify: true,
      kubelet_client_ca: '/var/lib/kubelet/pki/kubelet.crt',
      kubelet_auth_token_path: '/etc/datadog-agent/kubernetes/token',
      kubernetes_kubeconfig_path: '/etc/datadog-agent/kubernetes/kubeconfig',
      kube_resources_namespace: 'datadog',
      leader_election: true,
      collect_kubernetes_events: true,
    });
    expect(access.datadogYaml).toMatch(/Secret datadog\/datadog-host-agent-token, key "token"/);
    expect(access.datadogYaml).toMatch(/mode 0400, owned by dd-agent/);
    expect(YAML.parse(access.kubeconfig)).toEqual({
      'apiVersion': 'v1',
      'kind': 'Config',
      'clusters': [{ name: 'prod', cluster: { 'server': API, 'certificate-authority': '/etc/kubernetes/pki/ca.crt' } }],
      'users': [{ name: 'datadog-host-agent', user: { tokenFile: '/etc/datadog-agent/kubernetes/token' } }],
      'contexts': [{ name: 'datadog-host-agent', context: { cluster: 'prod', user: 'datadog-host-agent', namespace: 'datadog' } }],
      'current-context': 'datadog-host-agent',
    });
  });

  test('kubelet options', () => {
    const body = YAML.parse(hosts({ kubelet: { host: '127.0.0.1', port: 10260, tlsVerify: false } }).access.datadogYaml);
    expect(body).toMatchObject({ kubernetes_kubelet_host: '127.0.0.1', kubernetes_https_kubelet_port: 10260, kubelet_tls_verify: false });
    expect(body).not.toHaveProperty('kubelet_client_ca');
  });
});

describe('with a Cluster Agent', () => {
  test('NodePort: a Service selecting the Cluster Agent pods; only the kubelet rules; the URL and the token reference', () => {
    const { access, m } = hosts({ clusterAgent: { nodePort: 30505 } as any }, {});
    const svc = m.get('Service', 'datadog-cluster-agent-hosts');
    expect(svc.spec).toEqual({
      type: 'NodePort',
      selector: { app: 'datadog-cluster-agent' },
      ports: [{ name: 'agentport', port: 5005, targetPort: 5005, protocol: 'TCP', nodePort: 30505 }],
    });
    // The selector matches the Cluster Agent's pods.
    const dca = m.get('Deployment', 'datadog-cluster-agent');
    expect(dca.spec.template.metadata.labels).toMatchObject(svc.spec.selector);
    expect(tuples(m.get('ClusterRole', 'datadog-host-agent').rules)).toEqual(KUBELET);
    expect(m.objects.find(o => o.kind === 'Role' && o.metadata.name === 'datadog-host-agent')).toBeUndefined();
    const body = YAML.parse(access.datadogYaml);
    expect(body.cluster_agent).toEqual({ enabled: true, url: 'https://localhost:30505' });
    expect(body).not.toHaveProperty('leader_election');
    expect(access.datadogYaml).toMatch(/key "token" of Secret datadog\/datadog-secret/);
    expect(access.datadogYaml).toMatch(/DD_CLUSTER_AGENT_AUTH_TOKEN/);
  });

  test('LoadBalancer: the URL given', () => {
    const { access, m } = hosts({ clusterAgent: { exposure: ClusterAgentExposure.LOAD_BALANCER, url: 'https://dca.internal:5005' } as any }, {});
    expect(m.get('Service', 'datadog-cluster-agent-hosts').spec.type).toBe('LoadBalancer');
    expect(YAML.parse(access.datadogYaml).cluster_agent.url).toBe('https://dca.internal:5005');
  });
});

test('app.synth() writes the fragment and the kubeconfig next to the manifests, the same on every synthesis', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'host-agent-'));
  const app = new App({ outdir });
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  const access = new DatadogHostAgentAccess(chart, 'hosts', { apiServerUrl: API });
  app.synth();
  expect(readdirSync(outdir).sort()).toEqual(['datadog-host-agent.datadog.yaml', 'datadog-host-agent.kubeconfig', 'datadog.k8s.yaml']);
  const first = readFileSync(join(outdir, 'datadog-host-agent.datadog.yaml'), 'utf8');
  expect(first).toBe(access.datadogYaml);
  app.synth();
  expect(readFileSync(join(outdir, 'datadog-host-agent.datadog.yaml'), 'utf8')).toBe(first);
});

test('bad input names the option, prefixed with the construct path', () => {
  const bad = (props: any, agentProps?: any) => () => hosts(props, agentProps);
  expect(bad({ apiServerUrl: 'http://10.0.0.1' })).toThrow(/^test\/hosts: apiServerUrl must be an https:\/\/ URL/);
  expect(bad({ apiServerUrl: undefined })).toThrow(/apiServerUrl is required/);
  expect(bad({ nam: 'x' })).toThrow(/nam is not an option of DatadogHostAgentAccessProps; did you mean "name"\?/);
  expect(bad({ name: 'Bad_Name' })).toThrow(/test\/hosts: name/);
  expect(bad({ hostDir: 'relative' })).toThrow(/hostDir/);
  expect(bad({ tags: ['has space'] })).toThrow(/tags\[0\]/);
  expect(bad({ kubelet: { port: 0 } })).toThrow(/kubelet.port/);
  expect(bad({ clusterAgent: {} }, {})).toThrow(/clusterAgent.nodePort is required with ClusterAgentExposure.NODE_PORT/);
  expect(bad({ clusterAgent: { nodePort: 80 } }, {})).toThrow(/clusterAgent.nodePort/);
  expect(bad({ clusterAgent: { exposure: ClusterAgentExposure.LOAD_BALANCER } }, {})).toThrow(/clusterAgent.url is required/);
  expect(bad({ clusterAgent: { nodePort: 30505 } }, { clusterAgent: { enabled: false } })).toThrow(/deploys no Cluster Agent/);
});

test('docs/host-agents.md names every resource and URL the rules grant, in both modes', () => {
  const doc = readFileSync(join(__dirname, '..', 'docs', 'host-agents.md'), 'utf8');
  for (const m of [hosts().m, hosts({ clusterAgent: { nodePort: 30505 } as any }, {}).m]) {
    const rules = m.objects.filter(o => (o.kind === 'ClusterRole' || o.kind === 'Role') && o.metadata.name === 'datadog-host-agent').flatMap(o => o.rules);
    for (const r of rules) {
      for (const x of [...(r.resources ?? []), ...(r.nonResourceURLs ?? []), ...(r.resourceNames ?? [])]) expect(`${x}: ${doc.includes(`\`${x}\``)}`).toBe(`${x}: true`);
    }
  }
});
