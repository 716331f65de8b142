import { DatadogSite } from '../src';
import { envOf, render } from './support/helpers';

describe('DatadogSite', () => {
  test.each([
    [DatadogSite.US1, 'datadoghq.com', 'registry.datadoghq.com'],
    [DatadogSite.US3, 'us3.datadoghq.com', 'datadoghq.azurecr.io'],
    [DatadogSite.US5, 'us5.datadoghq.com', 'registry.datadoghq.com'],
    [DatadogSite.EU1, 'datadoghq.eu', 'registry.datadoghq.com'],
    [DatadogSite.AP1, 'ap1.datadoghq.com', 'registry.datadoghq.com'],
    [DatadogSite.AP2, 'ap2.datadoghq.com', 'registry.datadoghq.com'],
    [DatadogSite.US1_FED, 'ddog-gov.com', 'public.ecr.aws/datadog'],
  ])('%s: DD_SITE and the registry the chart picks', (site, host, registry) => {
    const m = render({ site });
    expect(envOf(m.container('agent')).DD_SITE).toEqual(host);
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_SITE).toEqual(host);
    expect(m.container('agent').image).toEqual(`${registry}/agent:7.81.1`);
  });

  test('custom site', () => {
    const m = render({ site: DatadogSite.custom('datad0g.com') });
    expect(envOf(m.container('agent')).DD_SITE).toEqual('datad0g.com');
  });

  test.each(['datadoghq', 'https://datadoghq.com', 'datadoghq.com/', 'DATADOGHQ.COM', ''])('rejects custom site %p', host => {
    expect(() => render({ site: DatadogSite.custom(host) })).toThrow(/site must be a Datadog site host/);
  });
});
