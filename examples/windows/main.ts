// A mixed cluster (AKS, EKS or GKE with a Windows node pool): the Linux DaemonSet on Linux nodes,
// `datadog-windows` on Windows nodes, both joined to one Cluster Agent. APM and DogStatsD reach
// the agents through host ports on either OS; logs are collected on both.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogSite, KubernetesPlatform } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.EU1,
    clusterName: 'mixed-aks',
    platform: KubernetesPlatform.AKS,
    logs: { enabled: true, containerCollectAll: true },
    apm: { useHostPort: true },
    dogstatsd: { useHostPort: true },
    windowsNodes: {
      enabled: true,
      // Only the Windows pool the workloads run on; the `node.kubernetes.io/os=windows` taint is tolerated already.
      nodeSelector: { 'kubernetes.azure.com/agentpool': 'win22' },
      resources: { cpuRequest: '200m', memoryRequest: '512Mi', memoryLimit: '1Gi' },
    },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
