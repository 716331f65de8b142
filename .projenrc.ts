import { cdk8s, javascript } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-datadog',
  description: 'Typed, validated, deterministic cdk8s constructs that deploy the Datadog Agent, Cluster Agent and Cluster Checks Runners on Kubernetes.',
  author: 'cdk8s-datadog maintainers',
  authorAddress: 'maintainers@cdk8s-datadog.example',
  repositoryUrl: 'https://github.com/cdk8s-datadog/cdk8s-datadog.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'datadog', 'kubernetes', 'monitoring', 'agent', 'daemonset'],
  license: 'Apache-2.0',

  cdk8sVersion: '2.70.106',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  devDeps: [
    'kubernetes-models@4.3.1',
    '@kubernetes-models/validate@^3',
    'ajv@^8',
    'ajv-formats@^2',
    'yaml@^2',
    'cdk8s-cli@2.207.60',
  ],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.16.0',

  // No GitHub workflows or release machinery: CI is .ci/run on our own machines.
  github: false,
  release: false,

  jestOptions: {
    // `jest --ci`: a missing or different snapshot fails; `npx projen test:update` writes them.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      coverageProvider: 'babel',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
    },
  },

  publishToPypi: { distName: 'cdk8s-datadog', module: 'cdk8s_datadog' },
  publishToMaven: { javaPackage: 'io.github.cdk8sdatadog', mavenGroupId: 'io.github.cdk8s-datadog', mavenArtifactId: 'cdk8s-datadog' },
  publishToNuget: { dotNetNamespace: 'Cdk8sDatadog', packageId: 'Cdk8sDatadog' },
  publishToGo: { moduleName: 'github.com/cdk8s-datadog/cdk8s-datadog-go' },
});

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
project.addTask('fuzz', {
  description: 'Run the input fuzz test with 10,000 cases (the normal test run has a few hundred)',
  exec: 'jest --ci test/input/fuzz.test.ts',
  env: { FUZZ_CASES: '10000' },
});
project.addTask('bench', {
  description: 'Synthesize 1, 50 and 500 clusters and print wall time, ms per cluster and peak RSS',
  exec: 'ts-node --transpile-only bench/bench.ts',
});

project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
project.gitignore.exclude('examples/*/dist', 'dist/codegen-check', '/bench/out');
project.npmignore?.exclude('examples', 'bench', 'scripts', '.ci');
project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');

project.synth();
