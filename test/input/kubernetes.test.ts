import { checkKubernetesRules, quantityValue } from '../../src/input/kubernetes';
import { render } from '../support/helpers';

/** The problems checkKubernetesRules reports for these props. */
const problems = (props: any) => checkKubernetesRules(props);
const tol = (t: any) => problems({ nodeAgent: { tolerations: [t] } });
const node = (expr: any) => problems({
  nodeAgent: {
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expr] }] } } },
  },
});
const pod = (term: any) => problems({ clusterAgent: { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } } });

describe('the API server rules for structs passed through', () => {
  test('valid structs have no problem', () => {
    expect(problems({
      nodeAgent: {
        tolerations: [{ operator: 'Exists' }, { key: 'a/b', operator: 'Equal', value: 'x', effect: 'NoExecute', tolerationSeconds: 30 }],
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'k', operator: 'Gt', values: ['3'] }] } }] },
        },
        podAnnotations: { 'example.com/a': 'x' },
        resources: { cpuRequest: '100m', cpuLimit: '1', memoryRequest: '1Gi', memoryLimit: '1024Mi' },
      },
    })).toEqual([]);
  });

  test.each<[string, any, string]>([
    ['a key that is not a qualified name', { key: 'a b', operator: 'Exists' }, 'nodeAgent.tolerations[0].key must be a qualified name'],
    ['an unknown operator', { key: 'a', operator: 'UPPER' }, 'nodeAgent.tolerations[0].operator must be "Equal" or "Exists", got "UPPER"'],
    ['an empty key without Exists', { key: '', operator: 'Equal' }, 'nodeAgent.tolerations[0].operator must be "Exists" when key is empty'],
    ['a value with Exists', { key: 'a', operator: 'Exists', value: 'v' }, 'nodeAgent.tolerations[0].value must be empty when operator is "Exists", got "v"'],
    ['a value that is not a label value', { key: 'a', value: '-v-' }, 'nodeAgent.tolerations[0].value must be a label value'],
    ['an unknown effect', { key: 'a', effect: 'x' }, 'nodeAgent.tolerations[0].effect must be "NoSchedule", "PreferNoSchedule" or "NoExecute", got "x"'],
    ['tolerationSeconds without NoExecute', { key: 'a', effect: 'NoSchedule', tolerationSeconds: 5 }, 'nodeAgent.tolerations[0].tolerationSeconds is only allowed with effect "NoExecute"'],
  ])('toleration: %s', (_name, t, message) => {
    expect(tol(t).join('\n')).toContain(message);
  });

  test.each<[string, any, string]>([
    ['In without values', { key: 'k', operator: 'In', values: [] }, 'matchExpressions[0].values must not be empty with operator "In"'],
    ['Exists with values', { key: 'k', operator: 'Exists', values: ['a'] }, 'matchExpressions[0].values must be empty with operator "Exists"'],
    ['Gt with a word', { key: 'k', operator: 'Gt', values: ['a'] }, 'matchExpressions[0].values must be one integer with operator "Gt"'],
    ['an unknown operator', { key: 'k', operator: 'Like', values: ['a'] }, 'matchExpressions[0].operator must be one of "In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt", got "Like"'],
    ['a bad key', { key: 'k k', operator: 'Exists' }, 'matchExpressions[0].key must be a qualified name'],
  ])('node affinity: %s', (_name, expr, message) => {
    expect(node(expr).join('\n')).toContain(message);
  });

  test('node affinity: no terms, weights outside 1..100', () => {
    expect(problems({ nodeAgent: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } } } }))
      .toEqual(['nodeAgent.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms must have at least one term']);
    const weight = (w: number) => problems({
      nodeAgent: { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: w, preference: {} }] } } },
    });
    expect(weight(0).join('\n')).toContain('must be an integer from 1 to 100, got 0');
    expect(weight(101).join('\n')).toContain('must be an integer from 1 to 100, got 101');
  });

  test('pod (anti-)affinity: an empty or bad topologyKey, bad selector labels and expressions', () => {
    expect(pod({ topologyKey: '', labelSelector: {} }).join('\n')).toContain('topologyKey must not be empty');
    expect(pod({ topologyKey: 'a b' }).join('\n')).toContain('topologyKey must be a qualified name');
    expect(pod({ topologyKey: 'k', labelSelector: { matchLabels: { 'a b': 'x' } } }).join('\n')).toContain('matchLabels has an invalid key "a b"');
    expect(pod({ topologyKey: 'k', labelSelector: { matchLabels: { a: '-x' } } }).join('\n')).toContain('matchLabels["a"] must be a label value, got "-x"');
    expect(pod({ topologyKey: 'k', labelSelector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] } }).join('\n'))
      .toContain('operator must be one of "In", "NotIn", "Exists", "DoesNotExist", got "Gt"');
  });

  test('pod annotations: keys are qualified names, 256 KiB in all', () => {
    expect(problems({ nodeAgent: { podAnnotations: { ' ': 'x' } } }).join('\n')).toContain('nodeAgent.podAnnotations has an invalid key " "');
    expect(problems({ nodeAgent: { podAnnotations: { a: 'x'.repeat(256 * 1024) } } }).join('\n')).toContain('nodeAgent.podAnnotations must total at most 256 KiB');
  });

  test('a request above its limit, for every component and node container', () => {
    expect(problems({ clusterAgent: { resources: { cpuRequest: '2', cpuLimit: '1500m' } } }))
      .toEqual(['clusterAgent.resources.cpuRequest (2) must be less than or equal to cpuLimit (1500m)']);
    expect(problems({ nodeAgent: { containerResources: { traceAgent: { memoryRequest: '1Gi', memoryLimit: '512Mi' } } } }))
      .toEqual(['nodeAgent.containerResources.traceAgent.memoryRequest (1Gi) must be less than or equal to memoryLimit (512Mi)']);
  });

  test('quantities compare by value, whatever their unit', () => {
    expect([quantityValue('1Gi'), quantityValue('1024Mi'), quantityValue('100m'), quantityValue('1e3'), quantityValue('x')])
      .toEqual([2 ** 30, 2 ** 30, 0.1, 1000, undefined]);
  });

  test('the rules run on DatadogAgent input and name the installation', () => {
    expect(() => render({ nodeAgent: { tolerations: [{ key: 'a', operator: 'UPPER' as any }] } }))
      .toThrow(/^test\/datadog: nodeAgent.tolerations\[0\].operator must be "Equal" or "Exists"/);
  });
});
