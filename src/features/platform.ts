import { ApiObject, Lazy } from 'cdk8s';
import type { Construct } from 'constructs';
import { clusterAgentConfd } from '../components/cluster-agent-confd';
import { CONTAINER, VOLUME } from '../components/containers';
import { componentLabels } from '../components/labels';
import type { RbacGrant, Resolver } from '../feature';
import { defineFeature } from '../feature';
import { SPC_T, sccForPod } from './openshift-scc';
import type { SccSettings } from './openshift-scc';
import { registerOptionClass } from '../input/classes';
import {
  AUTOPILOT_ALLOWLIST_SYNCHRONIZER, AUTOPILOT_CLUSTER_AGENT_RESOURCES, AUTOPILOT_NODE_RESOURCES, AUTOPILOT_POINTER_DIR, AUTOPILOT_RUNNER_RESOURCES,
  AUTOPILOT_RUNTIME_SOCKET, autopilotViolations,
} from '../model/gke-autopilot';
import { GDC_HOSTNAME_ENV, GDC_KUBELET_CERT, GDC_POINTER_DIR, gdcViolations } from '../model/gke-gdc';
import type { ResourceRequirements } from '../model/k8s-json';
import { clusterScoped } from '../model/objects';
import type { PodModel } from '../model/pod';
import { toYaml } from '../model/yaml';
import { bool, fail, show } from '../validation';

/**
 * The Kubernetes distribution, for the few things that differ between them. The generic
 * platform grants nothing distribution-specific: the chart grants OpenShift and EKS rules on every
 * cluster; here they come with the platform that needs them.
 */
export class KubernetesPlatform {
  /** Any conformant Kubernetes (GKE Standard, kind, k3s, kubeadm...). */
  public static readonly GENERIC = new KubernetesPlatform('generic');
  /** Amazon EKS: the node agents may read the control-plane metrics EKS exposes (`metrics.eks.amazonaws.com`). */
  public static readonly EKS = new KubernetesPlatform('eks');
  /** Azure AKS: the admission webhook gets the selectors AKS requires (`DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS`). */
  public static readonly AKS = new KubernetesPlatform('aks');
  /**
   * Red Hat OpenShift: CRI-O by default; a SecurityContextConstraints for the node agent (named
   * like the installation) that admits exactly the pod synthesized (its capabilities, volume
   * types, host namespaces and ports, seccomp profiles, root, SELinux `spc_t`), with `use`
   * granted to the node agent only; cluster resource quotas for whoever runs the cluster-level
   * checks. The Cluster Agent and the runners run under the built-in `restricted-v2`.
   */
  public static readonly OPENSHIFT = new KubernetesPlatform('openshift');
  /**
   * GKE Autopilot, rendered as the chart's `providers.gke.autopilot`: the node agent matches
   * Datadog's WorkloadAllowlist (ServiceAccount `datadog-agent`, ConfigMaps `datadog-agent-*`,
   * command `agent run`, only the allowlisted host paths, writable only where the allowlist says,
   * no host ports, system-probe's capability set), an `AllowlistSynchronizer` installs the
   * allowlist, and every pod is checked against Autopilot at synthesis. Images come from Google's
   * registries and containers without resources get the chart's Autopilot defaults; APM goes over
   * TCP through the node-local Service (no socket). One installation per cluster namespace (the
   * names are fixed).
   */
  public static readonly GKE_AUTOPILOT = new KubernetesPlatform('gke-autopilot');
  /**
   * Talos Linux, rendered as the chart's `providers.talos.enabled`: Talos nodes have no
   * `/etc/passwd`, `/etc/group`, distribution release files, kernel headers or package-manager
   * configuration, so none is mounted, and system-probe gets no runtime-compilation mounts (Talos
   * cannot compile eBPF programs on the node: features that would use it fall back to CO-RE or
   * prebuilt programs).
   */
  public static readonly TALOS = new KubernetesPlatform('talos');
  /**
   * GKE Standard with Container-Optimized OS nodes, rendered as the chart's `providers.gke.cos`:
   * `/usr` is read-only, so system-probe gets no `/usr/src` mount for runtime compilation, and GPU
   * monitoring finds the NVIDIA driver in `/home/kubernetes/bin/nvidia/lib64` (the default of
   * `gpuMonitoring.nvidiaDriverLibDir`).
   */
  public static readonly GKE_COS = new KubernetesPlatform('gke-cos');
  /**
   * Flatcar Container Linux nodes, rendered as the chart's `providers.flatcar.enabled`: `/usr` is
   * read-only, so system-probe gets no `/usr/src` mount for runtime compilation.
   */
  public static readonly FLATCAR = new KubernetesPlatform('flatcar');
  /**
   * GKE on Google Distributed Cloud, rendered as the chart's `providers.gke.gdc`: the node agent
   * is the core `agent` container alone, with no host PID namespace, no host system directory
   * (`/proc`, cgroups, OS release, passwd, runtime socket) and no host port; its pointer
   * directory is `/var/datadog/logs`; it reaches the kubelet with the client certificate in the
   * `kubernetes.io/tls` Secret `datadog-kubelet-cert` (which you create), and host names are
   * `<node>-<clusterName>` (so `clusterName` is required). APM, process collection, DogStatsD
   * and APM sockets, system-probe features, the security agent, DDOT, GPU monitoring and remote
   * configuration are off by default and refused when asked for; every node agent pod is checked
   * against GDC at synthesis. Images come from Google's registries.
   */
  public static readonly GKE_GDC = new KubernetesPlatform('gke-gdc');

