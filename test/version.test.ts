import { readFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { DatadogAgent, Credentials } from '../src';
import { LIBRARY_VERSION } from '../src/version';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf-8'));

test('the real version module reads this package.json', () => {
  expect(LIBRARY_VERSION).toBe(pkg.version);
});

test('the install-info ConfigMap reports the library version (pinned to 0.0.0-test in tests)', () => {
  const chart = Testing.chart();
  new DatadogAgent(chart, 'dd', { namespace: 'datadog', credentials: Credentials.fromSecret('datadog-secret') });
  const info = Testing.synth(chart).find(o => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-installinfo'));
  expect(info.data.install_info).toContain('tool_version: cdk8s-datadog-0.0.0-test\n');
  expect(info.data.install_info).toContain('installer_version: cdk8s-datadog-0.0.0-test\n');
});

test('package.json: experimental before 1.0, honest author, the real repository', () => {
  if (Number(pkg.version.split('.')[0]) < 1) expect(pkg.stability).toBe('experimental');
  expect(pkg.author.name).not.toMatch(/example/);
  expect(pkg.author.email ?? '').not.toMatch(/\.example$/);
  expect(pkg.repository.url).toBe('https://github.com/cdk8s-datadog/cdk8s-datadog.git');
});
