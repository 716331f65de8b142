import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { DatadogAgent } from '../../src';
import { explainFinding } from '../../src/differences';
import { envOf, featureSlice, mountsOf, render, synth, testChart } from '../support/helpers';

/** The chart's render of our network-path-values.yaml (NPM, traceroute, connections monitoring, collector). */
const chartRender = YAML.parseAllDocuments(
  fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'chart-3.240.0', 'network-path-values.render.yaml'), 'utf8'),
).map(d => d.toJS()).filter(o => o);
const chartDs = chartRender.find(o => o.kind === 'DaemonSet');
const chartContainer = (name: string) => chartDs.spec.template.spec.containers.find((c: any) => c.name === name);
const networkPathEnv = (c: any) => Object.fromEntries(Object.entries(envOf(c)).filter(([k]) => k.startsWith('DD_NETWORK_PATH_')));
const sysprobeYaml = (m: { get(kind: string, name: string): any }) => YAML.parse(m.get('ConfigMap', 'datadog-system-probe-config').data['system-probe.yaml']);

describe('Network Path: traceroute module only', () => {
  const m = render({ networkPath: { enabled: true } });

  test('snapshot', () => {
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('system-probe with traceroute on; no process-agent, no cgroups, no host root, no runtime compilation', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent', 'system-probe']);
    expect(sysprobeYaml(m).traceroute).toEqual({ enabled: true });
    const sp = m.container('system-probe');
    // NET_RAW (raw sockets for the probes) is among system-probe's usual capabilities.
    expect(sp.securityContext.capabilities.add).toContain('NET_RAW');
    const mounts = mountsOf(sp);
    for (const p of ['/host/sys/fs/cgroup', '/host/root', '/usr/src', '/sys/fs/bpf']) expect(mounts).not.toHaveProperty([p]);
    expect(envOf(sp)).not.toHaveProperty('HOST_ROOT');
    // The agent (the network_path check) reaches system-probe through its socket.
    expect(mountsOf(m.container('agent'))['/var/run/sysprobe']).toMatchObject({ readOnly: true });
  });

  test('off: no traceroute section in system-probe.yaml (the agent\'s default, off)', () => {
    expect(sysprobeYaml(render({ oomKill: { enabled: true } }))).not.toHaveProperty('traceroute');
    expect(render().container('system-probe')).toBeUndefined();
  });

  test('systemProbe.enabled: false refuses it, naming the option', () => {
    expect(() => render({ networkPath: { enabled: true }, systemProbe: { enabled: false } }))
      .toThrow(/systemProbe.enabled is false, but networkPath.enabled needs system-probe/);
  });
});

describe('Network Path: connections monitoring with collector settings, on NPM', () => {
  const props = {
    networkMonitoring: { enabled: true },
    networkPath: {
      enabled: true,
      connectionsMonitoring: true,
      collector: { workers: 8, pathtestTtl: '30m', pathtestInterval: '10m', pathtestContextsLimit: 5000, pathtestMaxPerMinute: 100 },
    },
  };
  const m = render(props);

  test('snapshot', () => {
    expect(featureSlice(m, render({ networkMonitoring: { enabled: true } }))).toMatchSnapshot();
  });

  const expected = {
    DD_NETWORK_PATH_CONNECTIONS_MONITORING_ENABLED: 'true',
    DD_NETWORK_PATH_COLLECTOR_WORKERS: '8',
    DD_NETWORK_PATH_COLLECTOR_PATHTEST_TTL: '30m',
    DD_NETWORK_PATH_COLLECTOR_PATHTEST_INTERVAL: '10m',
    DD_NETWORK_PATH_COLLECTOR_PATHTEST_CONTEXTS_LIMIT: '5000',
    DD_NETWORK_PATH_COLLECTOR_PATHTEST_MAX_PER_MINUTE: '100',
  };

  test('the collector env goes to process-agent and, with direct send (agent 7.81+, the default), to system-probe', () => {
    expect(sysprobeYaml(m).network_config.direct_send).toBe(true);
    expect(networkPathEnv(m.container('process-agent'))).toEqual(expected);
    expect(networkPathEnv(m.container('system-probe'))).toEqual(expected);
    for (const c of ['agent', 'trace-agent']) expect(networkPathEnv(m.container(c))).toEqual({});
  });

  test('without direct send (agent before 7.81), process-agent only, as the chart', () => {
    const old = render({ ...props, images: { agentTag: '7.80.0' } });
    expect(sysprobeYaml(old).network_config.direct_send).toBe(false);
    expect(networkPathEnv(old.container('process-agent'))).toEqual(expected);
    expect(networkPathEnv(old.container('system-probe'))).toEqual({});
  });

  test('difference network-path-direct-send explains the system-probe env', () => {
    expect(explainFinding('+env:DaemonSet/datadog/system-probe:DD_NETWORK_PATH_COLLECTOR_WORKERS')?.id).toBe('network-path-direct-send');
    expect(explainFinding('-env:DaemonSet/datadog/process-agent:DD_NETWORK_PATH_COLLECTOR_WORKERS')).toBeUndefined();
  });

  test('only the collector settings given are set', () => {
    const few = render({ networkMonitoring: { enabled: true }, networkPath: { enabled: true, connectionsMonitoring: true } });
    expect(networkPathEnv(few.container('process-agent'))).toEqual({ DD_NETWORK_PATH_CONNECTIONS_MONITORING_ENABLED: 'true' });
  });

  test('the chart\'s facts: DD_NETWORK_PATH_* per container, traceroute in system-probe.yaml, capabilities', () => {
    for (const c of ['agent', 'process-agent']) expect(networkPathEnv(m.container(c))).toEqual(networkPathEnv(chartContainer(c)));
    // system-probe: the chart sets none (difference network-path-direct-send).
    expect(networkPathEnv(chartContainer('system-probe'))).toEqual({});
    const chartCfg = YAML.parse(chartRender.find(o => o.metadata?.name === 'datadog-system-probe-config').data['system-probe.yaml']);
    expect(sysprobeYaml(m).traceroute).toEqual(chartCfg.traceroute);
    expect(m.container('system-probe').securityContext.capabilities.add).toEqual([...chartContainer('system-probe').securityContext.capabilities.add].sort());
  });
});

test('strict input (JSON) accepts the options', () => {
  const chart = testChart();
  new DatadogAgent(chart, 'datadog', DatadogAgent.propsFromJson({
    credentials: { fromSecret: 'datadog-secret' },
    networkMonitoring: { enabled: true },
    networkPath: { enabled: true, connectionsMonitoring: true, collector: { workers: 2, pathtestInterval: '1h' } },
  }));
  const ds = synth(chart).find(o => o.kind === 'DaemonSet');
  const pa = ds.spec.template.spec.containers.find((c: any) => c.name === 'process-agent');
  expect(envOf(pa).DD_NETWORK_PATH_COLLECTOR_PATHTEST_INTERVAL).toBe('1h');
});

describe('Network Path bad input', () => {
  const npm = { networkMonitoring: { enabled: true } };
  test.each([
    [{ connectionsMonitoring: true }, {}, /networkPath.connectionsMonitoring needs networkPath.enabled, which is false/],
    [{ collector: { workers: 2 } }, {}, /networkPath.collector needs networkPath.enabled, which is false/],
    [{ enabled: true, connectionsMonitoring: true }, {}, /networkPath.connectionsMonitoring needs networkMonitoring.enabled, which is false/],
    [{ enabled: true, collector: { workers: 2 } }, npm, /networkPath.collector.workers needs networkPath.connectionsMonitoring, which is false/],
    [{ enabled: true, connectionsMonitoring: true, collector: { workers: 0 } }, npm, /networkPath.collector.workers must be >= 1, got 0/],
    [{ enabled: true, connectionsMonitoring: true, collector: { pathtestContextsLimit: 1.5 } }, npm, /networkPath.collector.pathtestContextsLimit must be an integer, got 1.5/],
    [{ enabled: true, connectionsMonitoring: true, collector: { pathtestMaxPerMinute: -1 } }, npm, /networkPath.collector.pathtestMaxPerMinute must be >= 1, got -1/],
    [{ enabled: true, connectionsMonitoring: true, collector: { pathtestTtl: '30' } }, npm, /networkPath.collector.pathtestTtl must be a Go duration .* got "30"/],
    [{ enabled: true, connectionsMonitoring: true, collector: { pathtestInterval: '5 minutes' } }, npm, /networkPath.collector.pathtestInterval must be a Go duration .* got "5 minutes"/],
    [{ enabled: 'true' }, {}, /networkPath.enabled must be true or false, got "true"/],
  ])('%j', (networkPath, extra, err) => {
    expect(() => render({ networkPath: networkPath as any, ...extra })).toThrow(err);
  });
});