  private constructor(
    /** The platform's name. */
    public readonly name: string,
  ) {}
}
registerOptionClass('cdk8s-datadog.KubernetesPlatform', KubernetesPlatform);

/** The platforms' names, as the modules that branch on them see them. @internal */
export type Platform = 'generic' | 'eks' | 'aks' | 'openshift' | 'gke-autopilot' | 'talos' | 'gke-cos' | 'flatcar' | 'gke-gdc';

/**
 * What a platform changes in the components, as data the feature modules read (instead of each
 * testing platform names). Platforms not listed have the defaults.
 * @internal
 */
export interface PlatformTraits {
  /** `DD_PROVIDER_KIND` and the pods' `env.datadoghq.com/kind` label. */
  readonly providerKind?: string;
  /** Images from Google's registries (the site's gcr.io mirror), as the chart keeps them there. */
  readonly googleRegistry: boolean;
  /**
   * The node agent may read the host system: host PID namespace, `/proc`, cgroups, OS release,
   * passwd and the container runtime socket. Without it, features that need them are refused.
   */
  readonly hostSystem: boolean;
  /** The agent's pointer (run) directory on the host, fixed by the platform; else `logs.pointerHostDir`. */
  readonly pointerDir?: string;
  /** The node agent gets the auth-token volume (`DD_AUTH_TOKEN_FILE_PATH`). */
  readonly authTokenVolume: boolean;
  /** The agent is told where the kubelet pod-resources socket is. */
  readonly podResourcesSocket: boolean;
  /** Remote configuration is available (else off by default, and refused when asked for). */
  readonly remoteConfiguration: boolean;
  /** The node agent may run more containers than the core agent (trace-agent, system-probe...). */
  readonly sidecars: boolean;
  /**
   * Where the DogStatsD and APM Unix sockets live: `host`, a host directory applications mount;
   * `pod`, a directory inside the agent pod only (applications cannot reach it); `none`, no socket.
   */
  readonly sockets: 'host' | 'pod' | 'none';
  /** The nodes have `/etc/passwd` and `/etc/group` for user and group names (Talos has neither). */
  readonly hostUserFiles: boolean;
  /** system-probe reads the distributions' release files (`/etc/redhat-release`...). */
  readonly releaseFiles: boolean;
  /** system-probe may compile eBPF programs on the node (kernel headers, package-manager directories). */
  readonly runtimeCompilation: boolean;
  /** `/usr/src` can be mounted for runtime compilation (`/usr` is read-only on COS and Flatcar). */
  readonly usrSrc: boolean;
  /** The container runtime when `containerRuntime` is unset. */
  readonly defaultRuntime: 'containerd' | 'crio';
  /** The only runtime socket the platform admits, when it admits one only. */
  readonly onlyRuntimeSocket?: string;
  /** Where the NVIDIA driver lives on the nodes, when not where the agent looks by default. */
  readonly nvidiaDriverLibDir?: string;
  /** Why features cannot run there at all, by option: the refusal's reason. */
  readonly unsupported: { readonly gpuMonitoring?: string; readonly windowsNodes?: string };
  /** The allowlist matches the containers' commands exactly (no trace-loader). */
  readonly allowlistedCommands: boolean;
}

