import { ApiObject, Chart, Testing } from 'cdk8s';
import { podTemplateOf } from '../../src/integrations/pod-template';
import { synth } from '../support/helpers';

const chart = () => new Chart(Testing.app(), 'apps', { namespace: 'apps' });

test('a CronJob ApiObject: the pod template under jobTemplate, created metadata, escaped keys', () => {
  const c = chart();
  const cron = new ApiObject(c, 'cron', {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'nightly' },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox' }] } } } } },
  });
  const t = podTemplateOf('here', cron);
  expect(t.containerNames()).toEqual(['job']);
  t.setPodAnnotation('a.example.com/x~y', '1');
  t.setPodAnnotation('b.example.com/z', '2');
  t.setPodLabel('tags.datadoghq.com/env', 'prod');
  t.addContainerLabelEnv('job', 'DD_ENV', 'tags.datadoghq.com/env');
  expect(t.podAnnotation('a.example.com/x~y')).toBe('1');
  expect(t.podLabel('tags.datadoghq.com/env')).toBe('prod');
  expect(t.containerEnvNames('job')).toEqual(['DD_ENV']);
  const o = synth(c)[0];
  const template = o.spec.jobTemplate.spec.template;
  expect(template.metadata).toEqual({ annotations: { 'a.example.com/x~y': '1', 'b.example.com/z': '2' }, labels: { 'tags.datadoghq.com/env': 'prod' } });
  expect(template.spec.containers[0].env).toEqual([{ name: 'DD_ENV', valueFrom: { fieldRef: { fieldPath: "metadata.labels['tags.datadoghq.com/env']" } } }]);
});

test('a Pod ApiObject uses its own metadata', () => {
  const c = chart();
  const pod = new ApiObject(c, 'p', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'x', image: 'busybox' }] } });
  const t = podTemplateOf('here', pod);
  t.setPodLabel('l', 'v');
  t.setPodAnnotation('a', 'b');
  expect(synth(c)[0].metadata).toMatchObject({ labels: { l: 'v' }, annotations: { a: 'b' } });
});
