import { InputProblem, isMap, mergeValues, parseSet, parseValues } from '../../src/cli/helm-values';

describe('parseValues', () => {
  test('a YAML map is read as is; an empty file or a comment-only file is no values', () => {
    expect(parseValues('datadog:\n  site: datadoghq.eu\n', 'v.yaml')).toEqual({ datadog: { site: 'datadoghq.eu' } });
    expect(parseValues('', 'v.yaml')).toEqual({});
    expect(parseValues('# only a comment\n', 'v.yaml')).toEqual({});
  });

  test('bad input names the file, and the line and column when YAML says where', () => {
    expect(() => parseValues('a: [1\n', 'v.yaml')).toThrow(/^v\.yaml: not YAML \(line \d+, column \d+\)/);
    expect(() => parseValues('- a\n', 'v.yaml')).toThrow('v.yaml: a values file must be a map of keys, got a list');
    expect(() => parseValues('just a string\n', 'v.yaml')).toThrow('v.yaml: a values file must be a map of keys, got string');
    expect(() => parseValues('a: 1\na: 2\n', 'dup.yaml')).toThrow(/^dup\.yaml: not YAML/);
  });
});

describe('mergeValues', () => {
  test('maps merge key by key, lists and scalars are replaced, null deletes', () => {
    const a = parseValues('datadog:\n  site: datadoghq.eu\n  tags: [a]\n  logLevel: info\n', 'a.yaml');
    const b = parseValues('datadog:\n  tags: [b]\n  logLevel: null\n', 'b.yaml');
    expect(mergeValues(a, b)).toEqual({ datadog: { site: 'datadoghq.eu', tags: ['b'] } });
  });

  test('a map replaces a scalar and a scalar replaces a map', () => {
    expect(mergeValues({ a: 1, b: { c: 1 } }, { a: { x: 1 }, b: 2 })).toEqual({ a: { x: 1 }, b: 2 });
  });

  test('the inputs are not changed', () => {
    const base = { datadog: { site: 'datadoghq.eu', logs: { enabled: false } } };
    const copy = JSON.parse(JSON.stringify(base));
    mergeValues(base, { datadog: { logs: { enabled: true } } });
    expect(base).toEqual(copy);
  });
});

describe('parseSet', () => {
  test('dots nest, commas separate, braces make lists', () => {
    expect(parseSet('datadog.logs.enabled=true,clusterAgent.replicas=3,datadog.tags={a:1,b:2},datadog.clusterName=x\\,y'))
      .toEqual({ datadog: { logs: { enabled: true }, tags: ['a:1', 'b:2'], clusterName: 'x,y' }, clusterAgent: { replicas: 3 } });
    expect(parseSet('a={}')).toEqual({ a: [] });
  });

  test('indexes make lists, nested', () => {
    expect(parseSet('agents.tolerations[0].key=k')).toEqual({ agents: { tolerations: [{ key: 'k' }] } });
    expect(parseSet('a[1]=x')).toEqual({ a: [undefined, 'x'] });
  });

  test('scalars are typed as Helm types them: booleans, null, integers; leading zeros and floats stay strings', () => {
    expect(parseSet('a=true,b=false,c=null,d=42,e=-7,f=007,g=1.5,h=,i=True')).toEqual({ a: true, b: false, c: null, d: 42, e: -7, f: '007', g: '1.5', h: '', i: 'True' });
  });

  test('escaped dots stay in the key (label-like keys)', () => {
    expect(parseSet('agents.podLabels.app\\.kubernetes\\.io/name=dd')).toEqual({ agents: { podLabels: { 'app.kubernetes.io/name': 'dd' } } });
  });

  test('a later expression merges onto an earlier one; null then deletes when merged onto the files', () => {
    expect(parseSet('a.b=1,a.c=2')).toEqual({ a: { b: 1, c: 2 } });
    expect(mergeValues({ a: { b: 1, c: 2 } }, parseSet('a.b=null'))).toEqual({ a: { c: 2 } });
  });

  test('bad expressions name themselves and are InputProblems (exit code 2)', () => {
    expect(() => parseSet('novalue')).toThrow(new InputProblem('--set novalue: "novalue" is not key=value'));
    expect(() => parseSet('=1')).toThrow(InputProblem);
    expect(() => parseSet('.a=1')).toThrow('--set .a=1: bad key ".a"');
    expect(() => parseSet('a..b=1')).toThrow(/bad key/);
    expect(() => parseSet('a[x]=1')).toThrow(/bad key/);
  });
});

test('isMap: plain objects only', () => {
  expect([{}, [], null, 'a', 1].map(isMap)).toEqual([true, false, false, false, false]);
});