const DEFAULT_TRAITS: PlatformTraits = {
  googleRegistry: false,
  hostSystem: true,
  authTokenVolume: true,
  podResourcesSocket: true,
  remoteConfiguration: true,
  sidecars: true,
  sockets: 'host',
  hostUserFiles: true,
  releaseFiles: true,
  runtimeCompilation: true,
  usrSrc: true,
  defaultRuntime: 'containerd',
  unsupported: {},
  allowlistedCommands: false,
};

/** What each platform changes, as the chart renders its `providers.*` (one row per platform). */
const TRAITS: { readonly [p in Platform]?: Partial<PlatformTraits> } = {
  'openshift': { defaultRuntime: 'crio' },
  'gke-autopilot': {
    providerKind: 'gke-autopilot',
    googleRegistry: true,
    pointerDir: AUTOPILOT_POINTER_DIR,
    authTokenVolume: false,
    podResourcesSocket: false,
    sockets: 'pod',
    // COS nodes, and the allowlist lists no release file
    releaseFiles: false,
    usrSrc: false,
    onlyRuntimeSocket: AUTOPILOT_RUNTIME_SOCKET,
    allowlistedCommands: true,
    unsupported: {
      gpuMonitoring: 'Datadog\'s WorkloadAllowlist allows neither the NVIDIA device mount nor CAP_MKNOD',
      windowsNodes: 'GKE Autopilot has no Windows nodes',
    },
  },
  'gke-cos': { usrSrc: false, nvidiaDriverLibDir: '/home/kubernetes/bin/nvidia/lib64' },
  'flatcar': { usrSrc: false },
  'talos': { hostUserFiles: false, releaseFiles: false, runtimeCompilation: false },
  'gke-gdc': {
    providerKind: 'gke-gdc',
    googleRegistry: true,
    pointerDir: GDC_POINTER_DIR,
    podResourcesSocket: false,
    hostSystem: false,
    remoteConfiguration: false,
    sidecars: false,
    sockets: 'none',
    unsupported: {
      gpuMonitoring: 'it admits neither the NVIDIA device and pod-resources host paths nor CAP_MKNOD',
      windowsNodes: 'it admits the Linux core agent only',
    },
  },
};

/** The traits of a platform. @internal */
export function platformTraits(p: Platform): PlatformTraits {
  return { ...DEFAULT_TRAITS, ...TRAITS[p] };
}

/** How messages name a platform: its `KubernetesPlatform` constant. @internal */
export function platformConstant(p: Platform): string {
  return p.toUpperCase().replace(/-/g, '_');
}

/** @internal */
export function resolvePlatform(p: KubernetesPlatform | undefined): Platform {
  const platform = p ?? KubernetesPlatform.GENERIC;
  if (!(platform instanceof KubernetesPlatform)) {
    fail(`platform must be a KubernetesPlatform (GENERIC, EKS, AKS, OPENSHIFT, GKE_AUTOPILOT, TALOS, GKE_COS, FLATCAR, GKE_GDC), got ${show(platform)}`);
  }
  return platform.name as Platform;
}

