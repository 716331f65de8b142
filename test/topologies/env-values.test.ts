/**
 * No option renders an env var with an empty value: the agent reads an empty value as unset and
 * applies its default, so an empty value never does what the option says (see
 * `dogstatsd.socketEnabled`). Checked over the topologies, and by setting every string option
 * reachable from DatadogAgentProps to "" (the library must reject it or render no empty value).
 */
import type { TypeRef } from '../../src/input/schema';
import { PROPS_FQN, SCHEMA } from '../../src/input/schema';
import { ValidationError } from '../../src/validation';
import { render } from '../support/helpers';

/** `kind/name container: VAR` for every env entry whose value is the empty string. */
function emptyEnv(objects: any[]): string[] {
  const out: string[] = [];
  for (const o of objects) {
    const spec = o.spec?.template?.spec;
    if (!spec) continue;
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      for (const e of c.env ?? []) if (e.value === '') out.push(`${o.kind}/${o.metadata.name} ${c.name}: ${e.name}`);
    }
  }
  return out;
}

const TOPOLOGIES: [string, any][] = [
  ['defaults', {}],
  ['sockets off', { dogstatsd: { socketEnabled: false }, apm: { socketEnabled: false } }],
  ['agent only', { clusterAgent: { enabled: false } }],
  ['runners', { clusterChecksRunner: { enabled: true } }],
  ['everything on', {
    clusterName: 'prod',
    logs: { enabled: true, containerCollectAll: true },
    networkMonitoring: { enabled: true },
    serviceMonitoring: { enabled: true },
    processes: { processCollection: true },
    prometheusScrape: { enabled: true },
    otlp: { grpc: { enabled: true }, http: { enabled: true } },
    clusterChecksRunner: { enabled: true },
    clusterAgent: { externalMetrics: { enabled: true } },
    oomKill: { enabled: true },
    tcpQueueLength: { enabled: true },
    security: { runtime: { enabled: true }, compliance: { enabled: true } },
  }],
];

test.each(TOPOLOGIES)('%s: no env var has an empty value', (_name, props) => {
  expect(emptyEnv(render(props).objects)).toEqual([]);
});

/** Every string option reachable through the library's structs (not lists or maps): its path, and which parents have an `enabled`. */
function stringOptions(t: TypeRef, path: string[], switches: boolean[], depth: number, out: [string[], boolean[]][]): [string[], boolean[]][] {
  if (depth > 4 || typeof t !== 'object' || !('ref' in t)) return out;
  const s = SCHEMA[t.ref];
  if (s?.kind !== 'struct' || !t.ref.startsWith('cdk8s-datadog.')) return out;
  for (const [k, f] of Object.entries(s.fields ?? {})) {
    if (f.type === 'string') {out.push([[...path, k], switches]);} else if (typeof f.type === 'object' && 'ref' in f.type) {
      const child = SCHEMA[f.type.ref]?.fields ?? {};
      stringOptions(f.type, [...path, k], [...switches, child.enabled?.type === 'boolean'], depth + 1, out);
    }
  }
  return out;
}

test('every string option set to "" is rejected or renders no empty env value', () => {
  const options = stringOptions({ ref: PROPS_FQN }, [], [], 0, []);
  const counts = { rejected: 0, rendered: 0 };
  const empty: string[] = [];
  for (const [path, switches] of options) {
    const props: any = {};
    let o = props;
    path.slice(0, -1).forEach((k, i) => {
      // Turn the parent feature on, so that its options take effect.
      o[k] = switches[i] ? { enabled: true } : {};
      o = o[k];
    });
    o[path[path.length - 1]] = '';
    let objects: any[];
    try {
      objects = render(props).objects;
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      counts.rejected++;
      continue;
    }
    counts.rendered++;
    empty.push(...emptyEnv(objects).map(x => `${path.join('.')}: "" → ${x}`));
  }
  if (process.env.SHOW_COUNTS) console.log(`${options.length} string options: ${counts.rejected} reject "", ${counts.rendered} render`);
  expect(options.length).toBeGreaterThan(50);
  expect(empty).toEqual([]);
  // Both outcomes happen: empty strings are refused where a value is required, and rendered (never as "") elsewhere.
  expect(counts.rejected).toBeGreaterThan(0);
  expect(counts.rendered).toBeGreaterThan(0);
});
