import { TagCardinality } from '../../src';
import { envOf, mountsOf, render } from '../support/helpers';

describe('DogStatsD', () => {
  test('default: UDP 8125 without hostPort plus the Unix socket', () => {
    const m = render();
    const agent = m.container('agent');
    expect(agent.ports).toEqual([{ name: 'dogstatsdport', containerPort: 8125, protocol: 'UDP' }]);
    expect(envOf(agent)).toMatchObject({
      DD_DOGSTATSD_PORT: '8125', DD_DOGSTATSD_NON_LOCAL_TRAFFIC: 'true', DD_DOGSTATSD_TAG_CARDINALITY: 'low', DD_DOGSTATSD_SOCKET: '/var/run/datadog/dsd.socket',
    });
    expect(mountsOf(agent)['/var/run/datadog']).toEqual({ name: 'dsdsocket', mountPath: '/var/run/datadog' });
  });

  test('options', () => {
    const m = render({ dogstatsd: { port: 9125, useHostPort: true, originDetection: true, tagCardinality: TagCardinality.ORCHESTRATOR, nonLocalTraffic: false, tags: ['team:x', 'svc:y'] } });
    const agent = m.container('agent');
    expect(agent.ports).toEqual([{ name: 'dogstatsdport', containerPort: 9125, protocol: 'UDP', hostPort: 9125 }]);
    expect(envOf(agent)).toMatchObject({
      DD_DOGSTATSD_PORT: '9125',
      DD_DOGSTATSD_NON_LOCAL_TRAFFIC: 'false',
      DD_DOGSTATSD_TAG_CARDINALITY: 'orchestrator',
      DD_DOGSTATSD_ORIGIN_DETECTION: 'true',
      DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT: 'true',
      DD_DOGSTATSD_TAGS: 'team:x svc:y',
    });
    expect(m.get('Service', 'datadog').spec.ports[0]).toEqual({ name: 'dogstatsdport', port: 9125, targetPort: 9125, protocol: 'UDP' });
  });

  test('socket disabled: no host directory for DogStatsD', () => {
    const m = render({ dogstatsd: { socketEnabled: false }, apm: { socketEnabled: false } });
    // The agent opens its default socket whatever the env says (an empty value counts as unset):
    // it gets a pod-local emptyDir instead of the shared host directory.
    expect(m.volume('dsdsocket')).toEqual({ name: 'dsdsocket', emptyDir: {} });
    expect(m.volume('apmsocket')).toBeUndefined();
    expect(envOf(m.container('agent')).DD_DOGSTATSD_SOCKET).toEqual('/var/run/datadog/dsd.socket');
    expect(m.container('agent').volumeMounts).toContainEqual({ name: 'dsdsocket', mountPath: '/var/run/datadog' });
    for (const c of ['trace-agent', 'process-agent']) expect(m.container(c)?.volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ name: 'dsdsocket' }));
  });

  test('bad input', () => {
    expect(() => render({ dogstatsd: { tagCardinality: 'extreme' as TagCardinality } })).toThrow(/dogstatsd.tagCardinality must be one of low, orchestrator, high, got "extreme"/);
    expect(() => render({ dogstatsd: { tags: ['bad tag'] } })).toThrow(/dogstatsd.tags\[0\] must be a Datadog tag/);
    expect(() => render({ dogstatsd: { hostSocketDir: '/a/../b' } })).toThrow(/dogstatsd.hostSocketDir must be an absolute path/);
  });
});