/** Options for Amazon EKS (`platform: KubernetesPlatform.EKS`), as the chart's `providers.eks.*`. */
export interface EksOptions {
  /**
   * Control-plane monitoring: the `kube_apiserver_metrics`, `kube_controller_manager` and
   * `kube_scheduler` checks, as cluster checks of this installation's Cluster Agent on the API
   * server's `kubernetes` Service; the last two read what EKS serves under
   * `metrics.eks.amazonaws.com`. Needs the Cluster Agent and cluster checks.
   * @default false
   */
  readonly controlPlaneMonitoring?: boolean;
  /**
   * Take the host name from the EC2 instance id file cloud-init writes
   * (`/var/lib/cloud/data/instance-id`, mounted read-only; `DD_HOSTNAME_FILE`), for nodes whose
   * pods cannot reach the instance metadata service (IMDS).
   * @default false
   */
  readonly hostnameFromFile?: boolean;
}

/** @internal */
export interface ResolvedEks {
  readonly controlPlaneMonitoring: boolean;
  readonly hostnameFromFile: boolean;
}

/**
 * `eks`: EKS only. The control-plane checks are cluster checks in this installation's Cluster
 * Agent, so both must be here.
 * @internal
 */
export function resolveEks(
  o: EksOptions | undefined, c: { platform: Platform; clusterChecks: { enabled: boolean }; clusterAgent: { deployed: boolean } },
): ResolvedEks {
  const off = { controlPlaneMonitoring: false, hostnameFromFile: false };
  if (o === undefined) return off;
  if (c.platform !== 'eks') fail(`eks is only available with platform: EKS, got platform ${platformConstant(c.platform)}`);
  const controlPlaneMonitoring = bool('eks.controlPlaneMonitoring', o.controlPlaneMonitoring) ?? false;
  const hostnameFromFile = bool('eks.hostnameFromFile', o.hostnameFromFile) ?? false;
  if (controlPlaneMonitoring && !c.clusterAgent.deployed) {
    fail('eks.controlPlaneMonitoring needs the Cluster Agent of this installation (its conf.d holds the checks): set clusterAgent.enabled, not clusterAgent.existing');
  }
  if (controlPlaneMonitoring && !c.clusterChecks.enabled) fail('eks.controlPlaneMonitoring runs cluster checks: leave clusterChecks.enabled unset or true');
  return { controlPlaneMonitoring, hostnameFromFile };
}

/** Options for Red Hat OpenShift (`platform: KubernetesPlatform.OPENSHIFT`), as the chart's `providers.openshift.*`. */
export interface OpenShiftOptions {
  /**
   * Control-plane monitoring: the `kube_apiserver_metrics`, `kube_controller_manager`,
   * `kube_scheduler` and `etcd` checks, as cluster checks of this installation's Cluster Agent on
   * the components' endpoints (`openshift-kube-controller-manager`, `openshift-kube-scheduler`,
   * `openshift-etcd`). etcd is read with the client certificate of the Secret
   * `etcd-metric-client`, which you copy from the `openshift-etcd-operator` namespace into the
   * installation's; it is mounted in the node agents and runners, whose automatic etcd check is
   * turned off. Needs the Cluster Agent and cluster checks.
   * @default false
   */
  readonly controlPlaneMonitoring?: boolean;
}

/** @internal */
export interface ResolvedOpenShift {
  readonly controlPlaneMonitoring: boolean;
}

/** `openshift`: OpenShift only; the control-plane checks are cluster checks of this installation's Cluster Agent. @internal */
export function resolveOpenShift(
  o: OpenShiftOptions | undefined, c: { platform: Platform; clusterChecks: { enabled: boolean }; clusterAgent: { deployed: boolean } },
): ResolvedOpenShift {
  if (o === undefined) return { controlPlaneMonitoring: false };
  if (c.platform !== 'openshift') fail(`openshift is only available with platform: OPENSHIFT, got platform ${platformConstant(c.platform)}`);
  const controlPlaneMonitoring = bool('openshift.controlPlaneMonitoring', o.controlPlaneMonitoring) ?? false;
  if (controlPlaneMonitoring && !c.clusterAgent.deployed) {
    fail('openshift.controlPlaneMonitoring needs the Cluster Agent of this installation (its conf.d holds the checks): set clusterAgent.enabled, not clusterAgent.existing');
  }
  if (controlPlaneMonitoring && !c.clusterChecks.enabled) fail('openshift.controlPlaneMonitoring runs cluster checks: leave clusterChecks.enabled unset or true');
  return { controlPlaneMonitoring };
}

