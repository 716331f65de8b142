import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { UpdateStrategy } from '../src';
import { resolveResources } from '../src/workload-options';
import { render } from './support/helpers';

describe('workload options', () => {
  test('UpdateStrategy renders counts as integers and percentages as strings', () => {
    expect(UpdateStrategy.rollingUpdate('3')._render('p')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 3 } });
    expect(UpdateStrategy.rollingUpdate()._render('p')).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(UpdateStrategy.onDelete()._render('p')).toEqual({ type: 'OnDelete' });
    expect(() => UpdateStrategy.rollingUpdate('101%')._render('p')).toThrow(/p.maxUnavailable must be a positive count/);
  });

  test('resources: only what was set', () => {
    expect(resolveResources('r', { cpuRequest: '100m', memoryLimit: '512Mi' })).toEqual({ requests: { cpu: '100m' }, limits: { memory: '512Mi' } });
    expect(resolveResources('r', {})).toBeUndefined();
    expect(() => resolveResources('r', { memoryRequest: '1 Gi' })).toThrow(/r.memoryRequest must be a Kubernetes quantity/);
  });
});

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
});
