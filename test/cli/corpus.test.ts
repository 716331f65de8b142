/**
 * The chart's own CI values files (DataDog/helm-charts charts/datadog/ci, chart 3.240.0), rendered
 * once with `helm template datadog <chart> -n datadog -f <values> --kube-version 1.30.0` (helm 4.1.4;
 * the chart's requirements.yaml/requirements.lock removed: no subchart is on in these files) and
 * committed under test/fixtures/chart-3.240.0 (no helm needed here): import → synthesize → compare.
 * The counts are the README's "Helm chart corpus" table; a file that regresses fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DatadogAgent } from '../../src';
import { compareManifests } from '../../src/cli/compare';
import { mergeValues, parseValues } from '../../src/cli/helm-values';
import { importValues } from '../../src/cli/import-helm';
import { readManifest } from '../../src/cli/main';
import { chartDifference } from '../../src/differences';
import { synth, testChart } from '../support/helpers';

const DIR = path.join(__dirname, '..', 'fixtures', 'chart-3.240.0');

/** values file → [keys, mapped, undocumented differences]. Lower is better for the last: update when fixed. */
const EXPECTED: { [file: string]: [number, number, number] } = {
  'agent-apm-use-local-service-values.yaml': [7, 6, 2],
  'agent-sbom-snapshotter-values.yaml': [6, 6, 0],
  'agent-with-additional-rbac-label-values.yaml': [6, 4, 0],
  'agent-with-command-override-values.yaml': [3, 2, 0],
  'agent-with-dynamic-annotations-values.yaml': [7, 5, 0],
  'agent-with-lifecycle-handler-values.yaml': [3, 2, 0],
  'agent-with-termination-grace-period-seconds-values.yaml': [3, 2, 0],
  'apm-disabled-admission-controller-values.yaml': [6, 6, 0],
  'apm-enabled-legacy-admission-controller-values.yaml': [7, 6, 0],
  'apm-port-enabled-admission-controller-values.yaml': [6, 6, 0],
  'apm-single-step-instrumentation-admission-controller-values.yaml': [7, 6, 0],
  'apm-socket-and-port-admission-controller-values.yaml': [7, 7, 0],
  'apm-socket-enabled-admission-controller-values.yaml': [6, 6, 0],
  'appsec-injector-values.yaml': [9, 9, 0],
  'autoscaling-values.yaml': [6, 6, 0],
  'cluster-agent-admission-controller-values.yaml': [6, 6, 0],
  'cluster-agent-advanced-confd-values.yaml': [13, 13, 0],
  'cluster-agent-and-worker-with-dedicated-rbac-label-values.yaml': [11, 9, 0],
  'cluster-agent-and-worker-with-dedicated-rbac-values.yaml': [11, 9, 0],
  'cluster-agent-metrics-server-service-port-values.yaml': [6, 6, 0],
  'cluster-agent-values.yaml': [24, 21, 0],
  'cluster-agent-with-dynamic-annotations-values.yaml': [8, 7, 0],
  'default-values.yaml': [3, 3, 0],
  'disable-apparmor-values.yaml': [6, 4, 0],
  'disable-defaultosreleasepath-values.yaml': [4, 4, 0],
  'dogstastd-socket-values.yaml': [6, 6, 0],
  'fips-configmap-values.yaml': [6, 3, 0],
  'image-digest-values.yaml': [5, 4, 0],
  'ksm-core-namespaces-values.yaml': [6, 6, 0],
  'kubeconform-values.yaml': [31, 27, 0],
  'no-hardened-seccomp-values.yaml': [5, 4, 0],
  'otlp-ingest-values.yaml': [4, 4, 0],
  'psp-test-values.yaml': [4, 3, 0],
  'secret-with-dynamic-annotations-values.yaml': [3, 2, 0],
  'security-agent-compliance-values.yaml': [7, 4, 0],
  'securitycontext-nil-values.yaml': [4, 3, 1],
  'system-probe-activity-dump-values.yaml': [6, 4, 0],
  'network-policy-values.yaml': [10, 9, 0],
  'agent-otel-collector-values.yaml': [8, 7, 0],
  'agent-otel-collector-no-config-values.yaml': [6, 5, 0],
  'agent-otel-collector-ports-values.yaml': [8, 7, 0],
  'agent-otel-collector-logs-values.yaml': [8, 7, 0],
  'agent-otel-collector-with-rbac-values.yaml': [7, 6, 0],
  'agent-otel-collector-with-rbac-custom-rules-values.yaml': [9, 8, 0],
  'agent-otel-collector-volume-mounts-values.yaml': [9, 8, 0],
  'otel-agent-gateway-default-cfg-values.yaml': [9, 9, 0],
  // fullnameOverride "my-gw" changed to "my-gw-datadog" (the header says why).
  'otel-agent-gateway-lb-sample-values.yaml': [14, 14, 0],
  'otel-agent-gateway-values.yaml': [27, 26, 0],
  'provider-talos-values.yaml': [4, 4, 0],
  'provider-talos-security-values.yaml': [6, 6, 0],
  'eks-control-plane-monitoring-values.yaml': [5, 5, 0],
  // Ours, not the chart's CI files (their header says so), rendered the same way.
  'gke-gdc-cluster-checks-values.yaml': [11, 11, 0],
  'openshift-control-plane-values.yaml': [5, 5, 0],
  'gpu-monitoring-values.yaml': [4, 4, 0],
  'network-path-values.yaml': [9, 9, 0],
};

