import type { App } from 'cdk8s';
import { Chart, Testing } from 'cdk8s';
import { schemaErrors } from './strict-schema';
import type { DatadogAgentProps } from '../../src';
import { Credentials, DatadogAgent } from '../../src';

export const SECRET = Credentials.fromSecret('datadog-secret');

/** A chart in namespace `datadog` for tests. */
export function testChart(namespace = 'datadog'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/**
 * Synthesizes a chart and validates every object against the strict Kubernetes 1.27 schema
 * (unknown fields rejected). Every test that synthesizes goes through here.
 */
export function synth(chart: Chart): any[] {
  const objs = Testing.synth(chart);
  const errors = objs.flatMap(o => [...schemaErrors(o), ...apiServerErrors(o)]);
  if (errors.length) throw new Error(`schema validation failed:\n${errors.join('\n')}`);
  return objs;
}

/** Builds a DatadogAgent with these props (credentials default to an existing Secret) and synthesizes it. */
export function render(props: Partial<DatadogAgentProps> = {}, namespace = 'datadog'): Manifest {
  const chart = testChart(namespace);
  const dd = new DatadogAgent(chart, 'datadog', { credentials: SECRET, ...props });
  return new Manifest(synth(chart), dd);
}

/** The synthesized objects, with helpers that read like the facts in the reference sheets. */
export class Manifest {
  constructor(public readonly objects: any[], public readonly agent?: DatadogAgent) {}

  /** The object of this kind and name (and namespace, when given: Roles of one name may live in several). */
  find(kind: string, name: string, namespace?: string): any | undefined {
    return this.objects.find(o => o.kind === kind && o.metadata?.name === name && (namespace === undefined || o.metadata?.namespace === namespace));
  }

  get(kind: string, name: string): any {
    const o = this.find(kind, name);
    if (!o) throw new Error(`no ${kind} ${name}; have: ${this.objects.map(x => `${x.kind}/${x.metadata?.name}`).join(', ')}`);
    return o;
  }

  kinds(): string[] {
    return this.objects.map(o => `${o.kind}/${o.metadata?.name}`).sort();
  }

  get daemonSet(): any {
    return this.objects.find(o => o.kind === 'DaemonSet');
  }

  get clusterAgent(): any {
    return this.find('Deployment', 'datadog-cluster-agent');
  }

  podSpec(kind: string, name: string): any {
    return this.get(kind, name).spec.template.spec;
  }

  /** A container (or init container) of the DaemonSet, or of another workload. */
  container(name: string, workload: any = this.daemonSet): any | undefined {
    const spec = workload.spec.template.spec;
    return [...spec.containers, ...(spec.initContainers ?? [])].find((c: any) => c.name === name);
  }

  containerNames(workload: any = this.daemonSet): string[] {
    return workload.spec.template.spec.containers.map((c: any) => c.name);
  }

  /** Rules of every ClusterRole/Role bound to a ServiceAccount. */
  rulesFor(serviceAccount: string): any[] {
    const bindings = this.objects.filter(o => (o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')
      && o.subjects?.some((s: any) => s.kind === 'ServiceAccount' && s.name === serviceAccount));
    return bindings.flatMap(b => this.find(b.roleRef.kind, b.roleRef.name, b.kind === 'RoleBinding' ? b.metadata.namespace : undefined)?.rules ?? []);
  }

  /** True when some rule bound to the SA allows `verb` on `resource` (in `apiGroup`), optionally for a name. */
  allows(serviceAccount: string, verb: string, apiGroup: string, resource: string, resourceName?: string): boolean {
    return this.rulesFor(serviceAccount).some(r => r.verbs.includes(verb)
      && (r.apiGroups ?? []).includes(apiGroup) && (r.resources ?? []).includes(resource)
      && (!r.resourceNames || (resourceName !== undefined && r.resourceNames.includes(resourceName))));
  }

  volume(name: string, workload: any = this.daemonSet): any | undefined {
    return (workload.spec.template.spec.volumes ?? []).find((v: any) => v.name === name);
  }
}

/** Env of a container as a map: literal values as strings, references as their `valueFrom`. */
export function envOf(container: any): Record<string, any> {
  return Object.fromEntries((container?.env ?? []).map((e: any) => [e.name, e.value ?? e.valueFrom]));
}

/** Volume mounts of a container, by mount path. */
export function mountsOf(container: any): Record<string, any> {
  return Object.fromEntries((container?.volumeMounts ?? []).map((m: any) => [m.mountPath, m]));
}

/** Synthesizes an App to YAML strings per chart, for byte-level comparisons. */
export function yamlOf(app: App): string {
  return app.charts.map(c => c.toJson().map(o => JSON.stringify(o)).join('\n')).join('\n---\n');
}

/**
 * Rules the API server enforces beyond the OpenAPI schema, for the fields this library writes.
 * (kubectl apply would refuse the object; a schema check alone does not see it.)
 */
export function apiServerErrors(obj: any): string[] {
  const spec = obj.spec?.template?.spec;
  if (!spec) return [];
  const errors: string[] = [];
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const sc = c.securityContext ?? {};
    if (sc.allowPrivilegeEscalation === false && (sc.privileged || (sc.capabilities?.add ?? []).includes('SYS_ADMIN'))) {
      errors.push(`${obj.kind}/${obj.metadata.name} container ${c.name}: allowPrivilegeEscalation: false with privileged or CAP_SYS_ADMIN`);
    }
    const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    if (new Set(ports).size !== ports.length) errors.push(`${obj.kind}/${obj.metadata.name} container ${c.name}: duplicate container ports`);
  }
  const names = [...(spec.containers ?? []), ...(spec.initContainers ?? [])].map((c: any) => c.name);
  if (new Set(names).size !== names.length) errors.push(`${obj.kind}/${obj.metadata.name}: duplicate container names`);
  const vols = (spec.volumes ?? []).map((v: any) => v.name);
  if (new Set(vols).size !== vols.length) errors.push(`${obj.kind}/${obj.metadata.name}: duplicate volume names`);
  return errors;
}
