/**
 * Strict input: everything the library accepts is checked against the schema generated from the
 * jsii assemblies (schema.ts) before anything else reads it. Unknown keys at any depth are
 * rejected with the full option path and a "did you mean", wrong types give the path and the
 * expected type (never a TypeError later), and inputs no caller means to pass (null, NaN,
 * Infinity, a Map, cycles, nesting deeper than MAX_DEPTH, `__proto__` keys) are refused. Every
 * problem is collected, so one error lists everything that is wrong with one installation.
 */
import { ValidationError } from '../validation';
import { classes } from './classes';
import { checkKubernetesRules } from './kubernetes';
import type { TypeRef } from './schema';
import { PROPS_FQN, SCHEMA, shortName, typeSchema } from './schema';

/** Deepest nesting accepted anywhere, free-form check configuration included. */
export const MAX_DEPTH = 64;

/** A ValidationError that carries every problem found, each starting with its option path. */
export class InputError extends ValidationError {
  /** True when the message starts with the installation's construct path. */
  public readonly prefixed: boolean;
  constructor(public readonly problems: string[], prefix?: string) {
    super(formatProblems(problems, prefix));
    this.prefixed = prefix !== undefined;
  }
}

/** `prefix: problem` for one, `prefix: N problems:` and a list for several. */
export function formatProblems(problems: string[], prefix?: string): string {
  const head = prefix ? `${prefix}: ` : '';
  if (problems.length === 1) return `${head}${problems[0]}`;
  return `${head}${problems.length} problems:\n${problems.map(p => `  - ${p}`).join('\n')}`;
}

