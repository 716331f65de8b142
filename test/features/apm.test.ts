import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

describe('APM', () => {
  test('default: trace-agent over the Unix socket, TCP 8126 without hostPort', () => {
    const m = render();
    const trace = m.container('trace-agent');
    expect(trace.command).toEqual(['trace-loader', '/etc/datadog-agent/datadog.yaml', 'trace-agent', '-config=/etc/datadog-agent/datadog.yaml']);
    expect(trace.ports).toEqual([{ name: 'traceport', containerPort: 8126, protocol: 'TCP' }]);
    expect(trace.livenessProbe).toEqual({ tcpSocket: { port: 8126 }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 5 });
    expect(trace.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    for (const ct of [trace, m.container('agent')]) {
      expect(envOf(ct)).toMatchObject({ DD_APM_ENABLED: 'true', DD_APM_NON_LOCAL_TRAFFIC: 'true', DD_APM_RECEIVER_PORT: '8126', DD_APM_RECEIVER_SOCKET: '/var/run/datadog/apm.socket' });
    }
    expect(envOf(trace)).toMatchObject({ DD_LOG_LEVEL: 'INFO', DD_DOGSTATSD_SOCKET: '/var/run/datadog/dsd.socket', DD_CLUSTER_AGENT_ENABLED: 'true' });
    // one host directory for both sockets
    expect(m.volume('dsdsocket')).toEqual({ name: 'dsdsocket', hostPath: { path: '/var/run/datadog', type: 'DirectoryOrCreate' } });
    expect(m.volume('apmsocket')).toBeUndefined();
    expect(mountsOf(trace)['/var/run/datadog'].name).toEqual('dsdsocket');
    expect(mountsOf(trace)['/etc/datadog-agent']).toMatchObject({ name: 'config', readOnly: true });
  });

  test('hostPort and no socket', () => {
    const m = render({ apm: { useHostPort: true, socketEnabled: false } });
    expect(m.container('trace-agent').ports).toEqual([{ name: 'traceport', containerPort: 8126, protocol: 'TCP', hostPort: 8126 }]);
    expect(envOf(m.container('trace-agent')).DD_APM_RECEIVER_SOCKET).toBeUndefined();
  });

  test('separate host directory gets its own volume and mount point', () => {
    const m = render({ apm: { hostSocketDir: '/var/run/datadog-apm' } });
    expect(m.volume('apmsocket')).toEqual({ name: 'apmsocket', hostPath: { path: '/var/run/datadog-apm', type: 'DirectoryOrCreate' } });
    expect(mountsOf(m.container('trace-agent'))['/var/run/datadog-apm'].name).toEqual('apmsocket');
    expect(envOf(m.container('trace-agent')).DD_APM_RECEIVER_SOCKET).toEqual('/var/run/datadog-apm/apm.socket');
  });

  test('disabled: no trace-agent, agent says so', () => {
    const m = render({ apm: { enabled: false } });
    expect(m.containerNames()).toEqual(['agent']);
    expect(envOf(m.container('agent')).DD_APM_ENABLED).toEqual('false');
    expect(m.get('Service', 'datadog').spec.ports.map((p: any) => p.name)).toEqual(['dogstatsdport']);
  });

  test('another port, on the host too: trace-agent, the agent env and the slice', () => {
    const m = render({ apm: { port: 9126, useHostPort: true } });
    expect(m.container('trace-agent').ports).toEqual([{ name: 'traceport', containerPort: 9126, hostPort: 9126, protocol: 'TCP' }]);
    expect(envOf(m.container('agent')).DD_APM_RECEIVER_PORT).toEqual('9126');
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('bad input', () => {
    expect(() => render({ apm: { enabled: false, useHostPort: true } })).toThrow(/apm.useHostPort needs apm.enabled, which is false/);
    expect(() => render({ apm: { port: 0 } })).toThrow(/apm.port must be >= 1, got 0/);
    expect(() => render({ apm: { port: 5555 } })).toThrow(/apm.port 5555 is already used by the agent health port/);
    expect(() => render({ apm: { enabled: false, port: 9000 } })).toThrow(/apm.port needs apm.enabled, which is false/);
    expect(() => render({ apm: { hostSocketDir: 'var/run' } })).toThrow(/apm.hostSocketDir must be an absolute path/);
  });
});
