import * as YAML from 'yaml';
import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

describe('USM', () => {
  const m = render({ serviceMonitoring: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('adds system-probe and process-agent; system-probe does not report the network module', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe', 'process-agent']);
    expect(envOf(m.container('process-agent')).DD_SYSTEM_PROBE_ENABLED).toBe('false'); // as the chart: tied to NPM
    expect(envOf(m.container('process-agent'))).not.toHaveProperty('DD_SYSTEM_PROBE_NETWORK_ENABLED');
    expect(envOf(m.container('agent'))).toMatchObject({ DD_SYSTEM_PROBE_ENABLED: 'false', DD_AGENT_IPC_PORT: '5009' });
  });

  test('host root read-only with HOST_ROOT, runtime compilation, no BPF filesystem', () => {
    const sp = m.container('system-probe');
    expect(envOf(sp).HOST_ROOT).toBe('/host/root');
    const mounts = mountsOf(sp);
    expect(mounts['/host/root']).toEqual({ name: 'hostroot', mountPath: '/host/root', readOnly: true, mountPropagation: 'None' });
    expect(m.volume('hostroot')).toEqual({ name: 'hostroot', hostPath: { path: '/' } });
    expect(mounts['/lib/modules']).toBeDefined();
    expect(mounts['/host/etc/apt']).toBeDefined();
    expect(mounts).not.toHaveProperty(['/sys/fs/bpf']);
    // Only system-probe sees the host root.
    for (const n of ['agent', 'trace-agent', 'process-agent']) expect(mountsOf(m.container(n))).not.toHaveProperty(['/host/root']);
  });

  test('system-probe.yaml: protocol and TLS switches only when set', () => {
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg.service_monitoring_config).toEqual({ enabled: true });
    const m2 = render({
      serviceMonitoring: {
        enabled: true, httpMonitoring: true, http2Monitoring: false, tlsGo: true, tlsIstio: false, tlsNodejs: true, tlsNative: true,
      },
    });
    const cfg2 = YAML.parse(m2.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg2.service_monitoring_config).toEqual({
      enabled: true,
      enable_http_monitoring: true,
      enable_http2_monitoring: false,
      tls: { go: { enabled: true }, istio: { enabled: false }, nodejs: { enabled: true }, native: { enabled: true } },
    });
  });

  test('with NPM: one process-agent, both modules', () => {
    const both = render({ serviceMonitoring: { enabled: true }, networkMonitoring: { enabled: true } });
    expect(both.containerNames().filter(n => n === 'process-agent')).toHaveLength(1);
    expect(envOf(both.container('process-agent')).DD_SYSTEM_PROBE_ENABLED).toBe('true');
  });
});

test('USM bad input: sub-options without USM', () => {
  expect(() => render({ serviceMonitoring: { tlsGo: true } })).toThrow(/serviceMonitoring.tlsGo needs serviceMonitoring.enabled, which is false/);
});

test('protocol switches are real booleans', () => {
  expect(() => render({ serviceMonitoring: { enabled: true, tlsGo: 'yes' as any } })).toThrow(/serviceMonitoring.tlsGo must be true or false, got "yes"/);
});
