import { envOf, featureSlice, render } from '../support/helpers';

describe('prometheusScrape', () => {
  test('off by default', () => {
    const m = render();
    expect(Object.keys(envOf(m.container('agent'))).filter(k => k.startsWith('DD_PROMETHEUS'))).toEqual([]);
    expect(Object.keys(envOf(m.container('cluster-agent', m.clusterAgent))).filter(k => k.startsWith('DD_PROMETHEUS'))).toEqual([]);
  });

  test('snapshot: enabled with an additional config', () => {
    const m = render({
      prometheusScrape: {
        enabled: true,
        serviceEndpoints: true,
        additionalConfigs: [{
          autodiscovery: { containerNames: ['my-app'], includeAnnotations: { 'custom.io/scrape': 'true' } },
          configurations: [{ sendDistributionBuckets: true, timeout: 5 }],
        }],
      },
    });
    expect(featureSlice(m)).toMatchSnapshot();
  });

  test('env on the agent and the Cluster Agent, JSON as the agent reads it', () => {
    const m = render({
      prometheusScrape: {
        enabled: true,
        additionalConfigs: [{
          autodiscovery: {
            containerNames: ['my-app'],
            includeAnnotations: { custom_include_label: 'true' },
            excludeAnnotations: { custom_exclude_label: 'true' },
          },
          configurations: [{ timeout: 5, sendDistributionBuckets: true, labelsMapper: { z: 'zz', a: 'aa' }, tags: ['team:a'] }],
        }],
      },
    });
    const expected = {
      DD_PROMETHEUS_SCRAPE_ENABLED: 'true',
      DD_PROMETHEUS_SCRAPE_SERVICE_ENDPOINTS: 'false',
      DD_PROMETHEUS_SCRAPE_CHECKS: '[{"autodiscovery":{"kubernetes_annotations":{"exclude":{"custom_exclude_label":"true"},"include":{"custom_include_label":"true"}},"kubernetes_container_names":["my-app"]},'
        + '"configurations":[{"labels_mapper":{"a":"aa","z":"zz"},"send_distribution_buckets":true,"timeout":5,"tags":["team:a"]}]}]',
      DD_PROMETHEUS_SCRAPE_VERSION: '2',
    };
    expect(envOf(m.container('agent'))).toMatchObject(expected);
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject(expected);
    // Only the agent container of the node pod.
    expect(envOf(m.container('trace-agent')).DD_PROMETHEUS_SCRAPE_ENABLED).toBeUndefined();
  });

  test('version 1 and no additional configs', () => {
    const env = envOf(render({ prometheusScrape: { enabled: true, version: 1 } }).container('agent'));
    expect(env.DD_PROMETHEUS_SCRAPE_VERSION).toBe('1');
    expect(env.DD_PROMETHEUS_SCRAPE_CHECKS).toBeUndefined();
  });

  test('without a Cluster Agent only the node agent gets it', () => {
    const m = render({ clusterAgent: { enabled: false }, prometheusScrape: { enabled: true } });
    expect(m.clusterAgent).toBeUndefined();
    expect(envOf(m.container('agent')).DD_PROMETHEUS_SCRAPE_ENABLED).toBe('true');
  });

  test('bad input', () => {
    expect(() => render({ prometheusScrape: { enabled: true, version: 3 } })).toThrow(/prometheusScrape.version must be 1 or 2, got 3/);
    expect(() => render({ prometheusScrape: { serviceEndpoints: true } })).toThrow(/prometheusScrape.serviceEndpoints needs prometheusScrape.enabled/);
    expect(() => render({ prometheusScrape: { enabled: true, additionalConfigs: [{ configurations: [{ timeout: 0 }] }] } }))
      .toThrow(/prometheusScrape.additionalConfigs\[0\].configurations\[0\].timeout must be >= 1, got 0/);
    expect(() => render({ prometheusScrape: { enabled: true, additionalConfigs: [{ autodiscovery: { containerNames: ['(['] } }] } }))
      .toThrow(/prometheusScrape.additionalConfigs\[0\].autodiscovery.containerNames\[0\] must be a regular expression/);
    expect(() => render({ prometheusScrape: { enabled: true, additionalConfigs: [{ configurations: [{ typeOverrides: { m: 'rate' } }] }] } }))
      .toThrow(/typeOverrides\["m"\] must be one of counter, gauge, histogram, summary/);
    expect(() => render({ prometheusScrape: { enabled: true, additionalConfigs: [{ configurations: [{ prometheusUrl: 'ftp://x' }] }] } }))
      .toThrow(/prometheusUrl must be an http\(s\) URL/);
    expect(() => render({ prometheusScrape: { enabled: true, additionalConfigs: [{ autodiscovery: { includeAnnotations: { 'bad key!': 'true' } } }] } }))
      .toThrow(/autodiscovery.includeAnnotations has an invalid key/);
  });
});
