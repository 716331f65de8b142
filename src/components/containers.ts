/**
 * Names of the containers and shared volumes the library creates: one list, so no module spells
 * one differently. Users who patch the output must find a container by its name (the order of
 * containers changes with the features that are on).
 */
export const CONTAINER = {
  AGENT: 'agent',
  TRACE_AGENT: 'trace-agent',
  PROCESS_AGENT: 'process-agent',
  SYSTEM_PROBE: 'system-probe',
  SECURITY_AGENT: 'security-agent',
  OTEL_AGENT: 'otel-agent',
  INIT_VOLUME: 'init-volume',
  INIT_CONFIG: 'init-config',
  SECCOMP_SETUP: 'seccomp-setup',
  CLUSTER_AGENT: 'cluster-agent',
} as const;

/** Volumes that several modules mount. Volumes one module defines and mounts are named there. */
export const VOLUME = {
  CONFIG: 'config',
  LOGS: 'logdatadog',
  TMP: 'tmpdir',
  AUTH_TOKEN: 'auth-token',
  INSTALL_INFO: 'installinfo',
  PROC: 'procdir',
  CGROUPS: 'cgroups',
  OS_RELEASE: 'os-release-file',
  RUNTIME_SOCKET_DIR: 'runtimesocketdir',
  KUBELET_CA: 'kubelet-ca',
  POD_RESOURCES: 'pod-resources-socket',
  DSD_SOCKET: 'dsdsocket',
  SYSPROBE_SOCKET_DIR: 'sysprobe-socket-dir',
  SYSPROBE_CONFIG: 'sysprobe-config',
  PASSWD: 'passwd',
  GROUP: 'group',
  HOST_ROOT: 'hostroot',
} as const;

/** The node agent's long-running containers, with the option key users name each by. */
export const NODE_CONTAINERS: readonly { readonly key: NodeContainerKey; readonly name: string }[] = [
  { key: 'agent', name: CONTAINER.AGENT },
  { key: 'traceAgent', name: CONTAINER.TRACE_AGENT },
  { key: 'processAgent', name: CONTAINER.PROCESS_AGENT },
  { key: 'systemProbe', name: CONTAINER.SYSTEM_PROBE },
  { key: 'securityAgent', name: CONTAINER.SECURITY_AGENT },
  { key: 'otelAgent', name: CONTAINER.OTEL_AGENT },
];

/** How options name the node containers (`nodeAgent.containers.traceAgent`). */
export type NodeContainerKey = 'agent' | 'traceAgent' | 'processAgent' | 'systemProbe' | 'securityAgent' | 'otelAgent';

/** The kubelet's default pod-resources directory, and where the agent container sees it. */
export const POD_RESOURCES_DIR = '/var/lib/kubelet/pod-resources';
