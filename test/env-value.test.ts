import { EnvValueSource, LogLevel } from '../src';
import { envOf, render } from './support/helpers';

describe('envValueFrom', () => {
  test('every place takes references, rendered as valueFrom (snapshot)', () => {
    const m = render({
      clusterChecksRunner: {
        enabled: true,
        envValueFrom: { RUNNER_NODE: EnvValueSource.fromField('spec.nodeName') },
      },
      nodeAgent: {
        env: { LITERAL: 'x' },
        envValueFrom: {
          PROXY_URL: EnvValueSource.fromSecret('proxy', 'url'),
          TEAM: EnvValueSource.fromConfigMap('team-info', 'team.name', { optional: true }),
        },
        containers: {
          agent: { envValueFrom: { MEM_LIMIT: EnvValueSource.fromResource('limits.memory', { divisor: '1Mi' }) } },
          traceAgent: { envValueFrom: { POD_LABEL: EnvValueSource.fromField("metadata.labels['app']") } },
        },
      },
      clusterAgent: { envValueFrom: { DD_EXTERNAL: EnvValueSource.fromSecret('dca-extra', 'ext', { optional: false }) } },
    });
    const agent = envOf(m.container('agent'));
    expect(agent).toMatchObject({
      LITERAL: 'x',
      PROXY_URL: { secretKeyRef: { name: 'proxy', key: 'url' } },
      TEAM: { configMapKeyRef: { name: 'team-info', key: 'team.name', optional: true } },
      MEM_LIMIT: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
    });
    expect(envOf(m.container('trace-agent'))).toMatchObject({
      PROXY_URL: { secretKeyRef: { name: 'proxy', key: 'url' } },
      POD_LABEL: { fieldRef: { fieldPath: "metadata.labels['app']" } },
    });
    expect(envOf(m.container('trace-agent')).MEM_LIMIT).toBeUndefined();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_EXTERNAL).toEqual({ secretKeyRef: { name: 'dca-extra', key: 'ext', optional: false } });
    const runner = m.get('Deployment', 'datadog-clusterchecks');
    expect(envOf(m.container('agent', runner)).RUNNER_NODE).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    // Only the references: the rest of the env has its own tests.
    expect(m.daemonSet.spec.template.spec.containers.map((c: any) => [c.name, c.env.filter((e: any) => e.valueFrom && !e.valueFrom.secretKeyRef?.name?.startsWith('datadog'))])).toMatchSnapshot();
  });

  test('replaces the library value in place, like env', () => {
    const m = render({ nodeAgent: { envValueFrom: { DD_CLUSTER_NAME: EnvValueSource.fromConfigMap('cluster', 'name') } }, clusterName: 'c1' });
    const names = (ct: any) => ct.env.map((e: any) => e.name);
    expect(names(m.container('agent'))).toEqual(names(render({ clusterName: 'c1' }).container('agent')));
    expect(envOf(m.container('agent')).DD_CLUSTER_NAME).toEqual({ configMapKeyRef: { name: 'cluster', key: 'name' } });
  });

  test('a name in env and envValueFrom of one place names both options', () => {
    expect(() => render({ nodeAgent: { env: { X: '1' }, envValueFrom: { X: EnvValueSource.fromField('spec.nodeName') } } }))
      .toThrow('nodeAgent.envValueFrom.X is also set in nodeAgent.env.X: set it in one place');
    expect(() => render({ clusterAgent: { env: { X: '1' }, envValueFrom: { X: EnvValueSource.fromField('spec.nodeName') } } }))
      .toThrow('clusterAgent.envValueFrom.X is also set in clusterAgent.env.X');
    expect(() => render({ nodeAgent: { containers: { agent: { env: { X: '1' }, envValueFrom: { X: EnvValueSource.fromField('spec.nodeName') } } } } }))
      .toThrow('nodeAgent.containers.agent.envValueFrom.X is also set in nodeAgent.containers.agent.env.X');
    expect(() => render({ nodeAgent: { env: { X: '1' }, containers: { agent: { envValueFrom: { X: EnvValueSource.fromField('spec.nodeName') } } } } }))
      .toThrow('nodeAgent.containers.agent.envValueFrom.X is also set in nodeAgent.env');
    expect(() => render({ nodeAgent: { envValueFrom: { X: EnvValueSource.fromField('spec.nodeName') }, containers: { agent: { env: { X: '1' } } } } }))
      .toThrow('nodeAgent.containers.agent.env.X is also set in nodeAgent.envValueFrom');
    expect(() => render({ nodeAgent: { envValueFrom: { DD_LOG_LEVEL: EnvValueSource.fromField('spec.nodeName') }, containers: { agent: { logLevel: LogLevel.DEBUG } } } }))
      .toThrow('nodeAgent.containers.agent.logLevel clashes with nodeAgent.envValueFrom.DD_LOG_LEVEL');
  });

  test('sources are validated', () => {
    const bad = (s: EnvValueSource) => () => render({ nodeAgent: { envValueFrom: { X: s } } });
    expect(bad(EnvValueSource.fromSecret('Bad_Name', 'k'))).toThrow('nodeAgent.envValueFrom.X (Secret name) must be a lowercase RFC 1123 subdomain');
    expect(bad(EnvValueSource.fromConfigMap('ok', 'bad key'))).toThrow('nodeAgent.envValueFrom.X has an invalid ConfigMap key "bad key"');
    expect(bad(EnvValueSource.fromField('spec.containers'))).toThrow('nodeAgent.envValueFrom.X has an unsupported field path "spec.containers"');
    expect(bad(EnvValueSource.fromResource('limits.gpu'))).toThrow('nodeAgent.envValueFrom.X has an unsupported resource "limits.gpu"');
    expect(bad(EnvValueSource.fromResource('limits.cpu', { divisor: 'lots' }))).toThrow('nodeAgent.envValueFrom.X.divisor must be a Kubernetes quantity');
    expect(bad(EnvValueSource.fromResource('limits.cpu', { containerName: 'Agent' }))).toThrow('envValueFrom.X.containerName must be a lowercase RFC 1123 label');
    expect(() => render({ nodeAgent: { envValueFrom: { 'bad name': EnvValueSource.fromField('spec.nodeName') } } })).toThrow('nodeAgent.envValueFrom has an invalid env var name "bad name"');
    expect(() => render({ nodeAgent: { envValueFrom: { X: 'literal' as any } } })).toThrow(/nodeAgent.envValueFrom\["X"\] must be an EnvValueSource/);
    expect(() => render({ nodeAgent: { envValueFrom: { DD_API_KEY: EnvValueSource.fromSecret('s', 'k') } } })).toThrow('nodeAgent.envValueFrom.DD_API_KEY is not allowed: it comes from credentials');
    expect(() => render({ clusterAgent: { existing: { serviceName: 'dca' }, envValueFrom: { X: EnvValueSource.fromField('spec.nodeName') } } }))
      .toThrow('clusterAgent.envValueFrom shapes a Cluster Agent this construct deploys');
  });

  test('the factories check their arguments against the option schema, as the props are checked', () => {
    expect(() => EnvValueSource.fromSecret('s', 'k', { optinal: true } as any)).toThrow('EnvValueSource.fromSecret(options).optinal is not an option of EnvKeyRefOptions; did you mean "optional"?');
    expect(() => EnvValueSource.fromConfigMap('c', 1 as any)).toThrow(/EnvValueSource\.fromConfigMap\(key\) must be a string/);
    expect(() => EnvValueSource.fromField(undefined as any)).toThrow('EnvValueSource.fromField(fieldPath) is required');
    expect(() => EnvValueSource.fromResource('limits.cpu', { container: 'agent' } as any)).toThrow(/^EnvValueSource\.fromResource\(options\)\.container is not an option of EnvResourceOptions/);
  });
});

