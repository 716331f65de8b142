// The default topology: node agents on every Linux node plus a highly available Cluster Agent.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogReview, DatadogSite } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  const agent = new DatadogAgent(chart, 'datadog', {
    // A Secret you create outside the manifests, with keys api-key, app-key and token.
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.EU1,
    clusterName: 'prod-eu-1',
    tags: ['env:prod', 'team:platform'],
  });
  // dist/datadog-review.md and .json: what runs with which privileges, for the pull request.
  new DatadogReview(agent);
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
