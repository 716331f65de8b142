// A large cluster: cluster checks (checks on Services and endpoints, kube-state-metrics core)
// run on a dedicated pool of Cluster Checks Runners instead of the node agents.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogSite } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  new DatadogAgent(chart, 'datadog', {
    // A Secret you create outside the manifests, with keys api-key, app-key and token.
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.EU1,
    clusterName: 'prod-eu-1',
    clusterChecksRunner: {
      enabled: true,
      replicas: 3,
      resources: { cpuRequest: '200m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
      nodeSelector: { 'node-pool': 'system' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'system', effect: 'NoSchedule' }],
      priorityClassName: 'system-cluster-critical',
    },
    // kube-state-metrics core moves to the runners too: the Cluster Agent only dispatches.
    kubeStateMetricsCore: {
      useClusterChecksRunners: true,
      labelsAsTags: { pod: { 'app.kubernetes.io/name': 'app' } },
    },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
