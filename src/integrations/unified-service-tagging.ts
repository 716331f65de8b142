import type { IConstruct } from 'constructs';
import { checkLabelValue, fail, show } from '../validation';
import { podTemplateOf } from './pod-template';
import { checkArgs } from '../input/strict';

/** The unified service tags of a workload. At least one of env, service, version. */
export interface UnifiedServiceTags {
  /**
   * The environment, e.g. `prod` (label `tags.datadoghq.com/env`, env `DD_ENV`).
   * @default - not set
   */
  readonly env?: string;
  /**
   * The service name (label `tags.datadoghq.com/service`, env `DD_SERVICE`).
   * @default - not set
   */
  readonly service?: string;
  /**
   * The version, e.g. the image tag (label `tags.datadoghq.com/version`, env `DD_VERSION`).
   * Must be a valid label value (so no `+`).
   * @default - not set
   */
  readonly version?: string;
  /**
   * Also label the pod template `admission.datadoghq.com/enabled: "true"`, opting the pods in
   * to the Cluster Agent's admission controller (which injects the agent's address and these
   * tags into pods that carry the label).
   * @default false
   */
  readonly admissionControllerOptIn?: boolean;
  /**
   * The containers that get `DD_ENV`, `DD_SERVICE` and `DD_VERSION`.
   * @default - every container of the workload
   */
  readonly containers?: string[];
}

const TAGS: [keyof UnifiedServiceTags, string, string][] = [
  ['env', 'tags.datadoghq.com/env', 'DD_ENV'],
  ['service', 'tags.datadoghq.com/service', 'DD_SERVICE'],
  ['version', 'tags.datadoghq.com/version', 'DD_VERSION'],
];

/**
 * Unified service tagging for your own workloads: `env`, `service` and `version` as labels on the
 * workload and its pod template, and as `DD_ENV`, `DD_SERVICE`, `DD_VERSION` in its containers,
 * read from the pod labels through the downward API so one value drives both.
 */
export class UnifiedServiceTagging {
  /**
   * Applies the tags to a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod, or
   * to an ApiObject with a pod template. Call it after adding the containers.
   *
   * @example
   * UnifiedServiceTagging.apply(deployment, { env: 'prod', service: 'checkout', version: '1.4.2' });
   */
  public static apply(workload: IConstruct, tags: UnifiedServiceTags): void {
    checkArgs('cdk8s-datadog.UnifiedServiceTagging', 'apply', [workload, tags]);
    const where = 'UnifiedServiceTagging.apply';
    const target = podTemplateOf(where, workload);
    const t = tags ?? {};
    const given = TAGS.filter(([k]) => t[k] !== undefined);
    if (given.length === 0) fail(`${where}: give at least one of env, service or version`);
    for (const [k] of given) {
      if (typeof t[k] !== 'string' || t[k] === '') fail(`${where}: ${k} must be a non-empty string, got ${show(t[k])}`);
      checkLabelValue(`${where}: ${k}`, t[k] as string);
    }
    const all = target.containerNames();
    const containers = t.containers ?? all;
    if (!Array.isArray(containers) || containers.length === 0) fail(`${where}: the workload has no containers to tag${t.containers ? '' : ' (add containers first)'}`);
    if (new Set(containers).size !== containers.length) fail(`${where}: containers lists a container twice: ${containers.map(n => JSON.stringify(n)).join(', ')}`);
    for (const c of containers) {
      if (!all.includes(c)) fail(`${where}: containers names ${show(c)}, which the workload does not have; its containers are ${all.map(n => JSON.stringify(n)).join(', ')}`);
    }

    // Check everything before changing anything, so a failure leaves the workload as it was.
    for (const [k, label, envName] of given) {
      const prev = target.podLabel(label);
      if (prev !== undefined && prev !== t[k]) fail(`${where}: ${k} is ${show(t[k])}, but the pod template already has ${label}=${show(prev)}`);
      for (const c of containers) {
        if (target.containerEnvNames(c).includes(envName)) fail(`${where}: container ${show(c)} already sets ${envName}; remove it and let the ${label} label drive it`);
      }
    }
    if (t.admissionControllerOptIn !== undefined && typeof t.admissionControllerOptIn !== 'boolean') {
      fail(`${where}: admissionControllerOptIn must be a boolean, got ${show(t.admissionControllerOptIn)}`);
    }
    const optIn = target.podLabel('admission.datadoghq.com/enabled');
    if (t.admissionControllerOptIn && optIn !== undefined && optIn !== 'true') {
      fail(`${where}: admissionControllerOptIn is true, but the pod template has admission.datadoghq.com/enabled=${show(optIn)}`);
    }

    for (const [k, label, envName] of given) {
      const value = t[k] as string;
      target.setWorkloadLabel(label, value);
      target.setPodLabel(label, value);
      for (const c of containers) target.addContainerLabelEnv(c, envName, label);
    }
    if (t.admissionControllerOptIn) target.setPodLabel('admission.datadoghq.com/enabled', 'true');
  }

  private constructor() {}
}
