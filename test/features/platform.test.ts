import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { DatadogAgentProps } from '../../src';
import { ContainerRuntime, KubernetesPlatform } from '../../src';
import { platformTraits } from '../../src/features/platform';
import type { Manifest } from '../support/helpers';
import { envOf, featureSlice, render } from '../support/helpers';
import { admission, admitted } from '../support/scc-admission';

describe('platform', () => {
  test('generic: no distribution-specific rule anywhere', () => {
    const text = JSON.stringify(render().objects);
    for (const group of ['security.openshift.io', 'quota.openshift.io', 'metrics.eks.amazonaws.com']) expect(text).not.toContain(group);
    expect(envOf(render().container('cluster-agent', render().clusterAgent))).not.toHaveProperty('DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS');
  });

  test('EKS: node agents may read the control-plane metrics', () => {
    const m = render({ platform: KubernetesPlatform.EKS });
    expect(m.allows('datadog', 'get', 'metrics.eks.amazonaws.com', 'kcm/metrics')).toBe(true);
    expect(m.allows('datadog', 'get', 'metrics.eks.amazonaws.com', 'ksh/metrics')).toBe(true);
  });

  test('AKS: admission webhook selectors; none without the admission controller', () => {
    const m = render({ platform: KubernetesPlatform.AKS });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS).toBe('true');
    const off = render({ platform: KubernetesPlatform.AKS, clusterAgent: { admissionController: { enabled: false } } });
    expect(envOf(off.container('cluster-agent', off.clusterAgent))).not.toHaveProperty('DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS');
  });

  describe('Talos', () => {
    const hostPaths = (m: Manifest): string[] =>
      m.daemonSet.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
    // Every feature that mounts host passwd/group, release files or runtime-compilation paths.
    const ALL: Partial<DatadogAgentProps> = {
      security: { runtime: { enabled: true }, compliance: { enabled: true } }, oomKill: { enabled: true }, processes: { processCollection: true },
    };
    const NOT_ON_TALOS = ['/etc/passwd', '/etc/group', '/etc/redhat-release', '/etc/fedora-release', '/etc/lsb-release', '/lib/modules', '/usr/src',
      '/var/tmp/datadog-agent/system-probe/build', '/var/tmp/datadog-agent/system-probe/kernel-headers', '/etc/apt', '/etc/yum.repos.d'];

    test('no passwd, group, release files, kernel headers or runtime-compilation dirs (as the chart\'s providers.talos.enabled)', () => {
      const generic = hostPaths(render(ALL));
      const talos = render({ ...ALL, platform: KubernetesPlatform.TALOS });
      for (const p of NOT_ON_TALOS) {
        expect(`${p}: ${generic.includes(p)}`).toBe(`${p}: true`);
        expect(`${p}: ${hostPaths(talos).includes(p)}`).toBe(`${p}: false`);
      }
      // os-release, /proc and the cgroups stay; no container mounts a volume the pod lacks.
      expect(hostPaths(talos)).toEqual(expect.arrayContaining(['/etc/os-release', '/proc', '/sys/fs/cgroup']));
      const volumes = new Set(talos.daemonSet.spec.template.spec.volumes.map((v: any) => v.name));
      for (const c of talos.daemonSet.spec.template.spec.containers) for (const vm of c.volumeMounts ?? []) expect(volumes.has(vm.name)).toBe(true);
    });
  });

  test('GKE_COS and FLATCAR: no /usr/src for runtime compilation (read-only /usr); COS finds the NVIDIA driver in /home/kubernetes/bin/nvidia/lib64', () => {
    const paths = (m: Manifest): string[] => m.daemonSet.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
    expect(paths(render({ oomKill: { enabled: true } }))).toContain('/usr/src');
    for (const platform of [KubernetesPlatform.GKE_COS, KubernetesPlatform.FLATCAR]) {
      const m = render({ platform, oomKill: { enabled: true } });
      expect(paths(m)).not.toContain('/usr/src');
      expect(paths(m)).toContain('/lib/modules');
    }
    const gpu = { gpuMonitoring: { enabled: true } };
    expect(render({ platform: KubernetesPlatform.GKE_COS, ...gpu }).volume('gke-nvidia-driver-lib64').hostPath.path).toBe('/home/kubernetes/bin/nvidia/lib64');
    expect(render({ platform: KubernetesPlatform.FLATCAR, ...gpu }).volume('gke-nvidia-driver-lib64')).toBeUndefined();
  });

  describe('EKS control-plane monitoring', () => {
    test('three cluster checks on the API server\'s endpoints in the Cluster Agent\'s conf.d', () => {
      const m = render({ platform: KubernetesPlatform.EKS, eks: { controlPlaneMonitoring: true } });
      const confd = m.get('ConfigMap', 'datadog-cluster-agent-confd').data;
      expect(Object.keys(confd)).toEqual(expect.arrayContaining(['kube_apiserver_metrics.yaml', 'kube_controller_manager.yaml', 'kube_scheduler.yaml']));
      const kcm = YAML.parse(confd['kube_controller_manager.yaml']);
      expect(kcm).toMatchObject({ cluster_check: true, advanced_ad_identifiers: [{ kube_endpoints: { name: 'kubernetes', namespace: 'default' } }] });
      expect(kcm.instances[0].prometheus_url).toBe('https://%%host%%:%%port%%/apis/metrics.eks.amazonaws.com/v1/kcm/container/metrics');
      expect(YAML.parse(confd['kube_apiserver_metrics.yaml']).instances).toEqual([{ prometheus_url: 'https://%%host%%:%%port%%/metrics', bearer_token_auth: true }]);
      const items = m.clusterAgent.spec.template.spec.volumes.find((v: any) => v.configMap?.name === 'datadog-cluster-agent-confd').configMap.items.map((i: any) => i.path);
      expect(items).toEqual(expect.arrayContaining(['kube_scheduler.d/kube_scheduler.yaml', 'kube_apiserver_metrics.d/kube_apiserver_metrics.yaml']));
      // Off by default on EKS.
      expect(render({ platform: KubernetesPlatform.EKS }).find('ConfigMap', 'datadog-cluster-agent-confd')?.data ?? {}).not.toHaveProperty('kube_scheduler.yaml');
    });

    test('bad input: other platforms, no Cluster Agent, no cluster checks', () => {
      expect(() => render({ eks: { controlPlaneMonitoring: true } })).toThrow(/eks is only available with platform: EKS, got platform GENERIC/);
      expect(() => render({ platform: KubernetesPlatform.TALOS, eks: { controlPlaneMonitoring: true } })).toThrow(/got platform TALOS/);
      expect(() => render({ platform: KubernetesPlatform.EKS, eks: { controlPlaneMonitoring: true }, clusterChecks: { enabled: false } })).toThrow(/eks.controlPlaneMonitoring runs cluster checks/);
      expect(() => render({ platform: KubernetesPlatform.EKS, eks: { controlPlaneMonitoring: true }, clusterAgent: { enabled: false } })).toThrow(/eks.controlPlaneMonitoring needs the Cluster Agent/);
      expect(() => render({ platform: KubernetesPlatform.EKS, eks: { controlPlaneMonitoring: 'yes' as any } })).toThrow(/eks.controlPlaneMonitoring/);
    });
  });

  describe('OpenShift control-plane monitoring', () => {
    const OCP = { platform: KubernetesPlatform.OPENSHIFT, openshift: { controlPlaneMonitoring: true } };

    test('four cluster checks on the components\' endpoints (by IP) in the Cluster Agent\'s conf.d', () => {
      const confd = render(OCP).get('ConfigMap', 'datadog-cluster-agent-confd').data;
      const check = (f: string) => YAML.parse(confd[f]);
      expect(check('kube_controller_manager.yaml')).toEqual({
        advanced_ad_identifiers: [{ kube_endpoints: { name: 'kube-controller-manager', namespace: 'openshift-kube-controller-manager', resolve: 'ip' } }],
        cluster_check: true,
        init_config: {},
        instances: [{ prometheus_url: 'https://%%host%%:%%port%%/metrics', ssl_verify: false, bearer_token_auth: true }],
      });
      expect(check('kube_scheduler.yaml').advanced_ad_identifiers).toEqual([{ kube_endpoints: { name: 'scheduler', namespace: 'openshift-kube-scheduler', resolve: 'ip' } }]);
      expect(check('kube_apiserver_metrics.yaml').instances).toEqual([{ prometheus_url: 'https://%%host%%:%%port%%/metrics', bearer_token_auth: true }]);
      expect(check('etcd.yaml')).toMatchObject({
        advanced_ad_identifiers: [{ kube_endpoints: { name: 'etcd', namespace: 'openshift-etcd', resolve: 'ip' } }],
        instances: [{ ssl_verify: false, tls_cert: '/etc/etcd-certs/tls.crt', tls_private_key: '/etc/etcd-certs/tls.key' }],
      });
      expect(render({ platform: KubernetesPlatform.OPENSHIFT }).find('ConfigMap', 'datadog-cluster-agent-confd')?.data ?? {}).not.toHaveProperty('etcd.yaml');
    });

    test('the etcd client certificate read-only, and no automatic etcd check, in the node agents and runners', () => {
      const m = render({ ...OCP, clusterChecksRunner: { enabled: true } });
      for (const [pod, volume] of [[m.daemonSet, 'etcd-certs'], [m.get('Deployment', 'datadog-clusterchecks'), 'etcd-client-certs']] as const) {
        const spec = pod.spec.template.spec;
        expect(spec.volumes).toEqual(expect.arrayContaining([
          { name: volume, secret: { secretName: 'etcd-metric-client' } }, { name: 'disable-etcd-autoconf', emptyDir: {} },
        ]));
        const agent = spec.containers.find((c: any) => c.name === 'agent');
        expect(agent.volumeMounts).toEqual(expect.arrayContaining([
          { name: volume, mountPath: '/etc/etcd-certs', readOnly: true }, { name: 'disable-etcd-autoconf', mountPath: '/etc/datadog-agent/conf.d/etcd.d' },
        ]));
      }
      // The SCC admits the secret volume it now uses.
      expect(m.get('SecurityContextConstraints', 'datadog').volumes).toContain('secret');
    });

    test('bad input: other platforms, no Cluster Agent, no cluster checks', () => {
      expect(() => render({ openshift: { controlPlaneMonitoring: true } })).toThrow(/openshift is only available with platform: OPENSHIFT, got platform GENERIC/);
      expect(() => render({ ...OCP, clusterChecks: { enabled: false } })).toThrow(/openshift.controlPlaneMonitoring runs cluster checks/);
      expect(() => render({ ...OCP, clusterAgent: { enabled: false } })).toThrow(/openshift.controlPlaneMonitoring needs the Cluster Agent/);
      expect(() => render({ ...OCP, openshift: { controlPlaneMonitoring: 'yes' as any } })).toThrow(/openshift.controlPlaneMonitoring/);
    });
  });

  test('EKS host name from the instance id file: env and read-only mount in every agent container', () => {
    const m = render({
      platform: KubernetesPlatform.EKS, eks: { hostnameFromFile: true }, security: { runtime: { enabled: true } }, apm: { enabled: true },
    });
    expect(m.volume('cloudinit-instance-id-file').hostPath).toEqual({ path: '/var/lib/cloud/data/instance-id', type: 'File' });
    for (const name of m.containerNames()) {
      const c = m.container(name);
      expect(`${name}: ${envOf(c).DD_HOSTNAME_FILE}`).toBe(`${name}: /var/lib/cloud/data/instance-id`);
      expect(c.volumeMounts).toContainEqual({ name: 'cloudinit-instance-id-file', mountPath: '/var/lib/cloud/data/instance-id', readOnly: true });
    }
    expect(m.containerNames()).toEqual(expect.arrayContaining(['agent', 'trace-agent', 'system-probe', 'security-agent']));
    expect(render({ platform: KubernetesPlatform.EKS }).volume('cloudinit-instance-id-file')).toBeUndefined();
  });

  describe('OpenShift', () => {
    const OS = { platform: KubernetesPlatform.OPENSHIFT };
    const sccOf = (m: Manifest) => m.get('SecurityContextConstraints', 'datadog');

    test('CRI-O by default; the node agent uses only its own SCC; cluster resource quotas for the Cluster Agent', () => {
      const m = render(OS);
      expect(envOf(m.container('agent')).DD_CRI_SOCKET_PATH).toBe('/host/var/run/crio/crio.sock');
      expect(m.allows('datadog', 'use', 'security.openshift.io', 'securitycontextconstraints', 'datadog')).toBe(true);
      for (const builtin of ['hostaccess', 'privileged']) expect(m.allows('datadog', 'use', 'security.openshift.io', 'securitycontextconstraints', builtin)).toBe(false);
      expect(m.allows('datadog-cluster-agent', 'list', 'quota.openshift.io', 'clusterresourcequotas')).toBe(true);
      expect(m.allows('datadog', 'list', 'quota.openshift.io', 'clusterresourcequotas')).toBe(false);
      expect(sccOf(m).metadata).not.toHaveProperty('namespace');
      expect(featureSlice(m)).toMatchSnapshot();
    });

    test('no Cluster Agent here: the node agents read the cluster resource quotas (as the chart grants them)', () => {
      const m = render({ ...OS, clusterAgent: { enabled: false } });
      expect(m.allows('datadog', 'list', 'quota.openshift.io', 'clusterresourcequotas')).toBe(true);
    });

    test('the SCC follows the pod: capabilities, host ports and network only when a feature uses them', () => {
      const base = sccOf(render(OS));
      expect(base).toMatchObject({
        allowedCapabilities: [],
        allowHostPorts: false,
        allowHostNetwork: false,
        allowPrivilegedContainer: false,
        allowHostDirVolumePlugin: true,
        runAsUser: { type: 'MustRunAs', uid: 0 },
        seLinuxContext: { type: 'MustRunAs', seLinuxOptions: { user: 'system_u', role: 'system_r', type: 'spc_t', level: 's0' } },
      });
      const npm = sccOf(render({ ...OS, networkMonitoring: { enabled: true } }));
      expect(npm.allowedCapabilities).toEqual(expect.arrayContaining(['SYS_ADMIN', 'NET_ADMIN']));
      expect(npm.seccompProfiles).toEqual(['runtime/default', 'localhost/system-probe']);
      expect(sccOf(render({ ...OS, dogstatsd: { useHostPort: true } })).allowHostPorts).toBe(true);
      expect(sccOf(render({ ...OS, nodeAgent: { hostNetwork: true } }))).toMatchObject({ allowHostNetwork: true, allowHostPorts: true });
    });

    const configurations: Array<[string, Partial<DatadogAgentProps>]> = [
      ['default', {}],
      ['network monitoring', { networkMonitoring: { enabled: true } }],
      ['CWS and CSPM', { security: { runtime: { enabled: true }, compliance: { enabled: true } } }],
      ['container image SBOM', { sbom: { containerImage: { enabled: true } } }],
      ['host ports', { dogstatsd: { useHostPort: true }, apm: { useHostPort: true } }],
      ['host network', { nodeAgent: { hostNetwork: true } }],
      ['logs, OOM kill, cluster checks runners', { logs: { enabled: true }, oomKill: { enabled: true }, clusterChecks: { enabled: true }, clusterChecksRunner: { enabled: true } }],
    ];
    test.each(configurations)('every pod is admitted by an SCC it may use: %s', (_name, props) => {
      const m = render({ ...OS, ...props });
      const workloads = m.objects.filter(o => o.kind === 'DaemonSet' || o.kind === 'Deployment');
      expect(workloads.length).toBeGreaterThan(1);
      for (const w of workloads) {
        const { admittedBy, refusals } = admission(m, w);
        if (w.kind === 'DaemonSet') {
          // only its own SCC admits the node agent, and it runs as root under spc_t
          // (the refusals show in the failure when nothing admits it)
          expect({ pod: w.metadata.name, admittedBy, why: admittedBy.length ? 'admitted' : refusals }).toEqual({ pod: w.metadata.name, admittedBy: ['datadog'], why: 'admitted' });
          const after = admitted(sccOf(m), w.spec.template.spec);
          expect(after).toMatchObject({ uid: 0, seLinuxType: 'spc_t' });
          for (const [container, profile] of Object.entries(after.seccomp)) {
            expect([container, profile]).toEqual([container, container === 'system-probe' ? 'localhost/system-probe' : 'runtime/default']);
          }
        } else {
          // the Cluster Agent and the runners need nothing beyond what every user gets
          expect({ pod: w.metadata.name, admittedBy }).toEqual({ pod: w.metadata.name, admittedBy: ['restricted-v2'] });
        }
      }
    });
    test('an explicit runtime wins', () => {
      const m = render({ platform: KubernetesPlatform.OPENSHIFT, containerRuntime: ContainerRuntime.CONTAINERD });
      expect(envOf(m.container('agent')).DD_CRI_SOCKET_PATH).toBe('/host/var/run/containerd/containerd.sock');
    });
  });

  test('bad input', () => {
    expect(() => render({ platform: 'openshift' as any })).toThrow(/platform must be a KubernetesPlatform: use KubernetesPlatform.AKS, .*KubernetesPlatform.TALOS, got "openshift"/);
  });
});

