import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-datadog',
  description: 'Typed, validated, deterministic cdk8s constructs that deploy the Datadog Agent, Cluster Agent and Cluster Checks Runners on Kubernetes.',
  // No company or mailbox stands behind this package: the contributors do, reachable through the repository.
  author: 'cdk8s-datadog contributors',
  authorAddress: 'https://github.com/cdk8s-datadog/cdk8s-datadog',
  authorOrganization: false,
  repositoryUrl: 'https://github.com/cdk8s-datadog/cdk8s-datadog.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'datadog', 'kubernetes', 'monitoring', 'agent', 'daemonset'],
  license: 'Apache-2.0',

  cdk8sVersion: '2.70.106',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  // The `cdk8s-datadog` command (src/cli) reads YAML: not a jsii module, so bundled (jsii's rule
  // for non-jsii runtime dependencies).
  bundledDeps: ['yaml@^2'],
  bin: { 'cdk8s-datadog': 'lib/cli/main.js' },
  devDeps: [
    'kubernetes-models@4.3.1',
    '@kubernetes-models/validate@^3',
    'ajv@^8',
    'ajv-formats@^2',
    'cdk8s-cli@2.207.60',
    // A newer cdk8s-plus major, as an app on it would have: test/integrations/cdk8s-plus-newer.test.ts
    'cdk8s-plus-33@^2.5.57',
  ],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // Node 20.16+ and 22 both build and run this library (README "Node.js").
  minNodeVersion: '20.16.0',
  // Pre-1.0: the API may still change between minor versions; jsii marks every type experimental.
  stability: 'experimental',

  // Stack traces and debuggers: separate lib/*.js.map files pointing at src/*.ts, and src/ ships
  // with them (inline maps with embedded sources were 73% of lib/ before).
  tsconfig: {
    compilerOptions: {
      inlineSourceMap: false,
      inlineSources: false,
      sourceMap: true,
    },
  },

  // No GitHub workflows: CI is .ci/run on our own machines. Releases are cut locally with
  // `npx projen release` (conventional commits -> semantic version, CHANGELOG; README "Versioning and releases").
  github: false,
  release: true,
  // commit-and-tag-version 13 (projen's default) declares node >= 22 and makes every `npm ci` on
  // Node 20 print EBADENGINE; 12 declares node >= 18 and writes the same changelog.
  bumpPackage: 'commit-and-tag-version@^12',

  // eslint's type-aware rules are the slow half of `npx projen test`: cache the results of
  // unchanged files (by content) under node_modules/.cache; a fresh clone, as in CI, lints everything.
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'build-tools'],
    commandOptions: { extraArgs: ['--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/eslint/'] },
  },
  jestOptions: {
    // `jest --ci`: a missing or different snapshot fails; `npx projen test:update` writes them.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      coverageProvider: 'babel',
      // Coverage is for the full build (`npx projen build`, CI), not the everyday `npx projen test`.
      collectCoverage: false,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      // src/version.ts reads package.json, which `npx projen release` bumps while it builds:
      // tests see a fixed version instead, so snapshots do not change with every release.
      moduleNameMapper: { '^\\./version$': '<rootDir>/test/support/version-stub.ts' },
      // Compiles the strict Kubernetes schema once (cached under node_modules/.cache), not per test file.
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      // jest's default is one worker fewer than the cores: a single worker on a 2-core machine.
      maxWorkers: '100%',
      // jest's runtime with a per-worker V8 code cache: each test file would otherwise compile
      // cdk8s-plus-27, cdk8s, src/ and the schema validators again (about a third of the suite's CPU).
      runtime: '<rootDir>/test/support/code-cache-runtime.js',
    },
  },

  publishToPypi: { distName: 'cdk8s-datadog', module: 'cdk8s_datadog' },
  publishToMaven: { javaPackage: 'io.github.cdk8sdatadog', mavenGroupId: 'io.github.cdk8s-datadog', mavenArtifactId: 'cdk8s-datadog' },
  publishToNuget: { dotNetNamespace: 'Cdk8sDatadog', packageId: 'Cdk8sDatadog' },
  publishToGo: { moduleName: 'github.com/cdk8s-datadog/cdk8s-datadog-go' },
});

