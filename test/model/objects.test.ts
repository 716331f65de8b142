import { Chart, Testing } from 'cdk8s';
import { clusterScoped } from '../../src/model/objects';

test('cluster-scoped objects drop the Chart namespace', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
  clusterScoped(chart, 'r', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' } });
  expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'r' });
});
