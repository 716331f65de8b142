// A fleet: the same Datadog setup stamped out for many clusters, with per-cluster differences
// as data. One cdk8s App per cluster keeps synthesis linear in the number of clusters (an App
// validates all its charts together), and gives each cluster its own output directory to apply.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent, DatadogSite, KubernetesPlatform } from '../../src';

interface ClusterSpec {
  readonly name: string;
  readonly site: DatadogSite;
  readonly platform: KubernetesPlatform;
  readonly env: string;
  readonly logs: boolean;
}

export const FLEET: ClusterSpec[] = [
  { name: 'prod-eu-1', site: DatadogSite.EU1, platform: KubernetesPlatform.EKS, env: 'prod', logs: true },
  { name: 'prod-us-1', site: DatadogSite.US1, platform: KubernetesPlatform.EKS, env: 'prod', logs: true },
  { name: 'staging-eu-1', site: DatadogSite.EU1, platform: KubernetesPlatform.AKS, env: 'staging', logs: false },
];

/** Everything one cluster gets: the platform team's defaults, then the cluster's own values. */
export function cluster(app: App, spec: ClusterSpec): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    site: spec.site,
    platform: spec.platform,
    clusterName: spec.name,
    tags: [`env:${spec.env}`, 'team:platform'],
    logs: { enabled: spec.logs },
    nodeAgent: { priorityClassName: 'system-node-critical' },
  });
  return chart;
}

/** For tests and `cdk8s synth`: the first cluster of the fleet in the given App. */
export function build(app: App): Chart {
  return cluster(app, FLEET[0]);
}

if (require.main === module) {
  // `cdk8s synth` sets CDK8S_OUTDIR; each cluster goes to its own directory below it.
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  for (const spec of FLEET) {
    const app = new App({ outdir: `${outdir}/${spec.name}` });
    cluster(app, spec);
    app.synth();
  }
}
