import { ApiObject, Chart, Testing } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { clusterScoped, intOrString, typedPodTemplate, typedRules } from '../../src/model/objects';

test('cluster-scoped objects drop the Chart namespace, and work in a Chart without one', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
  clusterScoped(new k8s.KubeClusterRole(chart, 'r', { metadata: { name: 'r' } }));
  expect(Testing.synth(chart)[0].metadata).toEqual({ name: 'r' });
  const bare = new Chart(Testing.app(), 'b');
  clusterScoped(new k8s.KubeClusterRole(bare, 'r', { metadata: { name: 'r' } }));
  expect(Testing.synth(bare)[0].metadata).toEqual({ name: 'r' });
});

test('a lazily rendered plain template keeps its quantities and int-or-string ports through the typed classes', () => {
  const chart = new Chart(Testing.app(), 'c');
  const template = {
    metadata: { labels: { app: 'a' } },
    spec: {
      hostPID: true,
      containers: [{
        ports: [{ name: 'p', containerPort: 80, hostPort: 80, hostIP: '127.0.0.1', protocol: 'TCP' }],
        name: 'a',
        image: 'i',
        resources: { limits: { cpu: '100m' }, requests: { memory: '64Mi' } },
        livenessProbe: { httpGet: { path: '/live', port: 5555 } },
        readinessProbe: { tcpSocket: { port: 'http' } },
        env: [{ name: 'X', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } }],
      }],
      volumes: [{ name: 'v', emptyDir: { sizeLimit: '1Gi' } }],
    },
  };
  new k8s.KubeDeployment(chart, 'd', { spec: { selector: {}, template: typedPodTemplate(template) } });
  expect(Testing.synth(chart)[0].spec.template).toEqual(template);
  expect(ApiObject.of(new k8s.KubeService(chart, 's')).kind).toEqual('Service');
  expect([intOrString(1).value, intOrString('10%').value]).toEqual([1, '10%']);
});

test('policy rules keep their non-resource URLs through the typed classes', () => {
  const chart = new Chart(Testing.app(), 'c');
  const rules = [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }, { apiGroups: [''], resources: ['pods'], verbs: ['list'] }];
  new k8s.KubeClusterRole(chart, 'r', { rules: typedRules(rules) });
  expect(Testing.synth(chart)[0].rules).toEqual(rules);
});
