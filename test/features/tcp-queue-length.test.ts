import * as YAML from 'yaml';
import { featureSlice, mountsOf, render } from '../support/helpers';

describe('TCP queue length', () => {
  const m = render({ tcpQueueLength: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('system-probe only, with runtime compilation', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe']);
    const cfg = YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(cfg.system_probe_config.enable_tcp_queue_length).toBe(true);
    expect(cfg.system_probe_config.enable_oom_kill).toBe(false);
    const mounts = mountsOf(m.container('system-probe'));
    expect(mounts['/usr/src']).toMatchObject({ name: 'src', readOnly: true });
    expect(mounts).not.toHaveProperty(['/host/sys/fs/cgroup']);
  });
});

test('TCP queue length off is the default', () => {
  expect(render({ tcpQueueLength: { enabled: false } }).container('system-probe')).toBeUndefined();
});
