import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogReview } from '../src';
import { requiredCrdNote } from '../src/required-crds';

function agent(props: any = {}): { app: App; agent: DatadogAgent } {
  const app = new App({ outdir: '/tmp/cdk8s-datadog-required-crds' });
  const chart = new Chart(app, 'c', { namespace: 'datadog' });
  return { app, agent: new DatadogAgent(chart, 'datadog', { credentials: Credentials.fromSecret('datadog-secret'), ...props }) };
}

describe('required CRDs', () => {
  test('none by default', () => {
    expect(agent().agent.requiredCrds).toEqual([]);
  });

  test('each feature that needs a CRD names it, with the option and where to get it', () => {
    const { agent: a } = agent({
      clusterAgent: { externalMetrics: { enabled: true, useDatadogMetrics: true, wpaController: true } },
      kubeStateMetricsCore: { collectVpaMetrics: true },
    });
    expect(a.requiredCrds.map(r => [r.option, r.name, r.kind])).toEqual([
      ['kubeStateMetricsCore.collectVpaMetrics', 'verticalpodautoscalers.autoscaling.k8s.io', 'VerticalPodAutoscaler'],
      ['clusterAgent.externalMetrics.useDatadogMetrics', 'datadogmetrics.datadoghq.com', 'DatadogMetric'],
      ['clusterAgent.externalMetrics.wpaController', 'watermarkpodautoscalers.datadoghq.com', 'WatermarkPodAutoscaler'],
    ]);
    expect(requiredCrdNote(a.requiredCrds[1])).toBe('clusterAgent.externalMetrics.useDatadogMetrics needs the CustomResourceDefinition datadogmetrics.datadoghq.com (DatadogMetric) '
      + 'in the cluster, which is not rendered here: install it with the datadog-crds Helm chart 2.23.0 (https://helm.datadoghq.com), as the Datadog chart pins it');
  });

  test('workload autoscaling needs the DatadogPodAutoscaler CRDs', () => {
    expect(agent({ autoscaling: { workload: { enabled: true } } }).agent.requiredCrds.map(r => r.name)).toEqual([
      'datadogpodautoscalers.datadoghq.com', 'datadogpodautoscalerclusterprofiles.datadoghq.com',
    ]);
  });

  test('synthesis prints a note for each (and does not fail); the review lists them', () => {
    const { app, agent: a } = agent({ clusterAgent: { externalMetrics: { enabled: true, useDatadogMetrics: true } } });
    const review = new DatadogReview(a);
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { written.push(String(s)); return true; });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
    }
    expect(written.filter(s => s.startsWith('cdk8s-datadog note: c/datadog: clusterAgent.externalMetrics.useDatadogMetrics needs the CustomResourceDefinition datadogmetrics.datadoghq.com'))).toHaveLength(1);
    expect(review.markdown).toContain('## Needed in the cluster (not in the YAML)\n\n- clusterAgent.externalMetrics.useDatadogMetrics needs the CustomResourceDefinition datadogmetrics.datadoghq.com');
    expect(JSON.parse(review.json).requiredCrds).toHaveLength(1);
  });

  test('no note and no review section without one', () => {
    const { agent: a } = agent();
    const review = new DatadogReview(a);
    expect(review.markdown).not.toContain('Needed in the cluster');
    expect(JSON.parse(review.json).requiredCrds).toBeUndefined();
  });
});
