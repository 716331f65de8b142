import { ContainerRuntime, KubernetesPlatform } from '../../src';
import { envOf, featureSlice, render } from '../support/helpers';

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
    test('CRI-O by default, hostaccess SCC only, cluster resource quotas for the Cluster Agent', () => {
      const m = render({ platform: KubernetesPlatform.OPENSHIFT });
      expect(envOf(m.container('agent')).DD_CRI_SOCKET_PATH).toBe('/host/var/run/crio/crio.sock');
      expect(m.allows('datadog', 'use', 'security.openshift.io', 'securitycontextconstraints', 'hostaccess')).toBe(true);
      expect(m.allows('datadog', 'use', 'security.openshift.io', 'securitycontextconstraints', 'privileged')).toBe(false);
      expect(m.allows('datadog-cluster-agent', 'list', 'quota.openshift.io', 'clusterresourcequotas')).toBe(true);
      expect(featureSlice(m)).toMatchSnapshot();
    });

    test('privileged SCC only when a container adds capabilities', () => {
      const capabilityUsers = [
        { networkMonitoring: { enabled: true } },
        { security: { compliance: { enabled: true } } },
        { sbom: { containerImage: { enabled: true } } },
      ];
      for (const props of capabilityUsers) {
        const m = render({ platform: KubernetesPlatform.OPENSHIFT, ...props });
        expect(m.allows('datadog', 'use', 'security.openshift.io', 'securitycontextconstraints', 'privileged')).toBe(true);
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
