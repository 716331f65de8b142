import { Chart, Testing } from 'cdk8s';
import { DatadogAgent } from '../../src';
import { ClusterAgentConfd, clusterAgentConfd } from '../../src/components/cluster-agent-confd';
import { PodModel } from '../../src/model/pod';
import { Manifest, SECRET, synth } from '../support/helpers';

describe('Cluster Agent conf.d registry', () => {
  test('files become sorted data and items; the checksum follows the content', () => {
    const r = new ClusterAgentConfd();
    expect(r.empty).toBe(true);
    r.add('zk', 'zk.yaml', 'a: 1\n').add('http_check', 'http_check.yaml', 'b: 2\n');
    expect(r.data()).toEqual({ 'http_check.yaml': 'b: 2\n', 'zk.yaml': 'a: 1\n' });
    expect(r.items()).toEqual([{ key: 'http_check.yaml', path: 'http_check.d/http_check.yaml' }, { key: 'zk.yaml', path: 'zk.d/zk.yaml' }]);
    const before = r.checksum();
    const same = new ClusterAgentConfd().add('http_check', 'http_check.yaml', 'b: 2\n').add('zk', 'zk.yaml', 'a: 1\n');
    expect(same.checksum()).toBe(before);
    expect(new ClusterAgentConfd().add('zk', 'zk.yaml', 'a: 2\n').checksum()).not.toBe(new ClusterAgentConfd().add('zk', 'zk.yaml', 'a: 1\n').checksum());
  });

  test('adding the same file twice is fine; different content throws', () => {
    const r = new ClusterAgentConfd().add('zk', 'zk.yaml', 'a: 1\n').add('zk', 'zk.yaml', 'a: 1\n');
    expect(() => r.add('zk', 'zk.yaml', 'a: 2\n')).toThrow(/zk.yaml added twice with different content/);
    expect(() => r.add('Bad Check', 'x.yaml', '')).toThrow(/invalid check name/);
    expect(() => r.add('ok', 'a/b.yaml', '')).toThrow(/invalid file name/);
  });

  test('one registry per pod', () => {
    const a = new PodModel('clusterAgent');
    const b = new PodModel('clusterAgent');
    expect(clusterAgentConfd(a)).toBe(clusterAgentConfd(a));
    expect(clusterAgentConfd(a)).not.toBe(clusterAgentConfd(b));
  });
});

describe('late files', () => {
  test('a file added after construction still lands in the ConfigMap, the volume and the checksum', () => {
    const chart = new Chart(Testing.app(), 't', { namespace: 'datadog' });
    const dd = new DatadogAgent(chart, 'dd', { credentials: SECRET, kubeStateMetricsCore: { enabled: false }, eventCollection: { enabled: false } });
    clusterAgentConfd(dd.clusterAgent!._pod).add('http_check', 'http_check.yaml', 'instances: []\n');
    const m = new Manifest(synth(chart));
    expect(m.get('ConfigMap', 'datadog-cluster-agent-confd').data).toEqual({ 'http_check.yaml': 'instances: []\n' });
    expect(m.volume('confd', m.clusterAgent).configMap.items).toEqual([{ key: 'http_check.yaml', path: 'http_check.d/http_check.yaml' }]);
    expect(m.clusterAgent.spec.template.metadata.annotations['checksum/confd-config']).toMatch(/^[0-9a-f]{64}$/);
    // After rendering, the registry is sealed: a file added now would be lost, so it throws.
    expect(() => clusterAgentConfd(dd.clusterAgent!._pod).add('x', 'x.yaml', '')).toThrow(/added after the Cluster Agent pod was rendered/);
  });

  test('without files there is no ConfigMap', () => {
    const chart = new Chart(Testing.app(), 't', { namespace: 'datadog' });
    new DatadogAgent(chart, 'dd', { credentials: SECRET, kubeStateMetricsCore: { enabled: false }, eventCollection: { enabled: false } });
    expect(new Manifest(synth(chart)).find('ConfigMap', 'datadog-cluster-agent-confd')).toBeUndefined();
  });
});
