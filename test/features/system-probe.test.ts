import * as YAML from 'yaml';
import { SYSTEM_PROBE_CAPABILITIES } from '../../src/features/system-probe';
import type { Manifest } from '../support/helpers';
import { SYSTEM_PROBE_FEATURES_ON, envOf, featureSlice, mountsOf, render } from '../support/helpers';

const ALL_ON = SYSTEM_PROBE_FEATURES_ON;

/** Every container and init container of the DaemonSet. */
function allContainers(m: Manifest): any[] {
  const spec = m.daemonSet.spec.template.spec;
  return [...spec.containers, ...(spec.initContainers ?? [])];
}

function hostPathMounts(m: Manifest): Set<string> {
  const hostVolumes = new Set((m.daemonSet.spec.template.spec.volumes ?? []).filter((v: any) => v.hostPath).map((v: any) => v.name));
  return new Set(allContainers(m).flatMap(c => (c.volumeMounts ?? []).map((x: any) => x.name)).filter(n => hostVolumes.has(n)));
}

function sysprobeConfig(m: Manifest): any {
  return YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
}

describe('defaults: no system-probe', () => {
  const m = render();

  test('no container adds capabilities or runs privileged', () => {
    for (const c of allContainers(m)) {
      expect(c.securityContext).toBeDefined();
      expect(c.securityContext.capabilities?.add ?? []).toEqual([]);
      expect(c.securityContext.privileged).not.toBe(true);
    }
  });

  test('only the host paths the core agent needs are mounted', () => {
    const allowed = new Set(['procdir', 'cgroups', 'os-release-file', 'runtimesocketdir', 'dsdsocket', 'passwd']);
    expect([...hostPathMounts(m)].filter(n => !allowed.has(n))).toEqual([]);
  });

  test('no system-probe, process-agent, security-agent, seccomp-setup or their ConfigMaps', () => {
    expect(m.containerNames()).not.toEqual(expect.arrayContaining(['system-probe']));
    for (const n of ['system-probe', 'process-agent', 'security-agent', 'seccomp-setup']) expect(m.container(n)).toBeUndefined();
    expect(m.find('ConfigMap', 'datadog-system-probe-config')).toBeUndefined();
    expect(m.find('ConfigMap', 'datadog-security')).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations ?? {}).not.toHaveProperty(['container.apparmor.security.beta.kubernetes.io/system-probe']);
    expect(envOf(m.container('agent'))).not.toHaveProperty('DD_SYSTEM_PROBE_ENABLED');
  });
});

