import { render } from '../support/helpers';

describe('shared pod placement (node agent, Cluster Agent, runners)', () => {
  const placement = {
    nodeSelector: { pool: 'system' },
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'obs', effect: 'NoSchedule' }],
    priorityClassName: 'high',
    podLabels: { team: 'obs', app: 'must-not-win' },
    podAnnotations: { 'example.com/owner': 'obs' },
  };

  test.each([
    ['nodeAgent', 'DaemonSet', 'datadog'],
    ['clusterAgent', 'Deployment', 'datadog-cluster-agent'],
    ['clusterChecksRunner', 'Deployment', 'datadog-clusterchecks'],
  ])('%s: same options, same rendering; user labels never replace the selector', (option, kind, name) => {
    const extra = option === 'clusterChecksRunner' ? { enabled: true } : {};
    const m = render({ [option]: { ...placement, ...extra } } as any);
    const tpl = m.get(kind, name).spec.template;
    expect(tpl.spec.nodeSelector).toEqual({ 'pool': 'system', 'kubernetes.io/os': 'linux' });
    expect(tpl.spec.tolerations).toContainEqual(placement.tolerations[0]);
    expect(tpl.spec.priorityClassName).toEqual('high');
    expect(tpl.metadata.labels.team).toEqual('obs');
    expect(tpl.metadata.labels.app).toEqual(name);
    expect(tpl.metadata.annotations['example.com/owner']).toEqual('obs');
  });

  test.each(['nodeAgent', 'clusterAgent', 'clusterChecksRunner'])('%s: bad placement input names the option', option => {
    const extra = option === 'clusterChecksRunner' ? { enabled: true } : {};
    expect(() => render({ [option]: { nodeSelector: { 'a b': 'x' }, ...extra } } as any)).toThrow(new RegExp(`${option}.nodeSelector has an invalid key "a b"`));
    expect(() => render({ [option]: { podLabels: { ok: '-bad' }, ...extra } } as any)).toThrow(new RegExp(`${option}.podLabels\\["ok"\\] has an invalid value`));
    expect(() => render({ [option]: { env: { 'A=B': 'x' }, ...extra } } as any)).toThrow(new RegExp(`${option}.env has an invalid env var name`));
    expect(() => render({ [option]: { priorityClassName: 'A', ...extra } } as any)).toThrow(new RegExp(`${option}.priorityClassName must be a lowercase`));
  });
});
