import type { ApiObject } from 'cdk8s';
import { Chart, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { PolicyRule } from './k8s-json';

/**
 * Removes the namespace cdk8s stamps from the Chart onto every object. On a cluster-scoped kind
 * (ClusterRole, ClusterRoleBinding, APIService...) that field is meaningless and confuses
 * reviewers and GitOps diffs.
 */
export function clusterScoped<T extends ApiObject>(obj: T): T {
  if (Chart.of(obj).namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  return obj;
}

/** A port or count that Kubernetes types as int-or-string. */
export function intOrString(v: number | string): k8s.IntOrString {
  return typeof v === 'number' ? k8s.IntOrString.fromNumber(v) : k8s.IntOrString.fromString(v);
}

/**
 * Policy rules in the typed classes' spelling: they read `nonResourceUrLs` (and would silently
 * drop `nonResourceURLs`).
 */
export function typedRules(rules: readonly PolicyRule[]): k8s.PolicyRule[] {
  return rules.map(({ nonResourceURLs, ...rest }) => ({ ...rest, ...(nonResourceURLs ? { nonResourceUrLs: nonResourceURLs } : {}) }));
}

/**
 * The typed `k8s.*` classes convert their input once more after resolution: they read
 * int-or-string and quantity fields as typed values, and a few fields in their own spelling
 * (`hostPid`, `hostIpc`, `hostIp`). A pod template rendered lazily as plain JSON gets those
 * fields converted here (probe and lifecycle hook ports, resources, emptyDir size limits, host namespaces and
 * host IPs); nothing else changes. Missing one would drop the field from the output silently:
 * the snapshot and schema tests guard it.
 */
export function typedPodTemplate(template: any): any {
  const wrapContainer = (ct: any) => {
    const out = { ...ct };
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      const p = out[probe];
      if (!p) continue;
      out[probe] = {
        ...p,
        ...(p.httpGet ? { httpGet: { ...p.httpGet, port: intOrString(p.httpGet.port) } } : {}),
        ...(p.tcpSocket ? { tcpSocket: { ...p.tcpSocket, port: intOrString(p.tcpSocket.port) } } : {}),
      };
    }
    if (out.lifecycle) {
      const hook = (h: any) => ({
        ...h,
        ...(h.httpGet ? { httpGet: { ...h.httpGet, port: intOrString(h.httpGet.port) } } : {}),
        ...(h.tcpSocket ? { tcpSocket: { ...h.tcpSocket, port: intOrString(h.tcpSocket.port) } } : {}),
      });
      const { postStart, preStop } = out.lifecycle;
      out.lifecycle = { ...(postStart ? { postStart: hook(postStart) } : {}), ...(preStop ? { preStop: hook(preStop) } : {}) };
    }
    if (out.resources) {
      const q = (m?: { [k: string]: string }) => (m
        ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, k8s.Quantity.fromString(v)]))
        : undefined);
      out.resources = { ...out.resources, limits: q(out.resources.limits), requests: q(out.resources.requests) };
    }
    if (out.env) {
      out.env = out.env.map((e: any) => (e.valueFrom?.resourceFieldRef?.divisor === undefined ? e
        : {
          ...e,
          valueFrom: {
            ...e.valueFrom,
            resourceFieldRef: { ...e.valueFrom.resourceFieldRef, divisor: k8s.Quantity.fromString(String(e.valueFrom.resourceFieldRef.divisor)) },
          },
        }));
    }
    if (out.ports) out.ports = out.ports.map(({ hostIP, ...p }: any) => (hostIP === undefined ? p : { ...p, hostIp: hostIP }));
    return out;
  };
  const { hostPID, hostIPC, ...spec } = template.spec;
  return {
    ...template,
    spec: {
      ...spec,
      ...(hostPID === undefined ? {} : { hostPid: hostPID }),
      ...(hostIPC === undefined ? {} : { hostIpc: hostIPC }),
      containers: spec.containers?.map(wrapContainer),
      initContainers: spec.initContainers?.map(wrapContainer),
      volumes: spec.volumes?.map((v: any) => (v.emptyDir?.sizeLimit === undefined ? v
        : { ...v, emptyDir: { ...v.emptyDir, sizeLimit: k8s.Quantity.fromString(v.emptyDir.sizeLimit) } })),
    },
  };
}
