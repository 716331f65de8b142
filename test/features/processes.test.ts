import { envOf, render } from '../support/helpers';

describe('processes', () => {
  test('defaults as the chart: in the core agent, containers and discovery on', () => {
    const m = render();
    expect(envOf(m.container('agent'))).toMatchObject({
      DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'false',
      DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'true',
      DD_PROCESS_AGENT_DISCOVERY_ENABLED: 'true',
      DD_STRIP_PROCESS_ARGS: 'false',
      DD_PROCESS_CONFIG_RUN_IN_CORE_AGENT_ENABLED: 'true',
    });
    expect(m.containerNames()).not.toContain('process-agent');
    expect(m.volume('passwd')).toEqual({ name: 'passwd', hostPath: { path: '/etc/passwd', type: 'File' } });
  });

  test('options', () => {
    const m = render({ processes: { processCollection: true, stripArguments: true } });
    expect(envOf(m.container('agent'))).toMatchObject({ DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'true', DD_STRIP_PROCESS_ARGS: 'true' });
  });

  test('all off: no passwd mount', () => {
    expect(render({ processes: { containerCollection: false, processDiscovery: false } }).volume('passwd')).toBeUndefined();
  });
});
