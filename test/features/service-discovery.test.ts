import * as YAML from 'yaml';
import { envOf, featureSlice, mountsOf, render } from '../support/helpers';

const cfgOf = (m: any) => YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);

describe('service discovery', () => {
  const m = render({ serviceDiscovery: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('system-probe with discovery (lite on 7.78+) and network stats', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe']);
    expect(cfgOf(m).discovery).toEqual({ enabled: true, use_system_probe_lite: true, network_stats: { enabled: true } });
    const mounts = mountsOf(m.container('system-probe'));
    expect(mounts['/host/sys/fs/cgroup']).toMatchObject({ name: 'cgroups', readOnly: true });
    expect(mounts['/lib/modules']).toBeDefined(); // network stats compile at runtime
    expect(envOf(m.container('agent'))).not.toHaveProperty('DD_SYSTEM_PROBE_ENABLED');
  });

  test('without network stats no runtime compilation', () => {
    const m2 = render({ serviceDiscovery: { enabled: true, networkStats: false } });
    expect(cfgOf(m2).discovery.network_stats).toEqual({ enabled: false });
    expect(mountsOf(m2.container('system-probe'))).not.toHaveProperty(['/lib/modules']);
    expect(m2.volume('apt-config-dir')).toBeUndefined();
  });

  test('agents before 7.78 do not ask for system-probe-lite', () => {
    const old = render({ serviceDiscovery: { enabled: true }, images: { agentTag: '7.77.0' } });
    expect(cfgOf(old).discovery.use_system_probe_lite).toBe(false);
  });
});

test('off by default, unlike the chart for agent 7.78+', () => {
  const m = render();
  expect(m.container('system-probe')).toBeUndefined();
  const other = render({ oomKill: { enabled: true } });
  expect(cfgOf(other)).not.toHaveProperty('discovery');
});

test('bad input: network stats without discovery', () => {
  expect(() => render({ serviceDiscovery: { networkStats: true } })).toThrow(/serviceDiscovery.networkStats needs serviceDiscovery.enabled, which is false/);
});
