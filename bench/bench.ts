/**
 * Synthesis benchmark: 1, 50 and 500 clusters, each the full default topology (node agents +
 * Cluster Agent) in its own Chart, written to YAML like `cdk8s synth` does.
 *
 * Two structures are measured, each in a fresh child process so peak RSS is its own:
 * - `one-app`: every cluster's Chart in a single App. cdk8s validates the whole App for every
 *   Chart it synthesizes, so this grows quadratically.
 * - `app-per-cluster`: one App per cluster (what a fleet pipeline should do). Linear.
 *
 * A third reference, `helm-template`, renders the same topology with the official chart: one
 * `helm template` per cluster (release `datadog`, the cluster's name and tag set), as a fleet
 * pipeline with the chart would. It runs when HELM names a helm binary and DATADOG_CHART the
 * chart's directory (charts/datadog of DataDog/helm-charts at the version the library follows;
 * test/fixtures/chart-3.240.0/README.md says where both come from), and is skipped otherwise.
 *
 * Run: npm run bench. Results depend on the machine; nothing here asserts a timing.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Credentials, DatadogAgent } from '../src';

/**
 * `app-per-cluster` and `one-app` build each cluster with DatadogAgent; `literal-json` hands the
 * same objects to cdk8s as literal JSON (ApiObjects of the JSON one DatadogAgent synthesized):
 * the cdk8s limit, what synthesis costs without the library's work.
 */
type Mode = 'one-app' | 'app-per-cluster' | 'literal-json' | 'helm-template';

function cluster(app: App, i: number): void {
  const chart = new Chart(app, `cluster-${i}`, { namespace: 'datadog' });
  new DatadogAgent(chart, 'datadog', {
    credentials: Credentials.fromSecret('datadog-secret'),
    clusterName: `cluster-${i}`,
    tags: [`cluster_index:${i}`],
  });
}

function child(n: number, mode: Mode): void {
  const out = mkdtempSync(join(tmpdir(), 'cdk8s-datadog-bench-'));
  const start = process.hrtime.bigint();
  if (mode === 'helm-template') {
    let rss = 0;
    // GNU time reports each helm run's peak RSS (KiB) on the last stderr line; without it, RSS is 0.
    const timed = existsSync('/usr/bin/time') ? '/usr/bin/time -f %M ' : '';
    for (let i = 0; i < n; i++) {
      const r = spawnSync('bash', ['-c', `${timed}"$HELM" template datadog "$DATADOG_CHART" -n datadog --kube-version 1.30.0 --set datadog.apiKeyExistingSecret=datadog-secret,datadog.clusterName=cluster-${i},datadog.tags[0]=cluster_index:${i} > ${join(out, `${i}.yaml`)}`], { encoding: 'utf-8' });
      if (r.status !== 0) throw new Error(`helm template failed: ${r.stderr}`);
      if (timed) rss = Math.max(rss, Number(r.stderr.trim().split('\n').pop()) / 1024);
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    rmSync(out, { recursive: true, force: true });
    process.stdout.write(JSON.stringify({ n, mode, ms, rssMiB: rss }));
    return;
  }
  if (mode === 'literal-json') {
    const template = new App();
    cluster(template, 0);
    const objects = template.charts[0].toJson();
    const setup = Number(process.hrtime.bigint() - start);
    for (let i = 0; i < n; i++) {
      const app = new App({ outdir: join(out, String(i)) });
      const chart = new Chart(app, `cluster-${i}`, { namespace: 'datadog' });
      objects.forEach((o: any, k: number) => new ApiObject(chart, `o${k}`, o));
      app.synth();
    }
    const ms = (Number(process.hrtime.bigint() - start) - setup) / 1e6;
    rmSync(out, { recursive: true, force: true });
    process.stdout.write(JSON.stringify({ n, mode, ms, rssMiB: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  if (mode === 'one-app') {
    const app = new App({ outdir: out });
    for (let i = 0; i < n; i++) cluster(app, i);
    app.synth();
  } else {
    for (let i = 0; i < n; i++) {
      const app = new App({ outdir: join(out, String(i)) });
      cluster(app, i);
      app.synth();
    }
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(out, { recursive: true, force: true });
  process.stdout.write(JSON.stringify({ n, mode, ms, rssMiB: process.resourceUsage().maxRSS / 1024 }));
}

function main(): void {
  const sizes = (process.env.BENCH_SIZES ?? '1,50,500').split(',').map(Number);
  const rows: string[] = [];
  console.log('clusters | structure        | wall ms | ms/cluster | peak RSS MiB');
  console.log('-------- | ---------------- | ------- | ---------- | ------------');
  for (const n of sizes) {
    const helm = process.env.HELM && process.env.DATADOG_CHART;
    for (const mode of ['app-per-cluster', 'one-app', 'literal-json', ...(helm ? ['helm-template'] : [])] as Mode[]) {
      const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, 'child', String(n), mode], { encoding: 'utf-8' });
      if (r.status !== 0) throw new Error(`bench child failed: ${r.stderr}`);
      const res = JSON.parse(r.stdout);
      const row = `${String(n).padStart(8)} | ${mode.padEnd(16)} | ${res.ms.toFixed(0).padStart(7)} | ${(res.ms / n).toFixed(1).padStart(10)} | ${res.rssMiB.toFixed(0).padStart(12)}`;
      rows.push(row);
      console.log(row);
    }
  }
  if (!process.env.HELM || !process.env.DATADOG_CHART) console.log('helm-template skipped: set HELM (a helm binary) and DATADOG_CHART (the chart directory)');
}

if (process.argv[2] === 'child') child(Number(process.argv[3]), process.argv[4] as Mode);
else main();
