/**
 * The subset of Kubernetes JSON shapes the pod model writes. These are internal: the public API
 * never exposes them, and every synthesized object is checked against the real 1.27 schema in the
 * tests, so a field written here that Kubernetes does not know fails the test suite.
 */

export interface EnvVarSource {
  readonly fieldRef?: { readonly fieldPath: string; readonly apiVersion?: string };
  readonly secretKeyRef?: { readonly name: string; readonly key: string; readonly optional?: boolean };
  readonly configMapKeyRef?: { readonly name: string; readonly key: string; readonly optional?: boolean };
  readonly resourceFieldRef?: { readonly resource: string; readonly containerName?: string; readonly divisor?: string };
}

export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: EnvVarSource;
}

export interface EnvFromSource {
  readonly configMapRef?: { readonly name: string; readonly optional?: boolean };
  readonly secretRef?: { readonly name: string; readonly optional?: boolean };
  readonly prefix?: string;
}

export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
  readonly mountPropagation?: string;
}

export interface Volume {
  readonly name: string;
  readonly hostPath?: { readonly path: string; readonly type?: string };
  readonly emptyDir?: { readonly medium?: string; readonly sizeLimit?: string };
  readonly configMap?: {
    readonly name: string; readonly items?: { key: string; path: string }[]; readonly optional?: boolean; readonly defaultMode?: number;
  };
  readonly secret?: {
    readonly secretName: string; readonly items?: { key: string; path: string }[]; readonly optional?: boolean; readonly defaultMode?: number;
  };
}

export interface ContainerPort {
  readonly name: string;
  readonly containerPort: number;
  readonly protocol: 'TCP' | 'UDP';
  readonly hostPort?: number;
}

export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: number | string; readonly scheme?: string };
  readonly tcpSocket?: { readonly port: number | string };
  readonly exec?: { readonly command: string[] };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly successThreshold?: number;
  readonly failureThreshold?: number;
}

/** A container lifecycle hook's action (one of them). */
export interface LifecycleHandler {
  readonly exec?: { readonly command: string[] };
  readonly httpGet?: {
    readonly path?: string;
    readonly port: number | string;
    readonly host?: string;
    readonly scheme?: string;
    readonly httpHeaders?: { name: string; value: string }[];
  };
  readonly tcpSocket?: { readonly port: number | string; readonly host?: string };
}

export interface Lifecycle {
  readonly postStart?: LifecycleHandler;
  readonly preStop?: LifecycleHandler;
}

export interface SecurityContext {
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly runAsNonRoot?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  readonly privileged?: boolean;
  readonly capabilities?: { readonly add?: string[]; readonly drop?: string[] };
  readonly seccompProfile?: { readonly type: string; readonly localhostProfile?: string };
  readonly seLinuxOptions?: { readonly user?: string; readonly role?: string; readonly type?: string; readonly level?: string };
  /** Windows containers only (pod `os.name: windows`). */
  readonly windowsOptions?: { readonly runAsUserName?: string; readonly hostProcess?: boolean };
}

export interface ResourceRequirements {
  readonly requests?: { [name: string]: string };
  readonly limits?: { [name: string]: string };
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
  readonly tolerationSeconds?: number;
}

export interface PolicyRule {
  readonly apiGroups?: string[];
  readonly resources?: string[];
  readonly resourceNames?: string[];
  readonly nonResourceURLs?: string[];
  readonly verbs: string[];
}
