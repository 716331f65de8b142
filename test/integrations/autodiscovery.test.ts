import { ApiObject, Chart, Cron, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Autodiscovery } from '../../src';
import { synth } from '../support/helpers';

function chart(): Chart {
  return new Chart(Testing.app(), 'apps', { namespace: 'apps' });
}

function redisDeployment(c: Chart): kplus.Deployment {
  const d = new kplus.Deployment(c, 'redis', { metadata: { name: 'redis' } });
  d.addContainer({ name: 'redis', image: 'redis:7.2', portNumber: 6379 });
  d.addContainer({ name: 'exporter', image: 'oliver006/redis_exporter:v1.62.0', portNumber: 9121 });
  return d;
}

function annotationsOf(objs: any[], kind: string, name: string): { [k: string]: string } {
  const o = objs.find(x => x.kind === kind && x.metadata.name === name);
  return (o.spec.jobTemplate?.spec ?? o.spec).template.metadata.annotations ?? {};
}

const REDIS_CHECK = { name: 'redisdb', instances: [{ host: '%%host%%', port: '6379', password: '%%env_REDIS_PASSWORD%%' }] };

describe('cdk8s-plus workloads', () => {
  test('writes .checks (v2), .logs and .tags on the pod template, parsed back equal', () => {
    const c = chart();
    const d = redisDeployment(c);
    Autodiscovery.annotate(d, 'redis', {
      checks: [REDIS_CHECK],
      logs: [{ source: 'redis', service: 'cache' }],
      tags: { team: 'platform', tier: 'cache' },
    });
    const objs = synth(c);
    const a = annotationsOf(objs, 'Deployment', 'redis');
    expect(JSON.parse(a['ad.datadoghq.com/redis.checks'])).toEqual({
      redisdb: { init_config: {}, instances: [{ host: '%%host%%', port: '6379', password: '%%env_REDIS_PASSWORD%%' }] },
    });
    expect(JSON.parse(a['ad.datadoghq.com/redis.logs'])).toEqual([{ source: 'redis', service: 'cache' }]);
    expect(JSON.parse(a['ad.datadoghq.com/redis.tags'])).toEqual({ team: 'platform', tier: 'cache' });
    expect(Object.keys(a).filter(k => k.startsWith('ad.datadoghq.com/')).sort())
      .toEqual(['ad.datadoghq.com/redis.checks', 'ad.datadoghq.com/redis.logs', 'ad.datadoghq.com/redis.tags']);
    // The workload's own metadata is untouched: the agent reads pods.
    const dep = objs.find(x => x.kind === 'Deployment');
    expect(dep.metadata.annotations).toBeUndefined();
    expect(a).toMatchSnapshot();
  });

  test('several checks for one container, and one annotation per container', () => {
    const c = chart();
    const d = redisDeployment(c);
    Autodiscovery.annotate(d, 'redis', {
      checks: [REDIS_CHECK, { name: 'tcp_check', initConfig: { service: 'redis' }, instances: [{ host: '%%host%%', port: 6379, name: 'redis' }] }],
    });
    Autodiscovery.annotate(d, 'exporter', { checks: [{ name: 'openmetrics', instances: [{ openmetrics_endpoint: 'http://%%host%%:9121/metrics', namespace: 'redis', metrics: ['redis_.*'] }] }] });
    const a = annotationsOf(synth(c), 'Deployment', 'redis');
    expect(JSON.parse(a['ad.datadoghq.com/redis.checks'])).toEqual({
      redisdb: { init_config: {}, instances: [REDIS_CHECK.instances[0]] },
      tcp_check: { init_config: { service: 'redis' }, instances: [{ host: '%%host%%', port: 6379, name: 'redis' }] },
    });
    expect(Object.keys(JSON.parse(a['ad.datadoghq.com/redis.checks']))).toEqual(['redisdb', 'tcp_check']);
    expect(JSON.parse(a['ad.datadoghq.com/exporter.checks']).openmetrics.instances[0].namespace).toBe('redis');
  });

  test('two entries of the same check merge their instances', () => {
    const c = chart();
    const d = redisDeployment(c);
    Autodiscovery.annotate(d, 'redis', { checks: [REDIS_CHECK, { name: 'redisdb', instances: [{ host: '%%host%%', port: '6380' }] }] });
    expect(JSON.parse(annotationsOf(synth(c), 'Deployment', 'redis')['ad.datadoghq.com/redis.checks']).redisdb.instances).toHaveLength(2);
  });

  test('works on StatefulSet, DaemonSet, Job and CronJob', () => {
    const c = chart();
    const container = { name: 'app', image: 'app:1', portNumber: 8080 };
    const sts = new kplus.StatefulSet(c, 'sts', { metadata: { name: 'sts' }, containers: [container] });
    const ds = new kplus.DaemonSet(c, 'ds', { metadata: { name: 'ds' }, containers: [container] });
    const job = new kplus.Job(c, 'job', { metadata: { name: 'job' }, containers: [container] });
    const cron = new kplus.CronJob(c, 'cron', { metadata: { name: 'cron' }, containers: [container], schedule: Cron.daily() });
    for (const w of [sts, ds, job, cron]) Autodiscovery.annotate(w, 'app', { logs: [{ source: 'app' }] });
    const objs = synth(c);
    for (const [kind, name] of [['StatefulSet', 'sts'], ['DaemonSet', 'ds'], ['Job', 'job'], ['CronJob', 'cron']]) {
      expect(JSON.parse(annotationsOf(objs, kind, name)['ad.datadoghq.com/app.logs'])).toEqual([{ source: 'app' }]);
    }
  });
});

