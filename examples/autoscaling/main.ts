// HorizontalPodAutoscalers on Datadog metrics: the Cluster Agent serves the external metrics
// API (`external.metrics.k8s.io`) and reads queries from DatadogMetric objects. Needs an app key
// in the credentials Secret and the DatadogMetric CRD (from the `datadog-crds` Helm chart).
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { ApiObject, App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogSite } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.US1,
    clusterName: 'prod-us-1',
    clusterAgent: {
      replicas: 2,
      externalMetrics: { enabled: true, useDatadogMetrics: true },
    },
  });

  // An application scaled on a Datadog query, through a DatadogMetric object.
  const apps = new Chart(app, 'shop', { namespace: 'shop' });
  new ApiObject(apps, 'RequestsMetric', {
    apiVersion: 'datadoghq.com/v1alpha1',
    kind: 'DatadogMetric',
    metadata: { name: 'checkout-requests' },
    spec: { query: 'avg:nginx.net.request_per_s{kube_deployment:checkout}' },
  });
  new ApiObject(apps, 'CheckoutHpa', {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'checkout' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'checkout' },
      minReplicas: 2,
      maxReplicas: 20,
      metrics: [{
        type: 'External',
        external: {
          // DatadogMetric objects are named `datadogmetric@<namespace>:<name>`.
          metric: { name: 'datadogmetric@shop:checkout-requests' },
          target: { type: 'AverageValue', averageValue: '50' },
        },
      }],
    },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
