/**
 * src/feature.ts is the contract every feature module follows. Most of it is types: these tests
 * pin what the compiler enforces (`npx projen test:typecheck` compiles this file, so an
 * `@ts-expect-error` that stops being an error fails the build) and what defineFeature returns.
 */
import type { View } from '../src/feature';
import { defineFeature } from '../src/feature';
import { FEATURES } from '../src/features';
import type { PodModel } from '../src/model/pod';

describe('defineFeature', () => {
  test('returns the feature as given (it exists for type inference only)', () => {
    const f = { id: 'test', option: 'logs' as const, enabled: (c: View<'logs'>) => c.logs.enabled };
    expect(defineFeature(f)).toBe(f);
  });

  test('a hook sees the core config and the options it declared, nothing else (compile-time)', () => {
    const seen: string[] = [];
    const f = defineFeature({
      id: 'test',
      option: 'logs',
      needs: ['apm'],
      enabled: (c) => {
        seen.push(c.namespace, String(c.logs.enabled), String(c.apm.port));
        // @ts-expect-error dogstatsd is neither the option nor declared in needs/uses
        return c.dogstatsd !== undefined;
      },
      nodeAgent: (c, _pod: PodModel) => {
        // @ts-expect-error processes is not declared
        seen.push(String(c.processes));
      },
    });
    expect(f.needs).toEqual(['apm']);
  });

  test('every registered feature has an id and an enabled function; options are resolved once', () => {
    const options = FEATURES.map(f => f.option).filter((o): o is NonNullable<typeof o> => o !== undefined);
    expect(FEATURES.every(f => typeof f.id === 'string' && typeof f.enabled === 'function')).toBe(true);
    expect(new Set(options).size).toBe(options.length);
  });

  test('a feature that declares an option resolves it', () => {
    expect(FEATURES.filter(f => f.option !== undefined && f.resolve === undefined).map(f => f.id)).toEqual([]);
  });
});
