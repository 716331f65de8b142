import { createHash } from 'crypto';
import { fail } from '../validation';

/**
 * Free-form configuration (check instances, init_config, log configs) arrives as `any` through
 * jsii. Before it goes into YAML or an annotation it must be plain JSON: this module checks that
 * and returns a canonical copy (object keys sorted), so the output, and the checksums computed
 * from it, do not depend on the order keys were written in.
 */

/** What a JSON-like value may be: the error message lists it. */
const ALLOWED = 'a JSON value (string, finite number, boolean, null, array or plain object)';

/**
 * Checks that `value` is JSON-serializable and returns a deep copy with object keys sorted.
 * `undefined` object members are dropped (that is how optional fields arrive); everything else
 * that JSON cannot carry fails with the path of the offending value:
 * functions, symbols, bigints, NaN/Infinity, `undefined` inside arrays, class instances (Date,
 * Map, Lazy...) and circular references.
 */
export function canonicalJson(path: string, value: unknown): any {
  return walk(path, value, []);
}

function walk(path: string, value: unknown, ancestors: object[]): any {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) fail(`${path} must be ${ALLOWED}, got ${value}`);
      return value;
    case 'undefined':
      fail(`${path} must be ${ALLOWED}, got undefined (leave the member out instead)`);
    case 'object':
      break;
    default:
      fail(`${path} must be ${ALLOWED}, got a ${typeof value}`);
  }
  const obj = value as object;
  if (ancestors.includes(obj)) fail(`${path} must be ${ALLOWED}, got a circular reference`);
  const inner = [...ancestors, obj];
  if (Array.isArray(obj)) return obj.map((v, i) => walk(`${path}[${i}]`, v, inner));
  const proto = Object.getPrototypeOf(obj);
  if (proto !== Object.prototype && proto !== null) {
    fail(`${path} must be ${ALLOWED}, got an instance of ${proto?.constructor?.name ?? 'a class'}`);
  }
  const out: { [k: string]: any } = {};
  for (const key of Object.keys(obj).sort()) {
    const v = (obj as any)[key];
    if (v === undefined) continue;
    out[key] = walk(`${path}${memberPath(key)}`, v, inner);
  }
  return out;
}

function memberPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Canonical JSON text: for equality tests between canonical values. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value);
}

/** sha256 (hex) of a map of file name to content, independent of the map's key order. */
export function checksumOf(files: { [name: string]: string }): string {
  const sorted = Object.keys(files).sort().map(k => [k, files[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
