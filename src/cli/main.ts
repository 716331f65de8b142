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
import { compareManifests, formatJson, formatMarkdown, formatText } from './compare';

/** A problem with the command line or its input files: exit code 2, nothing written. */
export class UsageError extends Error {}

export interface CliIo {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
}

const USAGE = `usage:
  cdk8s-datadog compare <chart-render.yaml> <ours.yaml> [--markdown|--json]
`;

/** Runs the command and returns its exit code. */
export function run(argv: string[], io: CliIo): number {
  try {
    const [cmd, ...rest] = argv;
    if (cmd === 'compare') return compare(rest, io);
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
