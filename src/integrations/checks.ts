import { bool, checkPort, fail, list, options, show } from '../validation';
import type { Integration } from './integration';
import { checkArgs } from '../input/strict';

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
  /**
   * Port of the Redis server.
   * @default 6379
   */
  readonly port?: number;
  /**
   * The password, as a reference only: `ENC[<handle>]` (secrets backend), or `%%env_<VAR>%%` in an
   * autodiscovery template (annotations, `adIdentifiers`), the only place the agent resolves it.
   * A literal password would land in a ConfigMap or annotation, so it is rejected.
   * @default - no password
   */
  readonly password?: string;
}

/** The `postgres` check. */
export interface PostgresCheckOptions extends CheckCommonOptions {
  /** Host of the database server. */
  readonly host: string;
  /**
   * Port of the database server.
   * @default 5432
   */
  readonly port?: number;
  /** The user the check logs in as. */
  readonly username: string;
  /**
   * The password, as a reference only: `ENC[<handle>]`, or `%%env_<VAR>%%` in an autodiscovery
   * template (the agent resolves template variables only there).
   */
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
    checkArgs('cdk8s-datadog.Checks', 'redis', [o]);
    o = given('Checks.redis', o);
    checkPort('Checks.redis: port', o.port);
    return build('redisdb', o, ['host', 'port', 'password'], {
      host: required('Checks.redis: host', o.host), port: o.port ?? 6379, password: secretRef('Checks.redis: password', o.password),
    });
  }

  /** The `postgres` check. */
  public static postgres(o: PostgresCheckOptions): Integration {
    checkArgs('cdk8s-datadog.Checks', 'postgres', [o]);
    o = given('Checks.postgres', o);
    checkPort('Checks.postgres: port', o.port);
    return build('postgres', o, ['host', 'port', 'username', 'password', 'dbname'], {
      host: required('Checks.postgres: host', o.host),
      port: o.port ?? 5432,
      username: required('Checks.postgres: username', o.username),
      password: secretRef('Checks.postgres: password', required('Checks.postgres: password', o.password)),
      dbname: o.dbname === undefined ? undefined : required('Checks.postgres: dbname', o.dbname),
    });
  }

  /** The `nginx` check. */
  public static nginx(o: NginxCheckOptions): Integration {
    checkArgs('cdk8s-datadog.Checks', 'nginx', [o]);
    o = given('Checks.nginx', o);
    return build('nginx', o, ['nginx_status_url'], { nginx_status_url: required('Checks.nginx: statusUrl', o.statusUrl) });
  }

  /** The `http_check` check. */
  public static httpCheck(o: HttpCheckOptions): Integration {
    checkArgs('cdk8s-datadog.Checks', 'httpCheck', [o]);
    o = given('Checks.httpCheck', o);
    if (o.timeoutSeconds !== undefined && !(typeof o.timeoutSeconds === 'number' && Number.isFinite(o.timeoutSeconds) && o.timeoutSeconds > 0)) {
      fail(`Checks.httpCheck: timeoutSeconds must be a positive number, got ${show(o.timeoutSeconds)}`);
    }
    return build('http_check', o, ['name', 'url', 'timeout'], { name: required('Checks.httpCheck: name', o.name), url: required('Checks.httpCheck: url', o.url), timeout: o.timeoutSeconds });
  }

  private constructor() {}
}

/** The builder's options object itself is required. */
function given<T extends object>(path: string, o: T): T {
  if (o === undefined || o === null || typeof o !== 'object' || Array.isArray(o)) fail(`${path} must be an object of options, got ${o === null ? 'null' : show(o)}`);
  return o;
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

/** Instance keys that hold secrets in Datadog checks: in `extra` they must be references too. */
const SECRET_KEYS = /^(password|pass|passwd|api_key|app_key|token|secret|client_secret|private_key)$/i;

function build(name: string, o: CheckCommonOptions, typed: string[], fields: { [key: string]: any }): Integration {
  const where = `Checks (${name})`;
  const instance: { [key: string]: any } = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) instance[k] = v;
  const tags = list(`${where}: tags`, o.tags);
  tags.forEach((t, i) => {
    if (typeof t !== 'string' || t === '') fail(`${where}: tags[${i}] must be a non-empty string such as "team:cache", got ${show(t)}`);
  });
  if (o.tags !== undefined) instance.tags = [...tags];
  for (const [k, v] of Object.entries(options(`${where}: extra`, o.extra))) {
    // A typed field goes through its option (and its checks), whether or not it was set.
    if (typed.includes(k) || k === 'tags') fail(`${where}: extra.${k} is a typed option of the builder; set it there`);
    instance[k] = SECRET_KEYS.test(k) && v !== undefined ? secretRef(`${where}: extra.${k}`, v) : v;
  }
  return { name, instances: [instance], ...(bool(`${where}: clusterCheck`, o.clusterCheck) ? { clusterCheck: true } : {}) };
}
