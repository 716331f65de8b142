// Integrations: a Redis Deployment (cdk8s-plus) monitored through autodiscovery annotations, and
// a cluster check for a PostgreSQL database outside the cluster, run once through the Cluster Agent.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Autodiscovery, Checks, Credentials, DatadogAgent, DatadogSite, UnifiedServiceTagging } from '../../src';

export function build(app: App): { datadog: Chart; apps: Chart } {
  const datadog = new Chart(app, 'datadog', { namespace: 'datadog' });
  const dd = new DatadogAgent(datadog, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    site: DatadogSite.EU1,
    clusterName: 'prod-eu-1',
    logs: { enabled: true },
    // Cluster checks are on by default with the Cluster Agent (clusterChecks.enabled).
    // The database password below is an ENC[] handle: the agents resolve it from this Secret, and
    // may read nothing else.
    secretBackend: { enabled: true, readableSecrets: [{ namespace: 'datadog', names: ['orders-db-datadog'] }] },
  });

  // The external database: one check for the whole cluster, not one per node. The password is a
  // secrets-backend handle (ENC[...]) resolved by the agent; never a literal in the manifests.
  dd.addIntegration(Checks.postgres({
    host: 'orders.cluster-abc123.eu-west-1.rds.amazonaws.com',
    username: 'datadog',
    password: 'ENC[k8s_secret@datadog/orders-db-datadog/password]',
    dbname: 'orders',
    clusterCheck: true,
    tags: ['service:orders-db', 'env:prod'],
  }));

  // The application side: a Redis cache in its own namespace.
  const apps = new Chart(app, 'apps', { namespace: 'cache' });
  const redis = new kplus.Deployment(apps, 'redis', {
    metadata: { name: 'redis' },
    replicas: 1,
    securityContext: { user: 999, group: 999 },
  });
  const data = kplus.Volume.fromEmptyDir(apps, 'redis-data', 'data');
  redis.addContainer({
    name: 'redis',
    image: 'redis:7.2',
    portNumber: 6379,
    volumeMounts: [{ path: '/data', volume: data }],
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
    },
  });

  // The node agent on Redis's node finds the container and runs redisdb against it.
  Autodiscovery.annotate(redis, 'redis', {
    checks: [Checks.redis({ host: '%%host%%', port: 6379, tags: ['team:cache'] })],
    logs: [{ source: 'redis', service: 'cache' }],
  });
  // env/service/version on the workload, the pods and the container (DD_ENV, DD_SERVICE, DD_VERSION).
  UnifiedServiceTagging.apply(redis, { env: 'prod', service: 'cache', version: '7.2' });

  return { datadog, apps };
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
