import { Testing } from 'cdk8s';
import { build as autoscaling } from '../../examples/autoscaling/main';
import { build as runners } from '../../examples/cluster-checks-runner/main';
import { build as windows } from '../../examples/windows/main';
import { Manifest, envOf, synth } from '../support/helpers';

describe('example apps synthesize and pass the strict schema', () => {
  test('cluster-checks-runner', () => {
    const m = new Manifest(synth(runners(Testing.app())));
    expect(m.get('Deployment', 'datadog-clusterchecks').spec.replicas).toBe(3);
    expect(m.get('ClusterRoleBinding', 'datadog-ksm-core').subjects[0].name).toBe('datadog-cluster-checks');
    expect(envOf(m.container('agent')).DD_EXTRA_CONFIG_PROVIDERS).toBe('endpointschecks');
  });

  test('autoscaling', () => {
    const m = new Manifest(synth(autoscaling(Testing.app())));
    expect(m.get('APIService', 'v1beta1.external.metrics.k8s.io')).toBeDefined();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_EXTERNAL_METRICS_PROVIDER_USE_DATADOGMETRIC_CRD).toBe('true');
  });

  test('windows', () => {
    const m = new Manifest(synth(windows(Testing.app())));
    const win = m.get('DaemonSet', 'datadog-windows');
    expect(win.spec.template.spec.nodeSelector).toEqual({ 'kubernetes.azure.com/agentpool': 'win22', 'kubernetes.io/os': 'windows' });
    expect(envOf(m.container('agent', win)).DD_CLUSTER_AGENT_KUBERNETES_SERVICE_NAME).toBe('datadog-cluster-agent');
    expect(envOf(m.container('agent', win)).DD_SITE).toBe('datadoghq.eu');
    expect(m.podSpec('DaemonSet', 'datadog').nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  });
});
