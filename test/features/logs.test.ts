import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

describe('logs', () => {
  test('default off: env says so, run directory is an emptyDir, no log host paths', () => {
    const m = render();
    expect(envOf(m.container('agent'))).toMatchObject({ DD_LOGS_ENABLED: 'false', DD_LOGS_CONFIG_CONTAINER_COLLECT_ALL: 'false', DD_LOGS_CONFIG_AUTO_MULTI_LINE_DETECTION: 'true' });
    expect(envOf(m.container('agent')).DD_LOGS_CONFIG_K8S_CONTAINER_USE_FILE).toBeUndefined();
    expect(m.volume('datadogrun')).toEqual({ name: 'datadogrun', emptyDir: {} });
    expect(m.volume('logpodpath')).toBeUndefined();
    expect(envOf(m.container('trace-agent')).DD_LOGS_ENABLED).toEqual('false');
  });

  test('enabled: the chart\'s host mounts and a pointer directory that survives restarts', () => {
    const m = render({ logs: { enabled: true, containerCollectAll: true } });
    const agent = m.container('agent');
    expect(envOf(agent)).toMatchObject({ DD_LOGS_ENABLED: 'true', DD_LOGS_CONFIG_CONTAINER_COLLECT_ALL: 'true', DD_LOGS_CONFIG_K8S_CONTAINER_USE_FILE: 'true' });
    expect(m.volume('pointerdir')).toEqual({ name: 'pointerdir', hostPath: { path: '/var/lib/datadog-agent/logs', type: 'DirectoryOrCreate' } });
    const mounts = mountsOf(agent);
    expect(mounts['/opt/datadog-agent/run']).toMatchObject({ name: 'pointerdir' });
    expect(mounts['/opt/datadog-agent/run'].readOnly).toBeUndefined();
    expect(mounts['/var/log/pods']).toMatchObject({ name: 'logpodpath', readOnly: true });
    expect(mounts['/var/log/containers']).toMatchObject({ name: 'logscontainerspath', readOnly: true });
    expect(m.volume('datadogrun')).toBeUndefined();
    expect(envOf(m.container('trace-agent')).DD_LOGS_ENABLED).toEqual('true');
  });

  test('options', () => {
    const m = render({ logs: { enabled: true, containerCollectUsingFiles: false, autoMultiLineDetection: false, pointerHostDir: '/data/dd', podLogsPath: '/data/pods' } });
    expect(envOf(m.container('agent'))).toMatchObject({ DD_LOGS_CONFIG_K8S_CONTAINER_USE_FILE: 'false', DD_LOGS_CONFIG_AUTO_MULTI_LINE_DETECTION: 'false' });
    expect(m.volume('pointerdir').hostPath.path).toEqual('/data/dd');
    expect(m.volume('logpodpath').hostPath.path).toEqual('/data/pods');
  });

  test('snapshot of the agent with logs on', () => {
    expect(featureSlice(render({ logs: { enabled: true } }))).toMatchSnapshot();
  });

  test('bad input', () => {
    expect(() => render({ logs: { pointerHostDir: 'relative' } })).toThrow(/logs.pointerHostDir must be an absolute path/);
    // options of logs do nothing while logs are off: setting one is a mistake
    expect(() => render({ logs: { containerCollectAll: true } })).toThrow(/logs.containerCollectAll needs logs.enabled, which is false/);
    expect(() => render({ logs: { enabled: false, podLogsPath: '/x' } })).toThrow(/logs.podLogsPath needs logs.enabled, which is false/);
  });
});
