import '../../src';
import { classes, registerOptionClass } from '../../src/input/classes';
import type { TypeRef } from '../../src/input/schema';
import { PROPS_FQN, SCHEMA } from '../../src/input/schema';

/** Every class-typed option reachable from DatadogAgentProps (through structs, arrays, maps and factory parameters). */
function reachableClasses(): string[] {
  const seen = new Set<string>();
  const found = new Set<string>();
  const walk = (t: TypeRef): void => {
    if (typeof t === 'string') return;
    if ('array' in t) return walk(t.array);
    if ('map' in t) return walk(t.map);
    if ('union' in t) return t.union.forEach(walk);
    if (seen.has(t.ref)) return;
    seen.add(t.ref);
    const s = SCHEMA[t.ref];
    if (!s) return;
    if (s.kind === 'class') found.add(t.ref);
    Object.values(s.fields ?? {}).forEach(f => walk(f.type));
    Object.values(s.factories ?? {}).forEach(ps => ps.forEach(p => walk(p.type)));
  };
  walk({ ref: PROPS_FQN });
  return [...found].sort();
}

describe('option classes', () => {
  const registry = classes();

  test('every class of ours that an option takes is registered, so JSON and YAML callers can name it', () => {
    const ours = reachableClasses().filter(fqn => fqn.startsWith('cdk8s-datadog.'));
    expect(ours.length).toBeGreaterThanOrEqual(8);
    expect(ours.filter(fqn => !registry[fqn])).toEqual([]);
  });

  test('each registered class has the constants and factories the schema lists', () => {
    for (const [fqn, cls] of Object.entries(registry)) {
      const s = SCHEMA[fqn];
      expect({ fqn, kind: s?.kind }).toEqual({ fqn, kind: 'class' });
      for (const c of s.constants ?? []) expect({ fqn, c, instance: cls[c] instanceof cls }).toEqual({ fqn, c, instance: true });
      for (const f of Object.keys(s.factories ?? {})) expect({ fqn, f, type: typeof cls[f] }).toEqual({ fqn, f, type: 'function' });
    }
  });

  test('the registry is read as a copy: callers cannot add to it by writing into the result', () => {
    const copy = classes();
    copy['cdk8s-datadog.Nothing'] = class {};
    expect(classes()['cdk8s-datadog.Nothing']).toBeUndefined();
  });

  test('registering a class again replaces it (one module defines each class)', () => {
    class A {}
    class B {}
    registerOptionClass('test.Temp', A);
    registerOptionClass('test.Temp', B);
    expect(classes()['test.Temp']).toBe(B);
  });
});
