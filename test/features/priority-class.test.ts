import { featureSlice, render } from '../support/helpers';

describe('priority class', () => {
  test('none by default', () => {
    const m = render();
    expect(m.objects.filter(o => o.kind === 'PriorityClass')).toEqual([]);
    expect(m.daemonSet.spec.template.spec.priorityClassName).toBeUndefined();
  });

  test('snapshot: created as the chart does (F, 1000000000, PreemptLowerPriority), cluster-scoped, used by the DaemonSet', () => {
    const m = render({ priorityClass: { create: true } });
    const pc = m.get('PriorityClass', 'datadog');
    expect(pc).toMatchObject({ apiVersion: 'scheduling.k8s.io/v1', value: 1000000000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(pc.metadata.namespace).toBeUndefined();
    expect(m.daemonSet.spec.template.spec.priorityClassName).toBe('datadog');
    expect(m.clusterAgent.spec.template.spec.priorityClassName).toBeUndefined();
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('named by nodeAgent.priorityClassName; value and preemption policy', () => {
    const m = render({ priorityClass: { create: true, value: 1000, preemptLowerPriority: false }, nodeAgent: { priorityClassName: 'datadog-agent' } });
    expect(m.get('PriorityClass', 'datadog-agent')).toMatchObject({ value: 1000, preemptionPolicy: 'Never' });
    expect(m.daemonSet.spec.template.spec.priorityClassName).toBe('datadog-agent');
  });

  test('bad input', () => {
    expect(() => render({ priorityClass: { create: true, value: 2000000000 } })).toThrow(/priorityClass.value must be <= 1000000000, got 2000000000/);
    expect(() => render({ priorityClass: { create: true, value: 1.5 } })).toThrow(/priorityClass.value must be an integer/);
    expect(() => render({ priorityClass: { value: 10 } })).toThrow(/priorityClass.value needs priorityClass.create, which is false/);
  });
});
