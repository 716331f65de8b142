/**
 * Fuzz test of the whole input surface: seeded and bounded, no dependency. Each case starts from
 * a valid configuration and applies a few random mutations drawn from the option schema: a
 * random well-typed value for a random option, a type-confused value (null, NaN, a Map, a
 * string for a number...), or a misspelt key. Every case must either synthesize manifests that
 * pass the strict Kubernetes schema, identically twice, or throw the library's ValidationError
 * naming an option path, from the constructor. `npm run fuzz` runs 10,000 cases
 * (FUZZ_CASES); the normal run does a few hundred.
 */
import { Chart, Testing } from 'cdk8s';
import { DatadogAgent } from '../../src';
import { classes } from '../../src/input/classes';
import type { FieldSchema, TypeRef } from '../../src/input/schema';
import { SCHEMA } from '../../src/input/schema';
import { ValidationError } from '../../src/validation';
import { SECRET, synth } from '../support/helpers';

const CASES = Number(process.env.FUZZ_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20240909);

/** mulberry32: a tiny, good-enough 32-bit PRNG. */
/* eslint-disable no-bitwise */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */

class Rand {
  private readonly next: () => number;
  constructor(seed: number) { this.next = prng(seed); }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

const STRINGS = ['', 'a', 'datadog', 'env:prod', '/var/run/datadog', '/var/log/pods', '10%', '1', '200m', '256Mi', 'kubernetes.io/hostname',
  'NoSchedule', 'Exists', 'Equal', 'In', 'my-secret', 'image:nginx', 'x'.repeat(70), 'ENC[key]', 'a b', '../etc', 'UPPER', 'eu1', 'true'];
const NUMBERS = [0, 1, 2, 3, 8125, 65535, 65536, -1, 0.5, 100, 101, 1e9];
const CONFUSED: (() => unknown)[] = [
  () => null, () => undefined, () => NaN, () => Infinity, () => -Infinity, () => new Map(), () => [], () => ({}), () => 'true',
  () => 1, () => true, () => [undefined], () => ({ constructor: 'a' }), () => JSON.parse('{"__proto__": {"x": 1}}'), () => new Date(0),
  () => (() => 1), () => Symbol('s'), () => 10n, () => Object.create(null), () => { const c: any = {}; c.c = c; return c; },
];

/** A random value of type `t` (well-typed, though not necessarily valid). */
function valueOf(r: Rand, t: TypeRef, depth: number): unknown {
  if (depth > 5) return undefined;
  if (typeof t === 'string') {
    switch (t) {
      case 'string': return r.pick(STRINGS);
      case 'number': return r.pick(NUMBERS);
      case 'boolean': return r.chance(0.5);
      default: return r.chance(0.5) ? { host: r.pick(STRINGS), port: r.pick(NUMBERS) } : r.pick(STRINGS);
    }
  }
  if ('array' in t) return Array.from({ length: r.int(3) }, () => valueOf(r, t.array, depth + 1)).filter(x => x !== undefined);
  if ('map' in t) return Object.fromEntries(Array.from({ length: r.int(3) }, () => [r.pick(['a', 'b/c', 'team', 'DD_X', 'Bad Key']), valueOf(r, t.map, depth + 1)]));
  if ('union' in t) return valueOf(r, r.pick(t.union), depth);
  const s = SCHEMA[t.ref];
  if (s.kind === 'enum') return r.pick(Object.values(s.members!));
  if (s.kind === 'class') {
    const cls = classes()[t.ref];
    if (!cls) return undefined;
    const constants = s.constants ?? [];
    const factories = Object.entries(s.factories ?? {});
    if (constants.length && (r.chance(0.6) || !factories.length)) return cls[r.pick(constants)];
    const [f, params] = r.pick(factories);
    try {
      return cls[f](...params.map(p => (p.optional && r.chance(0.5) ? undefined : valueOf(r, p.type, depth + 1))));
    } catch (e) {
      if (e instanceof ValidationError) return undefined;
      throw e;
    }
  }
  if (s.kind !== 'struct') return undefined;
  const out: any = {};
  for (const [k, f] of Object.entries(s.fields!)) {
    if (!f.optional || r.chance(0.3)) {
      const v = valueOf(r, f.type, depth + 1);
      if (v !== undefined) out[k] = v;
    }
  }
  return out;
}

function misspell(r: Rand, key: string): string {
  switch (r.int(4)) {
    case 0: return key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`) === key ? `${key}s` : key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`);
    case 1: { const i = r.int(Math.max(1, key.length - 1)); return key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2); }
    case 2: return key.slice(0, -1);
    default: return `${key}x`;
  }
}

