import * as YAML from 'yaml';
import { SYSTEM_PROBE_CAPABILITIES } from '../../src/features/system-probe';
import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

const cfgOf = (m: any) => YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
const seccompOf = (m: any) => JSON.parse(m.get('ConfigMap', 'datadog-security').data['system-probe-seccomp.json']);

test('defaults: CSPM reported off on the agent, nothing else', () => {
  const m = render();
  expect(envOf(m.container('agent'))).toMatchObject({ DD_COMPLIANCE_CONFIG_ENABLED: 'false', DD_COMPLIANCE_CONFIG_RUN_IN_SYSTEM_PROBE: 'false' });
  expect(m.container('security-agent')).toBeUndefined();
  expect(envOf(m.container('cluster-agent', m.clusterAgent))).not.toHaveProperty('DD_COMPLIANCE_CONFIG_ENABLED');
  // (the orchestrator explorer reads bindings too; without it, nothing grants them)
  const noOrch = render({ orchestratorExplorer: { enabled: false } });
  expect(noOrch.allows('datadog-cluster-agent', 'list', 'rbac.authorization.k8s.io', 'clusterrolebindings')).toBe(false);
});

describe('CWS', () => {
  const m = render({ security: { runtime: { enabled: true } } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('system-probe with KILL (enforcement), host root, passwd and group', () => {
    const sp = m.container('system-probe');
    expect(sp.securityContext.capabilities.add).toEqual([...SYSTEM_PROBE_CAPABILITIES, 'KILL'].sort());
    expect(sp.securityContext.privileged).toBe(false);
    expect(envOf(sp).HOST_ROOT).toBe('/host/root');
    const mounts = mountsOf(sp);
    expect(mounts['/host/root']).toMatchObject({ name: 'hostroot', readOnly: true });
    expect(mounts['/etc/passwd']).toEqual({ name: 'passwd', mountPath: '/etc/passwd', readOnly: true });
    expect(mounts['/etc/group']).toEqual({ name: 'group', mountPath: '/etc/group', readOnly: true });
    expect(m.volume('group')).toEqual({ name: 'group', hostPath: { path: '/etc/group', type: 'File' } });
    expect(seccompOf(m).syscalls[0].names).toContain('kill');
  });

  test('security-agent ships the events: env and system-probe socket', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe', 'security-agent']);
    const sa = m.container('security-agent');
    expect(sa.command).toEqual(['security-agent', 'start', '-c=/etc/datadog-agent/datadog.yaml']);
    expect(sa.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
    expect(envOf(sa)).toMatchObject({
      DD_RUNTIME_SECURITY_CONFIG_ENABLED: 'true',
      DD_RUNTIME_SECURITY_CONFIG_POLICIES_DIR: '/etc/datadog-agent/runtime-security.d',
      DD_RUNTIME_SECURITY_CONFIG_SOCKET: '/var/run/sysprobe/runtime-security.sock',
      DD_RUNTIME_SECURITY_CONFIG_USE_SECRUNTIME_TRACK: 'true',
      DD_COMPLIANCE_CONFIG_ENABLED: 'false',
      DD_DOGSTATSD_SOCKET: '/var/run/datadog/dsd.socket',
      DD_LOG_LEVEL: 'INFO',
      DD_CLUSTER_AGENT_ENABLED: 'true',
    });
    expect(envOf(sa)).not.toHaveProperty('HOST_ROOT');
    const mounts = mountsOf(sa);
    expect(mounts['/var/run/sysprobe']).toEqual({ name: 'sysprobe-socket-dir', mountPath: '/var/run/sysprobe' });
    expect(mounts['/etc/datadog-agent/system-probe.yaml']).toMatchObject({ name: 'sysprobe-config', readOnly: true });
    expect(mounts['/var/run/datadog']).toMatchObject({ name: 'dsdsocket' });
    expect(mounts).not.toHaveProperty(['/host/root']);
  });

  test('runtime_security_config in system-probe.yaml', () => {
    expect(cfgOf(m).runtime_security_config).toMatchObject({
      enabled: true,
      socket: '/var/run/sysprobe/runtime-security.sock',
      policies: { dir: '/etc/datadog-agent/runtime-security.d' },
      enforcement: { enabled: true },
      syscall_monitor: { enabled: false },
      network: { enabled: true },
      use_secruntime_track: true,
      direct_send_from_system_probe: false,
      activity_dump: { enabled: true, traced_cgroups_count: 3 },
      security_profile: { enabled: true },
    });
    // The Cluster Agent gets DD_COMPLIANCE_CONFIG_ENABLED=false when only CWS runs, as the chart.
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_COMPLIANCE_CONFIG_ENABLED).toBe('false');
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).not.toHaveProperty('DD_COMPLIANCE_CONFIG_CHECK_INTERVAL');
  });

  test('options: no enforcement, direct send, custom policies, container filters', () => {
    const m2 = render({
      security: {
        runtime: {
          enabled: true,
          enforcement: false,
          directSendFromSystemProbe: true,
          policiesConfigMap: 'my-policies',
          syscallMonitor: true,
          network: false,
          activityDump: false,
          securityProfile: false,
          useSecruntimeTrack: false,
          containerInclude: ['kube_namespace:prod'],
          containerExclude: ['image:datadog/agent'],
        },
      },
    });
    expect(m2.container('security-agent')).toBeUndefined();
    const sp = m2.container('system-probe');
    expect(sp.securityContext.capabilities.add).not.toContain('KILL');
    expect(seccompOf(m2).syscalls[0].names).not.toContain('kill');
    expect(mountsOf(sp)['/etc/datadog-agent/runtime-security.d']).toEqual({ name: 'runtimepoliciesdir', mountPath: '/etc/datadog-agent/runtime-security.d', readOnly: true });
    expect(m2.volume('runtimepoliciesdir')).toEqual({ name: 'runtimepoliciesdir', configMap: { name: 'my-policies' } });
    const rs = cfgOf(m2).runtime_security_config;
    expect(rs).toMatchObject({
      enforcement: { enabled: false },
      direct_send_from_system_probe: true,
      syscall_monitor: { enabled: true },
      network: { enabled: false },
      use_secruntime_track: false,
      container_include: ['kube_namespace:prod'],
      container_exclude: ['image:datadog/agent'],
      activity_dump: { enabled: false, traced_cgroups_count: 0 },
      security_profile: { enabled: false, anomaly_detection: { enabled: false } },
    });
    // No security-agent: the Cluster Agent gets no compliance env at all.
    expect(envOf(m2.container('cluster-agent', m2.clusterAgent))).not.toHaveProperty('DD_COMPLIANCE_CONFIG_ENABLED');
  });
});

