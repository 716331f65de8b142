/**
 * Builds, once, the strict Kubernetes 1.27 validators that strict-schema.ts uses.
 *
 * kubernetes-models 4.3.1 ships the 1.27.1 OpenAPI schemas, but the OpenAPI document has no
 * `additionalProperties: false`, so a misspelled field passes its own validate(). Here we capture
 * the raw schemas that kubernetes-models registers for every top-level kind, close every object
 * schema that lists its properties, and compile them with Ajv into standalone JavaScript
 * (ajv/dist/standalone): unknown fields are rejected.
 *
 * Compiling takes several seconds, so the code is written once (jest globalSetup) to
 * node_modules/.cache/cdk8s-datadog-strict-schema/<hash>.js, where the hash covers everything
 * the output depends on: the versions of kubernetes-models, ajv and ajv-formats and the source
 * of this file and of k8s-formats.ts. Each test file only requires the generated module.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'cdk8s-datadog-strict-schema');
const FORMATS_MODULE = path.join(__dirname, 'k8s-formats');
const INPUT_PACKAGES = ['kubernetes-models', '@kubernetes-models/validate', '@kubernetes-models/apimachinery', 'ajv', 'ajv-formats'];

function packageVersion(name: string): string {
  // Some packages do not export ./package.json: read it next to the package's root.
  let dir = path.dirname(require.resolve(name, { paths: [ROOT] }));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json for ${name}`);
    dir = up;
  }
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
}

/** Hash of every input of the generated code. */
export function strictSchemaKey(): string {
  const h = createHash('sha256');
  for (const p of INPUT_PACKAGES) h.update(`${p}@${packageVersion(p)}\n`);
  for (const f of [path.join(__dirname, 'strict-schema-build.ts'), `${FORMATS_MODULE}.ts`]) h.update(fs.readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** Adds `additionalProperties: false` to every schema that lists its properties. */
export function closeObjects(schema: any): any {
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

/** Every top-level kind in kubernetes-models: `apiVersion/kind` -> module path. */
function topLevelKinds(): Map<string, string> {
  const root = path.dirname(require.resolve('kubernetes-models/apps/v1/DaemonSet', { paths: [ROOT] }));
  const pkg = path.resolve(root, '..', '..');
  const kinds = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '_schemas' && e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.js')) {
        const src = fs.readFileSync(p, 'utf8');
        const kind = /\.kind = "([^"]+)";/.exec(src)?.[1];
        const apiVersion = /\.apiVersion = "([^"]+)";/.exec(src)?.[1];
        if (kind && apiVersion && path.basename(p, '.js') === kind) kinds.set(`${apiVersion}/${kind}`, p);
      }
    }
  };
  walk(pkg);
  return kinds;
}

/**
 * The kinds this library writes. Their validators go in a small module that every test file
 * loads; every other kind is in a second, larger module, loaded only when an object of such a
 * kind is validated.
 */
export const COMMON_KINDS = [
  'v1/ConfigMap', 'v1/Secret', 'v1/Service', 'v1/ServiceAccount',
  'apps/v1/DaemonSet', 'apps/v1/Deployment', 'policy/v1/PodDisruptionBudget',
  'rbac.authorization.k8s.io/v1/ClusterRole', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/RoleBinding',
  'apiregistration.k8s.io/v1/APIService',
];

/**
 * The standalone validator modules (`exports["apps/v1/DaemonSet"] = validate...`): `common` for
 * COMMON_KINDS, `all` for every top-level kind of kubernetes-models.
 */
export function buildStrictSchemaCode(): { common: string; all: string } {
  const Ajv = require('ajv').default;
  const addFormats = require('ajv-formats');
  const standaloneCode = require('ajv/dist/standalone').default;
  const { _ } = require('ajv');
  const { formats } = require(FORMATS_MODULE);

  const captured = new Map<string, any>();
  const validateModule = require('@kubernetes-models/validate');
  const originalRegister = validateModule.register;
  validateModule.register = (id: string, schema: any) => {
    if (!captured.has(id)) captured.set(id, schema);
    return originalRegister(id, schema);
  };
  const ids: Record<string, string> = {};
  try {
    for (const [key, file] of topLevelKinds()) {
      const kind = key.split('/').pop()!;
      const model = require(file)[kind];
      const proto = model.prototype;
      const values = Object.getOwnPropertySymbols(proto).map(s => proto[s]);
      const id = values.find(v => typeof v === 'string') as string;
      const addSchema = values.find(v => typeof v === 'function') as () => void;
      addSchema();
      ids[key] = id;
    }
  } finally {
    validateModule.register = originalRegister;
  }

  // The generated code requires the formats from k8s-formats.ts, relative to the cache file.
  const formatsRef = path.relative(CACHE_DIR, FORMATS_MODULE).split(path.sep).join('/');
  const ajv = new Ajv({ strictTypes: false, strict: false, allErrors: true, code: { source: true, formats: _`require(${formatsRef}).formats` } });
  addFormats(ajv);
  for (const [name, def] of Object.entries(formats)) ajv.addFormat(name, def);
  for (const [sid, schema] of captured) ajv.addSchema(closeObjects(schema), sid);
  const common = Object.fromEntries(COMMON_KINDS.map(k => {
    if (!ids[k]) throw new Error(`kubernetes-models has no ${k}`);
    return [k, ids[k]];
  }));
  return { common: standaloneCode(ajv, common), all: standaloneCode(ajv, ids) };
}

/** Paths of the generated modules, building them first when the cache has none for these inputs. */
export function strictSchemaModules(): { common: string; all: string } {
  const key = strictSchemaKey();
  const files = { common: path.join(CACHE_DIR, `${key}-common.js`), all: path.join(CACHE_DIR, `${key}-all.js`) };
  if (fs.existsSync(files.common) && fs.existsSync(files.all)) return files;
  const code = buildStrictSchemaCode();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  // Write then rename, so a concurrent reader never sees half a file; drop stale versions.
  for (const part of ['all', 'common'] as const) {
    const tmp = `${files[part]}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code[part]);
    fs.renameSync(tmp, files[part]);
  }
  for (const old of fs.readdirSync(CACHE_DIR)) {
    if (!old.startsWith(key)) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
  }
  return files;
}