describe('system-probe container (through OOM kill, the smallest user)', () => {
  const m = render({ oomKill: { enabled: true } });
  const sp = m.container('system-probe');

  test('command, image and env', () => {
    expect(sp.command).toEqual(['system-probe', '--config=/etc/datadog-agent/system-probe.yaml']);
    expect(sp.image).toBe('registry.datadoghq.com/agent:7.81.1');
    const env = envOf(sp);
    expect(env.DD_LOG_LEVEL).toBe('INFO');
    expect(env.DD_DOGSTATSD_PORT).toBe('8125');
    expect(env.DD_SITE).toBe('datadoghq.com'); // common env
    expect(env).not.toHaveProperty('DD_CLUSTER_AGENT_AUTH_TOKEN'); // not a Cluster Agent client
    expect(env).not.toHaveProperty('HOST_ROOT');
    expect(env).not.toHaveProperty('DD_AGENT_IPC_PORT');
  });

  test('exactly the chart capabilities, never privileged, read-only root, Localhost seccomp', () => {
    expect(sp.securityContext).toEqual({
      privileged: false,
      readOnlyRootFilesystem: true,
      seccompProfile: { type: 'Localhost', localhostProfile: 'system-probe' },
      capabilities: { add: ['CHOWN', 'DAC_READ_SEARCH', 'IPC_LOCK', 'NET_ADMIN', 'NET_BROADCAST', 'NET_RAW', 'SYS_ADMIN', 'SYS_PTRACE', 'SYS_RESOURCE'] },
    });
    expect([...SYSTEM_PROBE_CAPABILITIES].sort()).toEqual(sp.securityContext.capabilities.add);
    expect(sp.securityContext.capabilities.add).not.toContain('KILL');
  });

  test('AppArmor unconfined through the pod annotation (Kubernetes 1.27 has no appArmorProfile field)', () => {
    expect(m.daemonSet.spec.template.metadata.annotations['container.apparmor.security.beta.kubernetes.io/system-probe']).toBe('unconfined');
    expect(sp.securityContext).not.toHaveProperty('appArmorProfile');
  });

  test('seccomp-setup installs the profile from the F-security ConfigMap', () => {
    const init = m.container('seccomp-setup');
    expect(m.daemonSet.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['init-volume', 'init-config', 'seccomp-setup']);
    expect(init.command).toEqual(['cp', '/etc/config/system-probe-seccomp.json', '/host/var/lib/kubelet/seccomp/system-probe']);
    expect(init.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(mountsOf(init)['/etc/config']).toMatchObject({ name: 'datadog-agent-security', readOnly: true });
    expect(mountsOf(init)['/host/var/lib/kubelet/seccomp'].name).toBe('seccomp-root');
    expect(m.volume('seccomp-root')).toEqual({ name: 'seccomp-root', hostPath: { path: '/var/lib/kubelet/seccomp' } });
    expect(m.volume('datadog-agent-security')).toEqual({ name: 'datadog-agent-security', configMap: { name: 'datadog-security' } });
    const profile = JSON.parse(m.get('ConfigMap', 'datadog-security').data['system-probe-seccomp.json']);
    expect(profile.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(profile.syscalls[0].names).toContain('bpf');
    expect(profile.syscalls[0].names).not.toContain('kill');
  });

  test('mounts: config, socket dir, debugfs, proc, os-release and runtime compilation', () => {
    const mounts = mountsOf(sp);
    expect(mounts['/etc/datadog-agent/system-probe.yaml']).toEqual({ name: 'sysprobe-config', mountPath: '/etc/datadog-agent/system-probe.yaml', subPath: 'system-probe.yaml', readOnly: true });
    expect(mounts['/var/run/sysprobe']).toEqual({ name: 'sysprobe-socket-dir', mountPath: '/var/run/sysprobe' });
    expect(mounts['/sys/kernel/debug']).toMatchObject({ name: 'debugfs' });
    expect(mounts['/sys/kernel/debug'].readOnly).toBeUndefined();
    expect(mounts['/host/proc']).toMatchObject({ name: 'procdir', readOnly: true });
    expect(mounts['/etc/datadog-agent']).toMatchObject({ name: 'config', readOnly: true });
    expect(mounts['/host/etc/os-release']).toMatchObject({ name: 'os-release-file', readOnly: true });
    for (const f of ['redhat', 'fedora', 'lsb']) expect(mounts[`/host/etc/${f}-release`]).toMatchObject({ name: `etc-${f}-release`, readOnly: true });
    expect(mounts['/lib/modules']).toMatchObject({ name: 'modules', readOnly: true });
    expect(mounts['/usr/src']).toMatchObject({ name: 'src', readOnly: true });
    expect(mounts['/var/tmp/datadog-agent/system-probe/build'].name).toBe('runtime-compiler-output-dir');
    expect(mounts['/var/tmp/datadog-agent/system-probe/kernel-headers'].name).toBe('kernel-headers-download-dir');
    for (const d of ['apt', 'yum.repos.d', 'zypp', 'pki', 'yum/vars', 'dnf/vars', 'rhsm']) expect(mounts[`/host/etc/${d}`]).toMatchObject({ readOnly: true });
    // OOM kill needs neither cgroups, the host root, nor the BPF filesystem.
    expect(mounts).not.toHaveProperty(['/host/sys/fs/cgroup']);
    expect(mounts).not.toHaveProperty(['/host/root']);
    expect(mounts).not.toHaveProperty(['/sys/fs/bpf']);
    expect(m.volume('runtime-compiler-output-dir').hostPath).toEqual({ path: '/var/tmp/datadog-agent/system-probe/build', type: 'DirectoryOrCreate' });
    expect(m.volume('sysprobe-socket-dir')).toEqual({ name: 'sysprobe-socket-dir', emptyDir: {} });
  });

  test('the agent reads the socket (read-only) and the config; init-config sees the config', () => {
    const agent = mountsOf(m.container('agent'));
    expect(agent['/var/run/sysprobe']).toEqual({ name: 'sysprobe-socket-dir', mountPath: '/var/run/sysprobe', readOnly: true });
    expect(agent['/etc/datadog-agent/system-probe.yaml']).toMatchObject({ name: 'sysprobe-config', subPath: 'system-probe.yaml', readOnly: true });
    expect(mountsOf(m.container('init-config'))['/etc/datadog-agent/system-probe.yaml']).toMatchObject({ name: 'sysprobe-config' });
    expect(m.container('process-agent')).toBeUndefined();
  });

  test('system-probe.yaml: sorted keys, chart defaults', () => {
    const text = m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml'];
    const cfg = YAML.parse(text);
    expect(Object.keys(cfg)).toEqual([...Object.keys(cfg)].sort());
    expect(Object.keys(cfg.system_probe_config)).toEqual([...Object.keys(cfg.system_probe_config)].sort());
    expect(cfg.system_probe_config).toMatchObject({
      enabled: true,
      sysprobe_socket: '/var/run/sysprobe/sysprobe.sock',
      debug_port: 0,
      enable_conntrack: true,
      bpf_debug: false,
      enable_oom_kill: true,
      enable_tcp_queue_length: false,
      collect_dns_stats: true,
      max_tracked_connections: 131072,
      conntrack_max_state_size: 131072,
      runtime_compiler_output_dir: '/var/tmp/datadog-agent/system-probe/build',
      kernel_header_download_dir: '/var/tmp/datadog-agent/system-probe/kernel-headers',
      apt_config_dir: '/host/etc/apt',
      yum_repos_dir: '/host/etc/yum.repos.d',
      zypper_repos_dir: '/host/etc/zypp/repos.d',
    });
    expect(cfg.network_config).toEqual({ enabled: false, conntrack_init_timeout: '10s', direct_send: true });
    expect(cfg.service_monitoring_config).toEqual({ enabled: false });
    expect(cfg.runtime_security_config).toEqual({ enabled: false });
    expect(cfg).not.toHaveProperty('discovery');
  });

  test('the output is deterministic', () => {
    const again = render({ oomKill: { enabled: true } });
    expect(JSON.stringify(again.objects)).toBe(JSON.stringify(m.objects));
  });
});

describe('system-probe tuning', () => {
  test('options reach system-probe.yaml and the mounts', () => {
    const m = render({
      tcpQueueLength: { enabled: true },
      systemProbe: {
        debugPort: 6062,
        enableConntrack: false,
        bpfDebug: true,
        collectDnsStats: false,
        maxTrackedConnections: 65536,
        maxConnectionStateBuffered: 75000,
        conntrackMaxStateSize: 65536,
        conntrackInitTimeout: '30s',
        runtimeCompilationAssetDir: '/opt/dd/sp',
        seccompRoot: '/var/lib/k0s/kubelet/seccomp',
        btfPath: '/var/lib/btf/vmlinux.btf',
        enableDefaultKernelHeadersPaths: false,
        enableDefaultOsReleasePaths: false,
      },
    });
    const cfg = sysprobeConfig(m);
    expect(cfg.system_probe_config).toMatchObject({
      debug_port: 6062,
      enable_conntrack: false,
      bpf_debug: true,
      collect_dns_stats: false,
      max_tracked_connections: 65536,
      max_connection_state_buffered: 75000,
      conntrack_max_state_size: 65536,
      btf_path: '/var/lib/btf/vmlinux.btf',
      runtime_compiler_output_dir: '/opt/dd/sp/build',
      kernel_header_download_dir: '/opt/dd/sp/kernel-headers',
    });
    expect(cfg.network_config.conntrack_init_timeout).toBe('30s');
    const mounts = mountsOf(m.container('system-probe'));
    expect(mounts['/var/lib/btf/vmlinux.btf']).toEqual({ name: 'btf-path', mountPath: '/var/lib/btf/vmlinux.btf', readOnly: true });
    expect(mounts['/opt/dd/sp/build'].name).toBe('runtime-compiler-output-dir');
    expect(mounts).not.toHaveProperty(['/lib/modules']);
    expect(mounts).not.toHaveProperty(['/usr/src']);
    expect(mounts).not.toHaveProperty(['/host/etc/redhat-release']);
    expect(m.volume('seccomp-root').hostPath.path).toBe('/var/lib/k0s/kubelet/seccomp');
  });

  test('without runtime compilation (NPM only) no kernel-header or package-manager mounts', () => {
    const m = render({ networkMonitoring: { enabled: true } });
    const mounts = mountsOf(m.container('system-probe'));
    for (const p of ['/lib/modules', '/usr/src', '/var/tmp/datadog-agent/system-probe/build', '/host/etc/apt', '/host/etc/rhsm']) {
      expect(mounts).not.toHaveProperty([p]);
    }
    expect(m.volume('modules')).toBeUndefined();
    expect(m.volume('apt-config-dir')).toBeUndefined();
  });

  test('agents before 7.81 do not use direct send or config sync', () => {
    const m = render({ networkMonitoring: { enabled: true }, images: { agentTag: '7.80.0' } });
    expect(sysprobeConfig(m).network_config.direct_send).toBe(false);
    expect(envOf(m.container('system-probe'))).not.toHaveProperty('DD_AGENT_IPC_PORT');
    expect(envOf(m.container('agent'))).not.toHaveProperty('DD_AGENT_IPC_PORT');
  });
});

describe('everything on', () => {
  const m = render(ALL_ON);

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('containers, in order, and one system-probe shared by all features', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe', 'process-agent', 'security-agent']);
  });

  test('capabilities per container: system-probe with KILL, security-agent audit, nothing else', () => {
    const caps = Object.fromEntries(allContainers(m).map(c => [c.name, c.securityContext.capabilities?.add ?? []]));
    expect(caps['system-probe']).toEqual([...SYSTEM_PROBE_CAPABILITIES, 'KILL'].sort());
    expect(caps['security-agent']).toEqual(['AUDIT_CONTROL', 'AUDIT_READ']);
    for (const n of ['agent', 'trace-agent', 'process-agent', 'init-volume', 'init-config', 'seccomp-setup']) expect(caps[n]).toEqual([]);
    for (const c of allContainers(m)) expect(c.securityContext.privileged).not.toBe(true);
  });

  test('one set of volumes, each defined once', () => {
    const names = m.daemonSet.spec.template.spec.volumes.map((v: any) => v.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('bad input', () => {
  test('a feature that needs system-probe while it is forbidden', () => {
    expect(() => render({ systemProbe: { enabled: false }, networkMonitoring: { enabled: true } }))
      .toThrow(/systemProbe.enabled is false, but networkMonitoring.enabled needs system-probe/);
    expect(() => render({ systemProbe: { enabled: false }, security: { runtime: { enabled: true } } }))
      .toThrow(/systemProbe.enabled is false, but security.runtime.enabled needs system-probe/);
  });

  test('system-probe forced on with nothing to run', () => {
    expect(() => render({ systemProbe: { enabled: true } })).toThrow(/systemProbe.enabled is true, but no feature needs system-probe/);
  });

  test('bad paths', () => {
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { seccompRoot: 'var/lib/kubelet/seccomp' } })).toThrow(/systemProbe.seccompRoot must be an absolute path/);
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { runtimeCompilationAssetDir: '/var/tmp/../etc' } })).toThrow(/systemProbe.runtimeCompilationAssetDir must be an absolute path without ".."/);
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { runtimeCompilationAssetDir: '/var/tmp/sp/' } })).toThrow(/systemProbe.runtimeCompilationAssetDir must be a directory without a trailing/);
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { btfPath: 'btf' } })).toThrow(/systemProbe.btfPath must be an absolute path/);
  });

  test('bad numbers and durations', () => {
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { debugPort: 70000 } })).toThrow(/systemProbe.debugPort must be <= 65535, got 70000/);
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { maxTrackedConnections: 0 } })).toThrow(/systemProbe.maxTrackedConnections must be >= 1, got 0/);
    expect(() => render({ oomKill: { enabled: true }, systemProbe: { conntrackInitTimeout: '10 seconds' } })).toThrow(/systemProbe.conntrackInitTimeout must be a Go duration/);
  });
});

test('per-container resources and user env reach system-probe and seccomp-setup', () => {
  const m = render({
    oomKill: { enabled: true },
    nodeAgent: {
      containerResources: {
        systemProbe: { cpuRequest: '100m', memoryLimit: '512Mi' },
        initContainers: { cpuRequest: '10m' },
      },
      env: { DD_LOG_LEVEL: 'debug' },
    },
  });
  expect(m.container('system-probe').resources).toEqual({ requests: { cpu: '100m' }, limits: { memory: '512Mi' } });
  expect(m.container('seccomp-setup').resources).toEqual({ requests: { cpu: '10m' } });
  expect(envOf(m.container('system-probe')).DD_LOG_LEVEL).toBe('debug');
});
