import { KubernetesPlatform, LogLevel } from '../../src';
import { envOf, featureSlice, render } from '../support/helpers';

describe('container overrides', () => {
  test('snapshot: per-container log level, env and envFrom; component envFrom', () => {
    const m = render({
      nodeAgent: {
        envFrom: [{ configMapRef: { name: 'node-env' } }],
        containers: {
          agent: { logLevel: LogLevel.DEBUG, env: { DD_HEALTH_PORT: '5555', DD_CUSTOM: 'x' }, envFrom: [{ secretRef: { name: 'agent-secrets' }, prefix: 'APP_' }] },
          traceAgent: { logLevel: LogLevel.WARN },
        },
      },
      clusterAgent: { envFrom: [{ secretRef: { name: 'dca-env' } }] },
    });
    expect(featureSlice(m)).toMatchSnapshot();
    const agent = m.container('agent');
    expect(envOf(agent)).toMatchObject({ DD_LOG_LEVEL: 'DEBUG', DD_HEALTH_PORT: '5555', DD_CUSTOM: 'x' });
    for (const probe of [agent.livenessProbe, agent.readinessProbe, agent.startupProbe]) expect(probe.httpGet.port).toBe(5555);
    expect(agent.envFrom).toEqual(expect.arrayContaining([{ configMapRef: { name: 'node-env' } }, { secretRef: { name: 'agent-secrets' }, prefix: 'APP_' }]));
    expect(envOf(m.container('trace-agent')).DD_LOG_LEVEL).toBe('WARN');
    expect(m.container('cluster-agent', m.clusterAgent).envFrom).toEqual([{ secretRef: { name: 'dca-env' } }]);
  });

  test('log level per container, others keep nodeAgent.logLevel', () => {
    const m = render({ nodeAgent: { logLevel: LogLevel.ERROR, containers: { traceAgent: { logLevel: LogLevel.DEBUG } } } });
    expect(envOf(m.container('agent')).DD_LOG_LEVEL).toBe('ERROR');
    expect(envOf(m.container('trace-agent')).DD_LOG_LEVEL).toBe('DEBUG');
  });

  test('env replaces the library value in place; envFrom order: component then container', () => {
    const m = render({
      nodeAgent: {
        envFrom: [{ configMapRef: { name: 'node-env' } }],
        containers: { agent: { env: { DD_EXPVAR_PORT: '6001' }, envFrom: [{ secretRef: { name: 'agent-secrets' } }] } },
      },
      clusterAgent: { envFrom: [{ secretRef: { name: 'dca-env', optional: true } }] },
    });
    const agent = m.container('agent');
    expect(agent.env.filter((e: any) => e.name === 'DD_EXPVAR_PORT')).toEqual([{ name: 'DD_EXPVAR_PORT', value: '6001' }]);
    expect(agent.envFrom).toEqual([{ configMapRef: { name: 'node-env' } }, { secretRef: { name: 'agent-secrets' } }]);
    expect(m.container('trace-agent').envFrom).toEqual([{ configMapRef: { name: 'node-env' } }]);
    expect(envOf(m.container('trace-agent')).DD_EXPVAR_PORT).toBeUndefined();
    expect(m.container('cluster-agent', m.clusterAgent).envFrom).toEqual([{ secretRef: { name: 'dca-env', optional: true } }]);
  });

  test('bad input', () => {
    expect(() => render({ nodeAgent: { containers: { agent: { env: { DD_API_KEY: 'abc' } } } } }))
      .toThrow(/nodeAgent.containers.agent.env.DD_API_KEY is not allowed: it comes from credentials/);
    expect(() => render({ clusterAgent: { env: { DD_CLUSTER_AGENT_AUTH_TOKEN: 'abc' } } }))
      .toThrow(/clusterAgent.env.DD_CLUSTER_AGENT_AUTH_TOKEN is not allowed/);
    expect(() => render({ nodeAgent: { env: { DD_X: '1' }, containers: { agent: { env: { DD_X: '2' } } } } }))
      .toThrow(/nodeAgent.containers.agent.env.DD_X is also set in nodeAgent.env: set it in one place/);
    expect(() => render({ nodeAgent: { containers: { agent: { logLevel: LogLevel.DEBUG, env: { DD_LOG_LEVEL: 'info' } } } } }))
      .toThrow(/nodeAgent.containers.agent.env.DD_LOG_LEVEL clashes with nodeAgent.containers.agent.logLevel/);
    expect(() => render({ nodeAgent: { env: { DD_LOG_LEVEL: 'info' }, containers: { agent: { logLevel: LogLevel.DEBUG } } } }))
      .toThrow(/nodeAgent.containers.agent.logLevel clashes with nodeAgent.env.DD_LOG_LEVEL/);
    expect(() => render({ nodeAgent: { containers: { agent: { env: { 'BAD NAME': 'x' } } } } }))
      .toThrow(/nodeAgent.containers.agent.env has an invalid env var name "BAD NAME"/);
    expect(() => render({ nodeAgent: { containers: { systemProbe: { logLevel: LogLevel.DEBUG } } } }))
      .toThrow(/nodeAgent.containers.systemProbe is set but this configuration runs no system-probe container/);
    expect(() => render({ nodeAgent: { containers: { agent: { logLevel: 'LOUD' as LogLevel } } } }))
      .toThrow(/nodeAgent.containers.agent.logLevel must be one of/);
    expect(() => render({ nodeAgent: { containers: { clusterAgent: {} } as any } }))
      .toThrow(/nodeAgent.containers.clusterAgent is not an option of NodeAgentContainers/);
    expect(() => render({ nodeAgent: { envFrom: [{ configMapRef: { name: 'a' }, secretRef: { name: 'b' } }] } }))
      .toThrow(/nodeAgent.envFrom\[0\] must set exactly one of configMapRef or secretRef/);
    expect(() => render({ clusterAgent: { envFrom: [{ secretRef: { name: 'Bad_Name' } }] } }))
      .toThrow(/clusterAgent.envFrom\[0\].secretRef.name must be a lowercase RFC 1123 subdomain/);
  });
});

