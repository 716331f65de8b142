/**
 * Synth-time validation helpers. Every error names the option path (as the user writes it in
 * DatadogAgentProps) and what is allowed, e.g. `clusterAgent.replicas must be >= 1, got 0`.
 */
import type { ContainerPort } from './model/k8s-json';

export class ValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationError';
  }
}

export function fail(message: string): never {
  throw new ValidationError(message);
}

export function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function checkInt(path: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(`${path} must be an integer, got ${show(value)}`);
  if (value < min) fail(`${path} must be >= ${min}, got ${value}`);
  if (value > max) fail(`${path} must be <= ${max}, got ${value}`);
}

export function checkPort(path: string, value: number | undefined): void {
  checkInt(path, value, 1, 65535);
}

export function checkAbsolutePath(path: string, value: string | undefined): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !/^\/[^\0]*$/.test(value) || value.includes('..') || /\s/.test(value)) {
    fail(`${path} must be an absolute path without "..", got ${show(value)}`);
  }
}

export function checkString(path: string, value: unknown, pattern: RegExp, allowed: string): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || !pattern.test(value)) fail(`${path} must be ${allowed}, got ${show(value)}`);
}

/** RFC 1123 DNS label: how Kubernetes names Services, ServiceAccounts and most objects. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: ConfigMap, Secret and PriorityClass names. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkDnsLabel(path: string, value: string | undefined, maxLength = 63): void {
  if (value === undefined) return;
  checkString(path, value, DNS_LABEL, 'a lowercase RFC 1123 label (a-z, 0-9, "-")');
  if (value.length > maxLength) fail(`${path} must be at most ${maxLength} characters, got ${value.length}`);
}

export function checkDnsSubdomain(path: string, value: string | undefined): void {
  if (value === undefined) return;
  checkString(path, value, DNS_SUBDOMAIN, 'a lowercase RFC 1123 subdomain (a-z, 0-9, "-", ".")');
  if (value.length > 253) fail(`${path} must be at most 253 characters, got ${value.length}`);
}

const QUANTITY = /^[+-]?(?:\d+|\d+\.\d+|\d+\.|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function checkQuantity(path: string, value: string | undefined): void {
  checkString(path, value, QUANTITY, 'a Kubernetes quantity such as "200m", "1", "256Mi"');
}

const QUALIFIED_NAME = /^(?:([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/)?([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
/** A label value: empty, or at most 63 alphanumerics, "-", "_" or ".", alphanumeric at both ends. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** A qualified name (label and annotation keys, topology keys): optional DNS-subdomain prefix and a name of at most 63 characters. */
export function isQualifiedName(key: string): boolean {
  const m = QUALIFIED_NAME.exec(key);
  return !!m && !(m[1] && m[1].length > 253);
}

/** Label keys: optional DNS-subdomain prefix and a name of at most 63 characters. */
export function checkLabelKey(path: string, key: string): void {
  if (!isQualifiedName(key)) fail(`${path} has an invalid key ${show(key)}: use [prefix/]name with a name of at most 63 alphanumerics, "-", "_" or "."`);
}

export function checkLabelValue(path: string, value: string): void {
  if (typeof value !== 'string' || !LABEL_VALUE.test(value)) {
    fail(`${path} has an invalid value ${show(value)}: at most 63 alphanumerics, "-", "_" or ".", starting and ending alphanumeric`);
  }
}

export function checkEnvName(path: string, name: string): void {
  if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name)) fail(`${path} has an invalid env var name ${show(name)}: use letters, digits, "_", "-" or "."`);
}

/**
 * Options of a feature that is off do nothing: setting one is a mistake (the user believes it
 * acts). Fails naming the first option set under `path` other than `enabled`.
 */
export function checkUnusedWhenOff(path: string, o: object, enabled: boolean, also: string[] = [], switchKey = 'enabled'): void {
  if (enabled) return;
  const set = Object.entries(o).filter(([k, v]) => k !== switchKey && v !== undefined && !also.includes(k)).map(([k]) => k);
  if (set.length) fail(`${path}.${set[0]} needs ${path}.${switchKey}, which is false`);
}

/** A boolean option: `undefined` (the default applies) or a real boolean, never `"false"`. */
export function bool(path: string, value: boolean | undefined): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(`${path} must be true or false, got ${show(value)}`);
  return value;
}

/** A list option: `undefined` or an array. */
export function list<T>(path: string, value: T[] | undefined): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${path} must be a list, got ${show(value)}`);
  return value;
}

/** An options object: `undefined` (defaults) or a plain object, never `null` or a scalar. */
export function options<T extends object>(path: string, value: T | undefined): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(`${path} must be an object of options, got ${value === null ? 'null' : show(value)}`);
  return value;
}

/** IANA_SVC_NAME, Kubernetes' rule for a port name: 1-15 lowercase letters, digits and "-", a letter among them, no "--". */
const PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A container port as options take it (a cdk8s-plus `k8s.ContainerPort`, or a struct of the same fields). */
export interface PortInput {
  readonly name?: string;
  readonly containerPort?: number;
  readonly protocol?: string;
  readonly hostPort?: number;
  readonly hostIp?: string;
}

/**
 * Extra container ports from options: a name (IANA service name), a port, TCP or UDP (TCP when
 * unset), an optional host port; no `hostIp` (a host port listens on every node address). A
 * repeated name or port/protocol in the list fails naming both entries.
 */
export function resolveContainerPorts(path: string, ports: readonly PortInput[] | undefined): ContainerPort[] {
  const out = list(path, ports as PortInput[] | undefined).map((p, i): ContainerPort => {
    const at = `${path}[${i}]`;
    options(at, p);
    if (p.name === undefined) fail(`${at}.name is required`);
    checkString(`${at}.name`, p.name, PORT_NAME, 'an IANA service name (1-15 lowercase letters, digits and "-", with a letter)');
    for (const k of ['containerPort', 'hostPort'] as const) {
      const v = p[k];
      if (v === undefined && k === 'hostPort') continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) fail(`${at}.${k} must be a port between 1 and 65535, got ${show(v)}`);
    }
    const protocol = p.protocol ?? 'TCP';
    if (protocol !== 'TCP' && protocol !== 'UDP') fail(`${at}.protocol must be one of TCP, UDP, got ${show(p.protocol)}`);
    if (p.hostIp !== undefined) fail(`${at}.hostIp is not supported: a host port listens on every node address`);
    return { name: p.name, containerPort: p.containerPort!, protocol, ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}) };
  });
  out.forEach((p, i) => {
    const j = out.findIndex(q => q.name === p.name || (q.containerPort === p.containerPort && q.protocol === p.protocol));
    if (j < i) fail(`${path}[${i}] repeats ${path}[${j}] (${p.name === out[j].name ? `name ${p.name}` : `${p.containerPort}/${p.protocol}`})`);
  });
  return out;
}
