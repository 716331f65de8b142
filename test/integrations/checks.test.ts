import * as YAML from 'yaml';
import { Checks } from '../../src';
import { render } from '../support/helpers';

test('builders give plain integrations', () => {
  expect(Checks.redis({ host: '%%host%%', password: '%%env_REDIS_PASSWORD%%', tags: ['team:cache'] }))
    .toEqual({ name: 'redisdb', instances: [{ host: '%%host%%', port: 6379, password: '%%env_REDIS_PASSWORD%%', tags: ['team:cache'] }] });
  expect(Checks.postgres({ host: 'db.example.com', username: 'datadog', password: 'ENC[k8s_secret@db/pg/password]', clusterCheck: true, extra: { dbm: true } }))
    .toEqual({ name: 'postgres', clusterCheck: true, instances: [{ host: 'db.example.com', port: 5432, username: 'datadog', password: 'ENC[k8s_secret@db/pg/password]', dbm: true }] });
  expect(Checks.nginx({ statusUrl: 'http://%%host%%:81/nginx_status/' })).toEqual({ name: 'nginx', instances: [{ nginx_status_url: 'http://%%host%%:81/nginx_status/' }] });
  expect(Checks.httpCheck({ name: 'api', url: 'https://api.example.com/health', timeoutSeconds: 5 }))
    .toEqual({ name: 'http_check', instances: [{ name: 'api', url: 'https://api.example.com/health', timeout: 5 }] });
});

test('builders render through DatadogAgent like the generic form', () => {
  const m = render({ integrations: [Checks.httpCheck({ name: 'api', url: 'https://api.example.com/health' }), Checks.httpCheck({ name: 'web', url: 'https://www.example.com' })] });
  expect(YAML.parse(m.get('ConfigMap', 'datadog-confd').data['http_check.yaml']).instances.map((i: any) => i.name)).toEqual(['api', 'web']);
});

test('literal passwords are refused', () => {
  expect(() => Checks.redis({ host: 'r', password: 'hunter2' })).toThrow(/Checks.redis: password must be a reference, ENC\[<secret handle>\] or %%env_<VAR>%%, not a literal/);
  expect(() => Checks.postgres({ host: 'db', username: 'u', password: 'secret' })).toThrow(/Checks.postgres: password must be a reference/);
});

test('bad input', () => {
  expect(() => Checks.redis({ host: '' })).toThrow(/Checks.redis: host is required/);
  expect(() => Checks.redis({ host: 'r', port: 70000 })).toThrow(/Checks.redis: port must be <= 65535/);
  expect(() => Checks.httpCheck({ name: 'a', url: 'u', timeoutSeconds: 0 })).toThrow(/timeoutSeconds must be a positive number/);
  expect(() => Checks.nginx({ statusUrl: 'u', extra: { nginx_status_url: 'x' } })).toThrow(/extra.nginx_status_url is a typed option of the builder; set it there/);
  // a typed field cannot be smuggled through extra, set or not
  expect(() => Checks.redis({ host: 'h', extra: { password: 'hunter2' } })).toThrow(/Checks \(redisdb\): extra.password is a typed option/);
  expect(() => Checks.httpCheck({ name: 'a', url: 'u', extra: { timeout: 5 } })).toThrow(/extra.timeout is a typed option/);
  // secret-looking keys in extra must be references
  expect(() => Checks.nginx({ statusUrl: 'u', extra: { api_key: 'abc' } })).toThrow(/Checks \(nginx\): extra.api_key must be a reference/);
  expect(Checks.nginx({ statusUrl: 'u', extra: { api_key: 'ENC[k]' } }).instances![0].api_key).toBe('ENC[k]');
  // shapes JavaScript callers can pass
  expect(() => Checks.redis(undefined as any)).toThrow(/Checks.redis\(o\) is required/);
  expect(() => Checks.redis({ host: 'h', tags: 'team:cache' as any })).toThrow(/Checks.redis\(o\).tags must be a list, got "team:cache"/);
  expect(() => Checks.redis({ host: 'h', clusterCheck: 'false' as any })).toThrow(/clusterCheck must be true or false/);
  expect(() => Checks.httpCheck({ name: 'a', url: 'u', timeoutSeconds: Infinity })).toThrow(/Checks.httpCheck\(o\).timeoutSeconds must be a finite number, got Infinity/);
  expect(() => Checks.postgres({ host: 'db', username: 'u', password: 'ENC[p]', dbname: '' })).toThrow(/Checks.postgres: dbname is required/);
});
