import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { IConstruct } from 'constructs';
import { fail } from '../validation';

/**
 * A user's workload seen as what the autodiscovery and tagging helpers need: its containers, the
 * labels and annotations of its pod template, and its containers' env. Two implementations:
 * cdk8s-plus workloads (through their own API) and raw ApiObjects with a pod template (through
 * JSON patches, which cdk8s applies when it synthesizes the object).
 *
 * @internal
 */
export interface PodTemplateTarget {
  containerNames(): string[];
  podAnnotation(key: string): string | undefined;
  setPodAnnotation(key: string, value: string): void;
  podLabel(key: string): string | undefined;
  setPodLabel(key: string, value: string): void;
  setWorkloadLabel(key: string, value: string): void;
  containerEnvNames(container: string): string[];
  /** Adds env `name` to `container`, read from the pod label `labelKey` through the downward API. */
  addContainerLabelEnv(container: string, name: string, labelKey: string): void;
}

/** Finds the pod template of `workload`, or fails naming `where`. @internal */
export function podTemplateOf(where: string, workload: IConstruct): PodTemplateTarget {
  if (workload instanceof kplus.AbstractPod || looksLikePlusPod(workload)) return new PlusTarget(workload as kplus.AbstractPod);
  if (workload && ApiObject.isApiObject(workload)) return new ApiObjectTarget(where, workload);
  fail(`${where}: the workload must be a cdk8s-plus workload (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod) or an ApiObject with a pod template, got ${describe(workload)}`);
}

/** A cdk8s-plus pod or workload from another copy of the package (where instanceof fails). */
function looksLikePlusPod(o: any): boolean {
  return !!o && typeof o.podMetadata?.addAnnotation === 'function' && Array.isArray(o.containers) && typeof o.metadata?.addLabel === 'function';
}

function describe(o: unknown): string {
  if (o === null || o === undefined) return String(o);
  const name = Object.getPrototypeOf(o)?.constructor?.name;
  return name ? `a ${name}` : typeof o;
}

class PlusTarget implements PodTemplateTarget {
  constructor(private readonly w: kplus.AbstractPod) {}
  containerNames() {
    return this.w.containers.map(c => c.name);
  }
  podAnnotation(key: string) {
    return this.w.podMetadata.toJson().annotations?.[key];
  }
  setPodAnnotation(key: string, value: string) {
    this.w.podMetadata.addAnnotation(key, value);
  }
  podLabel(key: string) {
    return this.w.podMetadata.getLabel(key);
  }
  setPodLabel(key: string, value: string) {
    this.w.podMetadata.addLabel(key, value);
  }
  setWorkloadLabel(key: string, value: string) {
    this.w.metadata.addLabel(key, value);
  }
  containerEnvNames(container: string) {
    return Object.keys(this.container(container).env.variables);
  }
  addContainerLabelEnv(container: string, name: string, labelKey: string) {
    this.container(container).env.addVariable(name, kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_LABEL, { key: labelKey }));
  }
  private container(name: string): kplus.Container {
    return this.w.containers.find(c => c.name === name)!;
  }
}

/** JSON pointer segment: `~` and `/` escaped (RFC 6901). */
function seg(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

class ApiObjectTarget implements PodTemplateTarget {
  /** JSON pointer segments of the pod template (empty for a Pod: the object itself). */
  private readonly template: string[];

  constructor(where: string, private readonly o: ApiObject) {
    const json = o.toJson();
    if (o.kind === 'Pod') this.template = [];
    else if (o.kind === 'CronJob') this.template = ['spec', 'jobTemplate', 'spec', 'template'];
    else this.template = ['spec', 'template'];
    if (!Array.isArray(this.at(json, [...this.template, 'spec', 'containers']))) {
      fail(`${where}: ${o.kind} ${o.name} has no pod template with containers (looked at /${[...this.template, 'spec', 'containers'].join('/')})`);
    }
  }

  containerNames() {
    return this.containers().map((c: any) => c.name);
  }
  podAnnotation(key: string) {
    return this.at(this.o.toJson(), [...this.template, 'metadata', 'annotations'])?.[key];
  }
  setPodAnnotation(key: string, value: string) {
    if (this.template.length === 0) return this.o.metadata.addAnnotation(key, value);
    this.setMember([...this.template, 'metadata', 'annotations'], key, value);
  }
  podLabel(key: string) {
    return this.at(this.o.toJson(), [...this.template, 'metadata', 'labels'])?.[key];
  }
  setPodLabel(key: string, value: string) {
    if (this.template.length === 0) return this.o.metadata.addLabel(key, value);
    this.setMember([...this.template, 'metadata', 'labels'], key, value);
  }
  setWorkloadLabel(key: string, value: string) {
    this.o.metadata.addLabel(key, value);
  }
  containerEnvNames(container: string) {
    return (this.containers().find((c: any) => c.name === container)?.env ?? []).map((e: any) => e.name);
  }
  addContainerLabelEnv(container: string, name: string, labelKey: string) {
    const fieldPath = `metadata.labels['${labelKey}']`;
    const i = this.containers().findIndex((c: any) => c.name === container);
    const env = [...this.template, 'spec', 'containers', String(i), 'env'];
    if (this.at(this.o.toJson(), env) === undefined) this.o.addJsonPatch(JsonPatch.add(ptr(env), []));
    this.o.addJsonPatch(JsonPatch.add(`${ptr(env)}/-`, { name, valueFrom: { fieldRef: { fieldPath } } }));
  }

  private containers(): any[] {
    return this.at(this.o.toJson(), [...this.template, 'spec', 'containers']);
  }

  /** Sets `key` in the object at `path`, creating the missing objects on the way. */
  private setMember(path: string[], key: string, value: string): void {
    const json = this.o.toJson();
    for (let n = 1; n <= path.length; n++) {
      if (this.at(json, path.slice(0, n)) === undefined) this.o.addJsonPatch(JsonPatch.add(ptr(path.slice(0, n)), {}));
    }
    this.o.addJsonPatch(JsonPatch.add(`${ptr(path)}/${seg(key)}`, value));
  }

  private at(json: any, path: string[]): any {
    return path.reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), json);
  }
}

function ptr(path: string[]): string {
  return '/' + path.map(seg).join('/');
}