describe('the platform table says what each platform changes, and the output follows it', () => {
  const ALL = Object.keys(KubernetesPlatform).filter(k => (KubernetesPlatform as any)[k] instanceof KubernetesPlatform);
  const hostPaths = (m: Manifest): string[] => m.daemonSet.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
  test.each(ALL)('%s', name => {
    const platform = (KubernetesPlatform as any)[name] as KubernetesPlatform;
    const t = platformTraits(platform.name as any);
    const base = { platform, clusterName: 'c1' };
    const m = render(base);
    expect(hostPaths(m).includes('/proc')).toBe(t.hostSystem);
    expect(m.daemonSet.spec.template.spec.hostPID === true).toBe(t.hostSystem);
    expect(m.container('agent').image.startsWith('registry.datadoghq.com/')).toBe(!t.googleRegistry);
    expect(envOf(m.container('agent')).DD_PROVIDER_KIND).toBe(t.providerKind);
    expect(m.daemonSet.spec.template.metadata.labels['env.datadoghq.com/kind']).toBe(t.providerKind);
    expect(envOf(m.container('agent')).DD_REMOTE_CONFIGURATION_ENABLED).toBe(String(t.remoteConfiguration));
    expect(m.volume('auth-token') !== undefined).toBe(t.authTokenVolume);
    if (t.pointerDir) expect(hostPaths(m)).toContain(t.pointerDir);
    if (!t.sidecars) return; // GDC refuses the features below (tested in test/model/gke-gdc.test.ts)
    const sp = render({ ...base, oomKill: { enabled: true }, processes: { processCollection: true } });
    expect(hostPaths(sp).includes('/usr/src')).toBe(t.usrSrc && t.runtimeCompilation);
    expect(hostPaths(sp).includes('/lib/modules')).toBe(t.runtimeCompilation);
    expect(hostPaths(sp).includes('/etc/redhat-release')).toBe(t.releaseFiles);
    expect(hostPaths(sp).includes('/etc/passwd')).toBe(t.hostUserFiles);
    expect(envOf(sp.container('agent')).DD_CRI_SOCKET_PATH).toBe(t.defaultRuntime === 'crio' ? '/host/var/run/crio/crio.sock' : '/host/var/run/containerd/containerd.sock');
  });
});

test('README: the platform row names every platform', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const row = readme.split('\n').find(l => l.startsWith('| `platform` |'))!;
  for (const name of Object.keys(KubernetesPlatform).filter(k => (KubernetesPlatform as any)[k] instanceof KubernetesPlatform)) {
    expect(`${name}: ${row.includes(`\`${name}\``)}`).toBe(`${name}: true`);
  }
});

test('docs/platforms.md has a row for every platform', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'platforms.md'), 'utf8');
  const rows = doc.split('\n').filter(l => l.startsWith('| `'));
  for (const name of Object.keys(KubernetesPlatform).filter(k => (KubernetesPlatform as any)[k] instanceof KubernetesPlatform)) {
    expect(`${name}: ${rows.some(r => r.split('|')[1].includes(`\`${name}\``))}`).toBe(`${name}: true`);
  }
});
