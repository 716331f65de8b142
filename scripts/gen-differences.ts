/**
 * Writes the README's table of deliberate differences from the Helm chart (between the
 * `chart-differences` markers) from src/differences.ts. test/differences.test.ts fails when stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { differencesMarkdown } from '../src/differences';

export const BEGIN = '<!-- chart-differences:begin (generated from src/differences.ts: npx projen gen:differences) -->';
export const END = '<!-- chart-differences:end -->';

export function withTable(readme: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error('README.md: chart-differences markers not found');
  return `${readme.slice(0, a + BEGIN.length)}\n${differencesMarkdown()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'README.md');
  fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8')));
}
