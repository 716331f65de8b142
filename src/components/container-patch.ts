import { JsonPatch } from 'cdk8s';
import type { ApiObject } from 'cdk8s';
import type { PodModel } from '../model/pod';
import { fail, show } from '../validation';

/**
 * The JSON pointer of a container (or init container) of `pod` in a workload object
 * (`/spec/template/spec/containers/2`). Never rely on container order: it changes with the
 * features that are on.
 */
export function containerPointer(component: string, pod: PodModel, name: string): string {
  const where = pod.containerIndex(name);
  if (!where) {
    fail(`${component} has no container named ${show(name)}: it runs ${[...pod.containerNames(), ...pod.initContainerNames()].join(', ')}`);
  }
  return `/spec/template/spec/${where.list}/${where.index}`;
}

/**
 * Adds JSON patches to `obj` whose paths are relative to container `name` (`/env/-`,
 * `/securityContext/privileged`): they are rebased onto that container's pointer.
 */
export function addContainerPatches(component: string, obj: ApiObject, pod: PodModel, name: string, ops: JsonPatch[]): void {
  const base = containerPointer(component, pod, name);
  const rebase = (path: string, i: number, field: string): string => {
    if (typeof path !== 'string' || !(path === '' || path.startsWith('/'))) {
      fail(`${component}.addContainerJsonPatch(${show(name)}): operation ${i} has ${field} ${show(path)}, which must be "" or start with "/" (relative to the container)`);
    }
    return `${base}${path}`;
  };
  obj.addJsonPatch(...ops.map((op, i) => {
    if (!(op instanceof JsonPatch)) fail(`${component}.addContainerJsonPatch(${show(name)}): operation ${i} must be a JsonPatch (JsonPatch.add(...), .replace(...)...)`);
    const j = (op as any)._toJson();
    const path = rebase(j.path, i, 'path');
    switch (j.op) {
      case 'add': return JsonPatch.add(path, j.value);
      case 'remove': return JsonPatch.remove(path);
      case 'replace': return JsonPatch.replace(path, j.value);
      case 'test': return JsonPatch.test(path, j.value);
      case 'copy': return JsonPatch.copy(rebase(j.from, i, 'from'), path);
      case 'move': return JsonPatch.move(rebase(j.from, i, 'from'), path);
      default: return fail(`${component}.addContainerJsonPatch(${show(name)}): unsupported operation ${show(j.op)}`);
    }
  }));
}
