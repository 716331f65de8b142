import { Chart, Testing } from 'cdk8s';
import type { DatadogAgentProps } from '../../src';
import { DatadogAgent, ExtraVolume } from '../../src';
import { SECRET } from '../support/helpers';

/** Construction alone must throw: these used to fail only at synthesis, inside cdk8s' wrapper. */
function construct(props: Partial<DatadogAgentProps>): () => void {
  return () => new DatadogAgent(new Chart(Testing.app(), 'prod-eu', { namespace: 'datadog' }), 'datadog', { credentials: SECRET, ...props });
}

test('a per-container setting for a container that does not run fails at construction', () => {
  expect(construct({ nodeAgent: { containers: { securityAgent: { env: { A: 'b' } } } } }))
    .toThrow('prod-eu/datadog: nodeAgent.containers.securityAgent is set but this configuration runs no security-agent container');
});

test('a mount into a container that does not run fails at construction', () => {
  expect(construct({ nodeAgent: { volumes: [ExtraVolume.emptyDir('scratch')], containers: { systemProbe: { volumeMounts: [{ volume: 'scratch', mountPath: '/scratch' }] } } } }))
    .toThrow(/^prod-eu\/datadog: nodeAgent.containers.systemProbe/);
});

test('an extra volume named like a library volume fails at construction', () => {
  expect(construct({ nodeAgent: { volumes: [ExtraVolume.emptyDir('logdatadog')], volumeMounts: [{ volume: 'logdatadog', mountPath: '/x' }] } }))
    .toThrow('prod-eu/datadog: nodeAgent.volumes[0].name "logdatadog" is a volume name the library uses; choose another name');
});

test('logs.podLogsPath on the socket directory fails at construction, naming both options', () => {
  expect(construct({ logs: { enabled: true, podLogsPath: '/var/run/datadog' } }))
    .toThrow('prod-eu/datadog: nodeAgent: container agent would mount two volumes at "/var/run/datadog": logpodpath (logs.podLogsPath) and dsdsocket (dogstatsd.hostSocketDir / apm.hostSocketDir); choose different paths');
});
