import { JsonPatch } from 'cdk8s';
import type { DatadogAgentProps } from '../../src';
import { ContainerRuntime, DatadogAgent, DatadogSite, KubernetesPlatform } from '../../src';
import { chartDifference, explainFinding } from '../../src/differences';
import { GDC_HOST_PATHS, gdcViolations } from '../../src/model/gke-gdc';
import { SECRET, envOf, mountsOf, render, synth, testChart } from '../support/helpers';

const GDC: Partial<DatadogAgentProps> = { platform: KubernetesPlatform.GKE_GDC, clusterName: 'edge-1' };

describe('GKE on GDC: what the chart renders with providers.gke.gdc', () => {
  const m = render({ ...GDC, logs: { enabled: true, containerCollectAll: true }, clusterChecksRunner: { enabled: true } });
  const spec = m.daemonSet.spec.template.spec;

  test('the core agent alone: no trace-agent, process-agent or system-probe; init-volume and init-config only', () => {
    expect(spec.containers.map((c: any) => c.name)).toEqual(['agent']);
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['init-volume', 'init-config']);
    expect(envOf(m.container('agent')).DD_APM_ENABLED).toBe('false');
  });

  test('no host PID namespace and only the host paths GDC admits (no /proc, cgroups, OS release, passwd or runtime socket)', () => {
    expect(spec.hostPID).toBeUndefined();
    expect(spec.hostNetwork).toBeUndefined();
    const paths = spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path).sort();
    expect(paths).toEqual([...GDC_HOST_PATHS].sort());
    const env = envOf(m.container('agent'));
    for (const name of ['DD_CRI_SOCKET_PATH', 'DOCKER_HOST', 'DD_DOGSTATSD_SOCKET', 'DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET']) expect(env).not.toHaveProperty(name);
    expect(gdcViolations(m.daemonSet.spec.template)).toEqual([]);
  });

  test('the pointer directory /var/datadog/logs as the run directory; pod logs read-only', () => {
    const agent = mountsOf(m.container('agent'));
    expect(spec.volumes.find((v: any) => v.name === 'pointerdir').hostPath).toEqual({ path: '/var/datadog/logs' });
    expect(agent['/opt/datadog-agent/run']).toMatchObject({ name: 'pointerdir', mountPropagation: 'None' });
    expect(agent['/var/log/pods'].readOnly).toBe(true);
    expect(agent['/var/log/containers'].readOnly).toBe(true);
    // Logs off: the pointer directory stays (as the chart renders it), the pod logs go.
    const off = render(GDC).daemonSet.spec.template.spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path);
    expect(off).toEqual(['/var/datadog/logs']);
  });

  test('the kubelet through the client certificate of Secret datadog-kubelet-cert; host names <node>-<cluster>', () => {
    expect(spec.volumes.find((v: any) => v.name === 'kubelet-cert-volume')).toEqual({ name: 'kubelet-cert-volume', secret: { secretName: 'datadog-kubelet-cert' } });
    expect(mountsOf(m.container('agent'))['/certs']).toMatchObject({ name: 'kubelet-cert-volume', readOnly: true });
    for (const c of [m.container('agent'), m.container('init-config')]) {
      expect(envOf(c)).toMatchObject({
        DD_KUBELET_CLIENT_CRT: '/certs/tls.crt',
        DD_KUBELET_CLIENT_KEY: '/certs/tls.key',
        DD_NODE_NAME: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
        DD_HOSTNAME: '$(DD_NODE_NAME)-$(DD_CLUSTER_NAME)',
        DD_CLUSTER_NAME: 'edge-1',
        DD_PROVIDER_KIND: 'gke-gdc',
      });
    }
    // DD_NODE_NAME comes before DD_HOSTNAME, which expands it.
    const names = m.container('agent').env.map((e: any) => e.name);
    expect(names.indexOf('DD_NODE_NAME')).toBeLessThan(names.indexOf('DD_HOSTNAME'));
    expect(names.indexOf('DD_CLUSTER_NAME')).toBeLessThan(names.indexOf('DD_HOSTNAME'));
    expect(envOf(m.container('cluster-agent', m.clusterAgent))).toMatchObject({ DD_KUBELET_CLIENT_CRT: '/certs/tls.crt', DD_KUBELET_CLIENT_KEY: '/certs/tls.key' });
    expect(envOf(m.container('agent', m.get('Deployment', 'datadog-clusterchecks')))).toMatchObject({ DD_KUBELET_CLIENT_CRT: '/certs/tls.crt', DD_PROVIDER_KIND: 'gke-gdc' });
  });

  test('label env.datadoghq.com/kind on every pod; images from Google\'s registries', () => {
    for (const w of [m.daemonSet, m.clusterAgent, m.get('Deployment', 'datadog-clusterchecks')]) {
      expect(w.spec.template.metadata.labels['env.datadoghq.com/kind']).toBe('gke-gdc');
    }
    expect(m.container('agent').image).toMatch(/^gcr\.io\/datadoghq\/agent:/);
    expect(render({ ...GDC, site: DatadogSite.EU1 }).container('agent').image).toMatch(/^eu\.gcr\.io\/datadoghq\/agent:/);
  });

  test('no sockets and no remote configuration; the admission controller injects service mode (the node-local Service)', () => {
    const env = envOf(m.container('agent'));
    expect(env.DD_REMOTE_CONFIGURATION_ENABLED).toBe('false');
    expect(spec.volumes.map((v: any) => v.name)).not.toContain('dsdsocket');
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_ADMISSION_CONTROLLER_INJECT_CONFIG_MODE).toBe('service');
    expect(m.get('Service', 'datadog').spec.ports.map((p: any) => p.port)).toEqual([8125]);
    expect(m.container('agent').ports).toEqual([{ name: 'dogstatsdport', containerPort: 8125, protocol: 'UDP' }]);
  });

  test('process checks off, explicitly (without the host /proc they would see the agent\'s own container)', () => {
    expect(envOf(m.container('agent'))).toMatchObject({
      DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'false',
      DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: 'false',
      DD_PROCESS_AGENT_DISCOVERY_ENABLED: 'false',
    });
    expect(explainFinding('+env:DaemonSet/datadog/agent:DD_PROCESS_AGENT_DISCOVERY_ENABLED')?.id).toBe('gke-gdc-agent');
    expect(explainFinding('-port:Service/datadog:8126/TCP')?.id).toBe('gke-gdc-agent');
  });
});