describe('raw ApiObjects', () => {
  const template = (annotations?: { [k: string]: string }) => ({
    metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });

  test('a Deployment ApiObject is patched; the patch appears in the synthesized object', () => {
    const c = chart();
    const d = new ApiObject(c, 'web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
    });
    Autodiscovery.annotate(d, 'web', { checks: [{ name: 'nginx', instances: [{ nginx_status_url: 'http://%%host%%:81/nginx_status/' }] }], tags: { team: 'web' } });
    const a = annotationsOf(synth(c), 'Deployment', 'web');
    expect(JSON.parse(a['ad.datadoghq.com/web.checks'])).toEqual({ nginx: { init_config: {}, instances: [{ nginx_status_url: 'http://%%host%%:81/nginx_status/' }] } });
    expect(JSON.parse(a['ad.datadoghq.com/web.tags'])).toEqual({ team: 'web' });
  });

  test('existing annotations are kept', () => {
    const c = chart();
    const d = new ApiObject(c, 'web', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: template({ 'example.com/keep': 'me' }) },
    });
    Autodiscovery.annotate(d, 'web', { logs: [{ source: 'nginx' }] });
    const a = annotationsOf(synth(c), 'Deployment', 'web');
    expect(a['example.com/keep']).toBe('me');
    expect(JSON.parse(a['ad.datadoghq.com/web.logs'])).toEqual([{ source: 'nginx' }]);
  });

  test('a typed L1 object (k8s.KubeStatefulSet) and a Pod', () => {
    const c = chart();
    const sts = new kplus.k8s.KubeStatefulSet(c, 'db', {
      metadata: { name: 'db' },
      spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } } },
    });
    const pod = new ApiObject(c, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'lone' }, spec: { containers: [{ name: 'x', image: 'busybox' }] } });
    Autodiscovery.annotate(sts, 'pg', { checks: [{ name: 'postgres', instances: [{ host: '%%host%%', port: 5432, username: 'datadog' }] }] });
    Autodiscovery.annotate(pod, 'x', { tags: { role: 'lone' } });
    const objs = synth(c);
    expect(JSON.parse(annotationsOf(objs, 'StatefulSet', 'db')['ad.datadoghq.com/pg.checks']).postgres.instances[0].port).toBe(5432);
    expect(objs.find(o => o.kind === 'Pod').metadata.annotations).toEqual({ 'ad.datadoghq.com/x.tags': '{"role":"lone"}' });
  });
});

