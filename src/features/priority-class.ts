import { k8s } from 'cdk8s-plus-27';
import { componentLabels } from '../components/labels';
import { defineFeature } from '../feature';
import { clusterScoped } from '../model/objects';
import { bool, checkInt, checkUnusedWhenOff, options } from '../validation';

/**
 * A PriorityClass for the node agents (`agents.priorityClassCreate` in the chart), so they are
 * scheduled on full nodes, preempting lower-priority pods, instead of staying Pending there.
 */
export interface PriorityClassOptions {
  /**
   * Create the PriorityClass and run the node agents with it. It is named
   * `nodeAgent.priorityClassName`, or `F` (the installation's fullname) when that is unset.
   * @default false
   */
  readonly create?: boolean;
  /**
   * Its priority: at most 1000000000, the highest a user-defined class may have.
   * @default 1000000000
   */
  readonly value?: number;
  /**
   * Whether the node agents preempt lower-priority pods to be scheduled
   * (`preemptionPolicy: PreemptLowerPriority`), or wait (`Never`).
   * @default true
   */
  readonly preemptLowerPriority?: boolean;
}

/** @internal */
export interface ResolvedPriorityClass {
  readonly create: boolean;
  readonly name: string;
  readonly value: number;
  readonly preemptionPolicy: string;
}

/** The highest value Kubernetes lets a user-defined PriorityClass have. */
const MAX_USER_PRIORITY = 1_000_000_000;

/** @internal */
export function resolvePriorityClass(
  o: PriorityClassOptions | undefined, nodeAgentClassName: string | undefined, fullname: string,
): ResolvedPriorityClass {
  const p = options('priorityClass', o);
  const create = bool('priorityClass.create', p.create) ?? false;
  checkUnusedWhenOff('priorityClass', p, create, [], 'create');
  checkInt('priorityClass.value', p.value, -MAX_USER_PRIORITY * 2, MAX_USER_PRIORITY);
  const preempt = bool('priorityClass.preemptLowerPriority', p.preemptLowerPriority) ?? true;
  return {
    create,
    name: nodeAgentClassName ?? fullname,
    value: p.value ?? MAX_USER_PRIORITY,
    preemptionPolicy: preempt ? 'PreemptLowerPriority' : 'Never',
  };
}

/**
 * The PriorityClass object, and the DaemonSet's `priorityClassName` pointing at it. No
 * `description` (the chart writes one): the strict 1.27 schema the tests validate against
 * (kubernetes-models 4.3.1) lost that field, so it could not be checked.
 */
export const priorityClass = defineFeature({
  id: 'priority-class',
  option: 'priorityClass',
  resolve: (p, c) => resolvePriorityClass(p.priorityClass, c.nodeAgent.priorityClassName, c.names.fullname),
  enabled: (c) => c.priorityClass.create,
  nodeAgent: (c, pod) => {
    pod.priorityClassName = c.priorityClass.name;
  },
  objects: (scope, c) => {
    const pc = c.priorityClass;
    clusterScoped(new k8s.KubePriorityClass(scope, 'PriorityClass', {
      metadata: { name: pc.name, labels: componentLabels(c, 'agent') },
      value: pc.value,
      preemptionPolicy: pc.preemptionPolicy,
    }));
  },
});
