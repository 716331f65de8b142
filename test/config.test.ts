import { ContainerRuntime, DatadogSite } from '../src';
import { resolutionOrder, resolveConfig } from '../src/config';
import { SECRET, SYSTEM_PROBE_FEATURES_ON } from './support/helpers';
import { COMPONENT_RESOLVERS, FEATURES } from '../src/features/index';

describe('resolveConfig', () => {
  test('defaults', () => {
    const c = resolveConfig({ credentials: SECRET }, 'datadog');
    expect(c.site).toBe(DatadogSite.US1);
    expect(c.runtime).toEqual({ kind: 'containerd', socketPath: '/var/run/containerd/containerd.sock', socketDir: '/var/run/containerd' });
    expect(c.clusterAgent).toMatchObject({ deployed: true, enabled: true, replicas: 2 });
    expect(c.apm).toMatchObject({ enabled: true, socketEnabled: true, port: 8126 });
    expect(c.dogstatsd).toMatchObject({ socketEnabled: true, port: 8125 });
    expect(c.logs.enabled).toBe(false);
    expect(c.logLevel).toEqual('INFO');
  });

  test('wrong types from plain JavaScript callers fail with a named error', () => {
    expect(() => resolveConfig({ credentials: SECRET, site: 'datadoghq.eu' as any }, 'datadog')).toThrow(/site must be a DatadogSite/);
    expect(() => resolveConfig({ credentials: SECRET, containerRuntime: 'containerd' as any }, 'datadog')).toThrow(/containerRuntime must be a ContainerRuntime/);
    expect(() => resolveConfig({ credentials: 'key' as any }, 'datadog')).toThrow(/credentials is required/);
    expect(() => resolveConfig({ credentials: SECRET, kubelet: { host: 'localhost' as any } }, 'datadog')).toThrow(/kubelet.host must be a KubeletHost/);
    expect(ContainerRuntime.DOCKER.kind).toEqual('docker');
  });

  test('namespace must be a DNS label', () => {
    expect(() => resolveConfig({ credentials: SECRET }, 'Bad_NS')).toThrow(/namespace must be a lowercase RFC 1123 label/);
  });
});

/** Options that turn on most features, so resolution has real work and real dependencies. */
const EVERYTHING = {
  credentials: SECRET,
  clusterName: 'prod',
  logs: { enabled: true },
  ...SYSTEM_PROBE_FEATURES_ON,
  otlp: { grpc: { enabled: true }, http: { enabled: true } },
  clusterChecksRunner: { enabled: true },
  kubeStateMetricsCore: { useClusterChecksRunners: true },
  clusterAgent: { externalMetrics: { enabled: true } },
  apm: { instrumentation: { enabled: true } },
};

describe('resolution follows declared needs, not the order of the registry', () => {
  test('the registry in reverse resolves to the same config', () => {
    const forward = resolveConfig(EVERYTHING, 'datadog');
    const reversed = resolveConfig(EVERYTHING, 'datadog', [...FEATURES].reverse());
    // Only the order of the needs listed in messages follows the registry.
    const norm = (c: any) => ({ ...c, systemProbe: { ...c.systemProbe, neededBy: [...c.systemProbe.neededBy].sort() } });
    expect(forward.systemProbe.neededBy.length).toBe(6);
    for (const k of Object.keys(forward)) expect([k, norm(reversed)[k]]).toEqual([k, norm(forward)[k]]);
  });

  test('every feature option is resolved, after what it needs', () => {
    const order = resolutionOrder([...FEATURES, ...COMPONENT_RESOLVERS]).map(r => r.option as string);
    for (const r of [...FEATURES, ...COMPONENT_RESOLVERS]) {
      if (!r.option) continue;
      expect(order).toContain(r.option);
      for (const need of r.needs ?? []) expect([r.option, order.indexOf(need) < order.indexOf(r.option)]).toEqual([r.option, true]);
    }
    // system-probe resolves after every feature that can need it
    const probe = order.indexOf('systemProbe');
    for (const f of FEATURES.filter(x => x.needsSystemProbe)) expect([f.option, order.indexOf(f.option) < probe]).toEqual([f.option, true]);
  });

  test('a cycle or an unknown need is a bug the registry reports', () => {
    const a = { id: 'a', option: 'apm', needs: ['dogstatsd'], resolve: () => undefined } as any;
    const b = { id: 'b', option: 'dogstatsd', needs: ['apm'], resolve: () => undefined } as any;
    expect(() => resolutionOrder([a, b])).toThrow('features need each other in a cycle: a -> b -> a');
    expect(() => resolutionOrder([a])).toThrow('feature a needs dogstatsd, which no feature resolves');
  });

  test('two claims of one port on one pod fail, naming both owners; other protocols and pods do not clash', () => {
    const claim = (component: string, port: number, owner: string, protocol?: string) =>
      ({ id: owner, enabled: () => true, ports: () => [{ component, port, owner, protocol }] }) as any;
    const base = FEATURES;
    expect(() => resolveConfig({ credentials: SECRET }, 'datadog', [...base, claim('nodeAgent', 9000, 'x.port'), claim('nodeAgent', 9000, 'y.port')]))
      .toThrow('y.port 9000 is already used by x.port');
    expect(() => resolveConfig({ credentials: SECRET }, 'datadog', [...base, claim('nodeAgent', 5555, 'x.port')]))
      .toThrow('x.port 5555 is already used by the agent health port');
    expect(() => resolveConfig({ credentials: SECRET }, 'datadog', [...base, claim('nodeAgent', 9000, 'x.port'), claim('nodeAgent', 9000, 'y.port', 'UDP'),
      claim('clusterAgent', 9000, 'z.port')])).not.toThrow();
  });
});

describe('every feature problem of one installation in one error', () => {
  test('independent problems are listed together; a feature that needs a failed one is skipped', () => {
    let message = '';
    try {
      resolveConfig({ credentials: SECRET, clusterAgent: { replicas: 1 }, dogstatsd: { port: 0 }, logs: { enabled: 'yes' as any } }, 'datadog');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^2 problems:/);
    expect(message).toContain('dogstatsd.port must be >= 1, got 0');
    expect(message).toContain('logs.enabled must be');
    // apm needs dogstatsd, which failed: it is not resolved, so nothing repeats the first problem
    expect(message.split('\n').length).toBe(3);
  });

  test('one problem stays a plain message', () => {
    expect(() => resolveConfig({ credentials: SECRET, dogstatsd: { port: 0 } }, 'datadog')).toThrow(/^dogstatsd.port must be >= 1, got 0$/);
  });
});