/** Resolves `openshift` for the platform feature (which reads it). @internal */
export const openshiftResolver: Resolver<'openshift', 'clusterChecks'> = {
  id: 'openshift',
  option: 'openshift',
  needs: ['clusterChecks'],
  resolve: (p, c) => resolveOpenShift(p.openshift, c),
};

/** The file cloud-init writes the EC2 instance id to. */
const EC2_INSTANCE_ID_FILE = '/var/lib/cloud/data/instance-id';

/** The default `kubernetes` Service of the API server, which the control-plane checks are scheduled on. */
const API_SERVER_ENDPOINTS = { kube_endpoints: { name: 'kubernetes', namespace: 'default' } };
const SERVICE_ACCOUNT_CA = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

/** A cluster check scheduled on a Service's endpoints, with one instance. */
function endpointsCheck(endpoints: object, instance: object): object {
  return { advanced_ad_identifiers: [endpoints], cluster_check: true, init_config: {}, instances: [instance] };
}

/**
 * EKS control-plane checks (cluster checks on the API server's endpoints): the API server's own
 * metrics, and kube-controller-manager's and kube-scheduler's, which EKS serves through the API
 * server (`metrics.eks.amazonaws.com`, readable with the node agents' EKS rule).
 */
function eksControlPlaneChecks(): [check: string, file: string, config: object][] {
  const eksMetrics = (component: 'kcm' | 'ksh') => ({
    prometheus_url: `https://%%host%%:%%port%%/apis/metrics.eks.amazonaws.com/v1/${component}/container/metrics`,
    extra_headers: { accept: '*/*' },
    bearer_token_auth: true,
    tls_ca_cert: SERVICE_ACCOUNT_CA,
  });
  return [
    ['kube_apiserver_metrics', 'kube_apiserver_metrics.yaml',
      endpointsCheck(API_SERVER_ENDPOINTS, { prometheus_url: 'https://%%host%%:%%port%%/metrics', bearer_token_auth: true })],
    ['kube_controller_manager', 'kube_controller_manager.yaml', endpointsCheck(API_SERVER_ENDPOINTS, eksMetrics('kcm'))],
    ['kube_scheduler', 'kube_scheduler.yaml', endpointsCheck(API_SERVER_ENDPOINTS, eksMetrics('ksh'))],
  ];
}

/** The etcd client certificate OpenShift's control-plane monitoring reads (copied from `openshift-etcd-operator`). */
const OPENSHIFT_ETCD_CERT = { secretName: 'etcd-metric-client', mountPath: '/etc/etcd-certs' };

/**
 * OpenShift control-plane checks, on each component's endpoints by IP: the API server with the
 * ServiceAccount token; the controller manager and scheduler serve self-signed certificates; etcd
 * wants the client certificate.
 */
function openshiftControlPlaneChecks(): [check: string, file: string, config: object][] {
  const at = (name: string, namespace: string) => ({ kube_endpoints: { name, namespace, resolve: 'ip' } });
  const metrics = 'https://%%host%%:%%port%%/metrics';
  return [
    ['kube_apiserver_metrics', 'kube_apiserver_metrics.yaml', endpointsCheck(at('kubernetes', 'default'), { prometheus_url: metrics, bearer_token_auth: true })],
    ['kube_controller_manager', 'kube_controller_manager.yaml',
      endpointsCheck(at('kube-controller-manager', 'openshift-kube-controller-manager'), { prometheus_url: metrics, ssl_verify: false, bearer_token_auth: true })],
    ['kube_scheduler', 'kube_scheduler.yaml',
      endpointsCheck(at('scheduler', 'openshift-kube-scheduler'), { prometheus_url: metrics, ssl_verify: false, bearer_token_auth: true })],
    ['etcd', 'etcd.yaml', endpointsCheck(at('etcd', 'openshift-etcd'), {
      prometheus_url: metrics, ssl_verify: false, tls_cert: `${OPENSHIFT_ETCD_CERT.mountPath}/tls.crt`, tls_private_key: `${OPENSHIFT_ETCD_CERT.mountPath}/tls.key`,
    })],
  ];
}

