import { readdirSync } from 'fs';
import { join } from 'path';
import { FEATURES } from '../../src/features/index';

describe('the feature list', () => {
  test('ids are unique', () => {
    const ids = FEATURES.map(f => f.id);
    expect(new Set(ids).size).toEqual(ids.length);
  });

  test('every module in src/features that defines a feature is registered', () => {
    const dir = join(__dirname, '..', '..', 'src', 'features');
    const registered = new Set(FEATURES);
    for (const file of readdirSync(dir).filter(f => f.endsWith('.ts') && f !== 'index.ts')) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(join(dir, file));
      for (const [name, value] of Object.entries(mod)) {
        const looksLikeFeature = value && typeof value === 'object' && typeof (value as any).id === 'string' && typeof (value as any).enabled === 'function';
        if (looksLikeFeature) expect({ name, registered: registered.has(value as any) }).toEqual({ name, registered: true });
      }
    }
  });

  test('the escape hatches act last, after every module they may override', () => {
    const ids = FEATURES.map(f => f.id);
    expect(ids.indexOf('container-overrides')).toBeGreaterThan(ids.indexOf('apm'));
    expect(ids.indexOf('extra-volumes')).toBeGreaterThan(ids.indexOf('system-probe'));
  });
});
