import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';

function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = run(argv, { out: s => { out += s; }, err: s => { err += s; } });
  return { code, out, err };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-datadog-cli-'));
const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const ds = (env: string) => `apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: datadog}\nspec:\n  template:\n    spec:\n      containers:\n      - name: agent\n        env: [${env}]\n`;

describe('cdk8s-datadog compare', () => {
  const chart = write('chart.yaml', `---\n${ds('{name: A, value: "1"}')}---\n`);
  const documented = write('documented.yaml', ds('{name: A, value: "1"}, {name: DD_SITE, value: datadoghq.com}'));
  const undocumented = write('undocumented.yaml', ds('{name: A, value: "2"}'));

  test('exit 0 when every difference is documented', () => {
    const r = cli('compare', chart, documented);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[documented: site-always]');
  });

  test('exit 1 when undocumented differences remain; --json and --markdown', () => {
    expect(cli('compare', chart, undocumented).code).toBe(1);
    expect(JSON.parse(cli('compare', chart, undocumented, '--json').out).undocumented).toBe(1);
    expect(cli('compare', chart, undocumented, '--markdown').out).toMatch(/^# Chart render vs cdk8s-datadog/);
  });

  test('exit 2 on bad input, naming the file', () => {
    const bad = write('bad.yaml', 'a: [1\n');
    expect(cli('compare', chart, bad)).toMatchObject({ code: 2, out: '' });
    expect(cli('compare', chart, bad).err).toContain(`${bad}: not YAML`);
    expect(cli('compare', chart, path.join(dir, 'missing.yaml')).err).toContain('cannot read (ENOENT)');
    expect(cli('compare', chart).code).toBe(2);
    expect(cli('compare', chart, chart, '--xml').err).toContain('unknown option --xml');
    expect(cli('compare', chart, chart, '--json', '--markdown').code).toBe(2);
    expect(cli('nope').err).toContain('unknown command "nope"');
    expect(cli().code).toBe(2);
    expect(cli('--help')).toMatchObject({ code: 0 });
  });
});

describe('cdk8s-datadog import-helm', () => {
  const values = write('values.yaml', 'datadog:\n  apiKey: topsecret\n  site: datadoghq.eu\n  logs: {enabled: true}\n');

  test('writes a program with the chart key of every option, and the report', () => {
    const out = path.join(dir, 'main.ts');
    const r = cli('import-helm', values, '--set', 'datadog.clusterName=prod', '--out', out);
    expect(r.code).toBe(0);
    const program = fs.readFileSync(out, 'utf8');
    expect(program).toContain('// from datadog.site\n  site: DatadogSite.EU1,');
    expect(program).toContain('clusterName: "prod"');
    expect(program).toContain('credentials: Credentials.fromSecret("datadog-secret")');
    expect(program).not.toContain('topsecret');
    expect(r.out).toContain('4 key(s) set: 4 mapped (100 %)');
    expect(r.out).toContain('Secret `datadog-secret` with keys:');
  });

  test('--json prints props for propsFromJson; -f merges more files', () => {
    const more = write('more.yaml', 'datadog:\n  logs: {enabled: false}\n');
    const r = cli('import-helm', values, '-f', more, '--json');
    expect(JSON.parse(r.out)).toMatchObject({ site: 'EU1', logs: { enabled: false } });
    expect(r.err).toContain('# Migration report');
  });

  test('bad input: exit 2, a message naming the file or key, nothing written', () => {
    const out = path.join(dir, 'never.ts');
    const bad = write('bad-values.yaml', 'datadog: [1\n');
    expect(cli('import-helm', bad, '--out', out)).toMatchObject({ code: 2, out: '' });
    expect(cli('import-helm', bad).err).toContain(`${bad}: not YAML`);
    expect(cli('import-helm', values, '--set', 'datadog.logs.enabled=maybe').err).toContain('datadog.logs.enabled: must be true or false');
    expect(cli('import-helm', values, '--set', 'oops').err).toContain('is not key=value');
    expect(cli('import-helm', values, '--bogus').code).toBe(2);
    expect(cli('import-helm').code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });
});
