import { LogLevel } from '../../src';
import { envOf, mountsOf, render } from '../support/helpers';

const RUNNER = 'datadog-clusterchecks';

describe('Cluster Checks Runner', () => {
  const m = render({ clusterChecksRunner: { enabled: true } });
  const d = () => m.get('Deployment', RUNNER);

  test('snapshot of the Deployment', () => {
    expect(d()).toMatchSnapshot();
  });

  test('the container: chart env, probes on 5557, read-only root, no capabilities', () => {
    const agent = m.container('agent', d());
    const env = envOf(agent);
    expect(env).toMatchObject({
      DD_EXTRA_CONFIG_PROVIDERS: 'clusterchecks',
      DD_HEALTH_PORT: '5557',
      DD_CLC_RUNNER_ENABLED: 'true',
      DD_ENABLE_METADATA_COLLECTION: 'false',
      DD_USE_DOGSTATSD: 'false',
      DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'false',
      DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'false',
      DD_LOGS_ENABLED: 'false',
      DD_APM_ENABLED: 'false',
      DD_REMOTE_CONFIGURATION_ENABLED: 'false',
      DD_CLUSTER_AGENT_ENABLED: 'true',
    });
    // not the deprecated DD_PROCESS_AGENT_ENABLED, which the agent reads as "containers on"
    expect(env.DD_PROCESS_AGENT_ENABLED).toBeUndefined();
    expect(env.DD_CLC_RUNNER_ID).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
    expect(env.DD_HOSTNAME).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    for (const p of ['livenessProbe', 'readinessProbe', 'startupProbe']) expect(agent[p].httpGet.port).toBe(5557);
    expect(agent.securityContext).toEqual({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(agent.args[0]).toMatch(/-name "\*\.yaml\.default" -type f -delete .* exec agent run$/);
    for (const c of d().spec.template.spec.initContainers) expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('writable paths are emptyDirs; no hostPath', () => {
    const mounts = mountsOf(m.container('agent', d()));
    for (const [path, vol] of [['/etc/datadog-agent', 'config'], ['/opt/datadog-agent/run', 'datadogrun'], ['/var/log/datadog', 'varlog'], ['/tmp', 'tmpdir']]) {
      expect(mounts[path].name).toBe(vol);
      expect(m.volume(vol, d())).toEqual({ name: vol, emptyDir: {} });
    }
    expect(d().spec.template.spec.volumes.some((v: any) => v.hostPath)).toBe(false);
  });

  test('pod: own ServiceAccount, anti-affinity, linux, seccomp, not injected by the admission controller', () => {
    const spec = d().spec.template.spec;
    expect(spec.serviceAccountName).toBe('datadog-cluster-checks');
    expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({ weight: 50, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: RUNNER } } } });
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(d().spec.template.metadata.labels['admission.datadoghq.com/enabled']).toBe('false');
    expect(spec.hostPID).toBeUndefined();
  });

  test('options: replicas, resources, tolerations, nodeSelector, priorityClassName, env, logLevel', () => {
    const r = render({
      clusterChecksRunner: {
        enabled: true,
        replicas: 4,
        resources: { cpuRequest: '200m', memoryLimit: '512Mi' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'monitoring', effect: 'NoSchedule' }],
        nodeSelector: { pool: 'system' },
        priorityClassName: 'high',
        env: { DD_CHECK_RUNNERS: '8', DD_LOG_LEVEL: 'warn' },
        logLevel: LogLevel.DEBUG,
        podLabels: { team: 'obs' },
        podAnnotations: { note: 'x' },
      },
    });
    const dep = r.get('Deployment', RUNNER);
    const spec = dep.spec.template.spec;
    expect(dep.spec.replicas).toBe(4);
    expect(spec.containers[0].resources).toEqual({ requests: { cpu: '200m' }, limits: { memory: '512Mi' } });
    expect(spec.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'monitoring', effect: 'NoSchedule' }]);
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'system' });
    expect(spec.priorityClassName).toBe('high');
    const env = envOf(spec.containers[0]);
    expect(env.DD_CHECK_RUNNERS).toBe('8');
    expect(env.DD_LOG_LEVEL).toBe('warn'); // user env wins over logLevel
    expect(dep.spec.template.metadata.labels.team).toBe('obs');
    expect(dep.spec.template.metadata.annotations).toEqual({ note: 'x' });
    expect(r.agent!.clusterChecksRunner!.deployment.name).toBe(RUNNER);
  });

  describe('bad input', () => {
    test.each<[string, any, RegExp]>([
      ['without the Cluster Agent', { clusterAgent: { enabled: false }, clusterChecksRunner: { enabled: true } }, /clusterChecksRunner.enabled needs the Cluster Agent, which is disabled/],
      ['with an existing Cluster Agent', { clusterAgent: { existing: { serviceName: 'dca' } }, clusterChecksRunner: { enabled: true } }, /clusterChecksRunner.enabled needs a Cluster Agent deployed by this construct/],
      ['with cluster checks off', { clusterChecks: { enabled: false }, clusterChecksRunner: { enabled: true } }, /clusterChecksRunner.enabled needs cluster checks/],
      ['zero replicas', { clusterChecksRunner: { enabled: true, replicas: 0 } }, /clusterChecksRunner.replicas must be >= 1, got 0/],
      ['fractional replicas', { clusterChecksRunner: { enabled: true, replicas: 1.5 } }, /clusterChecksRunner.replicas must be an integer/],
      ['bad priority class', { clusterChecksRunner: { enabled: true, priorityClassName: 'High_Prio' } }, /clusterChecksRunner.priorityClassName must be a lowercase RFC 1123 subdomain/],
      ['bad env name', { clusterChecksRunner: { enabled: true, env: { 'BAD NAME': 'x' } } }, /clusterChecksRunner.env has an invalid env var name/],
      ['bad resources', { clusterChecksRunner: { enabled: true, resources: { cpuRequest: 'lots' } } }, /clusterChecksRunner.resources.cpuRequest must be a Kubernetes quantity/],
    ])('%s', (_n, props, error) => {
      expect(() => render(props)).toThrow(error);
    });
  });
});
