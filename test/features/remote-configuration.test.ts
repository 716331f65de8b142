import { envOf, featureSlice, render } from '../support/helpers';

describe('remoteConfiguration', () => {
  test('snapshot: on by default, in every node container', () => {
    const m = render();
    const values = ['agent', 'trace-agent', 'init-config'].map(n => envOf(m.container(n)).DD_REMOTE_CONFIGURATION_ENABLED);
    expect(values).toEqual(['true', 'true', 'true']);
    expect(featureSlice(m, render({ remoteConfiguration: { enabled: false } }))).toMatchSnapshot();
  });

  test('disabled: false on every node container; the Cluster Agent stays off', () => {
    const m = render({ remoteConfiguration: { enabled: false } });
    for (const n of ['agent', 'trace-agent', 'init-config']) expect(envOf(m.container(n)).DD_REMOTE_CONFIGURATION_ENABLED).toBe('false');
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_REMOTE_CONFIGURATION_ENABLED).toBe('false');
  });

  test('bad input', () => {
    expect(() => render({ remoteConfiguration: { enabled: 'yes' as any } })).toThrow(/remoteConfiguration.enabled must be true or false, got "yes"/);
  });
});