export function corpusRow(file: string) {
  const values = mergeValues({}, parseValues(fs.readFileSync(path.join(DIR, file), 'utf8'), file));
  const r = importValues(values, { keepChartDefaults: true });
  const chart = testChart('datadog');
  new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson(r.props));
  const c = compareManifests(readManifest(path.join(DIR, file.replace(/\.yaml$/, '.render.yaml'))), synth(chart));
  return { keys: r.report.length, mapped: r.report.filter(e => e.status === 'mapped').length, comparison: c };
}

/** values files the import refuses (a deliberate difference, src/differences.ts) → the message. */
/** values file → [the error, the deliberate difference that explains the refusal]. */
const REFUSED: { [file: string]: [RegExp, string] } = {
  // The chart accepts a name the agent itself ignores.
  'strange-valid-cluster-name.yaml': [/clusterName must be a lowercase DNS-like name .*got "01\.23\./, 'cluster-name-rule'],
  // apm.portEnabled on Autopilot: the chart renders the trace-agent hostPort, which GKE Warden refuses.
  'gke-autopilot-values.yaml': [/GKE Warden would refuse these pods:\n.*container trace-agent specifies host port 8126/, 'gke-autopilot-refusals'],
  'gke-autopilot-cri-less-values.yaml': [/GKE Warden would refuse these pods:\n.*container trace-agent specifies host port 8126/, 'gke-autopilot-refusals'],
  // GKE on GDC without datadog.clusterName: the chart names every host "<node>-$(DD_CLUSTER_NAME)".
  'gke-gdc-values.yaml': [/clusterName is required with platform: GKE_GDC/, 'gke-gdc-refusals'],
  // The OTel gateway alone, without node agents (agents.enabled: false); their gateway objects are
  // compared in test/features/otel-agent-gateway.test.ts.
  ...Object.fromEntries(['dd-common-env', 'hpa-dca', 'hpa', 'no-agent', 'rbac-custom', 'rbac-k8s'].map(f => [
    `otel-agent-gateway-${f}-values.yaml`, [/agents\.enabled: false \(no node agents\) is not supported/, 'node-agents-always'] as [RegExp, string],
  ])),
};

/** Files compared by a test of their own, not by this table. */
const COMPARED_ELSEWHERE: { [file: string]: string } = {
  // The chart's Windows release names its DaemonSet `datadog`; ours is `datadog-windows` next to the Linux one.
  'windows-nodes-values.yaml': 'test/components/windows-node-agent.test.ts',
  'windows-otel-collector-values.yaml': 'test/components/windows-node-agent.test.ts',
  'windows-gpu-monitoring-values.yaml': 'test/components/windows-node-agent.test.ts',
};

test('every values file of the corpus has a row', () => {
  const files = fs.readdirSync(DIR).filter(f => f.endsWith('.yaml') && !f.endsWith('.render.yaml'));
  expect(files.filter(f => !(f in EXPECTED) && !(f in REFUSED) && !(f in COMPARED_ELSEWHERE))).toEqual([]);
  for (const [f, test] of Object.entries(COMPARED_ELSEWHERE)) expect({ f, reads: fs.readFileSync(path.join(__dirname, '..', '..', test), 'utf8').includes(f) }).toEqual({ f, reads: true });
  expect(files.filter(f => !fs.existsSync(path.join(DIR, f.replace(/\.yaml$/, '.render.yaml'))))).toEqual([]);
});

describe.each(Object.keys(REFUSED))('chart CI values %s', file => {
  test('is refused at synthesis, with the option path', () => {
    const [error, difference] = REFUSED[file];
    expect(() => corpusRow(file)).toThrow(error);
    expect(chartDifference(difference)).toBeDefined();
  });
});

describe.each(Object.keys(EXPECTED))('chart CI values %s', file => {
  test('imports, synthesizes and compares with the chart\'s render', () => {
    const row = corpusRow(file);
    const undocumented = row.comparison.findings.filter(f => !f.documented).map(f => f.key);
    expect([row.keys, row.mapped, undocumented.length]).toEqual(EXPECTED[file]);
  });
});

test('the README\'s corpus table shows these numbers', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  for (const [file, [keys, mapped, undocumented]] of Object.entries(EXPECTED)) {
    const row = readme.split('\n').find(l => l.startsWith(`| \`${file}\``));
    expect({ file, row: row?.replace(/^\| `[^`]+`[^|]*\| /, '') }).toEqual({ file, row: `${keys} | ${mapped} (${Math.round(100 * mapped / keys)} %) | ${undocumented} |` });
  }
});
