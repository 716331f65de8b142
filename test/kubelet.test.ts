import { KubeletHost } from '../src';
import { envOf, mountsOf, render } from './support/helpers';

describe('kubelet', () => {
  test('default: host IP from the downward API, agent TLS defaults', () => {
    const env = envOf(render().container('agent'));
    expect(env.DD_KUBERNETES_KUBELET_HOST).toEqual({ fieldRef: { fieldPath: 'status.hostIP' } });
    expect(env.DD_KUBELET_TLS_VERIFY).toBeUndefined();
    expect(env.DD_KUBELET_CLIENT_CA).toBeUndefined();
  });

  test('node name, fixed host, tlsVerify', () => {
    expect(envOf(render({ kubelet: { host: KubeletHost.NODE_NAME } }).container('agent')).DD_KUBERNETES_KUBELET_HOST).toEqual({ fieldRef: { fieldPath: 'spec.nodeName' } });
    expect(envOf(render({ kubelet: { host: KubeletHost.fromValue('localhost') } }).container('agent')).DD_KUBERNETES_KUBELET_HOST).toEqual('localhost');
    expect(envOf(render({ kubelet: { tlsVerify: false } }).container('trace-agent')).DD_KUBELET_TLS_VERIFY).toEqual('false');
  });

  test('hostCAPath: a read-only File mount and DD_KUBELET_CLIENT_CA in agent and trace-agent', () => {
    const m = render({ kubelet: { hostCAPath: '/etc/kubernetes/pki/kubelet-ca.crt' } });
    expect(m.volume('kubelet-ca')).toEqual({ name: 'kubelet-ca', hostPath: { path: '/etc/kubernetes/pki/kubelet-ca.crt', type: 'File' } });
    for (const name of ['agent', 'trace-agent']) {
      expect(envOf(m.container(name)).DD_KUBELET_CLIENT_CA).toEqual('/var/run/kubelet-ca/kubelet-ca.crt');
      expect(mountsOf(m.container(name))['/var/run/kubelet-ca/kubelet-ca.crt']).toMatchObject({ name: 'kubelet-ca', readOnly: true });
    }
  });

  test('bad host value', () => {
    expect(() => render({ kubelet: { host: KubeletHost.fromValue('http://x') } })).toThrow(/kubelet.host must be a host name or IP address/);
  });

  test('hostCAPath must be a file', () => {
    expect(() => render({ kubelet: { hostCAPath: '/etc/pki/' } })).toThrow(/kubelet.hostCAPath must be a file/);
  });
});

describe('kubelet.podResourcesSocketDir', () => {
  test('unset: the env var names the default path and nothing is mounted, as the chart renders', () => {
    const m = render();
    expect(envOf(m.container('agent')).DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET).toBe('/var/lib/kubelet/pod-resources/kubelet.sock');
    expect(m.volume('pod-resources-socket')).toBeUndefined();
  });

  test('set: the host directory is mounted read-only into the agent where the env var points', () => {
    const m = render({ kubelet: { podResourcesSocketDir: '/data/kubelet/pod-resources' } });
    expect(m.volume('pod-resources-socket')).toEqual({ name: 'pod-resources-socket', hostPath: { path: '/data/kubelet/pod-resources', type: 'Directory' } });
    const agent = m.container('agent');
    expect(agent.volumeMounts).toContainEqual({ name: 'pod-resources-socket', mountPath: '/var/lib/kubelet/pod-resources', readOnly: true });
    expect(envOf(agent).DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET).toBe('/var/lib/kubelet/pod-resources/kubelet.sock');
    for (const c of ['trace-agent', 'process-agent']) expect(JSON.stringify(m.container(c)?.volumeMounts ?? [])).not.toContain('pod-resources-socket');
  });

  test('a clash with another mount of the agent names the option', () => {
    expect(() => render({ kubelet: { podResourcesSocketDir: '/x' }, logs: { enabled: true, podLogsPath: '/var/lib/kubelet/pod-resources' } }))
      .toThrow(/kubelet\.podResourcesSocketDir|logs\.podLogsPath/);
  });
});