describe('CSPM', () => {
  const m = render({ security: { compliance: { enabled: true } } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('security-agent without system-probe: audit capabilities, host root, hostPID', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'security-agent']);
    expect(m.container('system-probe')).toBeUndefined();
    expect(m.find('ConfigMap', 'datadog-system-probe-config')).toBeUndefined();
    expect(m.daemonSet.spec.template.spec.hostPID).toBe(true);
    const sa = m.container('security-agent');
    expect(sa.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { add: ['AUDIT_CONTROL', 'AUDIT_READ'] } });
    expect(envOf(sa)).toMatchObject({
      DD_COMPLIANCE_CONFIG_ENABLED: 'true',
      DD_COMPLIANCE_CONFIG_CHECK_INTERVAL: '20m',
      DD_COMPLIANCE_CONFIG_XCCDF_ENABLED: 'true',
      DD_COMPLIANCE_CONFIG_HOST_BENCHMARKS_ENABLED: 'true',
      HOST_ROOT: '/host/root',
      DD_RUNTIME_SECURITY_CONFIG_ENABLED: 'false',
    });
    expect(envOf(sa)).not.toHaveProperty('DD_RUNTIME_SECURITY_CONFIG_SOCKET');
    const mounts = mountsOf(sa);
    for (const [p, name] of [['/host/root', 'hostroot'], ['/host/proc', 'procdir'], ['/host/sys/fs/cgroup', 'cgroups'], ['/etc/passwd', 'passwd'], ['/etc/group', 'group']]) {
      expect(mounts[p]).toMatchObject({ name, readOnly: true });
    }
    expect(mounts).not.toHaveProperty(['/var/run/sysprobe']);
    expect(m.volume('hostroot')).toEqual({ name: 'hostroot', hostPath: { path: '/' } });
    expect(envOf(m.container('agent')).DD_COMPLIANCE_CONFIG_ENABLED).toBe('true');
  });

  test('Cluster Agent: env and the RBAC the Kubernetes benchmarks read', () => {
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({ DD_COMPLIANCE_CONFIG_ENABLED: 'true', DD_COMPLIANCE_CONFIG_CHECK_INTERVAL: '20m' });
    const sa = 'datadog-cluster-agent';
    expect(m.allows(sa, 'list', '', 'namespaces')).toBe(true);
    expect(m.allows(sa, 'list', '', 'serviceaccounts')).toBe(true);
    for (const v of ['get', 'list', 'watch']) expect(m.allows(sa, v, 'policy', 'poddisruptionbudgets')).toBe(true);
    for (const r of ['clusterrolebindings', 'rolebindings']) for (const v of ['list', 'watch']) expect(m.allows(sa, v, 'rbac.authorization.k8s.io', r)).toBe(true);
    expect(m.allows(sa, 'list', 'networking.k8s.io', 'networkpolicies')).toBe(true);
    // CSPM asks for list/watch only; `get` comes from the orchestrator explorer when it is on.
    const cspmOnly = render({ security: { compliance: { enabled: true } }, orchestratorExplorer: { enabled: false } });
    expect(cspmOnly.allows(sa, 'list', 'rbac.authorization.k8s.io', 'clusterrolebindings')).toBe(true);
    expect(cspmOnly.allows(sa, 'get', 'rbac.authorization.k8s.io', 'clusterrolebindings')).toBe(false);
  });

  test('options: interval, benchmarks, custom ConfigMap, filters, kubelet CA', () => {
    const m2 = render({
      kubelet: { hostCAPath: '/etc/kubernetes/pki/ca.crt' },
      security: { compliance: { enabled: true, checkInterval: '1h', hostBenchmarks: false, configMap: 'my-benchmarks', containerInclude: ['name:web', 'image:nginx'], containerExclude: ['kube_namespace:kube-system'] } },
    });
    const sa = m2.container('security-agent');
    expect(envOf(sa)).toMatchObject({
      DD_COMPLIANCE_CONFIG_CHECK_INTERVAL: '1h',
      DD_COMPLIANCE_CONFIG_XCCDF_ENABLED: 'false',
      DD_COMPLIANCE_CONFIG_HOST_BENCHMARKS_ENABLED: 'false',
      DD_COMPLIANCE_CONFIG_CONTAINER_INCLUDE: 'name:web image:nginx',
      DD_COMPLIANCE_CONFIG_CONTAINER_EXCLUDE: 'kube_namespace:kube-system',
    });
    expect(mountsOf(sa)['/etc/datadog-agent/compliance.d']).toEqual({ name: 'complianceconfigdir', mountPath: '/etc/datadog-agent/compliance.d', readOnly: true });
    expect(m2.volume('complianceconfigdir')).toEqual({ name: 'complianceconfigdir', configMap: { name: 'my-benchmarks' } });
    expect(mountsOf(sa)['/var/run/kubelet-ca/ca.crt']).toMatchObject({ name: 'kubelet-ca', readOnly: true });
    expect(envOf(m2.container('cluster-agent', m2.clusterAgent)).DD_COMPLIANCE_CONFIG_CHECK_INTERVAL).toBe('1h');
  });

  test('without a Cluster Agent: no DCA RBAC', () => {
    const m2 = render({ clusterAgent: { enabled: false }, security: { compliance: { enabled: true } } });
    expect(m2.clusterAgent).toBeUndefined();
    expect(m2.find('ClusterRole', 'datadog-cluster-agent')).toBeUndefined();
  });
});

