/**
 * The pod model's JSON shapes must be shapes Kubernetes accepts: each is checked at compile time
 * (`npx projen test:typecheck`, part of the build) against the interfaces kubernetes-models
 * generates from the Kubernetes OpenAPI schema: a field spelt wrong here, at any depth, is a
 * compile error in this file. (Values stay as wide as the model writes them: the strict schema
 * check of every synthesized object catches a wrong enum value.)
 */
import type { IPolicyRule } from 'kubernetes-models/rbac.authorization.k8s.io/v1/PolicyRule';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { IEnvVarSource } from 'kubernetes-models/v1/EnvVarSource';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type * as ours from '../../src/model/k8s-json';

/** `true` when every field of `A`, at every depth, is a field of `B` (values as wide as ours: enums stay strings here). */
type Known<A, B> = [A] extends [readonly (infer E)[]] ? ([B] extends [readonly (infer F)[]] ? Known<E, F> : false)
  : [A] extends [object] ? KnownFields<A, B>
    : true;
type KnownFields<A, B> = [Exclude<keyof A, keyof B>] extends [never]
  ? AllTrue<{ [K in keyof A & keyof B]-?: Known<NonNullable<A[K]>, NonNullable<B[K]>> }>
  : { unknownFields: Exclude<keyof A, keyof B> };
type AllTrue<T> = [T[keyof T]] extends [true] ? true : { notKnown: T };
const fits = <A, B>(ok: Known<A, B>): Known<A, B> => ok;

describe('the pod model\'s JSON shapes', () => {
  test('are Kubernetes shapes (checked by the compiler)', () => {
    const checks = [
      fits<ours.EnvVarSource, IEnvVarSource>(true),
      fits<ours.EnvVar, IEnvVar>(true),
      fits<ours.EnvFromSource, IEnvFromSource>(true),
      fits<ours.VolumeMount, IVolumeMount>(true),
      fits<ours.Volume, IVolume>(true),
      fits<ours.ContainerPort, IContainerPort>(true),
      fits<ours.Probe, IProbe>(true),
      fits<ours.SecurityContext, ISecurityContext>(true),
      fits<ours.ResourceRequirements, IResourceRequirements>(true),
      fits<ours.Toleration, IToleration>(true),
      fits<ours.PolicyRule, IPolicyRule>(true),
    ];
    expect(checks.every(c => c === true)).toBe(true);
  });
});
