import { JsonPatch } from 'cdk8s';
import { ContainerRuntime, DatadogAgent, DatadogSite, KubernetesPlatform } from '../../src';
import { explainFinding } from '../../src/differences';
import { AUTOPILOT_ALLOWLIST_SYNCHRONIZER, AUTOPILOT_HOST_PATHS, autopilotViolations } from '../../src/model/gke-autopilot';
import { SECRET, envOf, mountsOf, render, synth, testChart } from '../support/helpers';

const AP = { platform: KubernetesPlatform.GKE_AUTOPILOT };

/** Every hostPath mount of the node agent: [container, path, readOnly]. */
function hostMounts(m: ReturnType<typeof render>): [string, string, boolean][] {
  const spec = m.daemonSet.spec.template.spec;
  const paths = new Map<string, string>(spec.volumes.filter((v: any) => v.hostPath).map((v: any) => [v.name, v.hostPath.path]));
  return [...(spec.initContainers ?? []), ...spec.containers].flatMap((c: any) => (c.volumeMounts ?? [])
    .filter((vm: any) => paths.has(vm.name)).map((vm: any): [string, string, boolean] => [c.name, paths.get(vm.name)!, vm.readOnly === true]));
}

describe('GKE Autopilot', () => {
  test('the AllowlistSynchronizer the chart renders (auto.gke.io/v1, cluster-scoped, its allowlist paths)', () => {
    const s = render(AP).get('AllowlistSynchronizer', 'datadog-synchronizer');
    expect(s.apiVersion).toBe('auto.gke.io/v1');
    expect(s.metadata).not.toHaveProperty('namespace');
    expect(s.spec.allowlistPaths).toEqual([
      'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.1.yaml',
      'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.2.yaml',
      'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.3.yaml',
      'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.4.yaml',
      'Datadog/datadog/datadog-datadog-daemonset-exemption-v1.0.5.yaml',
    ]);
    expect(AUTOPILOT_ALLOWLIST_SYNCHRONIZER.name).toBe('datadog-synchronizer');
    expect(render().find('AllowlistSynchronizer', 'datadog-synchronizer')).toBeUndefined();
    // Always rendered, without Helm hooks: a documented difference.
    expect(explainFinding('-annotation:AllowlistSynchronizer/datadog-synchronizer:helm.sh/hook')?.id).toBe('gke-autopilot-synchronizer');
    expect(explainFinding('+object:AllowlistSynchronizer/datadog-synchronizer:')?.id).toBe('gke-autopilot-synchronizer');
  });

  test('fixed names the allowlist expects: ServiceAccount datadog-agent (bound to the node ClusterRole), ConfigMaps datadog-agent-*', () => {
    const m = render({ ...AP, name: 'monitoring' });
    expect(m.daemonSet.spec.template.spec.serviceAccountName).toBe('datadog-agent');
    expect(m.find('ServiceAccount', 'datadog-agent')).toBeDefined();
    expect(m.find('ServiceAccount', 'monitoring-datadog')).toBeUndefined();
    expect(m.get('ClusterRoleBinding', 'monitoring-datadog').subjects).toEqual([{ kind: 'ServiceAccount', name: 'datadog-agent', namespace: 'datadog' }]);
    expect(m.allows('datadog-agent', 'get', '', 'nodes/metrics')).toBe(true);
    expect(m.get('ConfigMap', 'datadog-agent-installinfo')).toBeDefined();
    expect(m.volume('installinfo').configMap.name).toBe('datadog-agent-installinfo');
  });

  test('agent command exactly `agent run`; env, labels and annotations the chart sets; no auth-token, startup probe or pod-resources socket', () => {
    const m = render(AP);
    const agent = m.container('agent');
    expect(agent.command).toEqual(['agent', 'run']);
    expect(agent.args).toBeUndefined();
    const env = envOf(agent);
    expect(env.DD_KUBERNETES_HTTPS_KUBELET_PORT).toBe('0');
    expect(env.DD_CLOUD_PROVIDER_METADATA).toBe('["gcp"]');
    expect(env.DD_PROVIDER_KIND).toBe('gke-autopilot');
    expect(env.DD_CRI_SOCKET_PATH).toBe('/host/var/run/containerd/containerd.sock');
    expect(env).not.toHaveProperty('DD_AUTH_TOKEN_FILE_PATH');
    expect(env).not.toHaveProperty('DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET');
    expect(agent).not.toHaveProperty('startupProbe');
    expect(m.volume('auth-token')).toBeUndefined();
    const meta = m.daemonSet.spec.template.metadata;
    expect(meta.labels['env.datadoghq.com/kind']).toBe('gke-autopilot');
    expect(meta.annotations['autopilot.gke.io/no-connect']).toBe('true');
    expect(m.container('trace-agent').command).toEqual(['trace-agent', '-config=/etc/datadog-agent/datadog.yaml']);
    // the generic platform keeps them
    const g = render();
    expect(envOf(g.container('agent'))).toHaveProperty('DD_AUTH_TOKEN_FILE_PATH');
    expect(g.daemonSet.spec.template.metadata.labels).not.toHaveProperty('env.datadoghq.com/kind');
  });

  test('sockets in emptyDirs, the run directory at the allowlisted host directory, no host ports', () => {
    const m = render({ ...AP, logs: { enabled: true } });
    expect(m.volume('dsdsocket')).toEqual({ name: 'dsdsocket', emptyDir: {} });
    expect(m.volume('datadogrun')).toEqual({ name: 'datadogrun', hostPath: { path: '/var/autopilot/addon/datadog/logs' } });
    expect(mountsOf(m.container('agent'))['/opt/datadog-agent/run'].name).toBe('datadogrun');
    expect(m.volume('pointerdir')).toBeUndefined();
    // without logs too, as the chart renders it
    expect(render(AP).volume('datadogrun').hostPath.path).toBe('/var/autopilot/addon/datadog/logs');
    const ports = m.daemonSet.spec.template.spec.containers.flatMap((c: any) => c.ports ?? []);
    expect(ports.filter((p: any) => p.hostPort !== undefined)).toEqual([]);
  });

  test('every host path mount is allowlisted, and writable only where the allowlist says', () => {
    for (const props of [AP, { ...AP, logs: { enabled: true } }, { ...AP, networkMonitoring: { enabled: true } }]) {
      const mounts = hostMounts(render(props as any));
      expect(mounts.length).toBeGreaterThan(3);
      for (const [ct, path, ro] of mounts) {
        expect([path, path in AUTOPILOT_HOST_PATHS]).toEqual([path, true]);
        if (!ro) expect([ct, path, AUTOPILOT_HOST_PATHS[path].writableBy.includes(ct)]).toEqual([ct, path, true]);
      }
    }
    // The writable ones, spelled out for NPM (system-probe compiles and traces; the agent writes its run dir).
    const writable = hostMounts(render({ ...AP, networkMonitoring: { enabled: true } } as any)).filter(([, , ro]) => !ro).map(([ct, path]) => `${ct} ${path}`).sort();
    expect(writable).toEqual(expect.arrayContaining(['agent /var/autopilot/addon/datadog/logs', 'seccomp-setup /var/lib/kubelet/seccomp', 'system-probe /sys/kernel/debug']));
  });

  describe('the chart issues, as failures at synthesis', () => {
    // helm-charts #182, #549, #629, #1621: "hostPath volume pointerdir in container agent is accessed
    // in write mode", "/var/run/containerd ... not allowed", "/proc ... not allowed".
    test('#182 / #549 / #629 / #1621: logs + APM render an admissible pod (pointer dir, /proc, containerd, host ports)', () => {
      const m = render({ ...AP, logs: { enabled: true, containerCollectAll: true } });
      expect(autopilotViolations('nodeAgent', m.daemonSet.spec.template)).toEqual([]);
      expect(() => render({ ...AP, logs: { enabled: true, pointerHostDir: '/var/lib/datadog-agent/logs' } }))
        .toThrow(/logs.pointerHostDir: platform GKE_AUTOPILOT admits .* only at \/var\/autopilot\/addon\/datadog\/logs \(Datadog's WorkloadAllowlist\)/);
    });

    test('#549 / #629 / #1673: a host port (dogstatsd.useHostPort, apm.useHostPort) fails', () => {
      expect(() => render({ ...AP, dogstatsd: { useHostPort: true } })).toThrow(/autogke-no-host-port.*container agent specifies host port 8125/s);
      expect(() => render({ ...AP, apm: { useHostPort: true } })).toThrow(/container trace-agent specifies host port 8126/);
    });

    test('#947: the init-config container mounts only allowlisted host paths read-only', () => {
      const m = render(AP);
      const init = hostMounts(m).filter(([ct]) => ct === 'init-config');
      expect(init.length).toBeGreaterThan(0);
      for (const [, path, ro] of init) {
        expect(['/proc', '/var/run/containerd']).toContain(path);
        expect(ro).toBe(true);
      }
    });

    // helm-charts #853: Warden refused the DogStatsD socket's host path in write mode, /etc/os-release and /var/run.
    test('#853: no socket host path, the OS release read-only, the runtime socket directory only (not /var/run)', () => {
      const m = render(AP);
      const spec = m.daemonSet.spec.template.spec;
      expect(spec.volumes.find((v: any) => v.name === 'dsdsocket')).toEqual({ name: 'dsdsocket', emptyDir: {} });
      const mounts = hostMounts(m);
      expect(mounts.filter(([, p]) => p === '/etc/os-release').every(([, , ro]) => ro)).toBe(true);
      expect(mounts.map(([, p]) => p)).not.toContain('/var/run');
      expect(mounts.map(([, p]) => p)).toContain('/var/run/containerd');
      expect(autopilotViolations('nodeAgent', m.daemonSet.spec.template)).toEqual([]);
    });

    // helm-charts #1584: SBOM's uncompressed-layers support put SYS_ADMIN on the agent and /var/lib/containerd in it.
    test('#1584: container-image SBOM fails naming the option (the chart turned it off on Autopilot)', () => {
      expect(() => render({ ...AP, sbom: { containerImage: { enabled: true } } }))
        .toThrow(/hostPath volume host-containerd-dir used in container agent uses path \/var\/lib\/containerd \(from sbom.containerImage\), which Datadog's WorkloadAllowlist does not list/);
    });

    // helm-charts #1697: on US3 the chart pulled from datadoghq.azurecr.io, which the allowlist does not exempt.
    test('#1697: every site pulls from Google\'s registries on Autopilot, US3 included', () => {
      for (const site of [DatadogSite.US3, DatadogSite.US5, DatadogSite.AP1]) {
        const m = render({ ...AP, site });
        for (const c of [...m.daemonSet.spec.template.spec.containers, ...m.clusterAgent.spec.template.spec.containers]) {
          expect(c.image).toMatch(/^(asia\.|eu\.)?gcr\.io\/datadoghq\//);
        }
      }
    });

    // helm-charts #2486: KILL (CWS enforcement) is not in the allowlist; neither is /etc/group, which CWS reads.
    test('#2486: CWS fails with the reason (/etc/group, and KILL with enforcement); the allowlist grants system-probe BPF and the host root', () => {
      expect(() => render({ ...AP, security: { runtime: { enabled: true } } }))
        .toThrow(/hostPath volume group used in container system-probe uses path \/etc\/group \(from security.runtime \(CWS\)\)/);
      expect(() => render({ ...AP, security: { runtime: { enabled: true } } }))
        .toThrow(/container system-probe adds capability KILL \(from security.runtime \(CWS enforcement\)\)/);
      expect(AUTOPILOT_HOST_PATHS['/']).toEqual({ writableBy: [] });
      const probe = { name: 'system-probe', securityContext: { capabilities: { add: ['BPF', 'SYS_ADMIN'] } }, volumeMounts: [{ name: 'hostroot', mountPath: '/host/root', readOnly: true }] };
      expect(autopilotViolations('nodeAgent', {
        spec: { serviceAccountName: 'datadog-agent', volumes: [{ name: 'hostroot', hostPath: { path: '/' } }], containers: [probe] },
      })).toEqual([]);
    });

    test('a Docker socket or another runtime fails (Autopilot nodes run containerd)', () => {
      expect(() => render({ ...AP, containerRuntime: ContainerRuntime.DOCKER })).toThrow(/containerRuntime: platform GKE_AUTOPILOT nodes run containerd, and only its socket directory is admitted \(\/var\/run\/containerd\/containerd.sock\)/);
      expect(() => render({ ...AP, containerRuntime: ContainerRuntime.CONTAINERD })).not.toThrow();
    });

    test('#1375: host network fails; a renamed ServiceAccount or an overridden command (JSON patches included) fail', () => {
      expect(() => render({ ...AP, nodeAgent: { hostNetwork: true } })).toThrow(/DaemonSet\/datadog \[autogke-disallow-hostnamespaces\] nodeAgent: hostNetwork is not allowed/);
      const patched = (patch: JsonPatch, container = 'agent') => {
        const chart = testChart();
        const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...AP });
        dd.nodeAgent.addContainerJsonPatch(container, patch);
        return () => synth(chart);
      };
      expect(patched(JsonPatch.replace('/command', ['bash', '-c', 'agent run']))).toThrow(/container agent must run exactly \["agent","run"\]/);
      const chart = testChart();
      const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...AP });
      dd.nodeAgent.daemonSet.addJsonPatch(JsonPatch.replace('/spec/template/spec/serviceAccountName', 'datadog'));
      expect(() => synth(chart)).toThrow(/the ServiceAccount must be datadog-agent, got datadog/);
    });

    test('a feature needing SYS_ADMIN in the agent, an extra or writable host path fail with the reason', () => {
      const tmpl = (spec: any) => ({ spec: { serviceAccountName: 'datadog-agent', ...spec } });
      const agent = (extra: any) => ({ name: 'agent', command: ['agent', 'run'], ...extra });
      expect(autopilotViolations('nodeAgent', tmpl({ containers: [agent({ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } })] })).map(v => v.message))
        .toEqual(['container agent adds capability SYS_ADMIN (from sbom.containerImage.uncompressedLayersSupport), which Autopilot does not grant it']);
      const vols = [{ name: 'x', hostPath: { path: '/var/lib/kubelet' } }, { name: 'p', hostPath: { path: '/proc' } }];
      expect(autopilotViolations('nodeAgent', tmpl({ volumes: vols, containers: [agent({ volumeMounts: [{ name: 'x', mountPath: '/x', readOnly: true }, { name: 'p', mountPath: '/host/proc' }] })] })).map(v => v.policy + ' ' + v.message))
        .toEqual([
          "autogke-no-write-mode-hostpath hostPath volume x used in container agent uses path /var/lib/kubelet, which Datadog's WorkloadAllowlist does not list",
          'autogke-no-write-mode-hostpath hostPath volume p (/proc) in container agent is accessed in write mode',
        ]);
      expect(autopilotViolations('clusterAgent', { spec: { hostPID: true, containers: [] } }).map(v => v.policy)).toEqual(['autogke-disallow-hostnamespaces']);
    });
  });
});

