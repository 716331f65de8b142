import { Testing } from 'cdk8s';
import { build } from '../../examples/apm-logs-npm/main';
import { Manifest, envOf, synth } from '../support/helpers';

test('the APM + logs + NPM example synthesizes, valid against the strict schema', () => {
  const chart = build(Testing.app());
  const m = new Manifest(synth(chart));
  expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe', 'process-agent']);
  expect(envOf(m.container('agent'))).toMatchObject({ DD_APM_ENABLED: 'true', DD_LOGS_ENABLED: 'true', DD_SYSTEM_PROBE_NETWORK_ENABLED: 'true' });
  expect(m.container('trace-agent').ports[0]).toMatchObject({ containerPort: 8126, hostPort: 8126 });
  expect(m.find('ConfigMap', 'datadog-system-probe-config')).toBeDefined();
});
