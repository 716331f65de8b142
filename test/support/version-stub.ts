// Stands in for src/version.ts in every test (jest moduleNameMapper in .projenrc.ts), so
// snapshots show this fixed value instead of the release being built. test/version.test.ts
// checks the real module.
export const LIBRARY_VERSION = '0.0.0-test';
