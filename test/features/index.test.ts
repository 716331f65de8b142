import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { COMPONENT_RESOLVERS, FEATURES } from '../../src/features/index';

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

describe('a feature owns its effects', () => {
  const src = join(__dirname, '..', '..', 'src');
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const sources = files(src).map(f => ({ file: f.slice(src.length + 1), text: readFileSync(f, 'utf8') }));
  const moduleOf = (id: string) => sources.find(s => new RegExp(`id: '${id}'`).test(s.text))!.file;

  test.each(FEATURES.filter(f => f.option).map(f => [f.id, f.option]))('%s: its resolved option is read only where it is declared', (id, option) => {
    // Modules that may read c.<option>: its own, the ones that declare it in needs/uses, the core
    // façade files that assemble the config, and the Operator output, which translates all of it.
    const allowed = new Set([moduleOf(id), 'config.ts', 'props.ts', 'feature.ts', 'features/index.ts', 'datadog-agent.ts', 'operator/datadog-agent-resource.ts']);
    for (const f of [...FEATURES, ...COMPONENT_RESOLVERS] as any[]) {
      if ((f.needs ?? []).includes(option) || (f.uses ?? []).includes(option)) allowed.add(moduleOf(f.id));
    }
    const readers = sources.filter(s => new RegExp(`\\bc\\.${option}\\b`).test(s.text)).map(s => s.file);
    expect(readers.filter(r => !allowed.has(r))).toEqual([]);
  });

  test('the system-probe users declare their needs in their own module, and system-probe names none of them', () => {
    const probe = sources.find(s => s.file === 'features/system-probe.ts')!.text;
    for (const f of FEATURES.filter(x => x.needsSystemProbe)) expect([f.option, probe.includes(`c.${f.option}`)]).toEqual([f.option, false]);
    expect(FEATURES.filter(x => x.needsSystemProbe).map(f => f.id)).toEqual(
      ['network-monitoring', 'network-path', 'service-monitoring', 'oom-kill', 'tcp-queue-length', 'gpu-monitoring', 'service-discovery', 'security']);
  });
});
