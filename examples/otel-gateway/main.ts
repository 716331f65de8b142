// DDOT with a gateway: the OpenTelemetry Collector in every node agent pod forwards OTLP to a
// Deployment of the collector in gateway mode, which samples traces and exports to Datadog.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Credentials, DatadogAgent, DatadogSite } from '../../src';

export function build(app: App): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.EU1,
    clusterName: 'prod-eu-1',
    // The node collectors' default configuration sends to the gateway's Service.
    otelCollector: { enabled: true },
    otelAgentGateway: {
      enabled: true,
      config: {
        receivers: { otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } } },
        processors: {
          // Keep every error trace and 10% of the rest, decided on whole traces.
          tail_sampling: {
            decision_wait: '10s',
            policies: [
              { name: 'errors', type: 'status_code', status_code: { status_codes: ['ERROR'] } },
              { name: 'sample', type: 'probabilistic', probabilistic: { sampling_percentage: 10 } },
            ],
          },
        },
        exporters: { datadog: { api: { key: '${env:DD_API_KEY}', site: 'datadoghq.eu' } } },
        extensions: { health_check: { endpoint: '0.0.0.0:13133' } },
        service: {
          extensions: ['health_check'],
          pipelines: {
            traces: { receivers: ['otlp'], processors: ['tail_sampling'], exporters: ['datadog'] },
            metrics: { receivers: ['otlp'], exporters: ['datadog'] },
            logs: { receivers: ['otlp'], exporters: ['datadog'] },
          },
        },
      },
      resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(512), limit: Size.mebibytes(512) } },
      autoscaling: {
        enabled: true,
        minReplicas: 2,
        maxReplicas: 6,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
      livenessProbe: {},
      readinessProbe: {},
    },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
