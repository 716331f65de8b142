// A fleet: the same Datadog setup stamped out for many clusters, with each cluster's differences
// kept as data in clusters/<name>.yaml and read with DatadogAgent.propsFromJson. One cdk8s App per
// cluster keeps synthesis linear in the number of clusters (an App validates all its charts
// together) and gives each cluster its own output directory to apply.
//
// Every cluster is built and validated before anything is written: one bad cluster file fails the
// whole run, lists every failing cluster, and leaves the output directory untouched.
// In your own app, import from 'cdk8s-datadog' instead of '../../src'.
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { DatadogAgent } from '../../src';

/** Where the per-cluster files live: one `<cluster name>.yaml` per cluster. */
export const CLUSTERS_DIR = join(__dirname, 'clusters');

/** The platform team's defaults, as data too. A cluster file overrides them key by key. */
export const DEFAULTS: { [key: string]: unknown } = {
  credentials: { fromSecret: 'datadog-secret' },
  nodeAgent: { priorityClassName: 'system-node-critical' },
};

/** One cluster file, not parsed yet (a YAML syntax error is that cluster's failure, like any other). */
export interface ClusterFile {
  /** The cluster's name: the file name without `.yaml`. Its output directory and default `clusterName`. */
  readonly name: string;
  /** The file, for messages. */
  readonly file: string;
  readonly text: string;
}

/** The cluster files of `dir`, sorted by name. */
export function loadClusters(dir: string = CLUSTERS_DIR): ClusterFile[] {
  return readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort().map(f => ({
    name: f.replace(/\.ya?ml$/, ''),
    file: join(dir, f),
    text: readFileSync(join(dir, f), 'utf8'),
  }));
}

/** Everything one cluster gets: the defaults, the cluster's name, then the cluster file's own values. */
export function cluster(app: App, name: string, doc: unknown): Chart {
  const chart = new Chart(app, 'datadog', { namespace: 'datadog' });
  const data = merge({ ...DEFAULTS, clusterName: name }, doc ?? {});
  new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson(data));
  return chart;
}

/** Objects merge key by key; anything else (lists included) in the cluster file replaces the default. */
function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over;
  const out: { [key: string]: unknown } = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const value = Object.prototype.hasOwnProperty.call(base, k) ? merge(base[k], v) : v;
    // defineProperty: a `__proto__` key stays a key (and propsFromJson rejects it by name).
    Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a fleet run did: the directories written, or why nothing was. */
export interface FleetResult {
  readonly written: string[];
  readonly failures: string[];
}

/**
 * Builds every cluster, then writes them all to `<outdir>/<cluster name>/`, or writes nothing
 * and returns every failing cluster's problems.
 */
export function synthFleet(outdir: string, clusters: ClusterFile[] = loadClusters()): FleetResult {
  if (clusters.length === 0) return { written: [], failures: ['no cluster files'] };
  const apps: App[] = [];
  const failures: string[] = [];
  for (const c of clusters) {
    try {
      const app = new App({ outdir: join(outdir, c.name) });
      cluster(app, c.name, parse(c.text));
      // Runs the same validation and serialization as synth(), without writing anything.
      app.synthYaml();
      apps.push(app);
    } catch (e) {
      failures.push(`${c.file}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (failures.length) return { written: [], failures };
  for (const app of apps) app.synth();
  return { written: apps.map(a => a.outdir), failures };
}

/** For tests and `cdk8s synth` of one cluster: the first cluster of the fleet in the given App. */
export function build(app: App): Chart {
  const [first] = loadClusters();
  return cluster(app, first.name, parse(first.text));
}

if (require.main === module) {
  // `cdk8s synth` sets CDK8S_OUTDIR; each cluster goes to its own directory below it.
  const result = synthFleet(process.env.CDK8S_OUTDIR ?? 'dist');
  if (result.failures.length) {
    console.error(`fleet: ${result.failures.length} cluster(s) failed, nothing written:\n${result.failures.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`fleet: ${result.written.length} clusters written (${result.written.join(', ')})`);
  }
}