/** A value, shown readably in an error: JSON for data (truncated), a description for the rest. */
export function preview(v: unknown, max = 60): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return String(v);
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object' && !Array.isArray(v) && !isPlainObject(v)) {
    const name = Object.getPrototypeOf(v)?.constructor?.name;
    return name ? `a ${name}` : 'an object';
  }
  let text: string;
  try {
    const seen: unknown[] = [];
    text = JSON.stringify(v, (_k, x) => {
      if (typeof x === 'object' && x !== null) {
        if (seen.includes(x)) return '[cycle]';
        seen.push(x);
      }
      if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
      if (typeof x === 'bigint') return `${x}n`;
      return x;
    }) ?? String(v);
  } catch {
    text = 'a value that cannot be shown';
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function isPlainObject(v: unknown): v is { [k: string]: unknown } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function own(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `nodeSelector["kubernetes.io/os"]`: map keys are data, shown quoted. */
function index(path: string, key: string): string {
  return `${path}[${JSON.stringify(key)}]`;
}

/** Free-form members: `.name` when it reads as one, else `["the key"]`. */
function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : index(path, key);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * The known key the user most likely meant: the same words in another case style
 * (`cluster_agent`, `ClusterAgent`, `cluster-agent` → `clusterAgent`), else the only key it is the
 * start of, else the closest by edit
 * distance (at most 1 for short keys, 2 from 5 characters, 3 from 10).
 */
export function suggest(key: string, known: string[]): string | undefined {
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  const same = known.find(k => norm(k) === norm(key));
  if (same) return same;
  // A shortened name (`apiKey` for `apiKeyKey`, `tolerate` for `tolerateControlPlane`).
  const longer = key.length >= 4 ? known.filter(k => norm(k).startsWith(norm(key))) : [];
  if (longer.length === 1) return longer[0];
  const limit = key.length >= 10 ? 3 : key.length >= 5 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const d = levenshtein(norm(key), norm(k));
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best;
}

function typeName(t: TypeRef): string {
  if (typeof t === 'string') return t === 'any' || t === 'json' ? 'a JSON value' : t === 'date' ? 'a Date' : `a ${t}`;
  if ('array' in t) return 'a list';
  if ('map' in t) return typeof t.map === 'string' && t.map !== 'any' && t.map !== 'json' ? `a map of ${t.map}s` : 'a map';
  if ('union' in t) return t.union.map(typeName).join(' or ');
  const s = typeSchema(t.ref);
  return s.kind === 'struct' ? 'an object of options' : `a ${shortName(t.ref)}`;
}

/** How to make a value of an enum-like class, for error messages. */
export function howToMake(fqn: string): string {
  const s = typeSchema(fqn);
  const name = shortName(fqn);
  const ways = [
    ...(s.constants ?? []).map(c => `${name}.${c}`),
    ...Object.entries(s.factories ?? {}).map(([f, params]) => `${name}.${f}(${params.map(p => p.name + (p.optional ? '?' : '')).join(', ')})`),
  ];
  return ways.join(', ');
}

interface Walk {
  readonly out: string[];
  readonly ancestors: object[];
}

/** Checks `v` against the type `t`, adding a problem (starting with `path`) for each mismatch. */
export function checkType(t: TypeRef, v: unknown, path: string, w: Walk = { out: [], ancestors: [] }): string[] {
  const problem = (m: string) => { w.out.push(`${path || 'the options'} ${m}`); };
  if (v === null) {
    if (t === 'any' || t === 'json') return w.out;
    if (typeof t === 'object' && 'ref' in t && typeSchema(t.ref).kind === 'struct') problem('must be an object of options, got null (leave it out for the default)');
    else problem('must not be null: leave it out for the default');
    return w.out;
  }
  if (v === undefined) { problem(`must be ${typeName(t)}, got undefined`); return w.out; }
  if (typeof v === 'object') {
    if (w.ancestors.includes(v)) {
      problem(t === 'any' || t === 'json' ? 'must be a JSON value (no cycles), got a circular reference' : 'refers back to an enclosing value (a cycle)');
      return w.out;
    }
    if (w.ancestors.length >= MAX_DEPTH) { problem(`nests deeper than ${MAX_DEPTH} levels`); return w.out; }
  }
  const inner = (f: () => void) => {
    w.ancestors.push(v as object);
    try { f(); } finally { w.ancestors.pop(); }
  };

  if (typeof t === 'string') {
    switch (t) {
      case 'string':
        if (typeof v !== 'string') problem(`must be a string, got ${preview(v)}`);
        return w.out;
      case 'number':
        if (typeof v !== 'number') problem(`must be a number, got ${preview(v)}`);
        else if (!Number.isFinite(v)) problem(`must be a finite number, got ${v}`);
        return w.out;
      case 'boolean':
        if (typeof v !== 'boolean') problem(`must be true or false, got ${preview(v)}`);
        return w.out;
      case 'date':
        if (!(v instanceof Date)) problem(`must be a Date, got ${preview(v)}`);
        return w.out;
      default:
        // Free-form (check instances, init_config...): the integrations module checks it is
        // JSON; here only what would make any walk over it fail.
        if (typeof v === 'object') inner(() => freeForm(v as object, path, w));
        return w.out;
    }
  }
  if ('array' in t) {
    if (!Array.isArray(v)) { problem(`must be ${typeName(t)}, got ${preview(v)}`); return w.out; }
    inner(() => {
      for (let i = 0; i < v.length; i++) {
        if (v[i] === undefined) w.out.push(`${path}[${i}] must not be undefined (or a hole)`);
        else checkType(t.array, v[i], `${path}[${i}]`, w);
      }
    });
    return w.out;
  }
  if ('map' in t) {
    if (!isPlainObject(v)) { problem(`must be an object (${typeName(t)}), got ${Array.isArray(v) ? 'an array' : preview(v)}`); return w.out; }
    const freeValues = t.map === 'any' || t.map === 'json';
    inner(() => {
      for (const key of Object.keys(v)) {
        if (key === '__proto__') { w.out.push(`${path} must not have the key "__proto__"`); continue; }
        if (key === 'constructor' && !freeValues) {
          // cdk8s renders objects by checking obj.constructor: it cannot render this key.
          w.out.push(`${path} must not have the key "constructor" (cdk8s cannot render an object with it)`);
          continue;
        }
        const x = v[key];
        if (x === undefined) continue;
        checkType(t.map, x, freeValues ? member(path, key) : index(path, key), w);
      }
    });
    return w.out;
  }
  if ('union' in t) {
    const ok = t.union.some(u => checkType(u, v, path, { out: [], ancestors: [...w.ancestors] }).length === 0);
    if (!ok) problem(`must be ${typeName(t)}, got ${preview(v)}`);
    return w.out;
  }
  const s = typeSchema(t.ref);
  const name = shortName(t.ref);
  if (s.kind === 'struct') {
    if (!isPlainObject(v)) {
      problem(`must be ${typeName(t)}, got ${preview(v)}`);
      return w.out;
    }
    const fields = s.fields ?? {};
    const known = Object.keys(fields);
    inner(() => {
      for (const key of Object.keys(v)) {
        if (own(fields, key)) continue;
        const guess = suggest(key, known);
        w.out.push(`${join(path, key)} is not an option of ${name}${guess ? `; did you mean "${guess}"?` : `; the options are ${known.join(', ')}`}`);
      }
      for (const key of known) {
        const x = own(v, key) ? v[key] : undefined;
        if (x === undefined) {
          if (!fields[key].optional) w.out.push(`${join(path, key)} is required`);
          continue;
        }
        checkType(fields[key].type, x, join(path, key), w);
      }
    });
    return w.out;
  }
  if (s.kind === 'enum') {
    const values = Object.values(s.members ?? {});
    if (!values.includes(v as string)) problem(`must be one of ${values.join(', ')}, got ${preview(v)}`);
    return w.out;
  }
  if (s.kind === 'class') {
    const cls = classes()[t.ref];
    if (cls && !(v instanceof cls)) {
      const hint = isPlainObject(v) ? ' (a plain object is not one)' : '';
      problem(`must be ${/^[AEIO]/.test(name) ? 'an' : 'a'} ${name}${hint}: use ${howToMake(t.ref)}, got ${preview(v)}`);
    }
    return w.out;
  }
  return w.out;
}

/** Free-form values: any JSON, but no cycle, no excessive depth, no `__proto__` key. */
function freeForm(v: object, path: string, w: Walk): void {
  const entries: [string, unknown][] = Array.isArray(v)
    ? v.map((x, i) => [`${path}[${i}]`, x])
    : isPlainObject(v) ? Object.keys(v).map(k => [member(path, k), (v as any)[k]]) : [];
  if (!Array.isArray(v) && isPlainObject(v) && own(v, '__proto__')) w.out.push(`${path} must not have the key "__proto__"`);
  for (const [p, x] of entries) {
    if (typeof x !== 'object' || x === null) continue;
    if (w.ancestors.includes(x)) { w.out.push(`${p} must be a JSON value (no cycles), got a circular reference`); continue; }
    if (w.ancestors.length >= MAX_DEPTH) { w.out.push(`${p} nests deeper than ${MAX_DEPTH} levels`); return; }
    w.ancestors.push(x);
    try { freeForm(x, p, w); } finally { w.ancestors.pop(); }
  }
}

/** Every problem with DatadogAgentProps: schema first, then, on well-typed input, Kubernetes' own rules. */
export function propsProblems(props: unknown): string[] {
  if (!isPlainObject(props)) {
    return [`the props must be an object of DatadogAgentProps options ({ credentials, ... }), got ${preview(props)}`];
  }
  const out = checkType({ ref: PROPS_FQN }, props, '');
  return out.length ? out : checkKubernetesRules(props as any);
}

/**
 * Checks the arguments of a static factory against the schema (`Credentials.fromSecret(name, options)`)
 * and throws one InputError listing every problem, each named like `Credentials.fromSecret(options).apiKeyKey`.
 */
export function checkArgs(fqn: string, factory: string, args: unknown[]): void {
  const params = typeSchema(fqn).factories?.[factory];
  if (!params) return;
  const call = `${shortName(fqn)}.${factory}`;
  const out: string[] = [];
  params.forEach((p, i) => {
    const path = `${call}(${p.name})`;
    if (args[i] === undefined) {
      if (!p.optional) out.push(`${path} is required`);
      return;
    }
    checkType(p.type, args[i], path, { out, ancestors: [] });
  });
  if (out.length) throw new InputError(out);
}

/** True when the schema knows this type (for tests). */
export function knownType(fqn: string): boolean {
  return own(SCHEMA, fqn);
}

/** The construct path of the installation, first in every error about it. */
interface HasPath { readonly node: { readonly path: string } }

/**
 * Checks DatadogAgentProps strictly (every problem at once), then runs `build` and prefixes any
 * ValidationError it throws with the installation's construct path
 * (`prod-eu/datadog: clusterAgent.replicas must be >= 1, got 0`).
 */
export function strictInstallation<T>(scope: HasPath, props: unknown, build: () => T): T {
  const problems = propsProblems(props);
  if (problems.length) throw new InputError(problems, scope.node.path);
  return forInstallation(scope, build);
}

/** Runs `f`; a ValidationError it throws is thrown again, prefixed with the construct path. */
export function forInstallation<T>(scope: HasPath, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError && e.prefixed) throw e;
    if (e instanceof ValidationError) {
      const err = new InputError(e instanceof InputError ? e.problems : [e.message], scope.node.path);
      // The original frames, without the original message (all of its lines: it may list problems).
      const stack = e.stack ?? '';
      const head = `${e.name}: ${e.message}`;
      const frames = stack.startsWith(head) ? stack.slice(head.length).replace(/^\n/, '') : stack.split('\n').slice(1).join('\n');
      err.stack = `${err.name}: ${err.message}\n${frames}`;
      throw err;
    }
    throw e;
  }
}

/** Checks one value of a named type (a struct passed to a method) and throws every problem at once. */
export function checkStruct(fqn: string, value: unknown, path: string): void {
  const out = checkType({ ref: fqn }, value, path);
  if (out.length) throw new InputError(out);
}
