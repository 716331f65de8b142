import { CONTAINER } from '../components/containers';
import type { Component, RbacGrant, View } from '../feature';
import { defineFeature } from '../feature';
import { bool, checkDnsLabel, checkDnsSubdomain, checkInt, checkString, checkUnusedWhenOff, fail, list, show } from '../validation';

/** Secrets the agents may read for `ENC[...]` handles, by namespace and name. */
export interface ReadableSecrets {
  /** Namespace of the Secrets. */
  readonly namespace: string;
  /** Names of the Secrets in that namespace. */
  readonly names: string[];
}

/**
 * The secrets backend (`datadog.secretBackend.*` in the chart): the agents resolve `ENC[<handle>]`
 * values in their configuration (integrations, check annotations) by running a command. The
 * agent image ships `/readsecret_multiple_providers.sh`, which reads Kubernetes Secrets
 * (`ENC[k8s_secret@<namespace>/<secret>/<key>]`) and files.
 */
export interface SecretBackendOptions {
  /**
   * Resolve `ENC[...]` handles.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * The command that resolves handles.
   * @default "/readsecret_multiple_providers.sh"
   */
  readonly command?: string;
  /**
   * Arguments of the command, space-separated. An empty or blank string means none (the env
   * var is left out: the agent would read an empty value as unset anyway).
   * @default - none
   */
  readonly arguments?: string;
  /**
   * How long the command may run, in seconds.
   * @default - the agent's default (30)
   */
  readonly timeoutSeconds?: number;
  /**
   * Re-resolve the secrets this often, in seconds, so a rotated secret reaches the agents.
   * @default - never (resolved once, at start)
   */
  readonly refreshIntervalSeconds?: number;
  /**
   * The Kubernetes Secrets the agents may read, by name: one Role per namespace, bound to every
   * component this construct deploys. Nothing is granted cluster-wide (the chart's default grants
   * `get` on every Secret of the cluster).
   * @default - none (use handles that need no Kubernetes access, e.g. files)
   */
  readonly readableSecrets?: ReadableSecrets[];
}

/** @internal */
export interface ResolvedSecretBackend {
  readonly enabled: boolean;
  readonly command: string;
  readonly arguments?: string;
  readonly timeoutSeconds?: number;
  readonly refreshIntervalSeconds?: number;
  readonly readable: { readonly namespace: string; readonly names: string[] }[];
}

/** @internal */
export function resolveSecretBackend(o: SecretBackendOptions = {}): ResolvedSecretBackend {
  const enabled = bool('secretBackend.enabled', o.enabled) ?? false;
  checkUnusedWhenOff('secretBackend', o, enabled);
  checkString('secretBackend.command', o.command, /^\/\S+$/, 'an absolute path of an executable in the agent image, without spaces');
  checkString('secretBackend.arguments', o.arguments, /^[^\n]*$/, 'one line of space-separated arguments');
  checkInt('secretBackend.timeoutSeconds', o.timeoutSeconds, 1, 3600);
  checkInt('secretBackend.refreshIntervalSeconds', o.refreshIntervalSeconds, 60, 31 * 24 * 3600);
  const seen = new Map<string, number>();
  const readable = list('secretBackend.readableSecrets', o.readableSecrets).map((r, i) => {
    const p = `secretBackend.readableSecrets[${i}]`;
    if (!r || typeof r !== 'object') fail(`${p} must be { namespace, names }, got ${show(r)}`);
    checkDnsLabel(`${p}.namespace`, r.namespace);
    if (typeof r.namespace !== 'string') fail(`${p}.namespace is required`);
    const names = list(`${p}.names`, r.names);
    if (names.length === 0) fail(`${p}.names must list at least one Secret`);
    names.forEach((n, j) => checkDnsSubdomain(`${p}.names[${j}]`, n));
    if (seen.has(r.namespace)) fail(`${p}.namespace ${show(r.namespace)} is also listed at secretBackend.readableSecrets[${seen.get(r.namespace)}]: list each namespace once`);
    seen.set(r.namespace, i);
    return { namespace: r.namespace, names: [...new Set(names)].sort() };
  });
  return {
    enabled,
    command: o.command ?? '/readsecret_multiple_providers.sh',
    arguments: o.arguments?.trim() ? o.arguments : undefined,
    timeoutSeconds: o.timeoutSeconds,
    refreshIntervalSeconds: o.refreshIntervalSeconds,
    readable,
  };
}

function env(c: View<'secretBackend'>) {
  const s = c.secretBackend;
  return {
    DD_SECRET_BACKEND_COMMAND: s.command,
    DD_SECRET_BACKEND_ARGUMENTS: s.arguments,
    DD_SECRET_BACKEND_TIMEOUT: s.timeoutSeconds === undefined ? undefined : String(s.timeoutSeconds),
    DD_SECRET_REFRESH_INTERVAL: s.refreshIntervalSeconds === undefined ? undefined : String(s.refreshIntervalSeconds),
  };
}

/**
 * The secrets backend: its env on every component (the chart's components-common-env), and
 * read access to exactly the listed Secrets, by name, in their namespaces.
 */
export const secretBackend = defineFeature({
  id: 'secret-backend',
  option: 'secretBackend',
  resolve: (p) => resolveSecretBackend(p.secretBackend),
  enabled: (c) => c.secretBackend.enabled,
  nodeAgent: (c, pod) => {
    pod.addGroupEnv('common', env(c));
  },
  clusterAgent: (c, pod) => {
    pod.container(CONTAINER.CLUSTER_AGENT).setEnv(env(c));
  },
  clusterChecksRunner: (c, pod) => {
    pod.container(CONTAINER.AGENT).setEnv(env(c));
  },
  rbac: (c, pods): RbacGrant[] => {
    const components: [Component, string][] = [['nodeAgent', c.names.nodeAgent]];
    if (pods.clusterAgent) components.push(['clusterAgent', c.names.clusterAgent]);
    if (pods.clusterChecksRunner) components.push(['clusterChecksRunner', c.names.clusterChecksRunnerServiceAccount]);
    return c.secretBackend.readable.flatMap(r => components.map(([to, sa]): RbacGrant => ({
      to,
      role: `${sa}-secret-reader`,
      namespace: r.namespace,
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: r.names, verbs: ['get'] }],
    })));
  },
});