describe('what the chart renders on Autopilot besides the allowlist', () => {
  const res = (cpu: string, memory: string) => ({ requests: { cpu, memory }, limits: { cpu, memory } });

  test('images from Google\'s registries (the ones the chart keeps on Autopilot), yours when set', () => {
    const images = (m: any) => [...new Set(m.objects.filter((o: any) => o.spec?.template).flatMap((o: any) => [...o.spec.template.spec.containers, ...(o.spec.template.spec.initContainers ?? [])].map((c: any) => c.image.split('/').slice(0, -1).join('/'))))];
    expect(images(render(AP))).toEqual(['gcr.io/datadoghq']);
    expect(images(render({ ...AP, site: DatadogSite.EU1 }))).toEqual(['eu.gcr.io/datadoghq']);
    expect(images(render({ ...AP, site: DatadogSite.AP1 }))).toEqual(['asia.gcr.io/datadoghq']);
    expect(images(render({ ...AP, images: { registry: 'mirror.example.com/dd' } }))).toEqual(['mirror.example.com/dd']);
    expect(images(render())).toEqual(['registry.datadoghq.com']);
  });

  test('the chart\'s resources for every container that sets none (Autopilot bills 0.5 vCPU and 2 GiB otherwise); yours win', () => {
    const m = render({ ...AP, networkMonitoring: { enabled: true }, clusterChecksRunner: { enabled: true } });
    expect(m.container('agent').resources).toEqual(res('200m', '256Mi'));
    expect(m.container('system-probe').resources).toEqual(res('100m', '400Mi'));
    expect(m.container('trace-agent').resources).toEqual(res('100m', '200Mi'));
    for (const n of ['init-volume', 'init-config']) expect(m.container(n).resources).toEqual(res('100m', '200Mi'));
    expect(m.container('cluster-agent', m.clusterAgent).resources).toEqual(res('200m', '256Mi'));
    expect(m.container('init-volume', m.clusterAgent).resources).toEqual(res('100m', '200Mi'));
    expect(m.container('agent', m.get('Deployment', 'datadog-clusterchecks')).resources).toEqual(res('200m', '500Mi'));
    const mine = render({ ...AP, nodeAgent: { resources: { cpuRequest: '50m', memoryRequest: '128Mi' } } });
    expect(mine.container('agent').resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' } });
    expect(render().container('agent').resources).toBeUndefined();
  });

  test('system-probe shares the run directory; the Cluster Agent names its cloud provider', () => {
    const m = render({ ...AP, networkMonitoring: { enabled: true } });
    expect(mountsOf(m.container('system-probe'))['/opt/datadog-agent/run']).toEqual({ name: 'datadogrun', mountPath: '/opt/datadog-agent/run' });
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_CLOUD_PROVIDER_METADATA).toBe('["gcp"]');
    expect(envOf(render().container('cluster-agent', render().clusterAgent))).not.toHaveProperty('DD_CLOUD_PROVIDER_METADATA');
  });

  test('APM over TCP through the node-local Service: no socket, admission controller in service mode (difference apm-over-local-service)', () => {
    const m = render(AP);
    expect(envOf(m.container('trace-agent'))).not.toHaveProperty('DD_APM_RECEIVER_SOCKET');
    expect(m.volume('apmsocket')).toBeUndefined();
    expect(envOf(m.container('cluster-agent', m.clusterAgent)).DD_ADMISSION_CONTROLLER_INJECT_CONFIG_MODE).toBe('service');
    expect(() => render({ ...AP, apm: { socketEnabled: true } })).toThrow(/apm.socketEnabled: on GKE Autopilot application pods cannot mount the socket's host directory/);
    expect(explainFinding('+container:DaemonSet/datadog/trace-agent:')?.id).toBe('apm-over-local-service');
  });
});