/**
 * The etcd client certificate in the agents that may run the etcd cluster check (node agents and
 * runners), and their automatic etcd check turned off (an empty `conf.d/etcd.d`).
 */
function openshiftEtcdCertificate(pod: PodModel, container: string, certVolume: string): void {
  pod.volumeWithMounts({ name: certVolume, secret: { secretName: OPENSHIFT_ETCD_CERT.secretName } }, {
    [container]: { mountPath: OPENSHIFT_ETCD_CERT.mountPath, readOnly: true },
  });
  pod.volumeWithMounts({ name: 'disable-etcd-autoconf', emptyDir: {} }, { [container]: { mountPath: '/etc/datadog-agent/conf.d/etcd.d' } });
}

/** What each platform adds. One module, so "what does OPENSHIFT change?" has one answer. */
export const platform = defineFeature({
  id: 'platform',
  option: 'eks',
  needs: ['clusterChecks'],
  resolve: (p, c) => resolveEks(p.eks, c),
  uses: ['admissionController', 'openshift'],
  enabled: (c) => c.platform !== 'generic',
  nodeAgent: (c, pod) => {
    const kind = platformTraits(c.platform).providerKind;
    if (kind) pod.labels['env.datadoghq.com/kind'] = kind;
    if (c.eks.hostnameFromFile) {
      // Every agent process names the host from the file (as the chart: the common env and the file in each container).
      pod.addGroupEnv('common', { DD_HOSTNAME_FILE: EC2_INSTANCE_ID_FILE });
      const mount = { mountPath: EC2_INSTANCE_ID_FILE, readOnly: true };
      pod.volumeWithMounts({ name: 'cloudinit-instance-id-file', hostPath: { path: EC2_INSTANCE_ID_FILE, type: 'File' } }, Object.fromEntries(
        [CONTAINER.AGENT, CONTAINER.TRACE_AGENT, CONTAINER.PROCESS_AGENT, CONTAINER.SYSTEM_PROBE, CONTAINER.SECURITY_AGENT].map(n => [n, mount])));
    }
    if (c.openshift.controlPlaneMonitoring) openshiftEtcdCertificate(pod, CONTAINER.AGENT, 'etcd-certs');
    if (c.platform === 'gke-gdc') {
      // The kubelet through its client certificate; host names <node>-<cluster> (as the chart).
      pod.addGroupEnv('common', { ...GDC_KUBELET_CERT.env, ...GDC_HOSTNAME_ENV, DD_PROVIDER_KIND: 'gke-gdc' });
      pod.volumeWithMounts({ name: GDC_KUBELET_CERT.volume, secret: { secretName: GDC_KUBELET_CERT.secretName } }, {
        [CONTAINER.AGENT]: { mountPath: GDC_KUBELET_CERT.mountPath, readOnly: true },
      });
    }
    if (c.platform !== 'gke-autopilot') return;
    // The chart's workaround for an Autopilot bug (1.32.2-gke.1182000 to 1.32.2-gke.1652000).
    pod.annotations['autopilot.gke.io/no-connect'] = 'true';
    pod.addGroupEnv('common', {
      DD_KUBERNETES_HTTPS_KUBELET_PORT: '0',
      ...AUTOPILOT_CLOUD_PROVIDER,
      DD_PROVIDER_KIND: 'gke-autopilot',
    });
    // No startup probe and no auth-token volume on Autopilot (as the chart renders it).
    pod.container(CONTAINER.AGENT).removeProbe('startup');
    pod.onRender(p => [...p.containerNames(), ...p.initContainerNames()].forEach(n => p.container(n).unmount(VOLUME.AUTH_TOKEN)));
    // system-probe shares the agent's run directory (the allowlisted host directory) there.
    pod.onRender(p => {
      if (p.hasContainer(CONTAINER.SYSTEM_PROBE) && p.hasVolume(AUTOPILOT_RUN_VOLUME)) {
        p.container(CONTAINER.SYSTEM_PROBE).mount({ name: AUTOPILOT_RUN_VOLUME, mountPath: '/opt/datadog-agent/run' });
      }
    });
    autopilotDefaultResources(pod, AUTOPILOT_NODE_RESOURCES);
  },
  clusterChecksRunner: (c, pod) => {
    const kind = platformTraits(c.platform).providerKind;
    if (kind) pod.labels['env.datadoghq.com/kind'] = kind;
    if (c.platform === 'gke-autopilot') autopilotDefaultResources(pod, AUTOPILOT_RUNNER_RESOURCES);
    if (c.platform === 'gke-gdc') pod.container(CONTAINER.AGENT).setEnv({ ...GDC_KUBELET_CERT.env, DD_PROVIDER_KIND: 'gke-gdc' });
    if (c.openshift.controlPlaneMonitoring) openshiftEtcdCertificate(pod, CONTAINER.AGENT, 'etcd-client-certs');
  },
  clusterAgent: (c, pod) => {
    const kind = platformTraits(c.platform).providerKind;
    if (kind) pod.labels['env.datadoghq.com/kind'] = kind;
    if (c.platform === 'gke-autopilot') {
      pod.container(CONTAINER.CLUSTER_AGENT).setEnv(AUTOPILOT_CLOUD_PROVIDER);
      autopilotDefaultResources(pod, AUTOPILOT_CLUSTER_AGENT_RESOURCES);
    }
    // The chart gives every component the kubelet certificate's paths on GDC.
    if (c.platform === 'gke-gdc') pod.container(CONTAINER.CLUSTER_AGENT).setEnv(GDC_KUBELET_CERT.env);
    if (c.platform === 'aks' && c.admissionController.enabled) {
      pod.container(CONTAINER.CLUSTER_AGENT).setEnv({ DD_ADMISSION_CONTROLLER_ADD_AKS_SELECTORS: 'true' });
    }
    const controlPlane = [
      ...(c.eks.controlPlaneMonitoring ? eksControlPlaneChecks() : []),
      ...(c.openshift.controlPlaneMonitoring ? openshiftControlPlaneChecks() : []),
    ];
    for (const [check, file, config] of controlPlane) clusterAgentConfd(pod).add(check, file, toYaml(config));
  },
  rbac: (c): RbacGrant[] => {
    switch (c.platform) {
      case 'eks':
        // kube-scheduler and kube-controller-manager metrics, which EKS serves through the API server
        return [{ to: 'nodeAgent', rules: [{ apiGroups: ['metrics.eks.amazonaws.com'], resources: ['kcm/metrics', 'ksh/metrics'], verbs: ['get'] }] }];
      case 'openshift': {
        // The node agent runs as root with host paths: only its own SCC admits it (see objects).
        const grants: RbacGrant[] = [{
          to: 'nodeAgent',
          rules: [{ apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], resourceNames: [c.names.fullname], verbs: ['use'] }],
        }];
        // OpenShift's cluster-wide quotas, shown with the namespaces' resource quotas: read by the
        // Cluster Agent, or by the node agents when no Cluster Agent is deployed here (as the chart does).
        const quotas = [{ apiGroups: ['quota.openshift.io'], resources: ['clusterresourcequotas'], verbs: ['get', 'list'] }];
        grants.push({ to: c.clusterAgent.deployed ? 'clusterAgent' : 'nodeAgent', rules: quotas });
        return grants;
      }
      default:
        return [];
    }
  },
  objects: (scope, c, _shared, pods) => {
    if (c.platform === 'gke-autopilot') {
      allowlistSynchronizer(scope);
      checkAutopilot(scope, c);
    }
    if (c.platform === 'gke-gdc') checkGdc(scope);
    if (c.platform === 'openshift') {
      scc(scope, 'NodeAgentScc', c.names.fullname, componentLabels(c, 'agent'), pods.nodeAgent);
    }
  },
});