describe('probe tuning', () => {
  test('tunes the library probes, keeping their handlers (snapshot)', () => {
    const m = render({
      clusterChecksRunner: { enabled: true, readinessProbe: { periodSeconds: 30 } },
      nodeAgent: {
        containers: {
          agent: {
            livenessProbe: { initialDelaySeconds: 60, failureThreshold: 10 },
            readinessProbe: { successThreshold: 2 },
            startupProbe: { periodSeconds: 5 },
          },
          traceAgent: { livenessProbe: { timeoutSeconds: 10 } },
        },
      },
      clusterAgent: { livenessProbe: { timeoutSeconds: 3 }, startupProbe: { failureThreshold: 30 } },
    });
    const agent = m.container('agent');
    expect(agent.livenessProbe).toEqual({
      httpGet: { path: '/live', port: 5555, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 15, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 10,
    });
    expect(agent.readinessProbe.successThreshold).toBe(2);
    expect(agent.startupProbe).toMatchObject({ httpGet: { path: '/startup' }, periodSeconds: 5 });
    expect(m.container('trace-agent').livenessProbe).toEqual({ tcpSocket: { port: 8126 }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 10 });
    const dca = m.container('cluster-agent', m.clusterAgent);
    expect(dca.livenessProbe).toMatchObject({ httpGet: { path: '/live', port: 5556 }, timeoutSeconds: 3 });
    expect(dca.startupProbe.failureThreshold).toBe(30);
    expect(dca.readinessProbe.failureThreshold).toBe(6);
    expect(m.container('agent', m.get('Deployment', 'datadog-clusterchecks')).readinessProbe).toMatchObject({ httpGet: { port: 5557 }, periodSeconds: 30 });
    expect([agent.livenessProbe, agent.readinessProbe, agent.startupProbe, m.container('trace-agent').livenessProbe, dca.livenessProbe, dca.startupProbe]).toMatchSnapshot();
  });

  test('values are validated ints', () => {
    expect(() => render({ clusterAgent: { livenessProbe: { periodSeconds: 0 } } })).toThrow('clusterAgent.livenessProbe.periodSeconds must be >= 1, got 0');
    expect(() => render({ clusterAgent: { readinessProbe: { timeoutSeconds: 1.5 } } })).toThrow('clusterAgent.readinessProbe.timeoutSeconds must be an integer, got 1.5');
    expect(() => render({ nodeAgent: { containers: { agent: { startupProbe: { initialDelaySeconds: -1 } } } } })).toThrow('nodeAgent.containers.agent.startupProbe.initialDelaySeconds must be >= 0, got -1');
    expect(() => render({ nodeAgent: { containers: { agent: { livenessProbe: { successThreshold: 2 } } } } })).toThrow('nodeAgent.containers.agent.livenessProbe.successThreshold must be 1 for a liveness probe');
    expect(() => render({ nodeAgent: { containers: { agent: { livenessProbe: { period: 3 } as any } } } })).toThrow(/nodeAgent.containers.agent.livenessProbe.period is not an option of ProbeOptions; did you mean "periodSeconds"/);
  });

  test('a probe the container does not have, or a container that does not run, is an error', () => {
    expect(() => render({ nodeAgent: { containers: { traceAgent: { readinessProbe: { periodSeconds: 5 } } as any } } }))
      .toThrow(/nodeAgent.containers.traceAgent.readinessProbe is not an option of TraceAgentContainerOptions/);
    expect(() => render({ apm: { enabled: false }, nodeAgent: { containers: { traceAgent: { livenessProbe: { periodSeconds: 5 } } } } }))
      .toThrow('nodeAgent.containers.traceAgent is set but this configuration runs no trace-agent container');
  });
});
