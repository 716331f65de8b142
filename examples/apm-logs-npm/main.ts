// APM, log collection and Cloud Network Monitoring (NPM) on every Linux node.
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
    // APM is on by default (Unix socket /var/run/datadog/apm.socket); also accept TCP on the node IP.
    apm: { useHostPort: true },
    logs: { enabled: true, containerCollectAll: true },
    // NPM adds system-probe (eBPF, with its seccomp profile) and process-agent.
    networkMonitoring: { enabled: true },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
