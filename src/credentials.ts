import { createHash } from 'crypto';
import { registerOptionClass } from './input/classes';
import { checkArgs } from './input/strict';
import { checkDnsSubdomain, fail } from './validation';

/** Key names inside an existing Secret. */
export interface SecretKeyOptions {
  /**
   * Key that holds the Datadog API key.
   * @default "api-key"
   */
  readonly apiKeyKey?: string;
  /**
   * Key that holds the Datadog application key. The reference is marked optional, so a Secret
   * without this key still works for everything that does not need an app key.
   * @default "app-key"
   */
  readonly appKeyKey?: string;
  /**
   * Key that holds the shared token between node agents and the Cluster Agent
   * (at least 32 alphanumeric characters).
   * @default "token"
   */
  readonly clusterAgentTokenKey?: string;
}

/** Literal credentials, for `Credentials.fromValues`. They end up in a Secret in the YAML. */
export interface CredentialValues {
  /** The Datadog API key: 32 hexadecimal characters. */
  readonly apiKey: string;
  /**
   * The Datadog application key: 40 hexadecimal characters.
   * @default - no app key (features that need one fail at synthesis)
   */
  readonly appKey?: string;
  /**
   * The token node agents use to authenticate to the Cluster Agent: at least 32 alphanumerics.
   * @default - derived from the API key and the object name with SHA-256, so it is identical on
   * every synthesis (never random) and changes only when the API key changes
   */
  readonly clusterAgentToken?: string;
}

/**
 * Where the API key, application key and Cluster Agent token come from.
 *
 * `fromSecret` (recommended) references a Secret you create outside the manifests (sealed-secrets,
 * external-secrets, Vault...): no secret value ever appears in the synthesized YAML.
 * `fromValues` writes the literal values you pass into a Secret, for throwaway clusters.
 */
export class Credentials {
  /** Reference an existing Secret in the agent's namespace. Default keys: `api-key`, `app-key`, `token`. */
  public static fromSecret(secretName: string, options: SecretKeyOptions = {}): Credentials {
    checkArgs('cdk8s-datadog.Credentials', 'fromSecret', [secretName, options]);
    return new Credentials(secretName, options, undefined);
  }

  /**
   * Create a Secret from literal values. They appear (base64-encoded) in the generated YAML:
   * use only when that is what you want.
   */
  public static fromValues(values: CredentialValues): Credentials {
    checkArgs('cdk8s-datadog.Credentials', 'fromValues', [values]);
    return new Credentials(undefined, {}, values);
  }

  private constructor(
    private readonly secretName: string | undefined,
    private readonly keys: SecretKeyOptions,
    private readonly values: CredentialValues | undefined,
  ) {}

  /**
   * Validates and resolves the credentials for the object name prefix `fullname`.
   * @internal
   */
  public _resolve(path: string, fullname: string): ResolvedCredentials {
    if (this.values) {
      const v = this.values;
      if (typeof v.apiKey !== 'string' || !/^[0-9a-fA-F]{32}$/.test(v.apiKey)) {
        fail(`${path}.apiKey must be 32 hexadecimal characters, got ${describeSecret(v.apiKey)}`);
      }
      if (v.appKey !== undefined && (typeof v.appKey !== 'string' || !/^[0-9a-fA-F]{40}$/.test(v.appKey))) {
        fail(`${path}.appKey must be 40 hexadecimal characters, got ${describeSecret(v.appKey)}`);
      }
      if (v.clusterAgentToken !== undefined && (typeof v.clusterAgentToken !== 'string' || !/^[A-Za-z0-9]{32,}$/.test(v.clusterAgentToken))) {
        fail(`${path}.clusterAgentToken must be at least 32 alphanumeric characters, got ${describeSecret(v.clusterAgentToken)}`);
      }
      const token = v.clusterAgentToken ?? createHash('sha256').update(`cdk8s-datadog/cluster-agent-token/${fullname}/${v.apiKey}`).digest('hex');
      const data: { [k: string]: string } = { 'api-key': v.apiKey };
      if (v.appKey) data['app-key'] = v.appKey;
      data.token = token;
      return {
        secretName: fullname,
        apiKeyKey: 'api-key',
        appKeyKey: 'app-key',
        tokenKey: 'token',
        hasAppKey: v.appKey !== undefined,
        appKeyKnown: true,
        secretData: data,
      };
    }
    checkDnsSubdomain(`${path} secret name`, this.secretName);
    const keyPattern = /^[-._a-zA-Z0-9]+$/;
    for (const [opt, value] of Object.entries(this.keys)) {
      if (value !== undefined && (typeof value !== 'string' || !keyPattern.test(value))) {
        fail(`${path}.${opt} must be a Secret key (letters, digits, "-", "_", "."), got ${JSON.stringify(value)}`);
      }
    }
    return {
      secretName: this.secretName!,
      apiKeyKey: this.keys.apiKeyKey ?? 'api-key',
      appKeyKey: this.keys.appKeyKey ?? 'app-key',
      tokenKey: this.keys.clusterAgentTokenKey ?? 'token',
      hasAppKey: true,
      appKeyKnown: false,
    };
  }
}
registerOptionClass('cdk8s-datadog.Credentials', Credentials);

/** @internal */
export interface ResolvedCredentials {
  readonly secretName: string;
  readonly apiKeyKey: string;
  readonly appKeyKey: string;
  readonly tokenKey: string;
  /** True when an app key may exist (always for an existing Secret, which we cannot read). */
  readonly hasAppKey: boolean;
  /** True when we know for certain whether there is an app key (literal values). */
  readonly appKeyKnown: boolean;
  /** Literal data for the Secret we create (fromValues only). */
  readonly secretData?: { [k: string]: string };
}

/** Error text for a bad secret: its length and shape, never the value itself. */
function describeSecret(v: unknown): string {
  if (typeof v !== 'string') return typeof v;
  return `${v.length} characters${/^[0-9a-fA-F]*$/.test(v) ? '' : ' including non-hexadecimal ones'}`;
}