// projen computes every task's PATH with `npx -c "node --print process.env.PATH"`: an npm start-up
// (about 1 CPU-second) per task, twice per `npx projen test` (test, eslint). The same directories
// (node_modules/.bin of the task's directory and of each parent, then PATH) straight from node.
project.tasks.addEnvironment('PATH', '$(node -e "const p = require(\'path\'); const bins = []; for (let d = process.cwd(); ; d = p.dirname(d)) { bins.push(p.join(d, \'node_modules\', \'.bin\')); if (p.dirname(d) === d) break; } console.log(bins.concat(process.env.PATH).join(p.delimiter))")');

// Only the JavaScript package can be built offline (PyPI, Maven Central, NuGet and the Go proxy
// are unreachable). The other languages' code is still generated, so a jsii-incompatible API
// fails the build.
const codegen = project.addTask('package:codegen-check', {
  description: 'Generate (not package) the Python, Java, .NET and Go bindings to prove the API is jsii-compatible',
  exec: 'jsii-pacmak --code-only --target python --target java --target dotnet --target go --outdir dist/codegen-check',
});
for (const name of ['package', 'package-all']) {
  const t = project.tasks.tryFind(name)!;
  t.reset();
  t.spawn(project.tasks.tryFind('package:js')!);
  t.spawn(codegen);
}

// The full build runs the suite with coverage and type-checks the tests: ts-jest only transpiles
// them (projen sets isolatedModules in test/tsconfig.json), so tsc does it. isolatedModules is
// turned off for that check because it applies to src/ too, which jsii compiles without it.
const typecheck = project.addTask('test:typecheck', {
  description: 'Type-check the tests, examples and bench (tsc, no emit)',
  exec: 'tsc -p test/tsconfig.json --noEmit --isolatedModules false',
});
const testCoverage = project.addTask('test:coverage', {
  description: 'Run tests with coverage, type-check them, and lint (the full build runs this instead of `test`)',
});
testCoverage.exec('jest --ci --coverage', { receiveArgs: true });
testCoverage.spawn(typecheck);
testCoverage.spawn(project.tasks.tryFind('eslint')!);
// projen locks `build` (default, pre-compile, compile, post-compile, test, package): replace it
// with the same phases, `test:coverage` in place of `test`.
// `release` spawns `build`, so it is taken out and put back around the replacement.
const buildDescription = project.buildTask.description;
const buildSteps = project.buildTask.steps;
const oldRelease = project.tasks.tryFind('release')!;
const releaseSpec = { description: oldRelease.description, env: oldRelease.envVars, steps: oldRelease.steps };
project.tasks.removeTask('release');
project.tasks.removeTask('build');
// The same phases as projen's, in its order, with `test:coverage` where it spawned `test`.
const build = project.addTask('build', { description: buildDescription });
build.insertStep(0, ...buildSteps.map(st => (st.spawn === 'test' ? { ...st, spawn: testCoverage.name } : st)));
// Every release step back as it was (exec, execArgs, builtin, condition...).
const newRelease = project.addTask('release', { description: releaseSpec.description, env: releaseSpec.env });
newRelease.insertStep(0, ...releaseSpec.steps);

// V8's young generation at 64 MB instead of 16 for the test runs (jest's workers inherit the flag):
// every test file builds a fresh module registry and many short-lived objects, and fewer scavenges
// cut the suite's CPU time by about 6 %. Any NODE_OPTIONS already set are kept.
for (const t of [project.testTask, testCoverage]) {
  t.env('NODE_OPTIONS', '$(node -p "[process.env.NODE_OPTIONS, \'--max-semi-space-size=64\'].filter(Boolean).join(\' \')")');
}

