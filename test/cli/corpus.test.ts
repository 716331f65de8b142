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
import { synth, testChart } from '../support/helpers';

const DIR = path.join(__dirname, '..', 'fixtures', 'chart-3.240.0');

/** values file → [keys, mapped, undocumented differences]. Lower is better for the last: update when fixed. */
const EXPECTED: { [file: string]: [number, number, number] } = {
  'default-values.yaml': [3, 3, 0],
  'dogstastd-socket-values.yaml': [6, 6, 0],
  'otlp-ingest-values.yaml': [4, 4, 0],
  'kubeconform-values.yaml': [31, 26, 1],
  'no-hardened-seccomp-values.yaml': [5, 4, 0],
  'cluster-agent-and-worker-with-dedicated-rbac-values.yaml': [11, 7, 0],
  'apm-port-enabled-admission-controller-values.yaml': [6, 6, 0],
  'system-probe-activity-dump-values.yaml': [6, 4, 0],
  'network-policy-values.yaml': [10, 9, 0],
  'agent-otel-collector-values.yaml': [8, 7, 0],
  'agent-otel-collector-no-config-values.yaml': [6, 5, 0],
  'agent-otel-collector-ports-values.yaml': [8, 7, 0],
  'agent-otel-collector-logs-values.yaml': [8, 7, 0],
  'agent-otel-collector-with-rbac-values.yaml': [7, 6, 0],
  'agent-otel-collector-with-rbac-custom-rules-values.yaml': [9, 8, 0],
  'agent-otel-collector-volume-mounts-values.yaml': [9, 8, 0],
  'provider-talos-values.yaml': [4, 4, 0],
  'provider-talos-security-values.yaml': [6, 6, 0],
  'eks-control-plane-monitoring-values.yaml': [5, 5, 0],
  // GKE on Google Distributed Cloud is not supported (providers.gke.gdc): what it changes shows as differences.
  'gke-gdc-values.yaml': [11, 10, 144],
  // Ours, not the chart's CI files (their header says so), rendered the same way.
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

describe.each(Object.keys(EXPECTED))('chart CI values %s', file => {
  test('imports, synthesizes and compares with the chart\'s render', () => {
    const row = corpusRow(file);
    const undocumented = row.comparison.findings.filter(f => !f.documented).map(f => f.key);
    expect([row.keys, row.mapped, undocumented.length]).toEqual(EXPECTED[file]);
  });
});