describe('bad input', () => {
  test('unknown container', () => {
    const c = chart();
    const d = redisDeployment(c);
    expect(() => Autodiscovery.annotate(d, 'redis-server', { checks: [REDIS_CHECK] }))
      .toThrow(/Autodiscovery.annotate\("redis-server"\): the workload has no container "redis-server"; its containers are "redis", "exporter"/);
  });

  test('unknown container in a raw ApiObject', () => {
    const c = chart();
    const d = new ApiObject(c, 'web', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'web', image: 'x' }] } } } });
    expect(() => Autodiscovery.annotate(d, 'nginx', { logs: [{ source: 'x' }] })).toThrow(/no container "nginx"; its containers are "web"/);
  });

  test('an object without a pod template, or not a workload at all', () => {
    const c = chart();
    const cm = new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: {} });
    expect(() => Autodiscovery.annotate(cm, 'x', { logs: [{}] })).toThrow(/ConfigMap cm has no pod template with containers/);
    expect(() => Autodiscovery.annotate(c, 'x', { logs: [{}] })).toThrow(/must be a cdk8s-plus workload .* or an ApiObject with a pod template, got a Chart/);
  });

  test('annotating the same container twice', () => {
    const c = chart();
    const d = redisDeployment(c);
    Autodiscovery.annotate(d, 'redis', { checks: [REDIS_CHECK] });
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [REDIS_CHECK] })).toThrow(/already has annotation ad.datadoghq.com\/redis.checks/);
  });

  test('nothing to write', () => {
    const d = redisDeployment(chart());
    expect(() => Autodiscovery.annotate(d, 'redis', {})).toThrow(/give at least one of checks, logs or tags/);
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [] })).toThrow(/checks must be a non-empty list/);
  });

  test('options that do not apply to an annotation', () => {
    const d = redisDeployment(chart());
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [{ ...REDIS_CHECK, clusterCheck: true }] })).toThrow(/checks\[0\]\.clusterCheck does not apply to a container annotation/);
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [{ ...REDIS_CHECK, adIdentifiers: ['redis'] }] })).toThrow(/checks\[0\]\.adIdentifiers does not apply/);
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [{ ...REDIS_CHECK, logs: [{ source: 'redis' }] }] })).toThrow(/checks\[0\]\.logs: put log configurations in the logs option/);
  });

  test('invalid check name and non-serializable values', () => {
    const d = redisDeployment(chart());
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [{ name: 'Redis', instances: [{}] }] })).toThrow(/checks\[0\]\.name must be a check name/);
    expect(() => Autodiscovery.annotate(d, 'redis', { checks: [{ name: 'redisdb', instances: [{ port: NaN }] }] })).toThrow(/checks\[0\]\.instances\[0\]\.port must be a JSON value/);
    expect(() => Autodiscovery.annotate(d, 'redis', { logs: [{ source: () => 'x' }] })).toThrow(/logs\[0\]\.source must be a JSON value/);
  });

  test('bad tags', () => {
    const d = redisDeployment(chart());
    expect(() => Autodiscovery.annotate(d, 'redis', { tags: { team: 'a b' } })).toThrow(/tags\["team"\] must be a non-empty string without spaces or commas/);
    expect(() => Autodiscovery.annotate(d, 'redis', { tags: { '1x': 'a' } })).toThrow(/tags has an invalid tag name "1x"/);
  });

  test('a container name too long for an annotation key', () => {
    const c = chart();
    const name = 'c'.repeat(60);
    const d = new kplus.Deployment(c, 'long', { containers: [{ name, image: 'x' }] });
    expect(() => Autodiscovery.annotate(d, name, { logs: [{ source: 'x' }] })).toThrow(/annotation key has an invalid key "ad.datadoghq.com\/c+\.logs"/);
  });
});
