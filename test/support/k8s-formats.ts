/**
 * The string formats of the strict Kubernetes schema: ajv-formats' full set, with the OpenAPI
 * formats Kubernetes uses (quantity, byte, int32, ...) defined as the API server reads them.
 *
 * The generated validators (see strict-schema-build.ts) require this module at run time, so the
 * formats are defined once, here, and used identically when compiling and when validating.
 */
import { fullFormats } from 'ajv-formats/dist/formats';

export const formats: Record<string, any> = {
  ...fullFormats,
  'byte': { type: 'string', validate: (v: string) => /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(v) },
  'quantity': { type: 'string', validate: /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[YZEPTGMkhdcmunpfazy]|da|[eE][+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+))?$/ },
  'string': { type: 'string', validate: (v: unknown) => typeof v === 'string' },
  'int32': { type: 'number', validate: (v: number) => Number.isInteger(v) },
  'int64': { type: 'number', validate: (v: number) => Number.isInteger(v) },
  'double': { type: 'number', validate: () => true },
  'date-time': { type: 'string', validate: () => true },
};
