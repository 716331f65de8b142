/**
 * A CustomResourceDefinition an enabled feature needs in the cluster, which this library does not
 * render (the Helm chart pulls the Datadog ones in through its `datadog-crds` dependency). Without
 * it the feature's controller cannot list its objects, and users cannot create them.
 */
export interface RequiredCrd {
  /** The CRD's name, `<plural>.<group>`, as `kubectl get crd` shows it. */
  readonly name: string;
  /** The kind it defines. */
  readonly kind: string;
  /** The option that needs it, as a path of DatadogAgentProps. */
  readonly option: string;
  /** Where to get it. */
  readonly installWith: string;
}

/** The `datadog-crds` chart version the Helm chart 3.240.0 depends on. */
export const DATADOG_CRDS_CHART = 'the datadog-crds Helm chart 2.23.0 (https://helm.datadoghq.com), as the Datadog chart pins it';

/** The line a synthesis prints (and the review lists) for one requirement. @internal */
export function requiredCrdNote(r: RequiredCrd): string {
  return `${r.option} needs the CustomResourceDefinition ${r.name} (${r.kind}) in the cluster, which is not rendered here: install it with ${r.installWith}`;
}
