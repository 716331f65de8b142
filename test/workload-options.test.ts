import { UpdateStrategy } from '../src';
import { resolveResources } from '../src/workload-options';

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
