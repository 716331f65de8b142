/**
 * DatadogAgentProps from plain data (a JSON or YAML document), for `DatadogAgent.propsFromJson`.
 * The schema says which options take an enum-like class; there the document names a constant
 * (`"site": "EU1"`, `"containerRuntime": "CONTAINERD"`) or calls a factory with its arguments
 * (`"credentials": { "fromSecret": "datadog-secret" }`, several arguments as a list:
 * `{ "fromSecret": ["datadog-secret", { "apiKeyKey": "key" }] }`). Enums take a member's name or
 * value (`"logLevel": "WARN"`). Everything else is the same data the props take, checked as strictly.
 */
import type { DatadogAgentProps } from '../props';
import { ValidationError } from '../validation';
import { classes } from './classes';
import type { TypeRef } from './schema';
import { PROPS_FQN, shortName, typeSchema } from './schema';
import { InputError, isPlainObject, preview, propsProblems, suggest } from './strict';

export function propsFromJson(data: unknown): DatadogAgentProps {
  const out: string[] = [];
  const props = convert({ ref: PROPS_FQN }, data, '', out, 0);
  // The conversion's problems, then the strict check's, except about values the conversion
  // already reported (they are left out of the props, so the check would call them missing).
  const converted = out.map(p => p.replace(/[ :].*$/s, ''));
  const problems = [...out, ...propsProblems(props).filter(p => !converted.some(c => p.startsWith(`${c} `)))];
  if (problems.length) throw new InputError(problems);
  return props;
}

function convert(t: TypeRef, v: unknown, path: string, out: string[], depth: number): any {
  if (v === undefined || v === null || typeof t === 'string' || depth > 64) return v;
  const at = (k: string) => (path ? `${path}.${k}` : k);
  if ('array' in t) return Array.isArray(v) ? v.map((x, i) => convert(t.array, x, `${path}[${i}]`, out, depth + 1)) : v;
  if ('map' in t) return isPlainObject(v) ? mapValues(v, (x, k) => convert(t.map, x, `${path}[${JSON.stringify(k)}]`, out, depth + 1)) : v;
  if ('union' in t) return v;
  const s = typeSchema(t.ref);
  if (s.kind === 'struct') {
    if (!isPlainObject(v)) return v;
    const fields = s.fields ?? {};
    return mapValues(v, (x, k) => (Object.prototype.hasOwnProperty.call(fields, k) ? convert(fields[k].type, x, at(k), out, depth + 1) : x));
  }
  if (s.kind === 'enum') {
    const members = s.members ?? {};
    return typeof v === 'string' && Object.prototype.hasOwnProperty.call(members, v) ? members[v] : v;
  }
  if (s.kind !== 'class') return v;
  const cls = classes()[t.ref];
  if (!cls || v instanceof cls) return v;
  const name = shortName(t.ref);
  const constants = s.constants ?? [];
  const factories = s.factories ?? {};
  const where = path || 'the document';
  if (typeof v === 'string') {
    if (constants.includes(v)) return cls[v];
    const f = factories[v];
    if (f && f.every(p => p.optional)) return call(cls, name, v, [], where, out);
    const guess = suggest(v, [...constants, ...Object.keys(factories)]);
    out.push(`${where} must name a ${name} (${constants.join(', ') || Object.keys(factories).join(', ')})${guess ? `; did you mean "${guess}"?` : ''}, got ${preview(v)}`);
    return undefined;
  }
  if (isPlainObject(v) && Object.keys(v).length === 1) {
    const [f] = Object.keys(v);
    const params = factories[f];
    if (params) {
      const raw = (v as any)[f];
      const args: unknown[] = Array.isArray(raw) && (params.length > 1 || !isArrayParam(params[0]?.type)) ? raw : [raw];
      const converted = args.map((a, i) => (params[i] ? convert(params[i].type, a, `${at(f)}(${params[i].name})`, out, depth + 1) : a));
      return call(cls, name, f, converted, where, out);
    }
  }
  const guess = isPlainObject(v) && Object.keys(v).length === 1 ? suggest(Object.keys(v)[0], Object.keys(factories)) : undefined;
  out.push(`${where} must be a ${name}: a name (${constants.join(', ') || 'none'}) or one factory call such as `
    + `{ "${Object.keys(factories)[0] ?? 'factory'}": ... } (${Object.keys(factories).join(', ')})${guess ? `; did you mean "${guess}"?` : ''}, got ${preview(v)}`);
  return undefined;
}

function isArrayParam(t: TypeRef | undefined): boolean {
  return typeof t === 'object' && t !== null && 'array' in t;
}

function call(cls: any, name: string, f: string, args: unknown[], where: string, out: string[]): unknown {
  try {
    return cls[f](...args);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const problems = e instanceof InputError ? e.problems : [e.message];
    out.push(...problems.map(p => `${where}: ${p.startsWith(`${name}.`) ? p : `${name}.${f}: ${p}`}`));
    return undefined;
  }
}

function mapValues(o: { [k: string]: unknown }, f: (v: unknown, k: string) => unknown): { [k: string]: unknown } {
  const r: { [k: string]: unknown } = {};
  for (const k of Object.keys(o)) {
    if (k === '__proto__') { Object.defineProperty(r, k, { value: o[k], enumerable: true, writable: true, configurable: true }); continue; }
    r[k] = f(o[k], k);
  }
  return r;
}
