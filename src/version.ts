import { readFileSync } from 'fs';
import { join } from 'path';

/**
 * The version of this library, read from its own package.json (one directory above both
 * `src/version.ts` and the compiled `lib/version.js`). It is what the published package says,
 * so the same installed package always renders the same value.
 *
 * The repository's package.json stays at 0.0.0 between releases (`npx projen release` bumps it
 * only while it builds the package), so tests pin this module to a fixed value
 * (`moduleNameMapper` in .projenrc.ts): snapshots do not change with every release.
 */
export const LIBRARY_VERSION: string = readVersion();

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf-8'));
  if (pkg.name !== 'cdk8s-datadog' || typeof pkg.version !== 'string') {
    throw new Error(`cdk8s-datadog: ${join(__dirname, '..', 'package.json')} is not this library's package.json`);
  }
  return pkg.version;
}
