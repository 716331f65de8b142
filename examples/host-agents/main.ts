// Agents installed on the hosts (the datadog-agent package), for nodes where the agent must keep
// reporting when the kubelet or the container runtime fails. The DatadogAgent runs the Cluster
// Agent, and node agents only on the nodes labeled for them; DatadogHostAgentAccess gives the host
// agents a ServiceAccount, its RBAC and token Secret, and a NodePort to the Cluster Agent, and
// `cdk8s synth` writes dist/datadog-host-agent.datadog.yaml and dist/datadog-host-agent.kubeconfig
// for the hosts (docs/host-agents.md says where they go).
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { ClusterAgentExposure, Credentials, DatadogAgent, DatadogHostAgentAccess } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  const agent = new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    clusterName: 'prod',
    // The nodes without a host agent run the DaemonSet.
    nodeAgent: { nodeSelector: { 'datadog.example.com/agent': 'daemonset' } },
  });
  new DatadogHostAgentAccess(chart, 'hosts', {
    apiServerUrl: 'https://10.0.0.1:6443',
    clusterName: 'prod',
    tags: ['env:prod'],
    clusterAgent: { agent, exposure: ClusterAgentExposure.NODE_PORT, nodePort: 30505 },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
