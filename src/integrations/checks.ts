import { checkPort, fail, show } from '../validation';
import { Integration } from './integration';

/** What every typed check builder accepts besides its own fields. */
export interface CheckCommonOptions {
  /**
   * Tags on the check's metrics, e.g. `["team:cache"]`.
   * @default - none
   */
  readonly tags?: string[];
  /**
   * Run as a cluster check (through the Cluster Agent) instead of on every node.
   * @default false
   */
  readonly clusterCheck?: boolean;
  /**
   * More instance fields, written as given, for everything the builder does not type. A key the
   * builder also sets fails.
   * @default - none
   */
  readonly extra?: { [key: string]: any };
}

/** The `redisdb` check. */
export interface RedisCheckOptions extends CheckCommonOptions {
  /** Host of the Redis server (or `%%host%%` in an autodiscovery annotation). */
  readonly host: string;
  /** @default 6379 */
  readonly port?: number;
  /**
   * The password, as a reference only: `ENC[<handle>]` (secrets backend) or `%%env_<VAR>%%`.
   * A literal password would land in a ConfigMap or annotation, so it is rejected.
   * @default - no password
   */
  readonly password?: string;
}

/** The `postgres` check. */
export interface PostgresCheckOptions extends CheckCommonOptions {
  /** Host of the database server. */
  readonly host: string;
  /** @default 5432 */
  readonly port?: number;
  /** The user the check logs in as. */
  readonly username: string;
  /** The password, as a reference only: `ENC[<handle>]` or `%%env_<VAR>%%`. */
  readonly password: string;
  /**
   * Database to connect to.
   * @default "postgres"
   */
  readonly dbname?: string;
}

/** The `nginx` check. */
export interface NginxCheckOptions extends CheckCommonOptions {
  /** The stub_status (or NGINX Plus API) URL, e.g. `http://%%host%%:81/nginx_status/`. */
  readonly statusUrl: string;
}

/** The `http_check` check. */
export interface HttpCheckOptions extends CheckCommonOptions {
  /** Name of the instance (the `instance` tag). */
  readonly name: string;
  /** The URL to probe. */
  readonly url: string;
  /**
   * Timeout in seconds.
   * @default - the check's default (10)
   */
  readonly timeoutSeconds?: number;
}

/**
 * Thin typed builders for a few common checks. Each returns a plain `Integration` with one
 * instance; the generic `Integration` form covers every other check and field.
 */
export class Checks {
  /** The `redisdb` check. */
  public static redis(o: RedisCheckOptions): Integration {
    checkPort('Checks.redis: port', o.port);
    return build('redisdb', o, { host: required('Checks.redis: host', o.host), port: o.port ?? 6379, password: secretRef('Checks.redis: password', o.password) });
  }

  /** The `postgres` check. */
  public static postgres(o: PostgresCheckOptions): Integration {
    checkPort('Checks.postgres: port', o.port);
    return build('postgres', o, {
      host: required('Checks.postgres: host', o.host),
      port: o.port ?? 5432,
      username: required('Checks.postgres: username', o.username),
      password: secretRef('Checks.postgres: password', required('Checks.postgres: password', o.password)),
      dbname: o.dbname,
    });
  }

  /** The `nginx` check. */
  public static nginx(o: NginxCheckOptions): Integration {
    return build('nginx', o, { nginx_status_url: required('Checks.nginx: statusUrl', o.statusUrl) });
  }

  /** The `http_check` check. */
  public static httpCheck(o: HttpCheckOptions): Integration {
    if (o.timeoutSeconds !== undefined && !(typeof o.timeoutSeconds === 'number' && o.timeoutSeconds > 0)) fail(`Checks.httpCheck: timeoutSeconds must be a positive number, got ${show(o.timeoutSeconds)}`);
    return build('http_check', o, { name: required('Checks.httpCheck: name', o.name), url: required('Checks.httpCheck: url', o.url), timeout: o.timeoutSeconds });
  }

  private constructor() {}
}

function required(path: string, v: string): string {
  if (typeof v !== 'string' || v === '') fail(`${path} is required (a non-empty string), got ${show(v)}`);
  return v;
}

/** Passwords only as references: never a literal secret in a ConfigMap or an annotation. */
function secretRef(path: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^(ENC\[[^\]\s]+\]|%%env_[A-Za-z_][A-Za-z0-9_]*%%)$/.test(v)) {
    fail(`${path} must be a reference, ENC[<secret handle>] or %%env_<VAR>%%, not a literal: the value is written into a ConfigMap or annotation in clear text`);
  }
  return v;
}

function build(name: string, o: CheckCommonOptions, fields: { [key: string]: any }): Integration {
  const instance: { [key: string]: any } = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) instance[k] = v;
  if (o.tags !== undefined) instance.tags = [...o.tags];
  for (const [k, v] of Object.entries(o.extra ?? {})) {
    if (k in instance) fail(`Checks: extra.${k} is also set by the ${name} builder; set it through the typed option`);
    instance[k] = v;
  }
  return { name, instances: [instance], ...(o.clusterCheck ? { clusterCheck: true } : {}) };
}
