import * as YAML from 'yaml';
import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

describe('NPM', () => {
  const m = render({ networkMonitoring: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('adds system-probe and process-agent', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe', 'process-agent']);
  });

  test('env: agent and process-agent know system-probe runs the network module; config sync on 7.81', () => {
    expect(envOf(m.container('agent'))).toMatchObject({
      DD_SYSTEM_PROBE_ENABLED: 'true',
      DD_SYSTEM_PROBE_NETWORK_ENABLED: 'true',
      DD_AGENT_IPC_PORT: '5009',
      DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '60',
    });
    const pa = envOf(m.container('process-agent'));
    expect(pa).toMatchObject({
      DD_SYSTEM_PROBE_ENABLED: 'true',
      DD_SYSTEM_PROBE_NETWORK_ENABLED: 'true',
      DD_LOG_LEVEL: 'INFO',
      DD_DOGSTATSD_SOCKET: '/var/run/datadog/dsd.socket',
      DD_CLUSTER_AGENT_ENABLED: 'true', // Cluster Agent client
      DD_PROCESS_CONFIG_RUN_IN_CORE_AGENT_ENABLED: 'true', // process env from processes.ts
    });
    expect(envOf(m.container('system-probe'))).toMatchObject({ DD_AGENT_IPC_PORT: '5009', DD_AGENT_IPC_CONFIG_REFRESH_INTERVAL: '60' });
  });

  test('process-agent: command, security context, mounts', () => {
    const pa = m.container('process-agent');
    expect(pa.command).toEqual(['process-agent', '--cfgpath=/etc/datadog-agent/datadog.yaml']);
    expect(pa.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(pa.ports).toBeUndefined();
    const mounts = mountsOf(pa);
    expect(mounts['/var/run/sysprobe']).toEqual({ name: 'sysprobe-socket-dir', mountPath: '/var/run/sysprobe', readOnly: true });
    expect(mounts['/etc/datadog-agent/system-probe.yaml']).toMatchObject({ name: 'sysprobe-config', readOnly: true });
    expect(mounts['/etc/datadog-agent']).toMatchObject({ name: 'config', readOnly: true });
    expect(mounts['/var/run/datadog']).toMatchObject({ name: 'dsdsocket', readOnly: true });
    for (const p of ['/host/proc', '/host/sys/fs/cgroup', '/etc/passwd', '/host/etc/os-release']) expect(mounts[p].readOnly).toBe(true);
    expect(mounts['/host/var/run/containerd']).toMatchObject({ name: 'runtimesocketdir', readOnly: true });
  });

  test('system-probe: BPF filesystem and cgroups read-only, no host root', () => {
    const mounts = mountsOf(m.container('system-probe'));
    expect(mounts['/sys/fs/bpf']).toEqual({ name: 'bpffs', mountPath: '/sys/fs/bpf', readOnly: true, mountPropagation: 'None' });
    expect(m.volume('bpffs')).toEqual({ name: 'bpffs', hostPath: { path: '/sys/fs/bpf' } });
    expect(mounts['/host/sys/fs/cgroup']).toMatchObject({ name: 'cgroups', readOnly: true });
    expect(mounts).not.toHaveProperty(['/host/root']);
    expect(envOf(m.container('system-probe'))).not.toHaveProperty('HOST_ROOT');
    expect(m.container('system-probe').ports).toBeUndefined();
  });

  test('system-probe.yaml: network module on', () => {
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg.network_config).toEqual({ enabled: true, conntrack_init_timeout: '10s', direct_send: true });
  });

  test('DNS monitoring ports, sorted', () => {
    const m2 = render({ networkMonitoring: { enabled: true, dnsMonitoringPorts: [5353, 53] } });
    const cfg = YAML.parse(m2.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg.network_config.dns_monitoring_ports).toEqual([53, 5353]);
  });
});

describe('NPM bad input', () => {
  test('DNS ports out of range, duplicated, or without NPM', () => {
    expect(() => render({ networkMonitoring: { enabled: true, dnsMonitoringPorts: [53, 0] } })).toThrow(/networkMonitoring.dnsMonitoringPorts\[1\] must be >= 1, got 0/);
    expect(() => render({ networkMonitoring: { enabled: true, dnsMonitoringPorts: [65536] } })).toThrow(/networkMonitoring.dnsMonitoringPorts\[0\] must be <= 65535/);
    expect(() => render({ networkMonitoring: { enabled: true, dnsMonitoringPorts: [53.5] } })).toThrow(/networkMonitoring.dnsMonitoringPorts\[0\] must be an integer/);
    expect(() => render({ networkMonitoring: { enabled: true, dnsMonitoringPorts: [53, 53] } })).toThrow(/networkMonitoring.dnsMonitoringPorts lists port 53 twice/);
    expect(() => render({ networkMonitoring: { dnsMonitoringPorts: [53] } })).toThrow(/networkMonitoring.dnsMonitoringPorts needs networkMonitoring.enabled/);
  });
});
