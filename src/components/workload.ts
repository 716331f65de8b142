import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { CoreConfig } from '../config';
import type { EnvValueSource } from '../env-value';
import { credentialEnv, resolveEnvOptions } from '../env-value';
import { checkAnnotations } from '../input/kubernetes';
import type { Toleration } from '../model/k8s-json';
import { intOrString, typedPodTemplate } from '../model/objects';
import type { EnvValue, PodModel } from '../model/pod';
import { checkDnsSubdomain, checkEnvName, checkLabelKey, checkLabelValue, fail, list } from '../validation';
import { componentLabels, selectorLabels } from './labels';

/** Where and how a component's pods run: the options every component shares. */
export interface PodPlacementOptions {
  readonly tolerations?: k8s.Toleration[];
  readonly nodeSelector?: { [key: string]: string };
  readonly affinity?: k8s.Affinity;
  readonly priorityClassName?: string;
  readonly podLabels?: { [key: string]: string };
  readonly podAnnotations?: { [key: string]: string };
  readonly serviceAccountAnnotations?: { [key: string]: string };
  readonly serviceAccountLabels?: { [key: string]: string };
  readonly env?: { [name: string]: string };
  readonly envValueFrom?: { [name: string]: EnvValueSource };
}

/** @internal */
export interface ResolvedPodPlacement {
  readonly tolerations: Toleration[];
  readonly nodeSelector: { [key: string]: string };
  readonly affinity?: any;
  readonly priorityClassName?: string;
  readonly podLabels: { [key: string]: string };
  readonly podAnnotations: { [key: string]: string };
  readonly serviceAccountAnnotations: { [key: string]: string };
  readonly serviceAccountLabels: { [key: string]: string };
  readonly env: { [name: string]: EnvValue };
}

/** Validates the shared pod options of the component at `path` (`nodeAgent`, `clusterAgent`...). */
export function resolvePodPlacement(path: string, o: PodPlacementOptions): ResolvedPodPlacement {
  checkDnsSubdomain(`${path}.priorityClassName`, o.priorityClassName);
  for (const [k, v] of Object.entries(o.nodeSelector ?? {})) {
    checkLabelKey(`${path}.nodeSelector`, k);
    checkLabelValue(`${path}.nodeSelector["${k}"]`, v);
  }
  for (const [k, v] of Object.entries(o.podLabels ?? {})) {
    checkLabelKey(`${path}.podLabels`, k);
    checkLabelValue(`${path}.podLabels["${k}"]`, v);
  }
  for (const [k, v] of Object.entries(o.serviceAccountLabels ?? {})) {
    checkLabelKey(`${path}.serviceAccountLabels`, k);
    checkLabelValue(`${path}.serviceAccountLabels["${k}"]`, v);
  }
  const annotationProblems: string[] = [];
  checkAnnotations(`${path}.serviceAccountAnnotations`, o.serviceAccountAnnotations ?? {}, annotationProblems);
  if (annotationProblems.length) fail(annotationProblems[0]);
  Object.keys(o.env ?? {}).forEach(k => checkEnvName(`${path}.env`, k));
  return {
    tolerations: list(`${path}.tolerations`, o.tolerations).map(t => k8s.toJson_Toleration(t) as Toleration),
    // Every component runs on Linux nodes only.
    nodeSelector: { ...(o.nodeSelector ?? {}), 'kubernetes.io/os': 'linux' },
    affinity: o.affinity ? k8s.toJson_Affinity(o.affinity) : undefined,
    priorityClassName: o.priorityClassName,
    podLabels: { ...(o.podLabels ?? {}) },
    podAnnotations: { ...(o.podAnnotations ?? {}) },
    serviceAccountAnnotations: { ...(o.serviceAccountAnnotations ?? {}) },
    serviceAccountLabels: { ...(o.serviceAccountLabels ?? {}) },
    env: resolveEnvOptions(path, o.env, o.envValueFrom, credentialEnv),
  };
}

/**
 * Writes the shared pod fields into a base pod: ServiceAccount, placement, pull secrets, and the
 * labels (user labels first, so they can never replace the selector or component labels).
 */
export function applyPodPlacement(pod: PodModel, c: CoreConfig, p: ResolvedPodPlacement, w: {
  readonly selectorName: string;
  readonly component: string;
  readonly serviceAccountName: string;
  readonly defaultAffinity?: any;
}): void {
  pod.serviceAccountName = w.serviceAccountName;
  pod.priorityClassName = p.priorityClassName;
  pod.imagePullSecrets = c.images.pullSecrets;
  pod.tolerations.push(...p.tolerations);
  Object.assign(pod.nodeSelector, p.nodeSelector);
  pod.affinity = p.affinity ?? w.defaultAffinity;
  Object.assign(pod.labels, p.podLabels, selectorLabels(w.selectorName), componentLabels(c, w.component));
  Object.assign(pod.annotations, p.podAnnotations);
}

/** Preferred anti-affinity spreading replicas across nodes (the chart's default, weight 50). */
export function spreadAcrossNodes(app: string): any {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 50,
        podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname' },
      }],
    },
  };
}

/**
 * A ServiceAccount whose token is mounted: every agent talks to the API server or the kubelet.
 * Your annotations (a cloud identity: `eks.amazonaws.com/role-arn`, `iam.gke.io/gcp-service-account`,
 * `azure.workload.identity/client-id`) and labels are added; the component labels win.
 */
export function serviceAccount(
  scope: Construct, c: CoreConfig, name: string, labels: { [k: string]: string },
  p: Pick<ResolvedPodPlacement, 'serviceAccountAnnotations' | 'serviceAccountLabels'>,
): k8s.KubeServiceAccount {
  const annotations = Object.keys(p.serviceAccountAnnotations).length ? { annotations: { ...p.serviceAccountAnnotations } } : {};
  return new k8s.KubeServiceAccount(scope, 'ServiceAccount', {
    metadata: { name, namespace: c.namespace, labels: { ...p.serviceAccountLabels, ...labels }, ...annotations },
    automountServiceAccountToken: true,
  });
}

/**
 * A Deployment of `replicas` pods rendered from `pod` at synthesis: surge-only rollouts (a new
 * pod is ready before an old one goes), the chart's selector `app: <name>`.
 */
export function deployment(
  scope: Construct, c: CoreConfig, name: string, labels: { [k: string]: string }, replicas: number, pod: PodModel,
): k8s.KubeDeployment {
  // Id 'Resource': the component's default child, so ApiObject.of(component) finds it.
  return new k8s.KubeDeployment(scope, 'Resource', {
    metadata: { name, namespace: c.namespace, labels },
    spec: {
      replicas,
      revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: intOrString(1), maxUnavailable: intOrString(0) } },
      selector: { matchLabels: selectorLabels(name) },
      template: Lazy.any({ produce: () => typedPodTemplate(pod.render()) }),
    },
  });
}

/** A PodDisruptionBudget over the pods selected by `app: <name>`. */
export function podDisruptionBudget(scope: Construct, c: CoreConfig, name: string, labels: { [k: string]: string },
  budget: { readonly minAvailable: number } | { readonly maxUnavailable: number }): k8s.KubePodDisruptionBudget {
  const b = 'minAvailable' in budget ? { minAvailable: intOrString(budget.minAvailable) } : { maxUnavailable: intOrString(budget.maxUnavailable) };
  return new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
    metadata: { name, namespace: c.namespace, labels },
    spec: { ...b, selector: { matchLabels: selectorLabels(name) } },
  });
}
