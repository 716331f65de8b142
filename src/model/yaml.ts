/**
 * A small, deterministic YAML writer for check configurations (maps, lists, strings, numbers,
 * booleans). Strings are written as JSON strings, which YAML reads back unchanged, so no value
 * can change meaning through quoting rules. Map keys keep insertion order: callers build the
 * objects in the order they want to read them.
 */
export function toYaml(value: unknown, indent = 0): string {
  return lines(value, indent).join('\n') + '\n';
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return /^[A-Za-z_][-A-Za-z0-9_./]*$/.test(v) && !RESERVED.has(v.toLowerCase()) ? v : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`toYaml: unsupported value ${String(v)}`);
}

/** Plain words YAML would read as something other than a string. */
const RESERVED = new Set(['true', 'false', 'yes', 'no', 'on', 'off', 'null', 'y', 'n', '~']);

function isComplex(v: unknown): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v as object).length > 0);
}

function lines(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${pad}[]`];
    return value.flatMap(item => {
      if (!isComplex(item)) return [`${pad}- ${emptyOr(item)}`];
      const inner = lines(item, indent + 2);
      return [`${pad}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1)];
    });
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as object).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return [`${pad}{}`];
    return entries.flatMap(([k, v]) => {
      const key = scalar(k);
      if (v === null) return [`${pad}${key}:`];
      if (!isComplex(v)) return [`${pad}${key}: ${emptyOr(v)}`];
      return [`${pad}${key}:`, ...lines(v, Array.isArray(v) ? indent + 2 : indent + 2)];
    });
  }
  return [`${pad}${scalar(value)}`];
}

function emptyOr(v: unknown): string {
  if (Array.isArray(v)) return '[]';
  if (v !== null && typeof v === 'object') return '{}';
  return scalar(v);
}