describe('GKE on GDC refuses what it cannot run, naming the option', () => {
  test.each<[string, Partial<DatadogAgentProps>, RegExp]>([
    ['no cluster name', { clusterName: undefined }, /clusterName is required with platform: GKE_GDC: host names there are "<node name>-<clusterName>"/],
    ['APM', { apm: { enabled: true } }, /apm\.enabled: platform GKE_GDC runs the core agent container only, so no trace-agent/],
    ['a DogStatsD socket', { dogstatsd: { socketEnabled: true } }, /dogstatsd\.socketEnabled: platform GKE_GDC admits no DogStatsD socket/],
    ['a DogStatsD host port', { dogstatsd: { useHostPort: true } }, /dogstatsd\.useHostPort: platform GKE_GDC admits no host port/],
    ['origin detection (host PID)', { dogstatsd: { originDetection: true } }, /dogstatsd\.originDetection needs the host PID namespace, which platform GKE_GDC does not give the agent/],
    ['process collection', { processes: { processCollection: true } }, /processes\.processCollection: platform GKE_GDC gives the agent no host \/proc or cgroups/],
    ['container collection', { processes: { containerCollection: true } }, /processes\.containerCollection: platform GKE_GDC/],
    ['host PID', { nodeAgent: { hostPID: true } }, /nodeAgent\.hostPID: platform GKE_GDC admits no host namespace/],
    ['host network', { nodeAgent: { hostNetwork: true } }, /nodeAgent\.hostNetwork: platform GKE_GDC admits no host namespace/],
    ['a container runtime', { containerRuntime: ContainerRuntime.CONTAINERD }, /containerRuntime: platform GKE_GDC gives the agent no container runtime socket/],
    ['system-probe features', { networkMonitoring: { enabled: true }, oomKill: { enabled: true } },
      /networkMonitoring\.enabled, oomKill\.enabled need system-probe, and platform GKE_GDC runs the core agent container only/],
    ['CWS', { security: { runtime: { enabled: true } } }, /security\.runtime\.enabled needs system-probe, and platform GKE_GDC/],
    ['CSPM (host PID)', { security: { compliance: { enabled: true } } }, /security\.compliance\.enabled needs the host PID namespace, which platform GKE_GDC does not give/],
    ['SBOM (host PID)', { sbom: { host: { enabled: true } } }, /sbom\.host\.enabled needs the host PID namespace, which platform GKE_GDC/],
    ['DDOT', { otelCollector: { enabled: true } }, /otelCollector\.enabled: platform GKE_GDC runs the core agent container only, so no otel-agent/],
    ['GPU monitoring', { gpuMonitoring: { enabled: true } }, /gpuMonitoring\.enabled is not supported on platform GKE_GDC: it admits neither/],
    ['Windows nodes', { windowsNodes: { enabled: true } }, /windowsNodes\.enabled is not supported on platform GKE_GDC: it admits the Linux core agent only/],
    ['remote configuration', { remoteConfiguration: { enabled: true } }, /remoteConfiguration\.enabled: platform GKE_GDC, which has no remote configuration/],
    ['a feature that needs remote configuration', { autoscaling: { workload: { enabled: true } } } as any,
      /autoscaling\.workload\.enabled needs remote configuration, which is off on platform GKE_GDC/],
    ['another pointer directory', { logs: { enabled: true, pointerHostDir: '/var/lib/datadog-agent/logs' } },
      /logs\.pointerHostDir: platform GKE_GDC admits the agent's writable host directory only at \/var\/datadog\/logs/],
  ])('%s', (_what, props, error) => {
    expect(() => render({ ...GDC, ...props })).toThrow(error);
  });

  test('what GDC would refuse in the synthesized pod, escape hatches included, fails the synthesis with every reason', () => {
    expect(() => render({ ...GDC, kubelet: { hostCAPath: '/etc/kubernetes/pki/ca.crt' } }))
      .toThrow(/GKE_GDC: GDC would refuse the node agent pod:\n {2}DaemonSet\/datadog volume kubelet-ca: host path \/etc\/kubernetes\/pki\/ca\.crt is not one GDC admits/);
    const chart = testChart();
    const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...GDC });
    dd.nodeAgent.daemonSet.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/ports/0/hostPort', 8125));
    // The typed DaemonSet reads the pod spec in its own spelling (hostPid) after the patches.
    dd.nodeAgent.daemonSet.addJsonPatch(JsonPatch.add('/spec/template/spec/hostPid', true));
    expect(() => synth(chart)).toThrow(/hostPID: GDC admits no host namespace\n.*container agent: host port 8125 \(GDC admits none/);
  });

  test('the violations, one by one', () => {
    const template = {
      spec: {
        hostNetwork: true,
        containers: [
          { name: 'agent', securityContext: { capabilities: { add: ['NET_ADMIN'] } } },
          { name: 'trace-agent', ports: [{ containerPort: 8126, hostPort: 8126 }] },
          { name: 'system-probe', securityContext: { privileged: true } },
        ],
        initContainers: [{ name: 'init-volume' }, { name: 'seccomp-setup' }],
        volumes: [{ name: 'procdir', hostPath: { path: '/proc' } }, { name: 'pointerdir', hostPath: { path: '/var/datadog/logs' } }, { name: 'tmp', emptyDir: {} }],
      },
    };
    expect(gdcViolations(template)).toEqual([
      'container trace-agent (from apm.enabled): GDC runs the core agent container only',
      'container system-probe (from a system-probe feature): GDC runs the core agent container only',
      'init container seccomp-setup: GDC runs the core agent container only',
      'volume procdir: host path /proc is not one GDC admits (/var/datadog/logs, /var/log/pods, /var/log/containers)',
      'hostNetwork: GDC admits no host namespace',
      'container agent: adds capabilities NET_ADMIN',
      'container trace-agent: host port 8126 (GDC admits none: use the node-local Service)',
      'container system-probe: privileged',
    ]);
    expect(gdcViolations({ spec: { containers: [{ name: 'agent' }] } })).toEqual([]);
  });

  test('documented: the refusals and the agent\'s differences from the chart', () => {
    expect(chartDifference('gke-gdc-refusals')).toBeDefined();
    expect(explainFinding('~mount:DaemonSet/datadog/agent:/certs')?.id).toBe('gke-gdc-agent');
    // The Windows DaemonSet is compared with the chart's Windows release: this row does not explain it.
    expect(explainFinding('+env:DaemonSet/datadog-windows/agent:DD_PROCESS_AGENT_DISCOVERY_ENABLED')?.id).not.toBe('gke-gdc-agent');
  });
});
