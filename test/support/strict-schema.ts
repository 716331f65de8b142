/**
 * Strict Kubernetes 1.27 schema validation for synthesized objects: the kubernetes-models 4.3.1
 * schemas with every object schema closed (`additionalProperties: false`), so unknown fields
 * are rejected.
 *
 * The validators are compiled once into standalone code by strict-schema-build.ts (run by the
 * jest globalSetup, cached under node_modules/.cache); here we only load the generated module.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { ValidateFunction } from 'ajv';
import { strictSchemaModules } from './strict-schema-build';

const modules = strictSchemaModules();
const common: Record<string, ValidateFunction> = require(modules.common);
let all: Record<string, ValidateFunction> | undefined;

function validatorFor(apiVersion: string, kind: string): ValidateFunction {
  const key = `${apiVersion}/${kind}`;
  // The kinds this library writes are in the small module; any other kind loads the full one.
  const fn = crdValidator(key) ?? common[key] ?? (all ??= require(modules.all))[key];
  if (!fn) throw new Error(`no Kubernetes 1.27 schema for ${apiVersion} ${kind}`);
  return fn;
}

/** Errors of one object against the strict 1.27 schema (empty when valid). */
export function schemaErrors(obj: any): string[] {
  const fn = validatorFor(obj.apiVersion, obj.kind);
  if (fn(obj)) return [];
  // oneOf [ref, null] produces noise: keep the most specific messages.
  return (fn.errors ?? [])
    .filter(e => e.keyword !== 'oneOf' && !(e.keyword === 'type' && e.params.type === 'null'))
    .map(e => `${obj.kind}/${obj.metadata?.name}${e.instancePath} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

/**
 * Custom resources this library writes, validated against their CRD's openAPIV3Schema (objects
 * closed), kept as fixtures under test/fixtures/crds/ named `<plural>.<group>.json`.
 */
const CRD_SCHEMAS: Record<string, string> = {
  'security.openshift.io/v1/SecurityContextConstraints': 'securitycontextconstraints.security.openshift.io.json',
  'auto.gke.io/v1/AllowlistSynchronizer': 'allowlistsynchronizers.auto.gke.io.json',
  'cilium.io/v2/CiliumNetworkPolicy': 'ciliumnetworkpolicies.cilium.io.json',
};
const crdValidators = new Map<string, ValidateFunction>();

function crdValidator(key: string): ValidateFunction | undefined {
  const file = CRD_SCHEMAS[key];
  if (!file) return undefined;
  let fn = crdValidators.get(key);
  if (!fn) {
    const Ajv = require('ajv').default;
    const schema = JSON.parse(require('fs').readFileSync(require('path').join(__dirname, '..', 'fixtures', 'crds', file), 'utf8'));
    fn = new Ajv({ allErrors: true }).compile(schema) as ValidateFunction;
    crdValidators.set(key, fn);
  }
  return fn;
}
