import { ClusterAgentConfd, clusterAgentConfd } from '../../src/components/cluster-agent-confd';
import { PodModel } from '../../src/model/pod';

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
