/**
 * Proves a refactor of the Helm importer changed no output: imports every chart values file of the
 * corpus (test/fixtures/chart-3.240.0/*-values.yaml) with `importValues` and prints one JSON line per
 * file (props, sources, report, defaults, secrets and whether propsFromJson takes the props, or the
 * import error), then the same for a few
 * probes of single keys (good, odd and bad values, so error messages are compared too). Run it before
 * and after:
 *   npx ts-node --transpile-only scripts/import-corpus-json.ts > /tmp/before.jsonl   ...   | diff /tmp/before.jsonl -
 */
import * as fs from 'fs';
import * as path from 'path';
import { DatadogAgent } from '../src';
import { mergeValues, parseValues } from '../src/cli/helm-values';
import type { Values } from '../src/cli/helm-values';
import { importValues } from '../src/cli/import-helm';

const DIR = path.join(__dirname, '..', 'test', 'fixtures', 'chart-3.240.0');

function run(name: string, values: Values): void {
  let out: unknown;
  try {
    const r = importValues(values, { keepChartDefaults: true });
    let propsFromJson = 'ok';
    try {
      DatadogAgent.propsFromJson(r.props);
    } catch (e) {
      propsFromJson = (e as Error).message;
    }
    out = { props: r.props, sources: r.sources, report: r.report, defaults: r.defaults, secrets: r.secrets, propsFromJson };
  } catch (e) {
    out = { error: (e as Error).message };
  }
  console.log(JSON.stringify({ name, ...(out as object) }));
}

/** `a.b.c` → `{ a: { b: { c: v } } }`. */
function nest(key: string, v: unknown): Values {
  return key.split('.').reverse().reduce<unknown>((x, k) => ({ [k]: x }), v) as Values;
}

const files = fs.readdirSync(DIR).filter(f => f.endsWith('-values.yaml')).sort();
for (const f of files) run(f, mergeValues({}, parseValues(fs.readFileSync(path.join(DIR, f), 'utf8'), f)));

