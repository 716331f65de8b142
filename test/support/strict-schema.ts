/**
 * Strict Kubernetes 1.27 schema validation for synthesized objects.
 *
 * kubernetes-models 4.3.1 ships the 1.27.1 OpenAPI schemas, but the OpenAPI document has no
 * `additionalProperties: false`, so a misspelled field passes its own validate(). Here we capture
 * the raw schemas that kubernetes-models registers, close every object schema that lists its
 * properties, and compile them with our own Ajv: unknown fields are rejected.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const captured = new Map<string, any>();
// eslint-disable-next-line @typescript-eslint/no-var-requires
const validateModule = require('@kubernetes-models/validate');
const originalRegister = validateModule.register;
validateModule.register = (id: string, schema: any) => {
  if (!captured.has(id)) captured.set(id, schema);
  return originalRegister(id, schema);
};

const ajv = new Ajv({ strictTypes: false, strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('byte', { type: 'string', validate: (v: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v) });
ajv.addFormat('quantity', { type: 'string', validate: /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/ });
ajv.addFormat('string', { type: 'string', validate: (v: unknown) => typeof v === 'string' });
ajv.addFormat('int32', { type: 'number', validate: (v: number) => Number.isInteger(v) });
ajv.addFormat('int64', { type: 'number', validate: (v: number) => Number.isInteger(v) });
ajv.addFormat('double', { type: 'number', validate: () => true });
ajv.addFormat('date-time', { type: 'string', validate: () => true });

const added = new Set<string>();

function closeObjects(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    // `properties` maps names to schemas: recurse into each value, never treat it as a schema itself.
    if (k === 'properties') {
      out[k] = Object.fromEntries(Object.entries(v as object).map(([pk, pv]) => [pk, closeObjects(pv)]));
    } else {
      out[k] = closeObjects(v);
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function modelFor(apiVersion: string, kind: string): any {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : [undefined, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    return require(path)[kind];
  } catch (e) {
    throw new Error(`no Kubernetes 1.27 schema for ${apiVersion} ${kind}`);
  }
}

const validators = new Map<string, ValidateFunction>();

function validatorFor(apiVersion: string, kind: string): ValidateFunction {
  const key = `${apiVersion}/${kind}`;
  const cached = validators.get(key);
  if (cached) return cached;
  const model = modelFor(apiVersion, kind);
  const proto = model.prototype;
  const symbols = Object.getOwnPropertySymbols(proto);
  const id = symbols.map(s => proto[s]).find(v => typeof v === 'string') as string;
  const addSchema = symbols.map(s => proto[s]).find(v => typeof v === 'function') as () => void;
  addSchema();
  for (const [sid, schema] of captured) {
    if (added.has(sid)) continue;
    ajv.addSchema(closeObjects(schema), sid);
    added.add(sid);
  }
  const fn = ajv.getSchema(id);
  if (!fn) throw new Error(`schema ${id} not registered`);
  validators.set(key, fn);
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
