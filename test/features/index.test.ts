import { readdirSync } from 'fs';
import { join } from 'path';
import { FEATURES } from '../../src/features/index';

describe('the feature list', () => {
  test('ids are unique', () => {
    const ids = FEATURES.map(f => f.id);
    expect(new Set(ids).size).toEqual(ids.length);
  });

  test('every module in src/features and src/integrations that defines a feature is registered', () => {
    const src = join(__dirname, '..', '..', 'src');
    const modules = ['features', 'integrations'].flatMap(d => readdirSync(join(src, d)).filter(f => f.endsWith('.ts') && f !== 'index.ts').map(f => join(src, d, f)));
    const registered = new Set(FEATURES);
    const found = new Set<unknown>();
    for (const file of modules) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(file);
      for (const [name, value] of Object.entries(mod)) {
        const looksLikeFeature = value && typeof value === 'object' && typeof (value as any).id === 'string' && typeof (value as any).enabled === 'function';
        if (looksLikeFeature) {
          found.add(value);
          expect({ name, registered: registered.has(value as any) }).toEqual({ name, registered: true });
        }
      }
    }
    // and every registered feature was found in a module: the scan really looked
    expect(found.size).toEqual(FEATURES.length);
  });

  test('the escape hatches act last, after every module they may override', () => {
    expect(FEATURES.slice(-3).map(f => f.id)).toEqual(['container-overrides', 'extra-volumes', 'integrations']);
  });
});
