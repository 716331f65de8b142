/**
 * The option schema, generated from the jsii assemblies by scripts/gen-input-schema.ts into
 * schema.generated.json (data, not API: the assembly does not depend on it). Read-only here.
 */
import * as generated from './schema.generated.json';

/** A type: a primitive name, an array, a map (string keys), a reference to a named type, or a union. */
export type TypeRef = string | { readonly array: TypeRef } | { readonly map: TypeRef } | { readonly ref: string } | { readonly union: TypeRef[] };

export interface FieldSchema {
  readonly type: TypeRef;
  readonly optional?: boolean;
}

export interface ParamSchema extends FieldSchema {
  readonly name: string;
}

export interface TypeSchema {
  readonly kind: 'struct' | 'enum' | 'class' | 'other';
  /** struct: its fields, inherited ones included. */
  readonly fields?: { readonly [name: string]: FieldSchema };
  /** enum: member name → runtime value. */
  readonly members?: { readonly [name: string]: string };
  /** class: static constants (`DatadogSite.EU1`). */
  readonly constants?: string[];
  /** class: static factories and their parameters (`Credentials.fromSecret(secretName, options?)`). */
  readonly factories?: { readonly [name: string]: ParamSchema[] };
}

export const SCHEMA: { readonly [fqn: string]: TypeSchema } = (generated as any).types;

export const PROPS_FQN = 'cdk8s-datadog.DatadogAgentProps';

export function typeSchema(fqn: string): TypeSchema {
  const t = SCHEMA[fqn];
  if (!t) throw new Error(`cdk8s-datadog: no schema for ${fqn} (regenerate src/input/schema.generated.json)`);
  return t;
}

/** `cdk8s-datadog.DatadogSite` → `DatadogSite`; `cdk8s-plus-27.k8s.Toleration` → `k8s.Toleration`. */
export function shortName(fqn: string): string {
  return fqn.replace(/^cdk8s-datadog\./, '').replace(/^cdk8s-plus-27\./, '');
}
