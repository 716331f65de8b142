import { k8s } from 'cdk8s-plus-27';
import { componentLabels } from '../components/labels';
import { defineFeature } from '../feature';
import { clusterScoped } from '../model/objects';
import { bool } from '../validation';

/**
 * The Pod Security Admission level the installation's pods need. The node agent mounts host paths
 * (`/proc`, the cgroups, the runtime socket) and by default shares the host PID namespace: the
 * `baseline` level forbids both, so only `privileged` admits it.
 */
export const POD_SECURITY_LEVEL = 'privileged';

/** The Pod Security Admission labels of the namespace (enforce, audit and warn at one level). */
export function podSecurityLabels(): { [k: string]: string } {
  return Object.fromEntries(['enforce', 'audit', 'warn'].map(mode => [`pod-security.kubernetes.io/${mode}`, POD_SECURITY_LEVEL]));
}

/**
 * `createNamespace`: the Namespace object, labelled for Pod Security Admission. Every other object
 * of the installation depends on it, so it comes first in the output (`kubectl apply -f` creates
 * it before the objects that live in it).
 */
export const namespaceObject = defineFeature({
  id: 'namespace',
  option: 'createNamespace',
  resolve: (p) => bool('createNamespace', p.createNamespace) ?? false,
  enabled: (c) => c.createNamespace,
  objects: (scope, c) => {
    const ns = clusterScoped(new k8s.KubeNamespace(scope, 'Namespace', {
      metadata: { name: c.namespace, labels: { ...componentLabels(c, 'namespace'), ...podSecurityLabels() } },
    }));
    // Every ApiObject under the installation, including those created at synthesis, follows it.
    scope.node.addDependency(ns);
  },
});
