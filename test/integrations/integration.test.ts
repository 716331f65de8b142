import * as YAML from 'yaml';
import { integrationYaml, mergeIntegrations, resolveIntegration } from '../../src/integrations/integration';

test('the YAML parses back to the configuration, top-level keys in a fixed order', () => {
  const r = resolveIntegration('i', {
    name: 'nginx',
    clusterCheck: true,
    adIdentifiers: ['nginx'],
    initConfig: { x: 1 },
    instances: [{ nginx_status_url: 'http://%%host%%/status' }],
    logs: [{ source: 'nginx' }],
  });
  const text = integrationYaml(r);
  expect(YAML.parse(text, { version: '1.1' })).toEqual({
    cluster_check: true,
    ad_identifiers: ['nginx'],
    init_config: { x: 1 },
    instances: [{ nginx_status_url: 'http://%%host%%/status' }],
    logs: [{ source: 'nginx' }],
  });
  expect(Object.keys(YAML.parse(text))).toEqual(['cluster_check', 'ad_identifiers', 'init_config', 'instances', 'logs']);
});

test('the same configuration always gives the same bytes', () => {
  const a = integrationYaml(resolveIntegration('i', { name: 'x', instances: [{ b: 1, a: { d: 1, c: 2 } }] }));
  const b = integrationYaml(resolveIntegration('i', { name: 'x', instances: [{ a: { c: 2, d: 1 }, b: 1 }] }));
  expect(a).toBe(b);
});

test('merge keeps the first initConfig given, concatenates instances and logs, records sources', () => {
  const a = resolveIntegration('a', { name: 'x', instances: [{ n: 1 }] });
  const b = resolveIntegration('b', { name: 'x', initConfig: { k: 1 }, instances: [{ n: 2 }], logs: [{ source: 'x' }] });
  const m = mergeIntegrations(a, b);
  expect(m).toMatchObject({ initConfig: { k: 1 }, instances: [{ n: 1 }, { n: 2 }], logs: [{ source: 'x' }], sources: ['a', 'b'] });
  const c = resolveIntegration('c', { name: 'x', initConfig: { k: 2 }, instances: [{ n: 3 }] });
  expect(() => mergeIntegrations(m, c)).toThrow(/c \(check x\): initConfig \{"k":2\} conflicts with \{"k":1\} from a, b/);
});