/** Keys whose rules take one of a few values, a fixed value, a secret or a converted value. */
const PROBES: [string, unknown[]][] = [
  ['datadog.site', ['datadoghq.com', 'us3.datadoghq.com', 'us5.datadoghq.com', 'datadoghq.eu', 'ap1.datadoghq.com', 'ap2.datadoghq.com', 'ddog-gov.com', 'datad0g.com', 'EU', 3, true, null, [], {}]],
  ['datadog.dogstatsd.tagCardinality', ['low', 'orchestrator', 'high', 'High', 'LOW', 'none', 1, null, {}]],
  ['datadog.checksCardinality', ['low', 'orchestrator', 'high', 'Orchestrator', 'none', null]],
  ['clusterAgent.admissionController.cwsInstrumentation.mode', ['remote_copy', 'init_container', 'Init_Container', 'sidecar', null]],
  ['agents.priorityPreemptionPolicyValue', ['PreemptLowerPriority', 'Never', 'never', '', null, 1]],
  ['targetSystem', ['linux', 'windows', 'Windows', 'darwin', null, {}]],
  ['datadog.logLevel', ['info', 'WARNING', 'Warn', 'off', 'verbose', null]],
  ['datadog.kubeStateMetricsEnabled', [true, false, 'true', 'false', 'yes', null]],
  ['agents.enabled', [true, false, 'false', 'no', null]],
  ['datadog.apiKey', ['x', 1, null]],
  ['datadog.appKey', ['x', null]],
  ['clusterAgent.token', ['x', {}]],
  ['datadog.apiKeyExistingSecret', ['s', null]],
  ['datadog.appKeyExistingSecret', ['s', null]],
  ['clusterAgent.tokenExistingSecret', ['s', []]],
  ['datadog.criSocketPath', ['/run/crio.sock', null]],
  ['datadog.dockerSocketPath', ['/run/docker.sock', 1]],
  ['datadog.disableDefaultOsReleasePaths', [true, false, 'x']],
  ['datadog.expvarPort', [6000, '6001', 'x']],
  ['datadog.clusterTagger.collectKubernetesTags', [true, 'false', 2]],
  ['datadog.apm.portEnabled', [true, false, 'x']],
  ['datadog.confd', [{ 'a.yaml': 'instances: [{}]' }, { b: 'x: 1' }, { 'c.yaml': 'bad: 1' }, 'x']],
  ['clusterAgent.confd', [{ 'a.yaml': 'init_config: {}\ninstances: [{}]' }, { 'c.yaml': '[' }]],
  ['datadog.networkPolicy.flavor', ['kubernetes', 'cilium', 'Cilium', 'calico', null]],
  ['datadog.podLabelsAsTags', [{ app: 'app' }, 'x']],
  ['datadog.kubernetesResourcesLabelsAsTags', [{ nodes: { a: 'b' } }]],
  ['agents.containers.initContainers.resources', [{ requests: { cpu: '1m' } }]],
  ['agents.containers.otelAgent.logLevel', ['debug', 'bad']],
  ['agents.containers.systemProbe.volumeMounts', [[{ name: 'v', mountPath: '/x' }]]],
  ['clusterChecksRunner.podAnnotations', [{ a: '{{ .Values.targetSystem }}' }]],
  ['agents.podAnnotations', [{ a: 'x' }, { a: '{{ .Values.nope }}' }]],
  ['agents.volumes', [[{ name: 'v', emptyDir: {} }], [{ name: 'v' }]]],
  ['datadog.apm.instrumentation.targets', [[{ name: 't', ddTraceConfigs: [{ name: 'A', valueFrom: { fieldRef: { fieldPath: 'x' } } }] }], 'x']],
  ['datadog.prometheusScrape.additionalConfigs', [[{ configurations: [{ send_histograms_buckets: true }] }], [{ x: 1 }]]],
  ['datadog.secretBackend.roles', [[{ namespace: 'n', secrets: ['a'] }], [{}]]],
];
for (const [key, vs] of PROBES) for (const v of vs) run(`${key}=${JSON.stringify(v)}`, nest(key, v));
// Keys that act together.
run('flavor without a policy', { datadog: { networkPolicy: { flavor: 'cilium' } } });
run('flavor with a policy', { datadog: { networkPolicy: { create: true, flavor: 'cilium' } } });
run('flavor default with a policy', { agents: { networkPolicy: { create: true } } });
run('two secrets', { datadog: { apiKeyExistingSecret: 'a', appKeyExistingSecret: 'b' } });
run('same secret', { datadog: { apiKeyExistingSecret: 'a', appKeyExistingSecret: 'a' }, clusterAgent: { tokenExistingSecret: 'a' } });
run('windows and agents placement', { targetSystem: 'windows', agents: { nodeSelector: { a: 'b' } } });
run('apm enabled and port', { datadog: { apm: { enabled: true, portEnabled: false } } });
run('apm off, socket off', { datadog: { apm: { enabled: false, socketEnabled: false } } });
run('apm off, socket on', { datadog: { apm: { enabled: false } } });
run('process-agent settings without NPM', { agents: { containers: { processAgent: { logLevel: 'debug', env: [{ name: 'A', value: 'b' }] } } } });
run('process-agent settings with NPM', { datadog: { networkMonitoring: { enabled: true } }, agents: { containers: { processAgent: { logLevel: 'debug' } } } });
run('security-agent settings with CWS', { datadog: { securityAgent: { runtime: { enabled: true } } }, agents: { containers: { securityAgent: { envDict: { A: 'b' } } } } });
run('every container resources', { agents: { containers: Object.fromEntries(['agent', 'traceAgent', 'processAgent', 'systemProbe', 'securityAgent', 'otelAgent', 'initContainers'].map(c => [c, { resources: { limits: { memory: '1Gi' } } }])) } });
run('every container ports and mounts', { agents: { containers: Object.fromEntries(['agent', 'traceAgent', 'processAgent', 'systemProbe', 'securityAgent', 'otelAgent'].map(c => [c, { ports: [{ containerPort: 1 }], volumeMounts: [{ name: 'v', mountPath: '/v' }] }])) } });
run('every as-tags map', { datadog: Object.fromEntries(['podLabelsAsTags', 'podAnnotationsAsTags', 'nodeLabelsAsTags', 'namespaceLabelsAsTags', 'namespaceAnnotationsAsTags', 'kubernetesResourcesLabelsAsTags', 'kubernetesResourcesAnnotationsAsTags'].map(k => [k, { a: 'b' }])) });
run('platforms clash', { providers: { aks: { enabled: true }, talos: { enabled: true } } });
run('SCC', { agents: { podSecurity: { securityContextConstraints: { create: true } } } });
