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

describe('ServiceAccount annotations and labels (a cloud identity per component)', () => {
  const irsa = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/datadog' };

  test('on each component\'s own ServiceAccount; the component labels win over yours', () => {
    const m = render({
      nodeAgent: { serviceAccountAnnotations: irsa, serviceAccountLabels: { 'team': 'obs', 'app.kubernetes.io/managed-by': 'me' } },
      clusterAgent: { serviceAccountAnnotations: { 'iam.gke.io/gcp-service-account': 'dd@p.iam.gserviceaccount.com' } },
      clusterChecksRunner: { enabled: true, serviceAccountLabels: { team: 'obs' } },
    });
    const node = m.get('ServiceAccount', 'datadog');
    expect(node.metadata.annotations).toEqual(irsa);
    expect(node.metadata.labels).toMatchObject({ 'team': 'obs', 'app.kubernetes.io/managed-by': 'cdk8s-datadog' });
    expect(m.get('ServiceAccount', 'datadog-cluster-agent').metadata.annotations).toEqual({ 'iam.gke.io/gcp-service-account': 'dd@p.iam.gserviceaccount.com' });
    expect(m.get('ServiceAccount', 'datadog-cluster-checks').metadata.labels.team).toBe('obs');
    expect(render().get('ServiceAccount', 'datadog').metadata.annotations).toBeUndefined();
  });

  test('checked with the API server\'s rules, naming the option', () => {
    expect(() => render({ nodeAgent: { serviceAccountAnnotations: { 'bad key!': 'x' } } })).toThrow('nodeAgent.serviceAccountAnnotations has an invalid key "bad key!"');
    expect(() => render({ clusterAgent: { serviceAccountLabels: { team: 'not a label value' } } })).toThrow(/clusterAgent.serviceAccountLabels\["team"\]/);
    expect(() => render({ clusterAgent: { existing: { serviceName: 'dca' }, serviceAccountAnnotations: irsa } })).toThrow(/clusterAgent.serviceAccountAnnotations shapes a Cluster Agent this construct deploys/);
  });
});
