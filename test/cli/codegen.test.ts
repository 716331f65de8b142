import { programFor } from '../../src/cli/codegen';

describe('programFor', () => {
  test('enum options by member, class lists by factory call, all imported: the program type-checks', () => {
    const text = programFor({
      credentials: { fromSecret: 'datadog-secret' },
      logLevel: 'WARN',
      nodeAgent: { volumes: [{ hostPath: ['certs', '/etc/certs', 'Directory'] }, { emptyDir: ['tmp', { memory: true }] }] },
      sbom: { containerImage: { enabled: true, analyzers: ['os'] } },
      clusterAgent: { admissionController: { enabled: true, configMode: 'hostip', failurePolicy: 'Fail', cwsInstrumentation: { enabled: true, mode: 'REMOTE_COPY' } } },
    }, {});
    expect(text).toContain('volumes: [ExtraVolume.hostPath("certs", "/etc/certs", "Directory"), ExtraVolume.emptyDir("tmp", {"memory":true})],');
    expect(text).toContain('analyzers: [SbomAnalyzer.OS],');
    expect(text).toContain('configMode: AdmissionConfigMode.HOSTIP,');
    expect(text).toContain('failurePolicy: AdmissionFailurePolicy.FAIL,');
    expect(text).toContain('mode: CwsInstrumentationMode.REMOTE_COPY,');
    expect(text).toContain('logLevel: LogLevel.WARN,');
    expect(text).toContain("import { AdmissionConfigMode, AdmissionFailurePolicy, Credentials, CwsInstrumentationMode, DatadogAgent, ExtraVolume, LogLevel, SbomAnalyzer } from 'cdk8s-datadog';");
  });

  test('a value that names no enum member stays a literal (propsFromJson reports it)', () => {
    expect(programFor({ clusterAgent: { admissionController: { configMode: 'nope' } } }, {})).toContain('configMode: "nope",');
  });
});