test('CWS and CSPM together: one security-agent, system-probe told about CSPM', () => {
  const m = render({ security: { runtime: { enabled: true }, compliance: { enabled: true } } });
  expect(m.containerNames().filter(n => n === 'security-agent')).toHaveLength(1);
  expect(envOf(m.container('system-probe'))).toMatchObject({ DD_COMPLIANCE_CONFIG_ENABLED: 'true', DD_COMPLIANCE_CONFIG_RUN_IN_SYSTEM_PROBE: 'false' });
  expect(envOf(m.container('security-agent'))).toMatchObject({ DD_COMPLIANCE_CONFIG_ENABLED: 'true', DD_RUNTIME_SECURITY_CONFIG_ENABLED: 'true' });
});

describe('bad input', () => {
  test('CWS while system-probe is forbidden', () => {
    expect(() => render({ systemProbe: { enabled: false }, security: { runtime: { enabled: true } } }))
      .toThrow(/systemProbe.enabled is false, but security.runtime.enabled needs system-probe/);
  });

  test('sub-options without their feature', () => {
    expect(() => render({ security: { runtime: { enforcement: false } } })).toThrow(/security.runtime.enforcement needs security.runtime.enabled, which is false/);
    expect(() => render({ security: { compliance: { checkInterval: '1h' } } })).toThrow(/security.compliance.checkInterval needs security.compliance.enabled, which is false/);
  });

  test('bad durations, ConfigMap names and filters', () => {
    expect(() => render({ security: { compliance: { enabled: true, checkInterval: '20 minutes' } } })).toThrow(/security.compliance.checkInterval must be a Go duration/);
    expect(() => render({ security: { compliance: { enabled: true, checkInterval: '0s' } } })).toThrow(/security.compliance.checkInterval must be positive/);
    expect(() => render({ security: { runtime: { enabled: true, policiesConfigMap: 'My_Policies' } } })).toThrow(/security.runtime.policiesConfigMap must be a lowercase RFC 1123 subdomain/);
    expect(() => render({ security: { compliance: { enabled: true, configMap: 'Bad Name' } } })).toThrow(/security.compliance.configMap must be a lowercase RFC 1123 subdomain/);
    expect(() => render({ security: { runtime: { enabled: true, containerExclude: ['nginx'] } } })).toThrow(/security.runtime.containerExclude\[0\] must be "image:<regex>"/);
    expect(() => render({ security: { compliance: { enabled: true, containerInclude: ['image:a b'] } } })).toThrow(/security.compliance.containerInclude\[0\] must be/);
  });
});

test('CWS defines /etc/passwd itself when process collection does not', () => {
  const m = render({
    processes: { processCollection: false, containerCollection: false, processDiscovery: false },
    dogstatsd: { socketEnabled: false },
    security: { runtime: { enabled: true } },
  });
  expect(m.volume('passwd')).toEqual({ name: 'passwd', hostPath: { path: '/etc/passwd', type: 'File' } });
  expect(mountsOf(m.container('system-probe'))['/etc/passwd']).toMatchObject({ readOnly: true });
  expect(mountsOf(m.container('agent'))).not.toHaveProperty(['/etc/passwd']);
  expect(envOf(m.container('security-agent'))).not.toHaveProperty('DD_DOGSTATSD_SOCKET');
});
