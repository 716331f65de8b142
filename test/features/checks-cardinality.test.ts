import { TagCardinality } from '../../src';
import { envOf, featureSlice, render } from '../support/helpers';

describe('checksCardinality', () => {
  test('unset by default', () => {
    expect(envOf(render().container('agent')).DD_CHECKS_TAG_CARDINALITY).toBeUndefined();
  });

  test('snapshot: orchestrator cardinality on the agent container only', () => {
    const m = render({ checksCardinality: TagCardinality.ORCHESTRATOR });
    expect(envOf(m.container('agent')).DD_CHECKS_TAG_CARDINALITY).toBe('orchestrator');
    expect(envOf(m.container('trace-agent')).DD_CHECKS_TAG_CARDINALITY).toBeUndefined();
    expect(envOf(m.container('init-config')).DD_CHECKS_TAG_CARDINALITY).toBeUndefined();
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('bad input', () => {
    expect(() => render({ checksCardinality: 'max' as TagCardinality })).toThrow(/checksCardinality must be one of low, orchestrator, high, got "max"/);
  });
});
