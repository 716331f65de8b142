import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';
import { checkAbsolutePath, bool, checkUnusedWhenOff, fail, show } from '../validation';

/** Log collection (`datadog.logs.*` in the chart). */
export interface LogsOptions {
  /**
   * Collect logs.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Collect the logs of every container, not only those with autodiscovery log annotations.
   * @default false
   */
  readonly containerCollectAll?: boolean;
  /**
   * Tail the kubelet's log files under `/var/log/pods` rather than the runtime's API.
   * @default true
   */
  readonly containerCollectUsingFiles?: boolean;
  /**
   * Detect multi-line logs (stack traces) automatically.
   * @default true
   */
  readonly autoMultiLineDetection?: boolean;
  /**
   * Host directory where the agent keeps its log positions (the "pointer directory"), so a
   * restarted agent neither resends nor skips logs.
   * @default "/var/lib/datadog-agent/logs"
   */
  readonly pointerHostDir?: string;
  /**
   * Host directory of pod logs.
   * @default "/var/log/pods"
   */
  readonly podLogsPath?: string;
}

/** @internal */
export interface ResolvedLogs {
  readonly enabled: boolean;
  readonly containerCollectAll: boolean;
  readonly containerCollectUsingFiles: boolean;
  readonly autoMultiLineDetection: boolean;
  readonly pointerHostDir: string;
  readonly podLogsPath: string;
  readonly dockerContainersPath?: string;
}

/** @internal */
export function resolveLogs(o: LogsOptions = {}, runtime: { kind: string }, platform: Platform = 'generic'): ResolvedLogs {
  checkAbsolutePath('logs.pointerHostDir', o.pointerHostDir);
  const fixedDir = platformTraits(platform).pointerDir;
  if (fixedDir !== undefined && o.pointerHostDir !== undefined && o.pointerHostDir !== fixedDir) {
    const why = platform === 'gke-autopilot' ? ' (Datadog\'s WorkloadAllowlist)' : '';
    fail(`logs.pointerHostDir: platform ${platformConstant(platform)} admits the agent's writable host directory only at ${fixedDir}${why}, got ${show(o.pointerHostDir)}`);
  }
  checkAbsolutePath('logs.podLogsPath', o.podLogsPath);
  const enabled = bool('logs.enabled', o.enabled) ?? false;
  checkUnusedWhenOff('logs', o, enabled);
  return {
    enabled,
    containerCollectAll: (bool('logs.containerCollectAll', o.containerCollectAll) ?? false),
    containerCollectUsingFiles: (bool('logs.containerCollectUsingFiles', o.containerCollectUsingFiles) ?? true),
    autoMultiLineDetection: (bool('logs.autoMultiLineDetection', o.autoMultiLineDetection) ?? true),
    pointerHostDir: o.pointerHostDir ?? fixedDir ?? '/var/lib/datadog-agent/logs',
    podLogsPath: o.podLogsPath ?? '/var/log/pods',
    // With Docker, /var/log/pods links into /var/lib/docker/containers.
    dockerContainersPath: runtime.kind === 'docker' ? '/var/lib/docker/containers' : undefined,
  };
}

/** Logs: env, the host log directories, and the pointer directory that survives restarts. */
export const logs = defineFeature({
  id: 'logs',
  option: 'logs',
  resolve: (p, c) => resolveLogs(p.logs, c.runtime, c.platform),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    const l = c.logs;
    const agent = pod.container(CONTAINER.AGENT);
    agent.setEnv({
      DD_LOGS_ENABLED: String(l.enabled),
      DD_LOGS_CONFIG_CONTAINER_COLLECT_ALL: String(l.containerCollectAll),
      DD_LOGS_CONFIG_K8S_CONTAINER_USE_FILE: l.enabled ? String(l.containerCollectUsingFiles) : undefined,
      DD_LOGS_CONFIG_AUTO_MULTI_LINE_DETECTION: String(l.autoMultiLineDetection),
    });
    pod.onRender(() => pod.existing(CONTAINER.TRACE_AGENT).forEach(ct => ct.setEnv({ DD_LOGS_ENABLED: String(l.enabled) })));
    if (c.platform === 'gke-autopilot') {
      // As the chart renders it on Autopilot: the run directory is always the allowlisted host
      // directory (volume `datadogrun`, no type), logs or not.
      pod.addVolume({ name: 'datadogrun', hostPath: { path: l.pointerHostDir } });
      agent.mount({ name: 'datadogrun', mountPath: '/opt/datadog-agent/run', mountPropagation: l.enabled ? 'None' : undefined });
      if (!l.enabled) return;
    } else if (c.platform === 'gke-gdc') {
      // As the chart renders it on GDC: the pointer directory is always there (no type), logs or not.
      pod.addVolume({ name: 'pointerdir', hostPath: { path: l.pointerHostDir } });
      agent.mount({ name: 'pointerdir', mountPath: '/opt/datadog-agent/run', mountPropagation: 'None' });
      if (!l.enabled) return;
    } else if (!l.enabled) {
      pod.emptyDir('datadogrun');
      agent.mount({ name: 'datadogrun', mountPath: '/opt/datadog-agent/run' });
      return;
    } else {
      pod.hostPath('pointerdir', l.pointerHostDir, 'DirectoryOrCreate');
      agent.mount({ name: 'pointerdir', mountPath: '/opt/datadog-agent/run', mountPropagation: 'None' });
    }
    pod.hostPath('logpodpath', l.podLogsPath);
    agent.mount({ name: 'logpodpath', mountPath: l.podLogsPath, readOnly: true, mountPropagation: 'None' });
    pod.hostPath('logscontainerspath', '/var/log/containers');
    agent.mount({ name: 'logscontainerspath', mountPath: '/var/log/containers', readOnly: true, mountPropagation: 'None' });
    if (l.dockerContainersPath) {
      pod.hostPath('logdockercontainerpath', l.dockerContainersPath);
      agent.mount({ name: 'logdockercontainerpath', mountPath: l.dockerContainersPath, readOnly: true, mountPropagation: 'None' });
    }
  },
});
