import { ContainerRuntime, DatadogSite } from '../src';
import { resolveConfig } from '../src/config';
import { SECRET } from './support/helpers';

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
