#!/usr/bin/env node
/**
 * The `cdk8s-datadog` command (package.json `bin`, generated from .projenrc.ts). Not part of the
 * jsii API: nothing here is exported from src/index.ts.
 *
 *   cdk8s-datadog compare <chart-render.yaml> <ours.yaml> [--markdown|--json]
 *     exit 0: no undocumented difference; 1: undocumented differences; 2: bad input.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { DatadogAgent } from '../datadog-agent';
import { programFor } from './codegen';
import { compareManifests, formatJson, formatMarkdown, formatText } from './compare';
import type { Values } from './helm-values';
import { InputProblem, mergeValues, parseSet, parseValues } from './helm-values';
import type { ImportResult } from './import-helm';
import { importValues } from './import-helm';
import { InputError } from '../input/strict';

/** A problem with the command line or its input files: exit code 2, nothing written. */
export class UsageError extends Error {}

export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const USAGE = `usage:
  cdk8s-datadog import-helm <values.yaml> [-f more.yaml ...] [--set key=value ...] [--keep-chart-defaults] [--out main.ts] [--json]
    exit 0: imported (the report lists what is not supported); 2: bad input, nothing written.
  cdk8s-datadog compare <chart-render.yaml> <ours.yaml> [--markdown|--json]
`;

/** Runs the command and returns its exit code. */
export function run(argv: string[], io: CliIo): number {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === 'compare') return compare(rest, io);
    if (cmd === 'import-helm') return importHelm(rest, io);
    if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') { io.out(USAGE); return cmd === undefined ? 2 : 0; }
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`cdk8s-datadog: ${e.message}\n${USAGE}`); return 2; }
    throw e;
  }
}

function compare(args: string[], io: CliIo): number {
  const files = args.filter(a => !a.startsWith('--'));
  const flags = args.filter(a => a.startsWith('--'));
  const bad = flags.filter(f => f !== '--markdown' && f !== '--json');
  if (bad.length) throw new UsageError(`compare: unknown option ${bad.join(', ')}`);
  if (flags.length > 1) throw new UsageError('compare: --markdown and --json exclude each other');
  if (files.length !== 2) throw new UsageError('compare takes two files: the chart\'s render and ours');
  const c = compareManifests(readManifest(files[0]), readManifest(files[1]));
  io.out(flags[0] === '--json' ? formatJson(c) : flags[0] === '--markdown' ? formatMarkdown(c) : formatText(c));
  return c.undocumented ? 1 : 0;
}

function importHelm(args: string[], io: CliIo): number {
  const files: string[] = [];
  const sets: string[] = [];
  let out: string | undefined;
  let json = false;
  let keep = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => { if (i + 1 >= args.length) throw new UsageError(`import-helm: ${a} needs a value`); return args[++i]; };
    if (a === '-f' || a === '--values') files.push(next());
    else if (a === '--set') sets.push(next());
    else if (a.startsWith('--set=')) sets.push(a.slice(6));
    else if (a === '--out' || a === '-o') out = next();
    else if (a === '--json') json = true;
    else if (a === '--keep-chart-defaults') keep = true;
    else if (a.startsWith('-')) throw new UsageError(`import-helm: unknown option ${a}`);
    else files.push(a);
  }
  if (!files.length) throw new UsageError('import-helm needs at least one values file');
  let values: Values = {};
  let result: ImportResult;
  let text: string;
  try {
    for (const f of files) values = mergeValues(values, parseValues(readText(f), f));
    for (const s of sets) values = mergeValues(values, parseSet(s));
    result = importValues(values, { keepChartDefaults: keep });
    try {
      DatadogAgent.propsFromJson(result.props);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new InputProblem(`the imported options are not valid:\n${e.problems.map(p => `  ${p}`).join('\n')}`);
    }
    text = json ? JSON.stringify(result.props, null, 2) + '\n' : programFor(result.props, result.sources);
  } catch (e) {
    if (e instanceof InputProblem) throw new UsageError(e.message);
    throw e;
  }
  const report = migrationReport(result);
  if (out) {
    fs.writeFileSync(out, text);
    io.out(report);
  } else {
    io.out(text);
    io.err(report);
  }
  return 0;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputProblem(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** The migration report: every key set, what happens to it; defaults that change; Secrets to create. */
export function migrationReport(r: ImportResult): string {
  const lines: string[] = ['# Migration report', ''];
  const count = (s: string) => r.report.filter(e => e.status === s).length;
  const total = r.report.length;
  const pct = total ? Math.round((100 * count('mapped')) / total) : 100;
  lines.push(`${total} key(s) set: ${count('mapped')} mapped (${pct} %), ${count('not-needed')} not needed, ${count('not-supported')} not supported, ${count('unknown')} unknown.`, '');
  for (const e of r.report) lines.push(`- ${e.status.padEnd(13)} ${e.key}${e.detail ? ` → ${e.detail}` : ''}`);
  if (r.defaults.length) {
    lines.push('', '## Defaults that differ from the chart', '');
    for (const d of r.defaults) lines.push(`- [${d.id}] ${d.change}. ${d.kept ? `Kept the chart's behaviour: ${d.keep}.` : `To keep the chart's behaviour: ${d.keep}${d.keepable ? ' (or --keep-chart-defaults)' : ''}.`}`);
  }
  lines.push('', '## Secrets', '', 'Credentials are never copied from the values. Create (or keep) this Secret before switching:', '');
  const creds = r.props.credentials as { fromSecret?: unknown } | undefined;
  const name = Array.isArray(creds?.fromSecret) ? creds?.fromSecret[0] : creds?.fromSecret;
  lines.push(`Secret \`${String(name)}\` with keys:`);
  for (const s of r.secrets) lines.push(`- ${s}`);
  return lines.join('\n') + '\n';
}

/** The objects of a multi-document YAML file (empty documents and `List` items flattened). */
export function readManifest(file: string): any[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const docs = YAML.parseAllDocuments(text);
  const objects: any[] = [];
  for (const d of docs as YAML.Document[]) {
    if (d.errors?.length) throw new UsageError(`${file}: not YAML: ${d.errors[0].message.split('\n')[0]}`);
    const v = d.toJSON();
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) throw new UsageError(`${file}: every document must be a Kubernetes object`);
    if (v.kind === 'List' && Array.isArray(v.items)) objects.push(...v.items);
    else objects.push(v);
  }
  return objects;
}

/* istanbul ignore next: the process wrapper; tests call run() */
if (require.main === module) {
  process.exitCode = run(process.argv.slice(2), { out: s => process.stdout.write(s), err: s => process.stderr.write(s) });
}
