import { App, Testing } from 'cdk8s';
import * as YAML from 'yaml';
import { build } from '../../examples/integrations/main';
import { Manifest, mountsOf, synth } from '../support/helpers';

test('the integrations example: Redis through autodiscovery, the external database as a cluster check', () => {
  const app = new App({ outdir: Testing.app().outdir });
  const { datadog, apps } = build(app);
  const dd = new Manifest(synth(datadog));
  const workloads = new Manifest(synth(apps));

  const redis = workloads.get('Deployment', 'redis');
  const annotations = redis.spec.template.metadata.annotations;
  expect(JSON.parse(annotations['ad.datadoghq.com/redis.checks'])).toEqual({
    redisdb: { init_config: {}, instances: [{ host: '%%host%%', port: 6379, tags: ['team:cache'] }] },
  });
  expect(JSON.parse(annotations['ad.datadoghq.com/redis.logs'])).toEqual([{ source: 'redis', service: 'cache' }]);
  expect(redis.spec.template.metadata.labels['tags.datadoghq.com/service']).toBe('cache');

  const pg = YAML.parse(dd.get('ConfigMap', 'datadog-cluster-agent-confd').data['postgres.yaml']);
  expect(pg).toEqual({
    cluster_check: true,
    init_config: {},
    instances: [{
      dbname: 'orders',
      host: 'orders.cluster-abc123.eu-west-1.rds.amazonaws.com',
      port: 5432,
      username: 'datadog',
      password: 'ENC[k8s_secret@datadog/orders-db-datadog/password]',
      tags: ['service:orders-db', 'env:prod'],
    }],
  });
  expect(mountsOf(dd.container('cluster-agent', dd.clusterAgent))['/conf.d'].name).toBe('confd');
  expect(dd.volume('confd', dd.clusterAgent).configMap.items).toContainEqual({ key: 'postgres.yaml', path: 'postgres.d/postgres.yaml' });
  // Nothing for the node agents' own conf.d: the database is checked once, from the cluster.
  expect(dd.find('ConfigMap', 'datadog-confd')).toBeUndefined();
});
