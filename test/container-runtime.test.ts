import { ContainerRuntime } from '../src';
import { envOf, mountsOf, render } from './support/helpers';

describe('container runtime', () => {
  test.each([
    [ContainerRuntime.CONTAINERD, '/var/run/containerd', { DD_CRI_SOCKET_PATH: '/host/var/run/containerd/containerd.sock' }],
    [ContainerRuntime.CRIO, '/var/run/crio', { DD_CRI_SOCKET_PATH: '/host/var/run/crio/crio.sock' }],
    [ContainerRuntime.DOCKER, '/var/run', { DOCKER_HOST: 'unix:///host/var/run/docker.sock' }],
    [ContainerRuntime.criSocket('/run/k3s/containerd/containerd.sock'), '/run/k3s/containerd', { DD_CRI_SOCKET_PATH: '/host/run/k3s/containerd/containerd.sock' }],
  ])('%o mounts only the socket directory, read-only, and points the agent at it', (runtime, dir, env) => {
    const m = render({ containerRuntime: runtime });
    expect(m.volume('runtimesocketdir')).toEqual({ name: 'runtimesocketdir', hostPath: { path: dir } });
    for (const name of ['agent', 'trace-agent', 'init-config']) {
      const ct = m.container(name);
      expect(mountsOf(ct)[`/host${dir}`]).toEqual({ name: 'runtimesocketdir', mountPath: `/host${dir}`, readOnly: true, mountPropagation: 'None' });
      expect(envOf(ct)).toMatchObject(env);
    }
  });

  test('only Docker mounts the Docker containers log directory', () => {
    expect(render({ containerRuntime: ContainerRuntime.DOCKER, logs: { enabled: true } }).volume('logdockercontainerpath')).toBeDefined();
    expect(render({ logs: { enabled: true } }).volume('logdockercontainerpath')).toBeUndefined();
  });
});
