// For clusters that run the Datadog Operator: the same typed, validated options, rendered as a
// datadoghq.com/v2alpha1 DatadogAgent custom resource the Operator turns into the agents.
// Options the Operator cannot express fail at synthesis with their path.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgentResource, DatadogSite } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  new DatadogAgentResource(chart, 'datadog', {
    // A Secret you create outside the manifests, with keys api-key, app-key and token.
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.EU1,
    clusterName: 'prod-eu-1',
    tags: ['env:prod', 'team:platform'],
    logs: { enabled: true, containerCollectAll: true },
    apm: { instrumentation: { enabled: true } },
    clusterAgent: { replicas: 2 },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
