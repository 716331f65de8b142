import { Chart, Testing } from 'cdk8s';
import type { DatadogAgentProps } from '../../src';
import { Credentials, DatadogAgent, UpdateStrategy } from '../../src';
import type { TypeRef } from '../../src/input/schema';
import { PROPS_FQN, SCHEMA } from '../../src/input/schema';
import type { InputError } from '../../src/input/strict';
import { MAX_DEPTH, checkType, preview, propsProblems, suggest } from '../../src/input/strict';
import { ValidationError } from '../../src/validation';
import { SECRET, render } from '../support/helpers';

/** The error a DatadogAgent with these props throws (credentials default to an existing Secret). */
function errorOf(props: any, chartId = 'test'): InputError {
  const chart = new Chart(Testing.app(), chartId, { namespace: 'datadog' });
  try {
    new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...props });
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as InputError;
  }
  throw new Error('no error');
}

describe('unknown keys', () => {
  test.each([
    [{ clusterAgnet: {} }, 'clusterAgnet is not an option of DatadogAgentProps; did you mean "clusterAgent"?'],
    [{ cluster_agent: {} }, 'cluster_agent is not an option of DatadogAgentProps; did you mean "clusterAgent"?'],
    [{ clusterAgent: { replica: 2 } }, 'clusterAgent.replica is not an option of ClusterAgentOptions; did you mean "replicas"?'],
    [{ nodeAgent: { tolerations: [{ key: 'a', opertor: 'Exists' }] } }, 'nodeAgent.tolerations[0].opertor is not an option of k8s.Toleration; did you mean "operator"?'],
    [{ nodeAgent: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpression: [] }] } } } } }, // eslint-disable-line @stylistic/max-len
      'nodeAgent.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpression is not an option of k8s.NodeSelectorTerm; did you mean "matchExpressions"?'],
    [{ nodeAgent: { envFrom: [{ secretRef: { name: 'a', optinal: true } }] } }, 'nodeAgent.envFrom[0].secretRef.optinal is not an option of k8s.SecretEnvSource; did you mean "optional"?'],
    [{ kubelet: { hostCaPath: '/a' } }, 'kubelet.hostCaPath is not an option of KubeletOptions; did you mean "hostCAPath"?'],
    [{ images: { agentTags: '7' } }, 'images.agentTags is not an option of ImageOptions; did you mean "agentTag"?'],
    [{ integrations: [{ name: 'redisdb', instance: [{}] }] }, 'integrations[0].instance is not an option of Integration; did you mean "instances"?'],
    [{ customChecks: [{ name: 'x', source: 'y', extra: 1 }] }, 'customChecks[0].extra is not an option of CustomCheck'],
    [{ logs: { enabled: true, zzz: 1 } }, 'logs.zzz is not an option of LogsOptions; the options are'],
  ])('%j', (props, message) => {
    expect(errorOf(props).message).toContain(`test/datadog: ${message}`);
  });

  test('free-form parts stay free-form', () => {
    expect(() => render({
      integrations: [{ name: 'redisdb', instances: [{ host: 'a', anything_goes: { deep: [1, 'two'] } }], initConfig: { whatever: true } }],
      nodeAgent: { podLabels: { 'any-key': 'v' }, env: { ANY_NAME: 'x' } },
    })).not.toThrow();
  });
});

