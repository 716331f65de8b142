import { UpdateStrategy } from '../../src';
import { envOf, mountsOf, render } from '../support/helpers';

describe('node agent DaemonSet', () => {
  const m = render({ clusterName: 'prod-eu-1', tags: ['env:prod', 'team:a'] });
  const ds = m.daemonSet;
  const spec = ds.spec.template.spec;
  const agent = m.container('agent');

  test('pod-level fields match the chart', () => {
    expect(ds.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
    expect(spec.hostPID).toBe(true);
    expect(spec.securityContext).toEqual({ runAsUser: 0 });
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
    expect(spec.serviceAccountName).toEqual('datadog');
    expect(spec.automountServiceAccountToken).toBe(true);
    expect(ds.spec.template.metadata.labels).toMatchObject({ 'app': 'datadog', 'admission.datadoghq.com/enabled': 'false' });
  });

  test('control-plane tolerations by default, none when asked', () => {
    expect(spec.tolerations.map((t: any) => t.key)).toEqual(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']);
    expect(render({ tolerateControlPlane: false }).daemonSet.spec.template.spec.tolerations).toBeUndefined();
  });

  test('containers and init containers', () => {
    expect(m.containerNames()).toEqual(['agent', 'trace-agent']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['init-volume', 'init-config']);
  });

  test('common env (chart d0) plus cluster name, site and tags', () => {
    expect(envOf(agent)).toMatchObject({
      DD_API_KEY: { secretKeyRef: { name: 'datadog-secret', key: 'api-key' } },
      DD_AUTH_TOKEN_FILE_PATH: '/etc/datadog-agent/auth/token',
      KUBERNETES: 'yes',
      DD_KUBERNETES_KUBELET_HOST: { fieldRef: { fieldPath: 'status.hostIP' } },
      DD_KUBELET_USE_API_SERVER: 'false',
      DD_KUBERNETES_USE_ENDPOINT_SLICES: 'true',
      DD_CLUSTER_NAME: 'prod-eu-1',
      DD_SITE: 'datadoghq.com',
      DD_TAGS: '["env:prod","team:a"]',
      DD_HEALTH_PORT: '5555',
      DD_LOG_LEVEL: 'INFO',
      DD_EXPVAR_PORT: '6000',
      DD_KUBELET_CORE_CHECK_ENABLED: 'true',
      DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET: '/var/lib/kubelet/pod-resources/kubelet.sock',
    });
    // init-config gets the common env, not the Cluster Agent client env
    expect(envOf(m.container('init-config')).DD_CLUSTER_NAME).toEqual('prod-eu-1');
    expect(envOf(m.container('init-config')).DD_CLUSTER_AGENT_AUTH_TOKEN).toBeUndefined();
  });

  test('probes on 5555', () => {
    const p = (path: string) => ({ httpGet: { path, port: 5555, scheme: 'HTTP' }, initialDelaySeconds: 15, periodSeconds: 15, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 6 });
    expect(agent.livenessProbe).toEqual(p('/live'));
    expect(agent.readinessProbe).toEqual(p('/ready'));
    expect(agent.startupProbe).toEqual(p('/startup'));
  });

  test('host mounts of the core agent are read-only', () => {
    const mounts = mountsOf(agent);
    for (const path of ['/host/proc', '/host/sys/fs/cgroup', '/host/etc/os-release', '/host/var/run/containerd', '/etc/passwd']) {
      expect(mounts[path].readOnly).toBe(true);
    }
    expect(m.volume('procdir')).toEqual({ name: 'procdir', hostPath: { path: '/proc' } });
    expect(m.volume('cgroups')).toEqual({ name: 'cgroups', hostPath: { path: '/sys/fs/cgroup' } });
    expect(m.volume('os-release-file')).toEqual({ name: 'os-release-file', hostPath: { path: '/etc/os-release', type: 'File' } });
  });

  test('every container has an explicit securityContext, none privileged', () => {
    for (const c of [...spec.containers, ...spec.initContainers]) {
      expect(c.securityContext).toBeDefined();
      expect(c.securityContext.privileged).not.toBe(true);
      expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(c.securityContext.capabilities?.add).toBeUndefined();
    }
  });

  test('scheduling, resources, update strategy, extra env and labels', () => {
    const m2 = render({
      nodeAgent: {
        priorityClassName: 'system-node-critical',
        nodeSelector: { pool: 'general' },
        tolerations: [{ operator: 'Exists' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'x', operator: 'Exists' }] }] } } },
        resources: { cpuRequest: '200m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
        containerResources: { traceAgent: { cpuRequest: '50m' }, initContainers: { cpuRequest: '10m' } },
        updateStrategy: UpdateStrategy.rollingUpdate('2'),
        env: { DD_LOG_LEVEL: 'debug', DD_EXTRA: 'x' },
        podLabels: { team: 'obs' },
        podAnnotations: { 'example.com/a': 'b' },
      },
    });
    const s = m2.daemonSet.spec.template.spec;
    expect(s.priorityClassName).toEqual('system-node-critical');
    expect(s.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'pool': 'general' });
    expect(s.tolerations[2]).toEqual({ operator: 'Exists' });
    expect(s.affinity.nodeAffinity).toBeDefined();
    expect(m2.container('agent').resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '512Mi' } });
    expect(m2.container('trace-agent').resources).toEqual({ requests: { cpu: '50m' } });
    expect(m2.container('init-volume').resources).toEqual({ requests: { cpu: '10m' } });
    expect(m2.daemonSet.spec.updateStrategy.rollingUpdate.maxUnavailable).toEqual(2);
    expect(envOf(m2.container('agent')).DD_LOG_LEVEL).toEqual('debug');
    expect(envOf(m2.container('trace-agent')).DD_EXTRA).toEqual('x');
    // The chart gives datadog.env to init-config too (its cont-init.d scripts read DD_* settings).
    expect(envOf(m2.container('init-config')).DD_EXTRA).toEqual('x');
    expect(envOf(m2.container('init-volume')).DD_EXTRA).toBeUndefined();
    expect(m2.daemonSet.spec.template.metadata.labels.team).toEqual('obs');
    expect(m2.daemonSet.spec.selector.matchLabels).toEqual({ app: 'datadog' });
    expect(m2.daemonSet.spec.template.metadata.annotations).toEqual({ 'example.com/a': 'b' });
  });

  test('host network', () => {
    const s = render({ nodeAgent: { hostNetwork: true } }).daemonSet.spec.template.spec;
    expect(s.hostNetwork).toBe(true);
    expect(s.dnsPolicy).toEqual('ClusterFirstWithHostNet');
  });

  test('NodeAgent exposes its objects', () => {
    expect(m.agent!.nodeAgent.daemonSet.kind).toEqual('DaemonSet');
    expect(m.agent!.nodeAgent.serviceAccount.kind).toEqual('ServiceAccount');
  });
});

