import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { DatadogAgent, KubernetesPlatform } from '../../src';
import { explainFinding } from '../../src/differences';
import { envOf, featureSlice, mountsOf, render, synth, testChart } from '../support/helpers';

/** The chart's render of our gpu-monitoring-values.yaml (enabled, privilegedMode, configureCgroupPerms). */
const chartRender = YAML.parseAllDocuments(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'chart-3.240.0', 'gpu-monitoring-values.render.yaml'), 'utf8'),
).map(d => d.toJS()).filter(o => o);
const chartDs = chartRender.find(o => o.kind === 'DaemonSet');
const chartContainer = (name: string) => chartDs.spec.template.spec.containers.find((c: any) => c.name === name);
const seccompOf = (objs: any[], name: string) => JSON.parse(objs.find(o => o.kind === 'ConfigMap' && o.metadata.name === name).data['system-probe-seccomp.json']);

const GPU_ENV = ['NVIDIA_VISIBLE_DEVICES', 'DD_ENABLE_NVML_DETECTION', 'DD_GPU_ENABLED', 'DD_GPU_MONITORING_ENABLE_EBPF_PROBES'];
const pick = (env: Record<string, any>, names: string[]) => Object.fromEntries(names.filter(n => n in env).map(n => [n, env[n]]));

