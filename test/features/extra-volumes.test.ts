import * as kplus from 'cdk8s-plus-27';
import { ExtraVolume, HostPathType } from '../../src';
import { featureSlice, mountsOf, render } from '../support/helpers';

describe('extra volumes', () => {
  test('snapshot: every source kind, node-wide and per-container mounts, Cluster Agent', () => {
    const m = render({
      nodeAgent: {
        volumes: [
          ExtraVolume.hostPath('host-certs', '/etc/ssl/certs', HostPathType.DIRECTORY),
          ExtraVolume.configMap('checks', 'my-checks', { items: [{ key: 'redis.yaml', path: 'redisdb.d/conf.yaml' }], defaultMode: 0o444 }),
          ExtraVolume.secret('tls', 'my-tls', { optional: true }),
          ExtraVolume.emptyDir('scratch', { memory: true, sizeLimit: '64Mi' }),
        ],
        volumeMounts: [{ volume: 'host-certs', mountPath: '/etc/ssl/certs' }],
        containers: {
          agent: { volumeMounts: [{ volume: 'checks', mountPath: '/etc/datadog-agent/conf.d/custom' }, { volume: 'scratch', mountPath: '/scratch', readOnly: false }] },
          traceAgent: { volumeMounts: [{ volume: 'tls', mountPath: '/etc/tls', subPath: 'tls.crt' }] },
        },
      },
      clusterAgent: {
        volumes: [ExtraVolume.configMap('dca-extra', 'dca-extra')],
        volumeMounts: [{ volume: 'dca-extra', mountPath: '/etc/extra' }],
      },
    });
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('volumes and mounts land where asked, read-only by default', () => {
    const m = render({
      nodeAgent: {
        volumes: [ExtraVolume.hostPath('host-certs', '/etc/ssl/certs'), ExtraVolume.emptyDir('scratch')],
        volumeMounts: [{ volume: 'host-certs', mountPath: '/etc/ssl/certs/' }],
        containers: { agent: { volumeMounts: [{ volume: 'scratch', mountPath: '/scratch', readOnly: false }] } },
      },
    });
    expect(m.volume('host-certs')).toEqual({ name: 'host-certs', hostPath: { path: '/etc/ssl/certs' } });
    expect(m.volume('scratch')).toEqual({ name: 'scratch', emptyDir: {} });
    for (const n of ['agent', 'trace-agent']) {
      expect(mountsOf(m.container(n))['/etc/ssl/certs']).toEqual({ name: 'host-certs', mountPath: '/etc/ssl/certs', readOnly: true });
    }
    expect(mountsOf(m.container('init-config'))['/etc/ssl/certs']).toBeUndefined();
    expect(mountsOf(m.container('agent'))['/scratch']).toEqual({ name: 'scratch', mountPath: '/scratch', readOnly: false });
    expect(mountsOf(m.container('trace-agent'))['/scratch']).toBeUndefined();
    expect(m.volume('host-certs', m.clusterAgent)).toBeUndefined();
  });

  test('bad input', () => {
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('config')], volumeMounts: [{ volume: 'config', mountPath: '/x' }] } }))
      .toThrow(/nodeAgent.volumes\[0\].name "config" is a volume name the library uses; choose another name/);
    expect(() => render({ clusterAgent: { volumes: [ExtraVolume.emptyDir('tmpdir')], volumeMounts: [{ volume: 'tmpdir', mountPath: '/x' }] } }))
      .toThrow(/clusterAgent.volumes\[0\].name "tmpdir" is a volume name the library uses/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a')], volumeMounts: [{ volume: 'a', mountPath: '/tmp' }] } }))
      .toThrow(/nodeAgent.volumeMounts\[0\].mountPath "\/tmp" is already a mount point of container agent/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a')], volumeMounts: [{ volume: 'b', mountPath: '/b' }] } }))
      .toThrow(/nodeAgent.volumeMounts\[0\].volume "b" is not one of nodeAgent.volumes \(a\)/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a')] } }))
      .toThrow(/nodeAgent.volumes\[0\] "a" is not mounted/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a'), ExtraVolume.emptyDir('a')], volumeMounts: [{ volume: 'a', mountPath: '/a' }] } }))
      .toThrow(/nodeAgent.volumes\[1\].name "a" is also the name of nodeAgent.volumes\[0\]/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.hostPath('h', 'relative/dir')], volumeMounts: [{ volume: 'h', mountPath: '/h' }] } }))
      .toThrow(/nodeAgent.volumes\[0\].path must be an absolute path/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('Bad_Name')], volumeMounts: [{ volume: 'Bad_Name', mountPath: '/h' }] } }))
      .toThrow(/nodeAgent.volumes\[0\].name must be a lowercase RFC 1123 label/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a')], volumeMounts: [{ volume: 'a', mountPath: '/a', subPath: '../etc' }] } }))
      .toThrow(/nodeAgent.volumeMounts\[0\].subPath must be a relative path without/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a')], containers: { systemProbe: { volumeMounts: [{ volume: 'a', mountPath: '/a' }] } } } }))
      .toThrow(/nodeAgent.containers.systemProbe.volumeMounts\[0\] mounts into system-probe, which this configuration does not run/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a', { sizeLimit: 'lots' })], volumeMounts: [{ volume: 'a', mountPath: '/a' }] } }))
      .toThrow(/nodeAgent.volumes\[0\].sizeLimit must be a Kubernetes quantity/);
    expect(() => render({ nodeAgent: { volumes: [ExtraVolume.emptyDir('a')], volumeMounts: [{ volume: 'a', mountPath: '/a' }, { volume: 'a', mountPath: '/a/' }] } }))
      .toThrow(/nodeAgent.volumeMounts\[1\].mountPath "\/a" is mounted twice/);
  });
});

