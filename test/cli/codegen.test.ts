import * as fs from 'fs';
import * as path from 'path';
import * as cdk8s from 'cdk8s';
import * as ts from 'typescript';
import * as lib from '../../src';
import { programFor } from '../../src/cli/codegen';
import { parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';
import { SECRET, synth, testChart } from '../support/helpers';

/**
 * Runs a generated program with `cdk8s-datadog` resolved to this source tree and cdk8s's
 * `App.synth` captured, and returns the chart it built.
 */
function runProgram(program: string): cdk8s.Chart {
  const js = ts.transpileModule(program, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  let built: cdk8s.Chart | undefined;
  class App extends cdk8s.App { public synth(): void { built = this.node.children.find(c => c instanceof cdk8s.Chart) as cdk8s.Chart; } }
  const modules: { [name: string]: unknown } = { 'cdk8s': { ...cdk8s, App }, 'cdk8s-datadog': lib };
  const req = (name: string) => {
    if (!(name in modules)) throw new Error(`the generated program imports ${name}`);
    return modules[name];
  };
  new Function('require', 'exports', js)(req, {});
  if (!built) throw new Error('the program did not synthesize');
  return built;
}


const VALUES = `
datadog:
  apiKeyExistingSecret: dd
  site: datadoghq.eu
  clusterName: prod
  logLevel: warn
  tags: [env:prod]
  podLabelsAsTags: { app: kube_app }
  logs: { enabled: true, containerCollectAll: true }
  dogstatsd: { tagCardinality: orchestrator }
  apm:
    instrumentation:
      enabled: true
      targets:
        - name: billing
          podSelector: { matchLabels: { app: billing } }
          namespaceSelector: { matchNames: [payments] }
          ddTraceConfigs:
            - { name: DD_PROFILING_ENABLED, value: "true" }
            - name: DD_SERVICE
              valueFrom: { fieldRef: { fieldPath: metadata.name } }
  env:
    - { name: DD_X, value: "1" }
    - name: DD_Y
      valueFrom: { fieldRef: { fieldPath: spec.nodeName } }
agents:
  tolerations: [{ key: a, operator: Exists }]
  nodeSelector: { kubernetes.io/os: linux }
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms: [{ matchExpressions: [{ key: k, operator: In, values: [v] }] }]
  containers:
    agent: { logLevel: debug, resources: { requests: { cpu: 100m, memory: 200Mi } } }
  volumes:
    - { name: certs, hostPath: { path: /etc/certs, type: Directory } }
    - { name: scratch, emptyDir: { medium: Memory } }
  volumeMounts:
    - { name: certs, mountPath: /certs, readOnly: true }
    - { name: scratch, mountPath: /scratch }
clusterAgent:
  replicas: 3
  admissionController: { enabled: true, configMode: socket, failurePolicy: Fail }
`;

describe('import-helm --out main.ts', () => {
  const r = importValues(parseValues(VALUES, 'v.yaml'), { keepChartDefaults: true });
  const program = programFor(r.props, r.sources);

  test('the program builds what the props document builds, object for object', () => {
    const fromJson = testChart('datadog');
    new lib.DatadogAgent(fromJson, 'datadog', lib.DatadogAgent.propsFromJson(r.props));
    expect(synth(runProgram(program))).toEqual(synth(fromJson));
  });

  test('classes and enums are written as code, found from the option schema; only what is used is imported', () => {
    expect(program).toContain('credentials: Credentials.fromSecret("dd"),');
    expect(program).toContain('site: DatadogSite.EU1,');
    expect(program).toContain('logLevel: LogLevel.WARN,');
    expect(program).toContain('tagCardinality: TagCardinality.ORCHESTRATOR,');
    expect(program).toMatch(/DD_Y: EnvValueSource\.fromField\("spec\.nodeName"\)/);
    expect(program).toContain('configMode: AdmissionConfigMode.SOCKET,');
    expect(program).toContain('valueFrom: EnvValueSource.fromField("metadata.name"),');
    expect(program).toContain('ExtraVolume.hostPath("certs", "/etc/certs", HostPathType.DIRECTORY)');
    expect(program).toContain("import { AdmissionConfigMode, AdmissionFailurePolicy, Credentials, DatadogAgent, DatadogSite, EnvValueSource, ExtraVolume, HostPathType, LogLevel, TagCardinality } from 'cdk8s-datadog';");
  });

  test('maps of plain values are one literal, with the chart keys they came from', () => {
    expect(program).toContain('  // from agents.nodeSelector\n    nodeSelector: {"kubernetes.io/os":"linux"},');
    expect(program).toContain('  // from datadog.podLabelsAsTags\n  podLabelsAsTags: {"app":"kube_app"},');
  });

  test('every option set names the chart key it came from', () => {
    for (const from of new Set(Object.values(r.sources))) expect({ from, found: program.includes(`from ${from}`) }).toEqual({ from, found: true });
  });

  test('the program is the committed fixture, which the build type-checks like a user\'s compiler would', () => {
    // `npx projen test:typecheck` compiles test/**, this file included (strict, the library's own
    // types): a value written with the wrong type fails the build. Rewrite it after a deliberate
    // change with UPDATE_CODEGEN_FIXTURE=1 npx jest test/cli/codegen.test.ts, and read the diff.
    const fixture = path.join(__dirname, 'fixtures', 'imported-main.generated.ts');
    const expected = [
      '// Written by test/cli/codegen.test.ts: the program `import-helm --out` writes for its values, with',
      '// the package import pointed at the source. Type-checked by `npx projen test:typecheck`.',
      program.replace("from 'cdk8s-datadog';", "from '../../../src';"),
    ].join('\n');
    if (process.env.UPDATE_CODEGEN_FIXTURE) fs.writeFileSync(fixture, expected);
    expect(fs.readFileSync(fixture, 'utf8')).toEqual(expected);
  });

  test('the id is the release name', () => {
    expect(programFor({ credentials: { fromSecret: 'x' } }, {}, 'prod')).toContain('new DatadogAgent(chart, "prod", {');
    const chart = runProgram(programFor({ credentials: { fromSecret: 'x' } }, {}, 'prod'));
    expect(chart.node.findChild('prod')).toBeInstanceOf(lib.DatadogAgent);
    expect(SECRET).toBeDefined();
  });
});

describe('programFor: values from the option schema', () => {
  test('enum options by member (named or by value), class lists and factory arguments typed: the program type-checks', () => {
    const text = programFor({
      credentials: { fromSecret: 'datadog-secret' },
      logLevel: 'WARN',
      nodeAgent: { volumes: [{ hostPath: ['certs', '/etc/certs', 'Directory'] }, { emptyDir: ['tmp', { memory: true }] }] },
      sbom: { containerImage: { enabled: true, analyzers: ['os'] } },
      clusterAgent: { admissionController: { enabled: true, configMode: 'hostip', failurePolicy: 'Fail', cwsInstrumentation: { enabled: true, mode: 'REMOTE_COPY' } } },
    }, {});
    expect(text).toContain('analyzers: [SbomAnalyzer.OS],');
    expect(text).toContain('configMode: AdmissionConfigMode.HOSTIP,');
    expect(text).toContain('failurePolicy: AdmissionFailurePolicy.FAIL,');
    expect(text).toContain('mode: CwsInstrumentationMode.REMOTE_COPY,');
    expect(text).toContain('logLevel: LogLevel.WARN,');
    expect(text).toMatch(/volumes: \[ExtraVolume\.hostPath\("certs", "\/etc\/certs", HostPathType\.DIRECTORY\), ExtraVolume\.emptyDir\("tmp", \{\n\s+memory: true,\n\s+\}\)\],/);
    expect(text).toContain("import { AdmissionConfigMode, AdmissionFailurePolicy, Credentials, CwsInstrumentationMode, DatadogAgent, ExtraVolume, HostPathType, LogLevel, SbomAnalyzer } from 'cdk8s-datadog';");
  });

  test('a value that names no enum member stays a literal (propsFromJson reports it)', () => {
    expect(programFor({ clusterAgent: { admissionController: { configMode: 'nope' } } }, {})).toContain('configMode: "nope",');
  });
});
