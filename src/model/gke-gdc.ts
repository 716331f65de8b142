/**
 * GKE on Google Distributed Cloud (GDC): what it admits of the node agent, as the Helm chart's
 * `providers.gke.gdc` output and its own GDC constraint tests state it, and a check of rendered
 * pods against it.
 *
 * GDC is stricter than Autopilot: the node agent is the core `agent` container alone (no
 * trace-agent, process-agent, system-probe, security-agent or otel-agent), it reads no host
 * system directory (no `/proc`, cgroups, OS release, passwd or runtime socket, so no host PID
 * namespace), opens no host port, and reaches the kubelet with a client certificate.
 */
import { CONTAINER } from '../components/containers';

/** The agent's writable host directory on GDC (the chart's `datadog.hostMountRoot` + `/logs`). */
export const GDC_POINTER_DIR = '/var/datadog/logs';

/** The only host paths GDC admits for the node agent: its pointer directory and the pod logs (read-only). */
export const GDC_HOST_PATHS: readonly string[] = [GDC_POINTER_DIR, '/var/log/pods', '/var/log/containers'];

/** The containers of the node agent pod GDC admits: the core agent, and the init containers that seed its config. */
export const GDC_NODE_CONTAINERS: readonly string[] = [CONTAINER.AGENT];
export const GDC_NODE_INIT_CONTAINERS: readonly string[] = [CONTAINER.INIT_VOLUME, CONTAINER.INIT_CONFIG];

/**
 * The kubelet client certificate: a `kubernetes.io/tls` Secret you create in the installation's
 * namespace (the chart's fixed name), mounted in the agent; every component gets the file paths.
 */
export const GDC_KUBELET_CERT = {
  secretName: 'datadog-kubelet-cert',
  volume: 'kubelet-cert-volume',
  mountPath: '/certs',
  env: { DD_KUBELET_CLIENT_CRT: '/certs/tls.crt', DD_KUBELET_CLIENT_KEY: '/certs/tls.key' },
} as const;

/** Host names on GDC: the node name and the cluster name, as the chart sets `DD_HOSTNAME`. */
export const GDC_HOSTNAME_ENV = {
  DD_NODE_NAME: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } },
  DD_HOSTNAME: '$(DD_NODE_NAME)-$(DD_CLUSTER_NAME)',
} as const;

/** Which options put a container or host path there, for messages. */
const HINTS: { readonly [what: string]: string } = {
  [CONTAINER.TRACE_AGENT]: 'apm.enabled',
  // Features refuse these at resolution on GDC already; a hint is for what a JSON patch added.
  [CONTAINER.PROCESS_AGENT]: 'a system-probe feature',
  [CONTAINER.SYSTEM_PROBE]: 'a system-probe feature',
  [CONTAINER.SECURITY_AGENT]: 'security.compliance or security.runtime',
  [CONTAINER.OTEL_AGENT]: 'otelCollector.enabled',
};

/**
 * Checks the rendered node agent pod template (`{ metadata, spec }`) against GDC: only the core
 * agent container, only the GDC host paths, no host ports, no host namespaces, no added
 * capabilities and nothing privileged. Each problem is one message.
 */
export function gdcViolations(template: any): string[] {
  const spec = template?.spec ?? {};
  const out: string[] = [];
  const hint = (k: string) => (HINTS[k] ? ` (from ${HINTS[k]})` : '');
  for (const ct of spec.containers ?? []) {
    if (!GDC_NODE_CONTAINERS.includes(ct.name)) out.push(`container ${ct.name}${hint(ct.name)}: GDC runs the core agent container only`);
  }
  for (const ct of spec.initContainers ?? []) {
    if (!GDC_NODE_INIT_CONTAINERS.includes(ct.name)) out.push(`init container ${ct.name}: GDC runs the core agent container only`);
  }
  for (const v of spec.volumes ?? []) {
    if (v.hostPath && !GDC_HOST_PATHS.includes(v.hostPath.path)) {
      out.push(`volume ${v.name}: host path ${v.hostPath.path} is not one GDC admits (${GDC_HOST_PATHS.join(', ')})`);
    }
  }
  for (const ns of ['hostPID', 'hostNetwork', 'hostIPC'] as const) {
    if (spec[ns]) out.push(`${ns}: GDC admits no host namespace`);
  }
  for (const ct of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    for (const p of ct.ports ?? []) {
      if (p.hostPort) out.push(`container ${ct.name}: host port ${p.hostPort} (GDC admits none: use the node-local Service)`);
    }
    const sc = ct.securityContext ?? {};
    if (sc.privileged) out.push(`container ${ct.name}: privileged`);
    if (sc.capabilities?.add?.length) out.push(`container ${ct.name}: adds capabilities ${sc.capabilities.add.join(', ')}`);
  }
  return out;
}