test('cdk8s-plus types: hostPathOfType takes kplus.HostPathVolumeType', () => {
  const vol = (v: ExtraVolume) => render({ nodeAgent: { volumes: [v], volumeMounts: [{ volume: 'x', mountPath: '/x' }] } }).daemonSet.spec.template.spec.volumes.find((x: any) => x.name === 'x');
  expect(vol(ExtraVolume.hostPathOfType('x', '/dev/kmsg', kplus.HostPathVolumeType.CHAR_DEVICE))).toEqual({ name: 'x', hostPath: { path: '/dev/kmsg', type: 'CharDevice' } });
  expect(vol(ExtraVolume.hostPathOfType('x', '/data'))).toEqual({ name: 'x', hostPath: { path: '/data' } });
  expect(() => vol(ExtraVolume.hostPathOfType('x', '/data', 'Bogus' as any))).toThrow('nodeAgent.volumes[0].type must be one of DirectoryOrCreate, Directory');
});

describe('runner volumes (clusterChecksRunner.volumes)', () => {
  test('mounted in the runner agent container; each volume must be mounted', () => {
    const m = render({
      clusterChecksRunner: {
        enabled: true,
        volumes: [ExtraVolume.configMap('certs', 'check-certs')],
        volumeMounts: [{ volume: 'certs', mountPath: '/etc/check-certs' }],
      },
    });
    const runner = m.get('Deployment', 'datadog-clusterchecks');
    expect(m.volume('certs', runner)).toEqual({ name: 'certs', configMap: { name: 'check-certs' } });
    expect(mountsOf(m.container('agent', runner))['/etc/check-certs']).toEqual({ name: 'certs', mountPath: '/etc/check-certs', readOnly: true });
    expect(() => render({ clusterChecksRunner: { enabled: true, volumes: [ExtraVolume.emptyDir('scratch')] } }))
      .toThrow('clusterChecksRunner.volumes[0] "scratch" is not mounted: add an ExtraVolumeMount naming it');
  });
});
