import { registerOptionClass } from './input/classes';
import { checkArgs } from './input/strict';
import type { EnvVarSource, Probe } from './model/k8s-json';
import type { ContainerModel, EnvValue } from './model/pod';
import { bool, checkDnsLabel, checkDnsSubdomain, checkEnvName, checkInt, checkQuantity, fail, show } from './validation';

/** Options of an env var read from a Secret or ConfigMap key. */
export interface EnvKeyRefOptions {
  /**
   * Start the container even when the Secret/ConfigMap or the key does not exist (the variable
   * is then unset).
   * @default false
   */
  readonly optional?: boolean;
}

/** Options of an env var read from a container's resources. */
export interface EnvResourceOptions {
  /**
   * The container whose resources are read.
   * @default - the container the variable is set on
   */
  readonly containerName?: string;
  /**
   * Unit the value is expressed in, as a Kubernetes quantity (`1m`, `1Mi`).
   * @default - "1" (cores, bytes)
   */
  readonly divisor?: string;
}

/** Pod fields the downward API exposes as env vars. */
const FIELD_PATH = /^(metadata\.(name|namespace|uid)|metadata\.(labels|annotations)\['[^'\s]+'\]|spec\.(nodeName|serviceAccountName)|status\.(hostIP|hostIPs|podIP|podIPs))$/;
/** Resources the downward API exposes as env vars. */
const RESOURCE = /^(limits|requests)\.(cpu|memory|ephemeral-storage|hugepages-[0-9A-Za-z]+)$/;
const KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Where an env var's value comes from instead of a literal (`valueFrom`): a Secret or ConfigMap
 * key, a pod field, or a container resource. Used by the `envValueFrom` options.
 */
export class EnvValueSource {
  /** A key of a Secret in the agents' namespace (`secretKeyRef`). */
  public static fromSecret(secretName: string, key: string, options: EnvKeyRefOptions = {}): EnvValueSource {
    checkArgs('cdk8s-datadog.EnvValueSource', 'fromSecret', [secretName, key, options]);
    return new EnvValueSource('secret', { name: secretName, key, optional: options.optional });
  }

  /** A key of a ConfigMap in the agents' namespace (`configMapKeyRef`). */
  public static fromConfigMap(configMapName: string, key: string, options: EnvKeyRefOptions = {}): EnvValueSource {
    checkArgs('cdk8s-datadog.EnvValueSource', 'fromConfigMap', [configMapName, key, options]);
    return new EnvValueSource('configMap', { name: configMapName, key, optional: options.optional });
  }

  /**
   * A field of the pod (`fieldRef`): `metadata.name`, `metadata.namespace`, `metadata.uid`,
   * `metadata.labels['<key>']`, `metadata.annotations['<key>']`, `spec.nodeName`,
   * `spec.serviceAccountName`, `status.hostIP`, `status.hostIPs`, `status.podIP`, `status.podIPs`.
   */
  public static fromField(fieldPath: string): EnvValueSource {
    checkArgs('cdk8s-datadog.EnvValueSource', 'fromField', [fieldPath]);
    return new EnvValueSource('field', { fieldPath });
  }

  /**
   * A resource request or limit of a container (`resourceFieldRef`): `limits.cpu`,
   * `limits.memory`, `requests.cpu`, `requests.memory`, `limits.ephemeral-storage`...
   */
  public static fromResource(resource: string, options: EnvResourceOptions = {}): EnvValueSource {
    checkArgs('cdk8s-datadog.EnvValueSource', 'fromResource', [resource, options]);
    return new EnvValueSource('resource', { resource, containerName: options.containerName, divisor: options.divisor });
  }

  private constructor(
    /** The kind of source: `secret`, `configMap`, `field` or `resource`. */
    public readonly kind: string,
    private readonly spec: any,
  ) {}

  /** Validates the source and renders it as a Kubernetes `EnvVarSource`. @internal */
  public _render(path: string): EnvVarSource {
    const s = this.spec;
    switch (this.kind) {
      case 'secret':
      case 'configMap': {
        const what = this.kind === 'secret' ? 'Secret' : 'ConfigMap';
        if (typeof s.name !== 'string') fail(`${path} needs a ${what} name, got ${show(s.name)}`);
        checkDnsSubdomain(`${path} (${what} name)`, s.name);
        if (typeof s.key !== 'string' || !KEY.test(s.key) || s.key.length > 253) {
          fail(`${path} has an invalid ${what} key ${show(s.key)}: use letters, digits, "-", "_" or "."`);
        }
        bool(`${path}.optional`, s.optional);
        const ref = { name: s.name, key: s.key, ...(s.optional !== undefined ? { optional: s.optional } : {}) };
        return this.kind === 'secret' ? { secretKeyRef: ref } : { configMapKeyRef: ref };
      }
      case 'field':
        if (typeof s.fieldPath !== 'string' || !FIELD_PATH.test(s.fieldPath)) {
          fail(`${path} has an unsupported field path ${show(s.fieldPath)}: use metadata.name, metadata.namespace, metadata.uid, `
            + "metadata.labels['<key>'], metadata.annotations['<key>'], spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP or status.podIPs");
        }
        return { fieldRef: { fieldPath: s.fieldPath } };
      default:
        if (typeof s.resource !== 'string' || !RESOURCE.test(s.resource)) {
          fail(`${path} has an unsupported resource ${show(s.resource)}: use limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory or requests.ephemeral-storage`);
        }
        checkDnsLabel(`${path}.containerName`, s.containerName);
        checkQuantity(`${path}.divisor`, s.divisor);
        return {
          resourceFieldRef: {
            resource: s.resource,
            ...(s.containerName !== undefined ? { containerName: s.containerName } : {}),
            ...(s.divisor !== undefined ? { divisor: s.divisor } : {}),
          },
        };
    }
  }
}
registerOptionClass('cdk8s-datadog.EnvValueSource', EnvValueSource);

/** Env that must come from `credentials`: a literal or another reference would contradict them. */
export const CREDENTIAL_ENV = ['DD_API_KEY', 'DD_APP_KEY', 'DD_CLUSTER_AGENT_AUTH_TOKEN'];

/** Why a name cannot be set by the user, if it cannot. @internal */
export function credentialEnv(name: string): string | undefined {
  return CREDENTIAL_ENV.includes(name) ? 'it comes from credentials' : undefined;
}

/**
 * Validates the `env` and `envValueFrom` of one place (`nodeAgent`, `clusterAgent.env`...) and
 * merges them: literals first, then references. A name in both is an error naming both options.
 * `refused` are names that must not be set here (they come from another option), with why.
 *
 * @internal
 */
export function resolveEnvOptions(
  path: string,
  env: { [name: string]: string } | undefined,
  valueFrom: { [name: string]: EnvValueSource } | undefined,
  refused: (name: string) => string | undefined = () => undefined,
): { [name: string]: EnvValue } {
  if (valueFrom !== undefined && (valueFrom === null || typeof valueFrom !== 'object' || Array.isArray(valueFrom))) {
    fail(`${path}.envValueFrom must be a map of env var name to EnvValueSource, got ${show(valueFrom)}`);
  }
  const out: { [name: string]: EnvValue } = { ...(env ?? {}) };
  for (const [name, source] of Object.entries(valueFrom ?? {})) {
    const p = `${path}.envValueFrom.${name}`;
    checkEnvName(`${path}.envValueFrom`, name);
    const why = refused(name);
    if (why) fail(`${p} is not allowed: ${why}`);
    if (env && name in env) fail(`${p} is also set in ${path}.env.${name}: set it in one place`);
    if (!(source instanceof EnvValueSource)) {
      fail(`${p} must be an EnvValueSource (EnvValueSource.fromSecret(...), .fromConfigMap(...), .fromField(...) or .fromResource(...))`);
    }
    out[name] = source._render(p);
  }
  return out;
}

/**
 * Tuning of a probe the library defines: its handler (the health endpoint) stays, these
 * settings replace the library's (15s initial delay and period, 5s timeout, success 1, failure 6).
 */
export interface ProbeOptions {
  /**
   * Seconds after the container starts before the first probe.
   * @default - the library's (15)
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default - the library's (15)
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which a probe times out.
   * @default - the library's (5)
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive successes for the probe to count as passing after a failure. Kubernetes requires
   * 1 for liveness and startup probes.
   * @default - the library's (1)
   */
  readonly successThreshold?: number;
  /**
   * Consecutive failures for the probe to count as failed.
   * @default - the library's (6)
   */
  readonly failureThreshold?: number;
}

/** The probes a container may have. */
export type ProbeKind = 'liveness' | 'readiness' | 'startup';

/** Validates probe tuning; returns only the fields set, in Kubernetes' order. @internal */
export function resolveProbeOptions(path: string, kind: ProbeKind, o: ProbeOptions | undefined): Partial<Probe> | undefined {
  if (o === undefined) return undefined;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) fail(`${path} must be an object of probe options, got ${show(o)}`);
  const known = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`${path}.${k} is not a probe option: use ${known.join(', ')}`);
  checkInt(`${path}.initialDelaySeconds`, o.initialDelaySeconds, 0, 3600);
  checkInt(`${path}.periodSeconds`, o.periodSeconds, 1, 3600);
  checkInt(`${path}.timeoutSeconds`, o.timeoutSeconds, 1, 3600);
  checkInt(`${path}.successThreshold`, o.successThreshold, 1, 100);
  checkInt(`${path}.failureThreshold`, o.failureThreshold, 1, 100);
  if (kind !== 'readiness' && o.successThreshold !== undefined && o.successThreshold !== 1) {
    fail(`${path}.successThreshold must be 1 for a ${kind} probe (Kubernetes refuses anything else), got ${o.successThreshold}`);
  }
  const out: any = {};
  for (const k of known) if ((o as any)[k] !== undefined) out[k] = (o as any)[k];
  return out;
}

