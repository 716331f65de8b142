import { envOf, featureSlice, render } from '../support/helpers';

describe('containerLifecycle', () => {
  test('on by default, agent container only', () => {
    const m = render();
    expect(envOf(m.container('agent')).DD_CONTAINER_LIFECYCLE_ENABLED).toBe('true');
    expect(envOf(m.container('trace-agent')).DD_CONTAINER_LIFECYCLE_ENABLED).toBeUndefined();
  });

  test('snapshot: disabled', () => {
    const m = render({ containerLifecycle: false });
    expect(envOf(m.container('agent')).DD_CONTAINER_LIFECYCLE_ENABLED).toBe('false');
    expect(featureSlice(m)).toMatchSnapshot();
  });
});
