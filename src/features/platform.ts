import { CONTAINER } from '../components/containers';
import type { RbacGrant } from '../feature';
import { defineFeature } from '../feature';
import { registerOptionClass } from '../input/classes';
import { fail, show } from '../validation';

/**
 * The Kubernetes distribution, for the few things that differ between them. The generic
 * platform grants nothing distribution-specific: the chart grants OpenShift and EKS rules on every
 * cluster; here they come with the platform that needs them.
 */
export class KubernetesPlatform {
  /** Any conformant Kubernetes (GKE Standard, kind, k3s, kubeadm...). */
  public static readonly GENERIC = new KubernetesPlatform('generic');
  /** Amazon EKS: the node agents may read the control-plane metrics EKS exposes (`metrics.eks.amazonaws.com`). */
  public static readonly EKS = new KubernetesPlatform('eks');
  /** Azure AKS: the admission webhook gets the selectors AKS requires (`DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS`). */
  public static readonly AKS = new KubernetesPlatform('aks');
  /**
   * Red Hat OpenShift: CRI-O by default, the SecurityContextConstraints the agent pods need
   * (`hostaccess`; `privileged` only when system-probe or the security agent runs), and cluster
   * resource quotas for the Cluster Agent.
   */
  public static readonly OPENSHIFT = new KubernetesPlatform('openshift');

  private constructor(
    /** The platform's name. */
    public readonly name: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.KubernetesPlatform', KubernetesPlatform);

/** The platforms' names, as the modules that branch on them see them. @internal */
export type Platform = 'generic' | 'eks' | 'aks' | 'openshift';

/** @internal */
export function resolvePlatform(p: KubernetesPlatform | undefined): Platform {
  const platform = p ?? KubernetesPlatform.GENERIC;
  if (!(platform instanceof KubernetesPlatform)) {
    fail(`platform must be a KubernetesPlatform (GENERIC, EKS, AKS, OPENSHIFT), got ${show(platform)}`);
  }
  return platform.name as Platform;
}

/** What each platform adds. One module, so "what does OPENSHIFT change?" has one answer. */
export const platform = defineFeature({
  id: 'platform',
  uses: ['admissionController'],
  enabled: (c) => c.platform !== 'generic',
  clusterAgent: (c, pod) => {
    if (c.platform === 'aks' && c.admissionController.enabled) {
      pod.container(CONTAINER.CLUSTER_AGENT).setEnv({ DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS: 'true' });
    }
  },
  rbac: (c, pods): RbacGrant[] => {
    switch (c.platform) {
      case 'eks':
        // kube-scheduler and kube-controller-manager metrics, which EKS serves through the API server
        return [{ to: 'nodeAgent', rules: [{ apiGroups: ['metrics.eks.amazonaws.com'], resources: ['kcm/metrics', 'ksh/metrics'], verbs: ['get'] }] }];
      case 'openshift': {
        // hostPath, hostPID and host ports need `hostaccess`; added capabilities (system-probe,
        // security-agent, SBOM's SYS_ADMIN) need `privileged`: read from the pod the features built.
        const privileged = pods.nodeAgent.addsCapabilities();
        const grants: RbacGrant[] = [{
          to: 'nodeAgent',
          rules: [{ apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], resourceNames: privileged ? ['hostaccess', 'privileged'] : ['hostaccess'], verbs: ['use'] }],
        }];
        if (c.clusterAgent.deployed) {
          // OpenShift's cluster-wide quotas, shown with the namespaces' resource quotas
          grants.push({ to: 'clusterAgent', rules: [{ apiGroups: ['quota.openshift.io'], resources: ['clusterresourcequotas'], verbs: ['get', 'list'] }] });
        }
        return grants;
      }
      default:
        return [];
    }
  },
});