describe('GPU monitoring (agent check only)', () => {
  const m = render({ gpuMonitoring: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('runtime class, MKNOD and the GPU env on the agent; no system-probe', () => {
    const spec = m.daemonSet.spec.template.spec;
    expect(spec.runtimeClassName).toBe('nvidia');
    const agent = m.container('agent');
    expect(agent.securityContext.capabilities.add).toEqual(['MKNOD']);
    expect(agent.securityContext.allowPrivilegeEscalation).toBe(false);
    expect(pick(envOf(agent), GPU_ENV)).toEqual({ NVIDIA_VISIBLE_DEVICES: 'all', DD_ENABLE_NVML_DETECTION: 'true', DD_GPU_ENABLED: 'true' });
    expect(envOf(agent).DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET).toBe('/var/lib/kubelet/pod-resources/kubelet.sock');
    expect(m.container('system-probe')).toBeUndefined();
    // Only the agent container gets the GPU env.
    expect(envOf(m.container('trace-agent'))).not.toHaveProperty('DD_GPU_ENABLED');
  });

  test('pod-resources socket and NVIDIA device list, read-only, in the agent only', () => {
    const mounts = mountsOf(m.container('agent'));
    expect(mounts['/var/lib/kubelet/pod-resources']).toEqual({ name: 'pod-resources-socket', mountPath: '/var/lib/kubelet/pod-resources', readOnly: true });
    expect(mounts['/var/run/nvidia-container-devices/all']).toEqual({ name: 'gpu-devices', mountPath: '/var/run/nvidia-container-devices/all', readOnly: true });
    expect(m.volume('pod-resources-socket')).toEqual({ name: 'pod-resources-socket', hostPath: { path: '/var/lib/kubelet/pod-resources', type: 'Directory' } });
    expect(m.volume('gpu-devices')).toEqual({ name: 'gpu-devices', hostPath: { path: '/dev/null', type: 'CharDevice' } });
    expect(m.volume('host-systemd-transient')).toBeUndefined();
    expect(mountsOf(m.container('trace-agent'))).not.toHaveProperty(['/var/run/nvidia-container-devices/all']);
  });

  test('reuses kubelet.podResourcesSocketDir: one volume, one mount', () => {
    const k = render({ gpuMonitoring: { enabled: true }, kubelet: { podResourcesSocketDir: '/var/lib/k0s/kubelet/pod-resources' } });
    expect(k.volume('pod-resources-socket').hostPath.path).toBe('/var/lib/k0s/kubelet/pod-resources');
    expect(k.container('agent').volumeMounts.filter((x: any) => x.name === 'pod-resources-socket')).toHaveLength(1);
  });

  test('runtimeClassName: another class, or none with ""', () => {
    expect(render({ gpuMonitoring: { enabled: true, runtimeClassName: 'nvidia-cdi' } }).daemonSet.spec.template.spec.runtimeClassName).toBe('nvidia-cdi');
    expect(render({ gpuMonitoring: { enabled: true, runtimeClassName: '' } }).daemonSet.spec.template.spec).not.toHaveProperty('runtimeClassName');
  });

  test('system-probe.yaml leaves the GPU module to the agent\'s default (off) when another feature runs system-probe', () => {
    const o = render({ gpuMonitoring: { enabled: true }, oomKill: { enabled: true } });
    const cfg = YAML.parse(o.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg).not.toHaveProperty('gpu_monitoring');
    expect(o.container('system-probe').securityContext.capabilities.add).not.toContain('MKNOD');
  });
});

describe('GPU monitoring, privileged mode with cgroup permissions', () => {
  const props = { gpuMonitoring: { enabled: true, privilegedMode: true, configureCgroupPerms: true } };
  const m = render(props);

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('system-probe: MKNOD, HOST_ROOT, NVIDIA env, host root, cgroups, the GPU mounts and /run/systemd/transient read-write', () => {
    const sp = m.container('system-probe');
    expect(sp.securityContext.capabilities.add).toContain('MKNOD');
    expect(envOf(sp)).toMatchObject({ HOST_ROOT: '/host/root', NVIDIA_VISIBLE_DEVICES: 'all' });
    const mounts = mountsOf(sp);
    expect(mounts['/host/root']).toMatchObject({ name: 'hostroot', readOnly: true });
    expect(mounts['/host/sys/fs/cgroup']).toMatchObject({ name: 'cgroups', readOnly: true });
    expect(mounts['/var/lib/kubelet/pod-resources']).toMatchObject({ name: 'pod-resources-socket', readOnly: true });
    expect(mounts['/var/run/nvidia-container-devices/all']).toMatchObject({ name: 'gpu-devices', readOnly: true });
    expect(mounts['/host/root/run/systemd/transient']).toEqual({ name: 'host-systemd-transient', mountPath: '/host/root/run/systemd/transient' });
    expect(m.volume('host-systemd-transient')).toEqual({ name: 'host-systemd-transient', hostPath: { path: '/run/systemd/transient', type: 'Directory' } });
    // No runtime compilation: GPU monitoring brings no kernel headers.
    expect(mounts).not.toHaveProperty(['/usr/src']);
    expect(envOf(m.container('agent')).DD_GPU_MONITORING_ENABLE_EBPF_PROBES).toBe('false');
  });

  test('system-probe.yaml and the seccomp profile', () => {
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg.gpu_monitoring).toEqual({ enabled: true, configure_cgroup_perms: true, enable_ebpf_probes: false });
    const names = seccompOf(m.objects, 'datadog-security').syscalls[0].names;
    for (const s of ['mknod', 'mknodat', 'ftruncate', 'ftruncate64', 'truncate']) expect(names).toContain(s);
    const plain = render({ gpuMonitoring: { enabled: true, privilegedMode: true } });
    const plainNames = seccompOf(plain.objects, 'datadog-security').syscalls[0].names;
    expect(plainNames).toContain('mknod');
    expect(plainNames).not.toContain('truncate');
    expect(plain.volume('host-systemd-transient')).toBeUndefined();
  });

  test('the chart\'s facts: runtime class, GPU env, capabilities, seccomp syscalls, system-probe.yaml', () => {
    expect(m.daemonSet.spec.template.spec.runtimeClassName).toBe(chartDs.spec.template.spec.runtimeClassName);
    for (const c of ['agent', 'system-probe']) {
      expect(pick(envOf(m.container(c)), GPU_ENV)).toEqual(pick(envOf(chartContainer(c)), GPU_ENV));
      expect(m.container(c).securityContext.capabilities.add).toEqual([...chartContainer(c).securityContext.capabilities.add].sort());
      expect(envOf(m.container(c)).HOST_ROOT).toEqual(envOf(chartContainer(c)).HOST_ROOT);
    }
    expect(seccompOf(m.objects, 'datadog-security')).toEqual(seccompOf(chartRender, 'datadog-security'));
    const chartCfg = YAML.parse(chartRender.find(o => o.metadata?.name === 'datadog-system-probe-config').data['system-probe.yaml']);
    const ours = YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(ours.gpu_monitoring).toEqual(chartCfg.gpu_monitoring);
  });

  test('difference gpu-read-only-mounts: the chart mounts both read-write, ours read-only', () => {
    for (const c of ['agent', 'system-probe']) {
      for (const p of ['/var/lib/kubelet/pod-resources', '/var/run/nvidia-container-devices/all']) {
        expect(mountsOf(chartContainer(c))[p].readOnly).not.toBe(true);
        expect(mountsOf(m.container(c))[p].readOnly).toBe(true);
        expect(explainFinding(`~mount:DaemonSet/datadog/${c}:${p}`)?.id).toBe('gpu-read-only-mounts');
      }
    }
    expect(explainFinding('~mount:DaemonSet/datadog/agent:/var/run/nvidia-container-devices')).toBeUndefined();
  });

  test('the driver library directory (GKE COS) in the agent and system-probe', () => {
    const cos = render({ gpuMonitoring: { enabled: true, privilegedMode: true, nvidiaDriverLibDir: '/home/kubernetes/bin/nvidia/lib64' } });
    expect(cos.volume('gke-nvidia-driver-lib64')).toEqual({ name: 'gke-nvidia-driver-lib64', hostPath: { path: '/home/kubernetes/bin/nvidia/lib64', type: 'Directory' } });
    expect(mountsOf(cos.container('agent'))['/host/run/nvidia/driver/usr/lib/x86_64-linux-gnu']).toMatchObject({ name: 'gke-nvidia-driver-lib64', readOnly: true });
    expect(mountsOf(cos.container('system-probe'))['/host/root/run/nvidia/driver/usr/lib/x86_64-linux-gnu']).toMatchObject({ name: 'gke-nvidia-driver-lib64', readOnly: true });
  });

  test('systemProbe.enabled: false refuses privileged mode, naming it', () => {
    expect(() => render({ ...props, systemProbe: { enabled: false } })).toThrow(/systemProbe.enabled is false, but gpuMonitoring.privilegedMode needs system-probe/);
  });
});

test('strict input (JSON) accepts the options', () => {
  const chart = testChart();
  new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({
    credentials: { fromSecret: 'datadog-secret' },
    gpuMonitoring: { enabled: true, privilegedMode: true, enableEbpfProbes: true, runtimeClassName: 'nvidia', nvidiaDriverLibDir: '/opt/nvidia/lib64' },
  }));
  const ds = synth(chart).find(o => o.kind === 'DaemonSet');
  expect(ds.spec.template.spec.runtimeClassName).toBe('nvidia');
});

