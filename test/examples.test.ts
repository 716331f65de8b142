import { readdirSync, existsSync } from 'fs';
import { join } from 'path';
import { App, Testing } from 'cdk8s';
import { synth } from './support/helpers';

const dir = join(__dirname, '..', 'examples');
const examples = readdirSync(dir).filter(d => existsSync(join(dir, d, 'main.ts')));

test('there are examples', () => {
  expect(examples).toEqual(expect.arrayContaining(['default', 'agent-only']));
});

test.each(examples)('example %s builds and every object passes the strict schema', name => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require(join(dir, name, 'main.ts'));
  const app = new App({ outdir: Testing.app().outdir });
  build(app);
  for (const chart of app.charts) expect(synth(chart).length).toBeGreaterThan(0);
});
