import { CONTAINER, VOLUME } from '../components/containers';
import { defineFeature } from '../feature';
import { bool, fail } from '../validation';
import type { Platform } from './platform';
import { platformConstant, platformTraits } from './platform';

/** Process and container collection (`datadog.processAgent.*` in the chart). */
export interface ProcessOptions {
  /**
   * Collect live processes (the Processes page). Sends command lines: see `stripArguments`.
   * @default false
   */
  readonly processCollection?: boolean;
  /**
   * Collect live containers (the Containers page).
   * @default true
   */
  readonly containerCollection?: boolean;
  /**
   * Process discovery: a light inventory of processes for service suggestions.
   * @default true
   */
  readonly processDiscovery?: boolean;
  /**
   * Strip arguments from collected command lines (they may hold secrets).
   * @default false
   */
  readonly stripArguments?: boolean;
}

/** @internal */
export interface ResolvedProcesses {
  readonly processCollection: boolean;
  readonly containerCollection: boolean;
  readonly processDiscovery: boolean;
  readonly stripArguments: boolean;
}

/** @internal */
export function resolveProcesses(o: ProcessOptions = {}, platform: Platform = 'generic'): ResolvedProcesses {
  // Without the host's /proc and cgroups (GDC) the checks would see the agent's own container only.
  const hostSystem = platformTraits(platform).hostSystem;
  for (const k of ['processCollection', 'containerCollection', 'processDiscovery'] as const) {
    if (!hostSystem && o[k] === true) {
      fail(`processes.${k}: platform ${platformConstant(platform)} gives the agent no host /proc or cgroups to read; leave processes.${k} unset`);
    }
  }
  return {
    processCollection: (bool('processes.processCollection', o.processCollection) ?? false),
    containerCollection: (bool('processes.containerCollection', o.containerCollection) ?? hostSystem),
    processDiscovery: (bool('processes.processDiscovery', o.processDiscovery) ?? hostSystem),
    stripArguments: (bool('processes.stripArguments', o.stripArguments) ?? false),
  };
}

/**
 * Process checks run inside the core agent (agent 7.60+ on Linux), as the chart does; a
 * `process-agent` container appears only when a system-probe feature needs one, and it gets the
 * same env.
 */
export const processes = defineFeature({
  id: 'processes',
  option: 'processes',
  resolve: (p, c) => resolveProcesses(p.processes, c.platform),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    const p = c.processes;
    const env = {
      DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: String(p.processCollection),
      DD_PROCESS_CONFIG_CONTAINER_COLLECTION_ENABLED: String(p.containerCollection),
      DD_PROCESS_AGENT_DISCOVERY_ENABLED: String(p.processDiscovery),
      DD_STRIP_PROCESS_ARGS: String(p.stripArguments),
      DD_PROCESS_CONFIG_RUN_IN_CORE_AGENT_ENABLED: 'true',
    };
    pod.container(CONTAINER.AGENT).setEnv(env);
    pod.onRender(() => pod.existing(CONTAINER.PROCESS_AGENT).forEach(ct => ct.setEnv(env)));
    // User names of processes come from the host's passwd file (Talos has none, as the chart).
    if ((p.processCollection || p.processDiscovery || p.containerCollection) && platformTraits(c.platform).hostUserFiles) {
      pod.volumeWithMounts({ name: VOLUME.PASSWD, hostPath: { path: '/etc/passwd', type: 'File' } }, {
        [CONTAINER.AGENT]: { mountPath: '/etc/passwd', readOnly: true },
        [CONTAINER.PROCESS_AGENT]: { mountPath: '/etc/passwd', readOnly: true },
      });
    }
  },
});
