/**
 * Helm values as Helm reads them: several files merged left to right (maps merged key by key,
 * everything else replaced, `null` deleting a key), then `--set` expressions. Errors name the file or
 * the expression. Not part of the jsii API.
 */
import * as YAML from 'yaml';

export type Values = { [key: string]: unknown };

/** Bad input (a file, a key, a --set): exit code 2. */
export class InputProblem extends Error {}

export function isMap(v: unknown): v is Values {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One values file's text, which must be a YAML map (or empty). */
export function parseValues(text: string, file: string): Values {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0] ? ` (line ${e.linePos[0].line}, column ${e.linePos[0].col})` : '';
    throw new InputProblem(`${file}: not YAML${line}: ${e.message.split('\n')[0]}`);
  }
  const v = doc.toJSON();
  if (v === null || v === undefined) return {};
  if (!isMap(v)) throw new InputProblem(`${file}: a values file must be a map of keys, got ${Array.isArray(v) ? 'a list' : typeof v}`);
  return v;
}

/** Helm's coalescing of a later values layer onto an earlier one. */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = v;
  }
  return out;
}

/**
 * `--set a.b=c,d[0]=e,f={x,y}` as Helm's strvals parses it: dots nest, `[i]` indexes lists, `{..}`
 * is a list, `true`/`false`/`null` and integers are typed, `\,` and `\.` escape.
 */
export function parseSet(expr: string): Values {
  let out: Values = {};
  for (const part of splitTop(expr, ',')) {
    const eq = indexUnescaped(part, '=');
    if (eq <= 0) throw new InputProblem(`--set ${expr}: "${part}" is not key=value`);
    const path = keyPath(part.slice(0, eq), expr);
    const raw = part.slice(eq + 1);
    const value = raw.startsWith('{') && raw.endsWith('}')
      ? (raw.length > 2 ? splitTop(raw.slice(1, -1), ',').map(typed) : [])
      : typed(raw);
    out = overlay(out, nest(path, value));
  }
  return out;
}

/** Merges one `--set` expression onto the earlier ones: like mergeValues, but a null is kept (it deletes when the layer is merged onto the files). */
function overlay(base: Values, over: Values): Values {
  const out: Values = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isMap(v) && isMap(out[k]) ? overlay(out[k] as Values, v) : v;
  return out;
}

function typed(s: string): unknown {
  const u = s.replace(/\\(.)/g, '$1');
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (/^-?(0|[1-9][0-9]{0,15})$/.test(s)) return Number(s);
  return u;
}

type Seg = string | number;

function keyPath(k: string, expr: string): Seg[] {
  const segs: Seg[] = [];
  for (const name of splitTop(k, '.')) {
    const m = /^((?:[^[\]\\]|\\.)*)((?:\[\d+\])*)$/.exec(name);
    if (!m || (!m[1] && (!segs.length || !m[2]))) throw new InputProblem(`--set ${expr}: bad key "${k}"`);
    if (m[1]) segs.push(m[1].replace(/\\(.)/g, '$1'));
    for (const i of m[2].match(/\d+/g) ?? []) segs.push(Number(i));
  }
  if (!segs.length || segs.some(s => s === '')) throw new InputProblem(`--set ${expr}: bad key "${k}"`);
  return segs;
}

function nest(path: Seg[], value: unknown): Values {
  let v: unknown = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (typeof s === 'number') { const a: unknown[] = []; a[s] = v; v = a; } else {v = { [s]: v };}
  }
  return v as Values;
}

function indexUnescaped(s: string, c: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === c) return i;
  }
  return -1;
}

/** Splits on `sep` outside `{...}` and not escaped. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && i + 1 < s.length) { cur += ch + s[++i]; continue; }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (ch === sep && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  parts.push(cur);
  return parts;
}