/** Probe tuning of one container, validated. @internal */
export interface ResolvedProbes {
  readonly liveness?: Partial<Probe>;
  readonly readiness?: Partial<Probe>;
  readonly startup?: Partial<Probe>;
  /** Option path of each (`clusterAgent.livenessProbe`), for errors. */
  readonly path: string;
}

/** Validates `livenessProbe`, `readinessProbe` and `startupProbe` under `path`. @internal */
export function resolveProbes(
  path: string,
  o: { readonly livenessProbe?: ProbeOptions; readonly readinessProbe?: ProbeOptions; readonly startupProbe?: ProbeOptions },
): ResolvedProbes {
  return {
    path,
    liveness: resolveProbeOptions(`${path}.livenessProbe`, 'liveness', o.livenessProbe),
    readiness: resolveProbeOptions(`${path}.readinessProbe`, 'readiness', o.readinessProbe),
    startup: resolveProbeOptions(`${path}.startupProbe`, 'startup', o.startupProbe),
  };
}

/** Applies probe tuning to a container (its probes must exist). @internal */
export function tuneProbes(ct: ContainerModel, p: ResolvedProbes): void {
  for (const kind of ['liveness', 'readiness', 'startup'] as const) {
    const settings = p[kind];
    if (settings) ct.tuneProbe(kind, settings, `${p.path}.${kind}Probe`);
  }
}
