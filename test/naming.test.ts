import { fullname, resolveNames } from '../src/naming';

describe('naming', () => {
  test('fullname is the chart\'s', () => {
    expect(fullname('datadog')).toEqual('datadog');
    expect(fullname('dd-datadog-prod')).toEqual('dd-datadog-prod');
    expect(fullname('prod')).toEqual('prod-datadog');
  });

  test('derived names for release datadog are the chart\'s', () => {
    expect(resolveNames('datadog')).toMatchObject({
      nodeAgent: 'datadog',
      clusterAgent: 'datadog-cluster-agent',
      clusterAgentMainRole: 'datadog-cluster-agent-main',
      clusterChecksRunner: 'datadog-clusterchecks',
      clusterChecksRunnerServiceAccount: 'datadog-cluster-checks',
      clusterAgentConfd: 'datadog-cluster-agent-confd',
      eventTokenConfigMap: 'datadogtoken',
      leaderElection: 'datadog-leader-election',
      installInfo: 'datadog-installinfo',
    });
  });

  test('rejects names that cannot prefix Kubernetes names', () => {
    expect(() => resolveNames('-x')).toThrow(/name must be a lowercase RFC 1123 label/);
    expect(() => resolveNames('9lives')).toThrow(/name must be a lowercase RFC 1123 label starting with a letter/);
  });
});
