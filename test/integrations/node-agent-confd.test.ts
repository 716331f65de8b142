import { mountsOf, render } from '../support/helpers';

test('one subPath mount per check and per custom check, sorted, all read-only, in the agent container', () => {
  const m = render({
    integrations: [{ name: 'zk', instances: [{}] }, { name: 'apache', instances: [{ apache_status_url: 'http://x/server-status?auto' }] }],
    customChecks: [{ name: 'zz_custom', source: 'x' }, { name: 'aa_custom', source: 'y' }],
  });
  const mounts = Object.values(mountsOf(m.container('agent'))).filter((x: any) => x.name === 'confd' || x.name === 'checksd');
  expect(mounts).toEqual([
    { name: 'confd', mountPath: '/etc/datadog-agent/conf.d/apache.d/conf.yaml', subPath: 'apache.yaml', readOnly: true },
    { name: 'confd', mountPath: '/etc/datadog-agent/conf.d/zk.d/conf.yaml', subPath: 'zk.yaml', readOnly: true },
    { name: 'checksd', mountPath: '/etc/datadog-agent/checks.d/aa_custom.py', subPath: 'aa_custom.py', readOnly: true },
    { name: 'checksd', mountPath: '/etc/datadog-agent/checks.d/zz_custom.py', subPath: 'zz_custom.py', readOnly: true },
  ]);
});

test('the whole conf.d directory is not hidden: the config emptyDir stays mounted at /etc/datadog-agent', () => {
  const m = render({ integrations: [{ name: 'redisdb', instances: [{}] }] });
  const mounts = mountsOf(m.container('agent'));
  expect(mounts['/etc/datadog-agent'].name).toBe('config');
  expect(mounts['/etc/datadog-agent/conf.d']).toBeUndefined();
  expect(mounts['/etc/datadog-agent/conf.d/redisdb.d']).toBeUndefined();
});

test('custom checks alone: checksd without a confd ConfigMap', () => {
  const m = render({ customChecks: [{ name: 'only', source: 'x' }] });
  expect(m.find('ConfigMap', 'datadog-confd')).toBeUndefined();
  expect(m.volume('confd')).toBeUndefined();
  expect(m.daemonSet.spec.template.metadata.annotations).toEqual({ 'checksum/checksd-config': expect.stringMatching(/^[0-9a-f]{64}$/) });
});
