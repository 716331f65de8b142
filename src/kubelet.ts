import { registerOptionClass } from './input/classes';
import { checkArgs } from './input/strict';
import type { EnvVarSource } from './model/k8s-json';
import { checkString } from './validation';

/** How the agent reaches the kubelet of its node. */
export class KubeletHost {
  /** The node's IP from the downward API (`status.hostIP`): the chart's default. */
  public static readonly HOST_IP = new KubeletHost('status.hostIP', undefined);
  /** The node's name from the downward API (`spec.nodeName`), for kubelets whose certificate names the node. */
  public static readonly NODE_NAME = new KubeletHost('spec.nodeName', undefined);

  /** A fixed host name or IP, e.g. `localhost` with host networking. */
  public static fromValue(host: string): KubeletHost {
    checkArgs('cdk8s-datadog.KubeletHost', 'fromValue', [host]);
    return new KubeletHost(undefined, host);
  }

  private constructor(private readonly fieldPath: string | undefined, private readonly value: string | undefined) {}

  /** @internal */
  public _env(path: string): string | EnvVarSource {
    if (this.value !== undefined) {
      checkString(path, this.value, /^[A-Za-z0-9]([-A-Za-z0-9.:]*[A-Za-z0-9])?$/, 'a host name or IP address');
      return this.value;
    }
    return { fieldRef: { fieldPath: this.fieldPath! } };
  }
}
registerOptionClass('cdk8s-datadog.KubeletHost', KubeletHost);

/** Kubelet connection settings (`datadog.kubelet.*` in the chart). */
export interface KubeletOptions {
  /**
   * Where the kubelet is.
   * @default KubeletHost.HOST_IP
   */
  readonly host?: KubeletHost;
  /**
   * Verify the kubelet's TLS certificate. Many managed clusters (AKS, kind, minikube) serve
   * kubelet certificates that do not name the node IP: set `false` there.
   * @default - the agent's default (verify)
   */
  readonly tlsVerify?: boolean;
  /**
   * Path on the host of the CA that signed the kubelet certificate. Mounted read-only into the
   * agent containers at `/var/run/kubelet-ca/<file name>` and passed as `DD_KUBELET_CLIENT_CA`.
   * @default - none
   */
  readonly hostCAPath?: string;
  /**
   * Path inside the agent container of the kubelet CA (use with `hostCAPath` to choose where it
   * is mounted, or alone when the CA is already in the image).
   * @default - `/var/run/kubelet-ca/<file name of hostCAPath>`
   */
  readonly agentCAPath?: string;
  /**
   * Host directory of the kubelet's pod-resources socket (`kubelet.sock`), used for GPU and
   * device tagging. When set, it is mounted read-only into the agent container at
   * `/var/lib/kubelet/pod-resources`, where `DD_KUBERNETES_KUBELET_PODRESOURCES_SOCKET` points.
   * Unset, nothing is mounted and the env var names the default path, as the Helm chart does
   * (the agent goes without pod resources when the socket is not there).
   * @default "/var/lib/kubelet/pod-resources"
   */
  readonly podResourcesSocketDir?: string;
}
