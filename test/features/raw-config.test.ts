import * as YAML from 'yaml';
import { explainFinding } from '../../src/differences';
import { envForKey } from '../../src/features/raw-config';
import { featureSlice, mountsOf, render } from '../support/helpers';

describe('raw configuration files', () => {
  const nodeAgent = { inventories_checks_configuration_enabled: true, logs_config: { use_compression: true, compression_level: 6 }, empty: null };

  test('nothing by default', () => {
    const m = render();
    expect(m.find('ConfigMap', 'datadog-datadog-yaml')).toBeUndefined();
    expect(m.volume('datadog-yaml')).toBeUndefined();
  });

  test('snapshot: node agent datadog.yaml as YAML in F-datadog-yaml, subPath-mounted read-only in every agent container', () => {
    const m = render({ rawConfig: { nodeAgent }, logs: { enabled: true }, networkMonitoring: { enabled: true } });
    const cm = m.get('ConfigMap', 'datadog-datadog-yaml');
    expect(YAML.parse(cm.data['datadog.yaml'])).toEqual(nodeAgent);
    expect(m.volume('datadog-yaml')).toEqual({ name: 'datadog-yaml', configMap: { name: 'datadog-datadog-yaml' } });
    for (const n of ['agent', 'trace-agent', 'process-agent', 'system-probe']) {
      expect(mountsOf(m.container(n))['/etc/datadog-agent/datadog.yaml']).toMatchObject({ name: 'datadog-yaml', subPath: 'datadog.yaml', readOnly: true });
    }
    expect(mountsOf(m.container('init-config'))['/etc/datadog-agent/datadog.yaml']).toBeUndefined();
    expect(m.daemonSet.spec.template.metadata.annotations['checksum/agent-config']).toMatch(/^[0-9a-f]{64}$/);
    expect(featureSlice(m, render({ logs: { enabled: true }, networkMonitoring: { enabled: true } }))).toMatchSnapshot();
  });

  test('the checksum follows the content, not the key order', () => {
    const sum = (v: any) => render({ rawConfig: { nodeAgent: v } }).daemonSet.spec.template.metadata.annotations['checksum/agent-config'];
    expect(sum({ a: 1, b: 2 })).toBe(sum({ b: 2, a: 1 }));
    expect(sum({ a: 1 })).not.toBe(sum({ a: 2 }));
  });

  test('Cluster Agent datadog-cluster.yaml in F-cluster-agent-config', () => {
    const m = render({ rawConfig: { clusterAgent: { cluster_agent: { kube_metadata_collection: { enabled: true } } } } });
    expect(YAML.parse(m.get('ConfigMap', 'datadog-cluster-agent-config').data['datadog-cluster.yaml']))
      .toEqual({ cluster_agent: { kube_metadata_collection: { enabled: true } } });
    expect(mountsOf(m.container('cluster-agent', m.clusterAgent))['/etc/datadog-agent/datadog-cluster.yaml'])
      .toMatchObject({ name: 'cluster-agent-yaml', subPath: 'datadog-cluster.yaml', readOnly: true });
    expect(m.clusterAgent.spec.template.metadata.annotations['checksum/clusteragent-config']).toMatch(/^[0-9a-f]{64}$/);
  });

  test('runners: F-clusterchecks-datadog-yaml, and the command no longer touches the read-only file', () => {
    const m = render({ clusterChecksRunner: { enabled: true }, rawConfig: { clusterChecksRunner: { check_runners: 8 } } });
    const runner = m.get('Deployment', 'datadog-clusterchecks');
    expect(m.get('ConfigMap', 'datadog-clusterchecks-datadog-yaml').data['datadog.yaml']).toBe('check_runners: 8\n');
    const agent = m.container('agent', runner);
    expect(mountsOf(agent)['/etc/datadog-agent/datadog.yaml']).toMatchObject({ name: 'datadog-yaml', subPath: 'datadog.yaml', readOnly: true });
    expect(agent.args.join(' ')).not.toContain('touch');
    expect(agent.args.join(' ')).toContain('exec agent run');
  });

  test('the agent naming rule for env vars', () => {
    expect(envForKey('logs_config.container_collect_all')).toBe('DD_LOGS_CONFIG_CONTAINER_COLLECT_ALL');
  });

  test('a key an option also sets is an error naming both', () => {
    expect(() => render({ rawConfig: { nodeAgent: { log_level: 'debug' } } }))
      .toThrow(/rawConfig.nodeAgent.log_level is also set by option logLevel \(DD_LOG_LEVEL on container agent\)/);
    expect(() => render({ rawConfig: { nodeAgent: { logs_config: { container_collect_all: true } } }, logs: { enabled: true } }))
      .toThrow(/rawConfig.nodeAgent.logs_config.container_collect_all is also set by option logs.containerCollectAll/);
    expect(() => render({ rawConfig: { nodeAgent: { apm_config: { enabled: false } } } }))
      .toThrow(/rawConfig.nodeAgent.apm_config.enabled is also set by option apm.enabled \(DD_APM_ENABLED/);
    expect(() => render({ rawConfig: { clusterAgent: { cluster_name: 'x' } }, clusterName: 'prod' }))
      .toThrow(/rawConfig.clusterAgent.cluster_name is also set by option clusterName \(DD_CLUSTER_NAME on container cluster-agent\)/);
    // the user's own env, too
    expect(() => render({ rawConfig: { nodeAgent: { my_setting: 1 } }, nodeAgent: { env: { DD_MY_SETTING: '2' } } }))
      .toThrow(/rawConfig.nodeAgent.my_setting is also set by an option of the library \(DD_MY_SETTING on container agent\)/);
  });

  test('bad input', () => {
    expect(() => render({ rawConfig: { nodeAgent: { when: new Date(0) } } })).toThrow(/rawConfig.nodeAgent.when must be a JSON value/);
    expect(() => render({ rawConfig: { clusterAgent: { a: 1 } }, clusterAgent: { enabled: false } })).toThrow(/rawConfig.clusterAgent needs a Cluster Agent/);
    expect(() => render({ rawConfig: { clusterChecksRunner: { a: 1 } } })).toThrow(/rawConfig.clusterChecksRunner needs clusterChecksRunner.enabled/);
  });
});

test('with the DDOT collector, its container reads the same datadog.yaml (difference raw-datadog-yaml)', () => {
  const m = render({ rawConfig: { nodeAgent: { inventories_configuration_enabled: true } }, otelCollector: { enabled: true } });
  expect(mountsOf(m.container('otel-agent'))['/etc/datadog-agent/datadog.yaml']).toMatchObject({ name: 'datadog-yaml', subPath: 'datadog.yaml', readOnly: true });
  expect(explainFinding('+mount:DaemonSet/datadog/otel-agent:/etc/datadog-agent/datadog.yaml')?.id).toBe('raw-datadog-yaml');
  expect(explainFinding('+mount:DaemonSet/datadog/agent:/etc/datadog-agent/datadog.yaml')).toBeUndefined();
});