describe('extra container ports (nodeAgent.containers.<name>.ports)', () => {
  test('added to the container, with a host port when asked', () => {
    const m = render({ nodeAgent: { containers: { agent: { ports: [{ name: 'jmx', containerPort: 9016 }, { name: 'syslog', containerPort: 1514, protocol: 'UDP', hostPort: 1514 }] } } } });
    expect(m.container('agent').ports).toEqual(expect.arrayContaining([
      { name: 'jmx', containerPort: 9016, protocol: 'TCP' },
      { name: 'syslog', containerPort: 1514, protocol: 'UDP', hostPort: 1514 },
    ]));
  });

  test('a port an agent process takes, a name already used, bad fields: errors naming the option', () => {
    expect(() => render({ nodeAgent: { containers: { agent: { ports: [{ name: 'dsd', containerPort: 8125, protocol: 'UDP' }] } } } }))
      .toThrow(/nodeAgent.containers.agent.ports dsd 8125 is already used by/);
    expect(() => render({ nodeAgent: { containers: { traceAgent: { ports: [{ name: 'traceport', containerPort: 9999 }] } } } }))
      .toThrow('nodeAgent.containers.traceAgent.ports: the name traceport is already a port of container trace-agent');
    expect(() => render({ nodeAgent: { containers: { agent: { ports: [{ name: 'a-very-long-port-name', containerPort: 9016 }] } } } }))
      .toThrow(/nodeAgent.containers.agent.ports\[0\].name must be an IANA service name/);
    expect(() => render({ nodeAgent: { containers: { agent: { ports: [{ name: 'x', containerPort: 70000 }] } } } })).toThrow(/ports\[0\].containerPort must be a port between 1 and 65535, got 70000/);
    expect(() => render({ nodeAgent: { containers: { agent: { ports: [{ name: 'x', containerPort: 9016, protocol: 'SCTP' }] } } } })).toThrow(/ports\[0\].protocol must be one of TCP, UDP, got "SCTP"/);
    expect(() => render({ nodeAgent: { containers: { agent: { ports: [{ name: 'a-b', containerPort: 1 }, { name: 'a-b', containerPort: 2 }] } } } }))
      .toThrow('nodeAgent.containers.agent.ports[1] repeats nodeAgent.containers.agent.ports[0] (name a-b)');
  });
});

describe('the agent container\'s command (nodeAgent.containers.agent.command)', () => {
  test('replaces `agent run` on the agent container only; probes and env stay', () => {
    const m = render({ nodeAgent: { containers: { agent: { command: ['/bin/sh', '-c', 'exec agent run'] } } } });
    const agent = m.container('agent');
    expect(agent.command).toEqual(['/bin/sh', '-c', 'exec agent run']);
    expect(agent.livenessProbe.httpGet.path).toBe('/live');
    expect(envOf(agent).DD_HEALTH_PORT).toBe('5555');
    expect(m.container('trace-agent').command).not.toEqual(agent.command);
    expect(render().container('agent').command).toEqual(['agent', 'run']);
  });

  test('a non-empty list of strings', () => {
    const r = (command: any) => () => render({ nodeAgent: { containers: { agent: { command } } } });
    expect(r([])).toThrow('nodeAgent.containers.agent.command must be a non-empty list of strings (the first one the program), got []');
    expect(r(['', 'run'])).toThrow('nodeAgent.containers.agent.command must be a non-empty list of strings (the first one the program), got ["","run"]');
    expect(r('agent run')).toThrow(/nodeAgent.containers.agent.command must be a list/);
    expect(r(['agent', 1])).toThrow(/nodeAgent.containers.agent.command\[1\] must be a string, got 1/);
  });

  test('refused on GKE Autopilot and GKE GDC, which admit the agent container only as `agent run`', () => {
    const command = ['/bin/sh', '-c', 'exec agent run'];
    expect(() => render({ platform: KubernetesPlatform.GKE_AUTOPILOT, nodeAgent: { containers: { agent: { command } } } }))
      .toThrow(/nodeAgent.containers.agent.command is not supported on platform GKE_AUTOPILOT: Datadog's WorkloadAllowlist admits the agent container only with the command \["agent", "run"\]; remove it/);
    expect(() => render({ platform: KubernetesPlatform.GKE_GDC, clusterName: 'edge-1', nodeAgent: { containers: { agent: { command } } } }))
      .toThrow(/nodeAgent.containers.agent.command is not supported on platform GKE_GDC: GDC admits the core agent container only as the library runs it/);
    expect(render({ platform: KubernetesPlatform.EKS, nodeAgent: { containers: { agent: { command } } } }).container('agent').command).toEqual(command);
  });
});
