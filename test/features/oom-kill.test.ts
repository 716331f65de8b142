import * as YAML from 'yaml';
import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

describe('OOM kill', () => {
  const m = render({ oomKill: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('system-probe only: no process-agent, no extra agent env', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe']);
    expect(envOf(m.container('agent'))).not.toHaveProperty('DD_SYSTEM_PROBE_ENABLED');
  });

  test('system-probe.yaml turns the check on; runtime compilation mounts follow', () => {
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg.system_probe_config.enable_oom_kill).toBe(true);
    expect(cfg.system_probe_config.enable_tcp_queue_length).toBe(false);
    const mounts = mountsOf(m.container('system-probe'));
    expect(mounts['/lib/modules']).toMatchObject({ readOnly: true });
    expect(mounts['/var/tmp/datadog-agent/system-probe/kernel-headers']).toBeDefined();
    expect(m.container('system-probe').securityContext.capabilities.add).not.toContain('KILL');
  });
});

test('OOM kill off is the default', () => {
  expect(render({ oomKill: {} }).container('system-probe')).toBeUndefined();
  expect(render({ oomKill: { enabled: false } }).container('system-probe')).toBeUndefined();
});
