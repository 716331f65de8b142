// Node agents only, no Cluster Agent: the agents elect a leader among themselves and collect
// Kubernetes events. For small clusters and labs.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ContainerRuntime, Credentials, DatadogAgent } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'monitoring' });
  new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    clusterName: 'lab',
    containerRuntime: ContainerRuntime.CRIO,
    kubelet: { tlsVerify: false },
    clusterAgent: { enabled: false },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
