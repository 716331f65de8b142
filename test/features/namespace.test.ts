import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent } from '../../src';
import { render } from '../support/helpers';

describe('createNamespace', () => {
  test('off by default: no Namespace object', () => {
    expect(render().find('Namespace', 'datadog')).toBeUndefined();
  });

  test('on: the Namespace, cluster-scoped, labelled privileged for Pod Security Admission, first in the output', () => {
    const m = render({ createNamespace: true }, 'monitoring');
    const ns = m.get('Namespace', 'monitoring');
    expect(ns.metadata.namespace).toBeUndefined();
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'privileged',
      'pod-security.kubernetes.io/audit': 'privileged',
      'pod-security.kubernetes.io/warn': 'privileged',
      'app.kubernetes.io/managed-by': 'cdk8s-datadog',
    });
    expect(m.objects[0].kind).toBe('Namespace');
  });

  test('privileged is the level needed: the node agent uses host paths and hostPID, which baseline forbids', () => {
    const spec = render().daemonSet.spec.template.spec;
    expect(spec.volumes.some((v: any) => v.hostPath)).toBe(true);
    expect(spec.hostPID).toBe(true);
  });

  test('objects created at synthesis (integration ConfigMaps) still come after the Namespace', () => {
    const app = new App({ outdir: '/tmp' });
    const chart = new Chart(app, 'c', { namespace: 'datadog' });
    const dd = new DatadogAgent(chart, 'datadog', { credentials: Credentials.fromSecret('s'), createNamespace: true });
    dd.addIntegration({ name: 'redisdb', adIdentifiers: ['redis'], instances: [{ host: '%%host%%' }] });
    const objs = chart.toJson();
    expect(objs[0].kind).toBe('Namespace');
    expect(objs.filter((o: any) => o.kind === 'Namespace')).toHaveLength(1);
  });

  test('rejects a non-boolean', () => {
    expect(() => render({ createNamespace: 'yes' as any })).toThrow(/createNamespace must be true or false, got "yes"/);
  });
});