/** The AllowlistSynchronizer that installs Datadog's WorkloadAllowlist (auto.gke.io/v1, cluster-scoped). */
function allowlistSynchronizer(scope: Construct): ApiObject {
  return clusterScoped(new ApiObject(scope, 'AllowlistSynchronizer', {
    apiVersion: 'auto.gke.io/v1',
    kind: 'AllowlistSynchronizer',
    metadata: { name: AUTOPILOT_ALLOWLIST_SYNCHRONIZER.name },
    spec: { allowlistPaths: [...AUTOPILOT_ALLOWLIST_SYNCHRONIZER.allowlistPaths] },
  }));
}

/**
 * Checks the installation's workloads when it synthesizes, JSON patches included (what the
 * platform's admission will see): a pod it would refuse fails the synthesis with every reason.
 * `violations` gets each DaemonSet and Deployment with its synthesized JSON.
 */
function checkAtSynthesis(scope: Construct, refusal: string, violations: (kind: string, json: any) => string[]): void {
  scope.node.addValidation({
    validate: () => {
      const workloads = scope.node.findAll().filter((o): o is ApiObject => o instanceof ApiObject && (o.kind === 'DaemonSet' || o.kind === 'Deployment'));
      const problems = workloads.flatMap(w => {
        const json = w.toJson();
        return violations(w.kind, json).map(v => `  ${w.kind}/${json.metadata?.name} ${v}`);
      });
      return problems.length ? [`${refusal}:\n${problems.join('\n')}`] : [];
    },
  });
}

