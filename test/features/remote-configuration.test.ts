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

  test('features that need it in the Cluster Agent turn it on there, once, in the default\'s place', () => {
    const on = render({ autoscaling: { workload: { enabled: true } }, kubernetesActions: { enabled: true } });
    const dca = on.container('cluster-agent', on.clusterAgent);
    expect(dca.env.filter((e: any) => e.name === 'DD_REMOTE_CONFIGURATION_ENABLED')).toEqual([{ name: 'DD_REMOTE_CONFIGURATION_ENABLED', value: 'true' }]);
    const off = render();
    const names = (m: any) => m.container('cluster-agent', m.clusterAgent).env.map((e: any) => e.name);
    expect(names(on).indexOf('DD_REMOTE_CONFIGURATION_ENABLED')).toBe(names(off).indexOf('DD_REMOTE_CONFIGURATION_ENABLED'));
  });

  test('off while features need it: each is named with what arrives through remote configuration', () => {
    const off = { remoteConfiguration: { enabled: false } };
    expect(() => render({ ...off, kubernetesActions: { enabled: true } }))
      .toThrow('kubernetesActions.enabled needs remote configuration, which is off (remoteConfiguration.enabled: false): the actions arrive through it');
    let message = '';
    try {
      render({ ...off, autoscaling: { workload: { enabled: true } }, clusterAgent: { admissionController: { remoteInstrumentation: true } } });
    } catch (e) { message = (e as Error).message; }
    expect(message).toContain('autoscaling.workload.enabled needs remote configuration, which is off (remoteConfiguration.enabled: false): autoscaling settings come from Datadog through it');
    expect(message).toContain('clusterAgent.admissionController.remoteInstrumentation needs remote configuration, which is off (remoteConfiguration.enabled: false): the injection targets arrive through it');
  });

  test('bad input', () => {
    expect(() => render({ remoteConfiguration: { enabled: 'yes' as any } })).toThrow(/remoteConfiguration.enabled must be true or false, got "yes"/);
  });
});
