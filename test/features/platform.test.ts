import * as fs from 'fs';
import * as path from 'path';
import type { DatadogAgentProps } from '../../src';
import { ContainerRuntime, KubernetesPlatform } from '../../src';
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
    expect(() => render({ platform: 'openshift' as any })).toThrow(/platform must be a KubernetesPlatform: use KubernetesPlatform.AKS, .*KubernetesPlatform.OPENSHIFT, got "openshift"/);
  });
});

test('README: the platform row names every platform', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const row = readme.split('\n').find(l => l.startsWith('| `platform` |'))!;
  for (const name of Object.keys(KubernetesPlatform).filter(k => (KubernetesPlatform as any)[k] instanceof KubernetesPlatform)) {
    expect(`${name}: ${row.includes(`\`${name}\``)}`).toBe(`${name}: true`);
  }
});
