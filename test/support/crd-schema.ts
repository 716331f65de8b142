import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import * as YAML from 'yaml';

/** The committed DatadogAgent CRD (see the fixture's header for its version and date). */
export const DATADOG_AGENT_CRD = YAML.parse(readFileSync(join(__dirname, '..', 'fixtures', 'datadog-crds', 'datadoghq.com_datadogagents.yaml'), 'utf8'));

/**
 * The CRD's OpenAPI schema made strict: every object schema that lists its properties (and does not
 * preserve unknown fields) is closed, so an unknown field is an error rather than pruned by the API
 * server; `x-kubernetes-int-or-string` becomes "integer or string".
 */
function strict(s: any): any {
  if (Array.isArray(s)) return s.map(strict);
  if (!s || typeof s !== 'object') return s;
  const out: any = {};
  for (const [k, v] of Object.entries(s)) {
    if (k.startsWith('x-kubernetes-') || k === 'format') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([p, ps]) => [p, strict(ps)])) : strict(v);
  }
  if (s['x-kubernetes-int-or-string']) {
    delete out.type;
    return { ...out, anyOf: [{ type: 'integer' }, { type: 'string' }] };
  }
  if (s.properties && s.additionalProperties === undefined && !s['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

const version = DATADOG_AGENT_CRD.spec.versions.find((v: any) => v.name === 'v2alpha1');
const schema = strict(version.schema.openAPIV3Schema);
// metadata is validated by the API server, not by the CRD schema.
schema.properties.metadata = { type: 'object' };
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Errors of a DatadogAgent object against the strict v2alpha1 schema (empty when valid). */
export function crdErrors(obj: any): string[] {
  if (obj.apiVersion !== 'datadoghq.com/v2alpha1' || obj.kind !== 'DatadogAgent') return [`not a datadoghq.com/v2alpha1 DatadogAgent: ${obj.apiVersion} ${obj.kind}`];
  if (validate(obj)) return [];
  return (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? `: ${(e.params as any).additionalProperty}` : ''}`);
}