/** Applies one mutation somewhere in `props`, walking down the schema from DatadogAgentProps. */
function mutate(r: Rand, props: any): void {
  let obj = props;
  let t: TypeRef = { ref: 'cdk8s-datadog.DatadogAgentProps' };
  for (let depth = 0; depth < 6; depth++) {
    if (typeof t !== 'object' || !('ref' in t) || SCHEMA[t.ref].kind !== 'struct') return;
    const fields: { [k: string]: FieldSchema } = SCHEMA[t.ref].fields!;
    const key = r.pick(Object.keys(fields).filter(k => k !== 'credentials'));
    if (!key) return;
    const ft: TypeRef = fields[key].type;
    const descend = typeof ft === 'object' && 'ref' in ft && SCHEMA[ft.ref].kind === 'struct' && r.chance(0.5);
    if (descend) {
      if (typeof obj[key] !== 'object' || obj[key] === null) obj[key] = {};
      obj = obj[key];
      t = ft;
      continue;
    }
    const kind = r.int(10);
    if (kind < 6) obj[key] = valueOf(r, ft, depth);
    else if (kind < 9) obj[key] = r.pick(CONFUSED)();
    else obj[misspell(r, key)] = valueOf(r, ft, depth);
    return;
  }
}

const BASES: (() => any)[] = [
  () => ({}),
  () => ({ clusterName: 'prod-eu-1', logs: { enabled: true }, networkMonitoring: { enabled: true } }),
  () => ({ clusterAgent: { enabled: false } }),
  () => ({ clusterChecksRunner: { enabled: true }, prometheusScrape: { enabled: true } }),
];

export type Outcome = 'ok' | 'rejected';

/** Runs one case; returns its outcome, or throws what the library must never throw. */
export function runCase(seed: number): { outcome: Outcome; detail: string } {
  const r = new Rand(seed);
  const make = () => {
    const props = { credentials: SECRET, ...r.pick(BASES)() };
    for (let i = 1 + r.int(3); i > 0; i--) mutate(r, props);
    return props;
  };
  const props = make();
  const build = () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'datadog' });
    new DatadogAgent(chart, 'datadog', props);
    return chart;
  };
  let chart: Chart;
  try {
    chart = build();
  } catch (e: any) {
    if (e instanceof ValidationError && /^test\/datadog: \S/.test(e.message)) return { outcome: 'rejected', detail: e.message };
    throw new Error(`seed ${seed}: constructor threw ${e?.name}: ${e?.message}\n${e?.stack}`);
  }
  let first: any[];
  try {
    first = synth(chart);
  } catch (e: any) {
    throw new Error(`seed ${seed}: synthesis threw ${e?.name}: ${String(e?.message).slice(0, 2000)}`);
  }
  const second = synth(build());
  if (JSON.stringify(first) !== JSON.stringify(second)) throw new Error(`seed ${seed}: two syntheses differ`);
  return { outcome: 'ok', detail: '' };
}

test(`fuzz: ${CASES} random, type-confused and misspelt inputs either synthesize or fail with a ValidationError`, () => {
  const counts = { ok: 0, rejected: 0 };
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    try {
      counts[runCase(SEED + i).outcome]++;
    } catch (e: any) {
      failures.push(e.message);
      if (failures.length >= 5) break;
    }
  }
  if (process.env.FUZZ_CASES) console.log(`fuzz: ${CASES} cases from seed ${SEED}: ${counts.ok} synthesized, ${counts.rejected} rejected, ${failures.length} crashes`);
  expect(failures).toEqual([]);
}, 600_000);
