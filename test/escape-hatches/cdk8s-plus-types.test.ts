import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ExtraVolume, ImagePullPolicy, UpdateStrategy } from '../../src';
import { render } from '../support/helpers';

describe('cdk8s-plus types, next to the deprecated forms', () => {
  test('resources from kplus.Cpu and Size render as the string forms do', () => {
    const m = render({
      nodeAgent: {
        resources: {
          cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.units(1) },
          memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) },
        },
      },
    });
    const old = render({ nodeAgent: { resources: { cpuRequest: '200m', cpuLimit: '1', memoryRequest: '256Mi', memoryLimit: '1024Mi' } } });
    expect(m.container('agent').resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '1', memory: '1024Mi' } });
    expect(m.container('agent').resources).toEqual(old.container('agent').resources);
    expect(() => render({ nodeAgent: { resources: { cpu: { request: kplus.Cpu.millis(200) }, cpuRequest: '100m' } } }))
      .toThrow('nodeAgent.resources.cpu.request and nodeAgent.resources.cpuRequest set the same value: use cpu.request only');
    expect(() => render({ clusterAgent: { resources: { memory: { limit: Size.kibibytes(1500) } } } })).toThrow('clusterAgent.resources.memory.limit must be a whole number of mebibytes');
    expect(() => render({ clusterAgent: { resources: { cpu: { limit: '1' as any } } } })).toThrow('clusterAgent.resources.cpu.limit must be a kplus.Cpu');
  });

  test('rollingUpdateOf takes a PercentOrAbsolute', () => {
    const strategy = (n: kplus.PercentOrAbsolute) =>
      render({ nodeAgent: { updateStrategy: UpdateStrategy.rollingUpdateOf(n) } }).daemonSet.spec.updateStrategy;
    expect(strategy(kplus.PercentOrAbsolute.percent(25)))
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%' } });
    expect(strategy(kplus.PercentOrAbsolute.absolute(2)))
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } });
    expect(() => strategy(kplus.PercentOrAbsolute.absolute(0))).toThrow('nodeAgent.updateStrategy.maxUnavailable must be a positive count');
  });

  test('imagePullPolicy takes kplus.ImagePullPolicy; not with pullPolicy', () => {
    expect(render({ images: { imagePullPolicy: kplus.ImagePullPolicy.ALWAYS } }).container('agent').imagePullPolicy).toBe('Always');
    expect(() => render({ images: { imagePullPolicy: kplus.ImagePullPolicy.ALWAYS, pullPolicy: ImagePullPolicy.ALWAYS } }))
      .toThrow('images.imagePullPolicy and images.pullPolicy set the same thing: use imagePullPolicy only');
    expect(() => render({ images: { imagePullPolicy: 'Sometimes' as any } })).toThrow('images.imagePullPolicy must be one of Always, IfNotPresent, Never');
  });

  test('hostPathOfType takes kplus.HostPathVolumeType', () => {
    const vol = (v: ExtraVolume) => render({ nodeAgent: { volumes: [v], volumeMounts: [{ volume: 'x', mountPath: '/x' }] } }).daemonSet.spec.template.spec.volumes.find((x: any) => x.name === 'x');
    expect(vol(ExtraVolume.hostPathOfType('x', '/dev/kmsg', kplus.HostPathVolumeType.CHAR_DEVICE))).toEqual({ name: 'x', hostPath: { path: '/dev/kmsg', type: 'CharDevice' } });
    expect(vol(ExtraVolume.hostPathOfType('x', '/data'))).toEqual({ name: 'x', hostPath: { path: '/data' } });
    expect(() => vol(ExtraVolume.hostPathOfType('x', '/data', 'Bogus' as any))).toThrow('nodeAgent.volumes[0].type must be one of DirectoryOrCreate, Directory');
  });
});