describe('every problem of one installation in one error, path first', () => {
  test('a list', () => {
    const e = errorOf({ clusterAgent: { replica: 2, enabled: 'yes' }, logs: { enabeld: true }, tags: 'env:prod' }, 'prod-eu');
    expect(e.problems).toHaveLength(4);
    expect(e.message).toMatch(/^prod-eu\/datadog: 4 problems:\n {2}- /);
    expect(e.message).toContain('- clusterAgent.enabled must be true or false, got "yes"');
    expect(e.message).toContain('- logs.enabeld is not an option of LogsOptions; did you mean "enabled"?');
  });

  test('errors from resolving the options carry the construct path too', () => {
    expect(errorOf({ clusterAgent: { replicas: 0 } }, 'prod-eu').message).toBe('prod-eu/datadog: clusterAgent.replicas must be >= 1, got 0');
  });

  test('values are shown as truncated JSON', () => {
    expect(preview({ a: 'x'.repeat(100) })).toMatch(/^\{"a":"x+…$/);
    expect(preview(new Map())).toBe('a Map');
    expect(preview(NaN)).toBe('NaN');
    const cyc: any = { a: 1 };
    cyc.self = cyc;
    expect(preview(cyc)).toBe('{"a":1,"self":"[cycle]"}');
  });
});

describe('no crash on any input', () => {
  const cyclic: any = {};
  cyclic.nodeAgent = cyclic;
  let deep: any = { name: 'redisdb', instances: [{}] };
  for (let i = 0; i < MAX_DEPTH + 10; i++) deep = { x: deep };
  test.each<[string, any, RegExp]>([
    ['null props', null, /the props must be an object/],
    ['Map props', new Map(), /the props must be an object .*got a Map/],
    ['NaN', { clusterAgent: { replicas: NaN } }, /clusterAgent.replicas must be a finite number, got NaN/],
    ['Infinity', { apm: { port: Infinity } }, /apm.port must be a finite number, got Infinity/],
    ['a Map as options', { nodeAgent: { nodeSelector: new Map() } }, /nodeAgent.nodeSelector must be an object .*got a Map/],
    ['a cycle', cyclic, /nodeAgent refers back to an enclosing value/],
    ['deep free-form', { integrations: [{ name: 'redisdb', instances: [deep] }] }, /nests deeper than 64 levels/],
    ['constructor key', { constructor: 'a' }, /constructor is not an option of DatadogAgentProps/],
    ['__proto__ key', JSON.parse('{"nodeAgent": {"podLabels": {"__proto__": "x"}}}'), /nodeAgent.podLabels must not have the key "__proto__"/],
    ['undefined in a list', { prometheusScrape: { enabled: true, additionalConfigs: [undefined] } }, /prometheusScrape.additionalConfigs\[0\] must not be undefined/],
    ['a hole in a list', { tags: [, 'a'] }, /tags\[0\] must not be undefined/],
    ['updateStrategy as a plain object', { nodeAgent: { updateStrategy: { type: 'RollingUpdate', maxUnavailable: '10%' } } },
      /nodeAgent.updateStrategy must be a UpdateStrategy \(a plain object is not one\): use UpdateStrategy.onDelete\(\), UpdateStrategy.rollingUpdate\(maxUnavailable\?\)/],
    ['site as a string', { site: 'EU1' }, /site must be a DatadogSite: use DatadogSite.AP1, .*got "EU1"/],
    ['credentials missing', { credentials: undefined }, /credentials is required/],
    ['env value not a string', { nodeAgent: { env: { A: 1 } } }, /nodeAgent.env\["A"\] must be a string, got 1/],
  ])('%s', (_name, props, message) => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
    const full = props && typeof props === 'object' && !(props instanceof Map) && props !== cyclic ? { credentials: SECRET, ...props } : props;
    expect(() => new DatadogAgent(chart, 'datadog', full)).toThrow(message);
  });

  test('nodeSelector {constructor: "a"} is refused: cdk8s cannot render that key', () => {
    expect(errorOf({ nodeAgent: { nodeSelector: { constructor: 'a' } } }).message)
      .toBe('test/datadog: nodeAgent.nodeSelector must not have the key "constructor" (cdk8s cannot render an object with it)');
  });

  test('Credentials factories check their arguments', () => {
    expect(() => Credentials.fromSecret('x', null as any)).toThrow(/Credentials.fromSecret\(options\) must be an object of options, got null/);
    expect(() => Credentials.fromValues(null as any)).toThrow(/Credentials.fromValues\(values\) must be an object of options, got null/);
    expect(() => Credentials.fromSecret('x', { apiKey: 'a' } as any)).toThrow(/Credentials.fromSecret\(options\).apiKey is not an option of SecretKeyOptions; did you mean "apiKeyKey"\?/);
    expect(() => UpdateStrategy.rollingUpdate(5 as any)).toThrow(/UpdateStrategy.rollingUpdate\(maxUnavailable\) must be a string, got 5/);
  });
});

describe('suggest', () => {
  test.each([
    ['cluster_agent', 'clusterAgent'],
    ['ClusterAgent', 'clusterAgent'],
    ['cluster-agent', 'clusterAgent'],
    ['clsuterAgent', 'clusterAgent'],
    ['logz', 'logs'],
    ['zzzzzz', undefined],
  ])('%s', (key, expected) => {
    expect(suggest(key, ['clusterAgent', 'logs', 'nodeAgent', 'apm'])).toBe(expected);
  });
});

test('checkType collects every problem with its path', () => {
  expect(checkType({ array: 'string' }, ['a', 1, null], 'tags')).toEqual([
    'tags[1] must be a string, got 1',
    'tags[2] must not be null: leave it out for the default',
  ]);
});

test('valid props have no problems', () => {
  const props: DatadogAgentProps = { credentials: SECRET, clusterAgent: { replicas: 3 }, logs: { enabled: true } };
  expect(propsProblems(props)).toEqual([]);
});

describe('typo sweep: every key of every option struct, misspelt where it sits', () => {
  type Site = { path: string[]; fqn: string };
  /** Every struct reachable from DatadogAgentProps, with a path of keys to reach one instance of it. */
  const sites = (): Site[] => {
    const out: Site[] = [];
    const seen = new Set<string>();
    const walk = (fqn: string, path: string[]) => {
      if (seen.has(fqn) || path.length > 6) return;
      seen.add(fqn);
      out.push({ path, fqn });
      for (const [key, f] of Object.entries(SCHEMA[fqn].fields ?? {})) {
        let t: TypeRef = f.type;
        const p = [...path, key];
        while (typeof t === 'object' && ('array' in t || 'map' in t)) {
          p.push('array' in t ? '0' : 'x');
          t = 'array' in t ? t.array : t.map;
        }
        if (typeof t === 'object' && 'ref' in t && SCHEMA[t.ref]?.kind === 'struct') walk(t.ref, p);
      }
    };
    walk(PROPS_FQN, []);
    return out;
  };
  const place = (path: string[], leaf: object): any => path.reduceRight<any>((acc, k) => (/^\d+$/.test(k) ? [acc] : { [k]: acc }), leaf);
  const shown = (path: string[]) => path.map((k, i) => (/^\d+$/.test(k) ? `[${k}]` : k === 'x' && i > 0 ? '["x"]' : `${i ? '.' : ''}${k}`)).join('');

  const typos = (key: string): [string, string][] => [
    ['drop', key.length > 4 ? key.slice(0, -2) + key.slice(-1) : ''],
    ['swap', key.length > 3 ? key.slice(0, 1) + key[2] + key[1] + key.slice(3) : ''],
    ['snake', key.replace(/[A-Z]/g, m => `_${m.toLowerCase()}`)],
  ];

  test('each misspelling is rejected with its full path, and one-edit and snake_case forms suggest the key', () => {
    let total = 0; let suggested = 0;
    for (const { path, fqn } of sites()) {
      const known = Object.keys(SCHEMA[fqn].fields ?? {});
      for (const key of known) {
        for (const [kind, typo] of typos(key)) {
          if (!typo || typo === key || known.includes(typo)) continue;
          total++;
          const problems = propsProblems({ credentials: SECRET, ...place(path, { [typo]: 1 }) });
          const where = `${shown([...path, typo])} is not an option`;
          const hit = problems.find(p => p.startsWith(where));
          expect([kind, where, hit !== undefined]).toEqual([kind, where, true]);
          if (hit!.includes(`did you mean "${key}"`)) suggested++;
          else if (kind === 'snake') expect([where, hit]).toEqual([where, `... did you mean "${key}"`]);
        }
      }
    }
    // Figures for the README; every snake_case form and most one-edit forms name the key.
    process.stdout.write(`typo sweep: ${total} misspelt keys, all rejected with their path; ${suggested} name the right key\n`);
    expect(total).toBeGreaterThan(900);
    expect(suggested / total).toBeGreaterThan(0.9);
  });
});

test('an error found while building names the installation once, and its stack shows the list once, then the frames', () => {
  let err: Error | undefined;
  try {
    render({ logs: { podLogsPath: 'relative' }, otlp: { grpc: { enabled: true, endpoint: 'x' } } });
  } catch (e) { err = e as Error; }
  expect(err?.message).toMatch(/^test\/datadog: 2 problems:\n {2}- /);
  const stack = err?.stack ?? '';
  expect(stack.startsWith(`ValidationError: ${err?.message}\n    at `)).toBe(true);
  expect(stack.split('2 problems:').length).toBe(2);
});
