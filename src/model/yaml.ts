import { Yaml } from 'cdk8s';

/**
 * The one YAML writer for the files this library puts in ConfigMaps (check configurations,
 * system-probe.yaml): cdk8s' own, which writes YAML 1.1 so that strings like `yes`, `on` or
 * `0123` stay strings for the agent's parser. Map keys keep insertion order: callers build the
 * objects in the order they want them read (or sort them first). Undefined members are left out
 * (cdk8s would write them as null); null stays null.
 */
export function toYaml(value: unknown): string {
  return Yaml.stringify(withoutUndefined(value));
}

function withoutUndefined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutUndefined);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v as object).filter(([, x]) => x !== undefined).map(([k, x]) => [k, withoutUndefined(x)]));
}