describe('nodeAgent.hostPID', () => {
  test('true by default, as the chart; false leaves it out', () => {
    expect(render().daemonSet.spec.template.spec.hostPID).toBe(true);
    expect(render({ nodeAgent: { hostPID: true } }).daemonSet.spec.template.spec.hostPID).toBe(true);
    expect(render({ nodeAgent: { hostPID: false } }).daemonSet.spec.template.spec.hostPID).toBeUndefined();
  });

  test('false with a feature that needs it fails, naming both options', () => {
    expect(() => render({ nodeAgent: { hostPID: false }, dogstatsd: { originDetection: true } }))
      .toThrow('nodeAgent.hostPID is false, but dogstatsd.originDetection needs the host PID namespace');
    expect(() => render({ nodeAgent: { hostPID: false }, security: { compliance: { enabled: true } } }))
      .toThrow('nodeAgent.hostPID is false, but security.compliance.enabled needs the host PID namespace');
    expect(() => render({ nodeAgent: { hostPID: false }, sbom: { host: { enabled: true } } }))
      .toThrow('nodeAgent.hostPID is false, but sbom.host.enabled needs the host PID namespace');
    expect(() => render({ nodeAgent: { hostPID: false }, sbom: { containerImage: { enabled: true } }, dogstatsd: { originDetection: true } }))
      .toThrow('nodeAgent.hostPID is false, but dogstatsd.originDetection and sbom.containerImage.enabled need the host PID namespace');
  });

  test('must be a boolean', () => {
    expect(() => render({ nodeAgent: { hostPID: 'false' as any } })).toThrow('nodeAgent.hostPID must be true or false, got "false"');
  });
});
