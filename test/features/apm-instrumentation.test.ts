import { EnvValueSource } from '../../src';
import { envOf, render } from '../support/helpers';

describe('APM single-step instrumentation', () => {
  test('enabled with namespaces and library versions', () => {
    const m = render({ apm: { instrumentation: { enabled: true, enabledNamespaces: ['shop', 'api', 'shop'], libVersions: { python: 'v2', java: '1.38.0' } } } });
    const env = envOf(m.container('cluster-agent', m.clusterAgent));
    const ssi = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('DD_APM_INSTRUMENTATION')));
    expect(ssi).toMatchSnapshot();
    expect(ssi).toEqual({
      DD_APM_INSTRUMENTATION_ENABLED: 'true',
      DD_APM_INSTRUMENTATION_ENABLED_NAMESPACES: '["shop","api"]',
      DD_APM_INSTRUMENTATION_LIB_VERSIONS: '{"java":"1.38.0","python":"v2"}',
    });
  });

  test('disabled namespaces', () => {
    const m = render({ apm: { instrumentation: { enabled: true, disabledNamespaces: ['kube-system'] } } });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_APM_INSTRUMENTATION_DISABLED_NAMESPACES).toBe('["kube-system"]');
  });

  test('off by default', () => {
    const m = render();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_APM_INSTRUMENTATION_ENABLED).toBeUndefined();
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['both namespace lists', { apm: { instrumentation: { enabled: true, enabledNamespaces: ['a'], disabledNamespaces: ['b'] } } }, /apm.instrumentation.enabledNamespaces and apm.instrumentation.disabledNamespaces are mutually exclusive/],
      ['without the admission controller', { apm: { instrumentation: { enabled: true } }, clusterAgent: { admissionController: { enabled: false } } }, /apm.instrumentation.enabled needs the admission controller/],
      ['without APM', { apm: { enabled: false, instrumentation: { enabled: true } } }, /apm.instrumentation.enabled needs apm.enabled/],
      ['an unknown language', { apm: { instrumentation: { enabled: true, libVersions: { golang: 'v1' } } } }, /apm.instrumentation.libVersions has an unknown language "golang"/],
      ['a bad version', { apm: { instrumentation: { enabled: true, libVersions: { java: 'newest' } } } }, /apm.instrumentation.libVersions\["java"\] must be a library version/],
      ['a bad namespace', { apm: { instrumentation: { enabled: true, enabledNamespaces: ['Shop'] } } }, /apm.instrumentation.enabledNamespaces\[0\] must be a lowercase RFC 1123 label/],
      ['an empty namespace list', { apm: { instrumentation: { enabled: true, enabledNamespaces: [] } } }, /apm.instrumentation.enabledNamespaces must list at least one namespace/],
      ['options while off', { apm: { instrumentation: { disabledNamespaces: ['a'] } } }, /apm.instrumentation.disabledNamespaces needs apm.instrumentation.enabled/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});

describe('language detection (the chart\'s apm.instrumentation.language_detection)', () => {
  test('on with instrumentation: every node container and the Cluster Agent detect and report; the patcher may patch Deployments', () => {
    const m = render({ apm: { instrumentation: { enabled: true } } });
    for (const ct of ['agent', 'trace-agent', 'init-config']) {
      expect(envOf(m.container(ct))).toMatchObject({ DD_LANGUAGE_DETECTION_ENABLED: 'true', DD_LANGUAGE_DETECTION_REPORTING_ENABLED: 'true' });
    }
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({
      DD_LANGUAGE_DETECTION_ENABLED: 'true', DD_LANGUAGE_DETECTION_REPORTING_ENABLED: 'true', DD_CLUSTER_AGENT_LANGUAGE_DETECTION_PATCHER_ENABLED: 'true',
    });
    const rules = m.get('ClusterRole', 'datadog-cluster-agent').rules;
    expect(rules).toContainEqual({ apiGroups: ['apps'], resources: ['deployments'], verbs: expect.arrayContaining(['get', 'list', 'watch', 'patch']) });
  });

  test('off when turned off, and without instrumentation', () => {
    for (const props of [{ apm: { instrumentation: { enabled: true, languageDetection: false } } }, {}]) {
      const m = render(props);
      expect(envOf(m.container('agent')).DD_LANGUAGE_DETECTION_ENABLED).toBe('false');
      const dca = envOf(m.container('cluster-agent', m.clusterAgent));
      expect(dca.DD_LANGUAGE_DETECTION_REPORTING_ENABLED).toBe('false');
      expect(dca.DD_CLUSTER_AGENT_LANGUAGE_DETECTION_PATCHER_ENABLED).toBeUndefined();
      expect(JSON.stringify(m.get('ClusterRole', 'datadog-cluster-agent').rules)).not.toContain('"patch"');
    }
  });
});