describe('GPU monitoring bad input', () => {
  const r = (gpuMonitoring: any, extra: any = {}) => () => render({ gpuMonitoring, ...extra });
  test.each([
    [{ privilegedMode: true }, /gpuMonitoring.privilegedMode needs gpuMonitoring.enabled, which is false/],
    [{ runtimeClassName: 'nvidia' }, /gpuMonitoring.runtimeClassName needs gpuMonitoring.enabled/],
    [{ enabled: true, configureCgroupPerms: true }, /gpuMonitoring.configureCgroupPerms needs gpuMonitoring.privilegedMode, which is false/],
    [{ enabled: true, enableEbpfProbes: true }, /gpuMonitoring.enableEbpfProbes needs gpuMonitoring.privilegedMode, which is false/],
    [{ enabled: true, runtimeClassName: 'NVIDIA_Class' }, /gpuMonitoring.runtimeClassName must be a lowercase RFC 1123 subdomain .* got "NVIDIA_Class"/],
    [{ enabled: true, runtimeClassName: 5 }, /gpuMonitoring.runtimeClassName must be a string, got 5/],
    [{ enabled: true, nvidiaDriverLibDir: 'lib64' }, /gpuMonitoring.nvidiaDriverLibDir must be an absolute path/],
    [{ enabled: 'yes' }, /gpuMonitoring.enabled must be true or false, got "yes"/],
  ])('%j', (o, err) => {
    expect(r(o)).toThrow(err);
  });

  test('GKE Autopilot refuses it with the option', () => {
    expect(r({ enabled: true }, { platform: KubernetesPlatform.GKE_AUTOPILOT })).toThrow(/gpuMonitoring.enabled is not supported on platform GKE_AUTOPILOT: Datadog's WorkloadAllowlist allows neither/);
  });
});
