import { PROPS_FQN, SCHEMA, shortName, typeSchema } from '../../src/input/schema';

describe('option schema', () => {
  test('DatadogAgentProps is a struct whose only required field is credentials', () => {
    const props = typeSchema(PROPS_FQN);
    expect(props.kind).toBe('struct');
    const required = Object.entries(props.fields ?? {}).filter(([, f]) => !f.optional).map(([k]) => k);
    expect(required).toEqual(['credentials']);
  });

  test('inherited fields are included (container filters and metadata-as-tags come from base interfaces)', () => {
    const fields = Object.keys(typeSchema(PROPS_FQN).fields ?? {});
    expect(fields).toEqual(expect.arrayContaining(['containerInclude', 'podLabelsAsTags', 'site', 'nodeAgent']));
  });

  test('every reference points at a type the schema has', () => {
    const missing: string[] = [];
    const refs = (t: unknown): string[] => {
      if (typeof t !== 'object' || t === null) return [];
      const o = t as any;
      if (o.ref) return [o.ref];
      if (o.array) return refs(o.array);
      if (o.map) return refs(o.map);
      if (o.union) return o.union.flatMap(refs);
      return [];
    };
    for (const [fqn, s] of Object.entries(SCHEMA)) {
      const types = [...Object.values(s.fields ?? {}), ...Object.values(s.factories ?? {}).flat()].map(f => f.type);
      for (const r of types.flatMap(refs)) if (!SCHEMA[r]) missing.push(`${fqn} → ${r}`);
    }
    expect(missing).toEqual([]);
  });

  test('an enum lists its members with their runtime values', () => {
    expect(typeSchema('cdk8s-datadog.LogLevel').members).toMatchObject({ INFO: 'INFO', DEBUG: 'DEBUG' });
  });

  test('an unknown type is an internal error that says how to fix it', () => {
    expect(() => typeSchema('cdk8s-datadog.Nope')).toThrow('cdk8s-datadog: no schema for cdk8s-datadog.Nope (regenerate src/input/schema.generated.json)');
  });

  test('short names drop our package and cdk8s-plus-27, and keep others', () => {
    expect(shortName('cdk8s-datadog.DatadogSite')).toBe('DatadogSite');
    expect(shortName('cdk8s-plus-27.k8s.Toleration')).toBe('k8s.Toleration');
    expect(shortName('cdk8s.Size')).toBe('cdk8s.Size');
  });
});