/** GKE Warden's rules for each workload: the allowlist for the node agent, Autopilot's for the others. */
function checkAutopilot(scope: Construct, c: { names: { clusterAgent: string } }): void {
  checkAtSynthesis(scope, 'platform: GKE_AUTOPILOT: GKE Warden would refuse these pods', (kind, json) => {
    const component = kind === 'DaemonSet' ? 'nodeAgent' : json.metadata?.name === c.names.clusterAgent ? 'clusterAgent' : 'clusterChecksRunner';
    return autopilotViolations(component, json.spec.template).map(v => `[${v.policy}] ${v.message}`);
  });
}

/** GDC's rules for the node agent DaemonSets (the Deployments run as anywhere). */
function checkGdc(scope: Construct): void {
  checkAtSynthesis(scope, 'platform: GKE_GDC: GDC would refuse the node agent pod', (kind, json) => (kind === 'DaemonSet' ? gdcViolations(json.spec.template) : []));
}

/**
 * A SecurityContextConstraints (a CRD: a plain ApiObject) whose fields follow from the pod as it
 * renders at synthesis, so features and escape hatches that change the pod change it too.
 */
function scc(scope: Construct, id: string, name: string, labels: { [k: string]: string }, pod: PodModel): ApiObject {
  let settings: SccSettings | undefined;
  const get = () => (settings ??= sccForPod(pod.render(), SPC_T));
  const fields = Object.keys(sccForPod({ spec: {} }));
  return clusterScoped(new ApiObject(scope, id, {
    apiVersion: 'security.openshift.io/v1',
    kind: 'SecurityContextConstraints',
    metadata: { name, labels },
    ...Object.fromEntries(fields.map(f => [f, Lazy.any({ produce: () => (get() as any)[f] })])),
  }));
}

/** On Autopilot every agent reads its metadata from GCP only (as the chart sets it). */
const AUTOPILOT_CLOUD_PROVIDER = { DD_CLOUD_PROVIDER_METADATA: '["gcp"]' };

/** The agent's run directory volume (the allowlisted host directory on Autopilot; see logs.ts). */
const AUTOPILOT_RUN_VOLUME = 'datadogrun';

/** At render, the chart's Autopilot resources for every container of `pod` that sets none. */
function autopilotDefaultResources(pod: PodModel, table: { readonly [container: string]: ResourceRequirements }): void {
  pod.onRender(p => {
    for (const name of [...p.initContainerNames(), ...p.containerNames()]) {
      const r = table[name];
      if (r) p.container(name).setDefaultResources(r);
    }
  });
}
