import { registerOptionClass } from './input/classes';
import { checkArgs } from './input/strict';
import { checkAbsolutePath, fail, show } from './validation';

/**
 * The node's container runtime, and so the socket the agent talks to. The agent mounts only the
 * socket's directory, read-only, at `/host/<dir>`.
 */
export class ContainerRuntime {
  /** containerd at `/var/run/containerd/containerd.sock` (EKS, GKE, AKS, kind, k3s with containerd). */
  public static readonly CONTAINERD = new ContainerRuntime('containerd', '/var/run/containerd/containerd.sock');
  /** CRI-O at `/var/run/crio/crio.sock` (OpenShift). */
  public static readonly CRIO = new ContainerRuntime('cri-o', '/var/run/crio/crio.sock');
  /** Docker Engine at `/var/run/docker.sock` (cri-dockerd clusters). */
  public static readonly DOCKER = new ContainerRuntime('docker', '/var/run/docker.sock');

  /** A CRI runtime (containerd, CRI-O...) listening on another socket, e.g. k3s' `/run/k3s/containerd/containerd.sock`. */
  public static criSocket(socketPath: string): ContainerRuntime {
    checkArgs('cdk8s-datadog.ContainerRuntime', 'criSocket', [socketPath]);
    return new ContainerRuntime('cri', socketPath);
  }

  /** Docker Engine listening on another socket. */
  public static dockerSocket(socketPath: string): ContainerRuntime {
    checkArgs('cdk8s-datadog.ContainerRuntime', 'dockerSocket', [socketPath]);
    return new ContainerRuntime('docker', socketPath);
  }

  private constructor(
    /** The runtime kind: `containerd`, `cri-o`, `cri` or `docker`. */
    public readonly kind: string,
    /** The socket path on the host. */
    public readonly socketPath: string,
  ) {}

  /** @internal */
  public _validate(path: string): void {
    checkAbsolutePath(path, this.socketPath);
    if (!/\.sock$/.test(this.socketPath)) fail(`${path} must be the path of a Unix socket ending in ".sock", got ${show(this.socketPath)}`);
    const dir = this.socketPath.slice(0, this.socketPath.lastIndexOf('/')) || '/';
    if (dir === '/') fail(`${path} must not sit directly under "/" (its directory is mounted into the agent), got ${show(this.socketPath)}`);
  }

  /** The kind, typed for the modules that branch on it. @internal */
  public _kind(): RuntimeKind {
    return this.kind as RuntimeKind;
  }

  /** The directory of the socket, mounted read-only into the agents. @internal */
  public _socketDir(): string {
    return this.socketPath.slice(0, this.socketPath.lastIndexOf('/'));
  }
}
registerOptionClass('cdk8s-datadog.ContainerRuntime', ContainerRuntime);

/** The runtime kinds ContainerRuntime knows. @internal */
export type RuntimeKind = 'containerd' | 'cri-o' | 'cri' | 'docker';
