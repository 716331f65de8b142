import { envOf, featureSlice, render } from '../support/helpers';

const NODE_CONTAINERS = ['agent', 'trace-agent', 'init-config'];

describe('otlp', () => {
  test('off by default: no receiver env or ports, OTLP logs off', () => {
    const m = render();
    for (const name of NODE_CONTAINERS) {
      const env = envOf(m.container(name));
      expect(env.DD_OTLP_CONFIG_LOGS_ENABLED).toBe('false');
      expect(env.DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_GRPC_ENDPOINT).toBeUndefined();
      expect(env.DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_HTTP_ENDPOINT).toBeUndefined();
    }
    expect(m.container('agent').ports.map((p: any) => p.name)).toEqual(['dogstatsdport']);
  });

  test('snapshot: both receivers and logs on', () => {
    const m = render({ otlp: { grpc: { enabled: true }, http: { enabled: true }, logsEnabled: true } });
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('env on every node container, ports with hostPort on the agent, Service ports with appProtocol', () => {
    const m = render({ otlp: { grpc: { enabled: true }, http: { enabled: true }, logsEnabled: true } });
    for (const name of NODE_CONTAINERS) {
      const env = envOf(m.container(name));
      expect(env.DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_GRPC_ENDPOINT).toBe('0.0.0.0:4317');
      expect(env.DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_HTTP_ENDPOINT).toBe('0.0.0.0:4318');
      expect(env.DD_OTLP_CONFIG_LOGS_ENABLED).toBe('true');
    }
    const ports = m.container('agent').ports;
    expect(ports).toContainEqual({ name: 'otlpgrpcport', containerPort: 4317, hostPort: 4317, protocol: 'TCP' });
    expect(ports).toContainEqual({ name: 'otlphttpport', containerPort: 4318, hostPort: 4318, protocol: 'TCP' });
    const svc = m.get('Service', 'datadog').spec.ports;
    expect(svc).toContainEqual({ name: 'otlpgrpcport', port: 4317, targetPort: 4317, protocol: 'TCP', appProtocol: 'grpc' });
    expect(svc).toContainEqual({ name: 'otlphttpport', port: 4318, targetPort: 4318, protocol: 'TCP', appProtocol: 'http' });
    expect(m.container('agent').securityContext.capabilities).toBeUndefined();
  });

  test('custom endpoint and no hostPort; only the enabled receiver', () => {
    const m = render({ otlp: { grpc: { enabled: true, endpoint: 'localhost:14317', useHostPort: false } } });
    expect(envOf(m.container('agent')).DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_GRPC_ENDPOINT).toBe('localhost:14317');
    expect(envOf(m.container('agent')).DD_OTLP_CONFIG_RECEIVER_PROTOCOLS_HTTP_ENDPOINT).toBeUndefined();
    expect(m.container('agent').ports).toContainEqual({ name: 'otlpgrpcport', containerPort: 14317, protocol: 'TCP' });
    expect(m.get('Service', 'datadog').spec.ports.map((p: any) => p.name)).toEqual(['dogstatsdport', 'traceport', 'otlpgrpcport']);
  });

  test('bad input', () => {
    expect(() => render({ otlp: { grpc: { enabled: true, endpoint: '0.0.0.0' } } }))
      .toThrow(/otlp.grpc.endpoint must set its port explicitly/);
    expect(() => render({ otlp: { http: { enabled: true, endpoint: 'localhost' } } }))
      .toThrow(/otlp.http.endpoint must set its port explicitly/);
    expect(() => render({ otlp: { grpc: { enabled: true, endpoint: 'unix:///var/run/otlp.sock:4317' } } }))
      .toThrow(/otlp.grpc.endpoint must be "host:port": Unix socket endpoints are not supported/);
    expect(() => render({ otlp: { grpc: { enabled: true, endpoint: 'unix-abstract:otlp:1' } } }))
      .toThrow(/Unix socket endpoints are not supported/);
    expect(() => render({ otlp: { grpc: { enabled: true, endpoint: '0.0.0.0:70000' } } }))
      .toThrow(/otlp.grpc.endpoint port must be between 1 and 65535, got 70000/);
    expect(() => render({ otlp: { grpc: { enabled: true, endpoint: '0.0.0.0:4318' }, http: { enabled: true } } }))
      .toThrow(/must use different ports, both use 4318/);
    expect(() => render({ otlp: { http: { enabled: true, endpoint: '0.0.0.0:8126' } } }))
      .toThrow(/otlp.http.endpoint port 8126 is already used by apm.port/);
    expect(() => render({ otlp: { http: { endpoint: '0.0.0.0:4318' } } }))
      .toThrow(/otlp.http.endpoint needs otlp.http.enabled, which is false/);
  });
});