project.addTask('bench:tests', {
  description: 'Time `npx projen test` (wall seconds of jest alone and of the whole task)',
  exec: 'bash scripts/time-tests.sh',
});

project.addTask('example', {
  description: 'Synthesize the default example app with cdk8s-cli and say where the YAML went',
  cwd: 'examples/default',
  exec: 'cdk8s synth --check-upgrade false && echo "YAML written to examples/default/dist/ ($(ls dist))"',
});
project.addTask('examples', {
  description: 'Synthesize every example app under examples/ with cdk8s-cli',
  exec: 'bash scripts/synth-examples.sh',
});
// The strict input schema (src/input/schema.generated.json) is generated from the jsii assemblies
// after every compile; CI fails when the committed copy is stale (like API.md).
const schema = project.addTask('gen:input-schema', {
  description: 'Generate src/input/schema.generated.json (known options and their types) from the jsii assemblies',
  exec: 'ts-node --transpile-only scripts/gen-input-schema.ts',
});
project.postCompileTask.prependSpawn(schema);
// The README's table of deliberate differences from the Helm chart is generated from src/differences.ts
// (test/differences.test.ts fails when it is stale).
project.addTask('gen:differences', {
  description: 'Write the README table of deliberate differences from the Helm chart (src/differences.ts)',
  exec: 'ts-node --transpile-only scripts/gen-differences.ts',
});
project.addTask('fuzz', {
  description: 'Run the input fuzz test with 10,000 cases (the normal test run has a few hundred)',
  exec: 'jest --ci test/input/fuzz.test.ts',
  env: { FUZZ_CASES: '10000' },
});
project.addTask('bench', {
  description: 'Synthesize 1, 50 and 500 clusters and print wall time, ms per cluster and peak RSS',
  exec: 'ts-node --transpile-only bench/bench.ts',
});

// No import cycles between modules (type-only imports are erased and do not count).
project.eslint?.addRules({
  'import/no-cycle': ['error', { ignoreExternal: true }],
  '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
});

// API compatibility against the last release (jsii-diff), skipped while nothing is released.
const compat = project.tasks.tryFind('compat')!;
compat.reset('bash scripts/compat.sh');
// `release` = bump, build, unbump: check compatibility right after the build, while the bumped
// version is known (dist/version.txt).
const release = project.tasks.tryFind('release')!;
release.insertStep(release.steps.findIndex(st => st.spawn === 'build') + 1, { spawn: 'compat' });
project.addTask('release:tag', {
  description: 'After `npx projen release`: prepend dist/changelog.md to CHANGELOG.md, commit it and tag the version',
  exec: 'bash scripts/release-tag.sh',
});

// The generated Python must at least byte-compile; Go is checked with gofmt when a Go toolchain exists.
codegen.exec('bash scripts/check-bindings.sh');

// A consumer project built from the packed tarball, as the README tells users to set one up.
project.addTask('consumer-smoke', {
  description: 'Pack the library, install it into a fresh cdk8s project in a temp dir, and run `cdk8s synth` there',
  exec: 'bash scripts/consumer-smoke.sh',
});

project.eslint?.addLintPattern('examples');
// Examples are not in the package: they may use devDependencies (examples/fleet reads YAML with `yaml`).
project.eslint?.allowDevDeps('examples/**');
project.eslint?.addLintPattern('bench');
project.gitignore.exclude('examples/*/dist', 'dist/codegen-check', '/bench/out');
// API.md (290 KB) is read on the repository; the .d.ts files carry the same docs for editors.
project.npmignore?.exclude('examples', 'bench', 'scripts', '.ci', 'docs', '/CHANGELOG.md', '/API.md');
// Ship src/*.ts: lib/*.js.map points at it.
project.npmignore?.removePatterns('/src/');
project.npmignore?.include('/lib/**/*.js.map');
project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');

project.synth();
