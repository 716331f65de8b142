import type { CoreConfig } from '../config';

/**
 * The selector labels: the same `app: <name>` the Helm chart uses. Selectors are immutable, so
 * keeping them lets `kubectl apply` take over a chart-installed DaemonSet or Deployment in place.
 */
export function selectorLabels(name: string): { [k: string]: string } {
  return { app: name };
}

/** Recommended labels on every object of a component. */
export function componentLabels(c: CoreConfig, component: string): { [k: string]: string } {
  return {
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/instance': c.names.fullname,
    'app.kubernetes.io/managed-by': 'cdk8s-datadog',
    'app.kubernetes.io/name': 'datadog',
    'app.kubernetes.io/part-of': 'datadog',
  };
}