describe('instrumentation targets (apm.instrumentation.targets)', () => {
  const targetsEnv = (props: any) => {
    const m = render({ apm: { instrumentation: { enabled: true, ...props } } });
    return envOf(m.container('cluster-agent', m.clusterAgent)).DD_APM_INSTRUMENTATION_TARGETS;
  };

  test('written as the chart writes them: JSON with keys sorted at every depth, references rendered', () => {
    const json = targetsEnv({
      targets: [{
        name: 'billing',
        podSelector: { matchLabels: { app: 'billing' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api'] }] },
        namespaceSelector: { matchNames: ['payments'] },
        ddTraceVersions: { python: 'v2' },
        ddTraceConfigs: [{ name: 'DD_PROFILING_ENABLED', value: 'true' }, { name: 'DD_SERVICE', valueFrom: EnvValueSource.fromField("metadata.labels['app']") }],
      }],
    });
    expect(json).toBe('[{"ddTraceConfigs":[{"name":"DD_PROFILING_ENABLED","value":"true"},{"name":"DD_SERVICE","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels[\'app\']"}}}],'
      + '"ddTraceVersions":{"python":"v2"},"name":"billing","namespaceSelector":{"matchNames":["payments"]},'
      + '"podSelector":{"matchExpressions":[{"key":"tier","operator":"In","values":["api"]}],"matchLabels":{"app":"billing"}}}]');
    expect(targetsEnv({})).toBeUndefined();
  });

  test('bad input names the target and the field, every problem at once', () => {
    expect(() => targetsEnv({ targets: [{ name: '' }] })).toThrow('apm.instrumentation.targets[0].name must be a non-empty string, got ""');
    expect(() => targetsEnv({ targets: [{ name: 'a' }, { name: 'a' }] })).toThrow('apm.instrumentation.targets has two targets named "a"');
    let message = '';
    try {
      targetsEnv({
        targets: [{
          name: 't',
          namespaceSelector: { matchNames: ['Bad_NS'], matchLabels: { env: 'prod' } },
          podSelector: { matchExpressions: [{ key: 'x', operator: 'In' }] },
          ddTraceVersions: { cobol: 'v1', java: 'newest' },
          ddTraceConfigs: [{ name: 'DD_X' }],
        }],
      });
    } catch (e) { message = (e as Error).message; }
    for (const problem of [
      'apm.instrumentation.targets[0].podSelector.matchExpressions[0].values must not be empty with operator "In"',
      'apm.instrumentation.targets[0].namespaceSelector.matchNames is exclusive with matchLabels and matchExpressions',
      'apm.instrumentation.targets[0].namespaceSelector.matchNames[0]',
      'apm.instrumentation.targets[0].ddTraceVersions has an unknown language "cobol"',
      'apm.instrumentation.targets[0].ddTraceVersions["java"] must be a library version',
      'apm.instrumentation.targets[0].ddTraceConfigs[0] must set exactly one of value and valueFrom',
    ]) expect(message).toContain(problem);
  });

  test('needs instrumentation on', () => {
    expect(() => render({ apm: { instrumentation: { targets: [{ name: 'a' }] } } })).toThrow(/apm.instrumentation.targets needs apm.instrumentation.enabled/);
  });
});
