import { defineFeature } from '../feature';
import { fail, show, bool, checkUnusedWhenOff } from '../validation';
import { resolveFilterList } from './container-filters';
import { CONTAINER } from '../components/containers';

/** What an SBOM scan looks for (`DD_SBOM_*_ANALYZERS`). */
export enum SbomAnalyzer {
  /** Operating-system packages. */
  OS = 'os',
  /** Application libraries (agent 7.70+). */
  LANGUAGES = 'languages',
}

/** SBOM of container images (`datadog.sbom.containerImage.*`). */
export interface SbomContainerImageOptions {
  /**
   * Scan container images.
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Analyzers to run.
   * @default [SbomAnalyzer.OS], written out as the chart does
   */
  readonly analyzers?: SbomAnalyzer[];
  /**
   * Scan images whose layers the runtime keeps uncompressed on the host (containerd's snapshots),
   * by mounting them. Needs the `SYS_ADMIN` capability and AppArmor `unconfined` on the `agent`
   * container, and read-only mounts of `/var/lib/containerd`, `/var/lib/docker` and
   * `/var/lib/containers`.
   * @default true
   */
  readonly uncompressedLayersSupport?: boolean;
  /**
   * With uncompressed layers: read the overlayFS directories directly instead of mounting them,
   * which needs no `SYS_ADMIN` (the AppArmor profile is still `unconfined`, as in the chart).
   * @default false
   */
  readonly overlayFSDirectScan?: boolean;
  /**
   * Only scan images of these containers (filters like `containerInclude`).
   * @default - none
   */
  readonly containerInclude?: string[];
  /**
   * Do not scan images of these containers (filters like `containerExclude`).
   * @default - none
   */
  readonly containerExclude?: string[];
}

/** SBOM of the host filesystem (`datadog.sbom.host.*`). */
export interface SbomHostOptions {
  /**
   * Scan the host's packages (mounts `/var/lib/{apk,dpkg,rpm}` and the OS release files read-only).
   * @default false
   */
  readonly enabled?: boolean;
  /**
   * Analyzers to run.
   * @default [SbomAnalyzer.OS], written out as the chart does
   */
  readonly analyzers?: SbomAnalyzer[];
}

/** Software bill of materials for Cloud Security vulnerability management (`datadog.sbom.*`). */
export interface SbomOptions {
  /**
   * Container image SBOM.
   * @default - disabled
   */
  readonly containerImage?: SbomContainerImageOptions;
  /**
   * Host SBOM.
   * @default - disabled
   */
  readonly host?: SbomHostOptions;
}

/** @internal */
export interface ResolvedSbom {
  /** `DD_CONTAINER_IMAGE_ENABLED`: container image metadata (on with SBOM of images). */
  readonly containerImageCollection: boolean;
  readonly containerImage: {
    readonly enabled: boolean;
    readonly analyzers?: string;
    readonly uncompressedLayersSupport: boolean;
    readonly overlayFSDirectScan: boolean;
    readonly include?: string;
    readonly exclude?: string;
  };
  readonly host: { readonly enabled: boolean; readonly analyzers?: string };
}

function analyzers(path: string, list: SbomAnalyzer[] | undefined): string {
  // The chart's default, written out as it does (the agent's own default is the same).
  if (list === undefined) return SbomAnalyzer.OS;
  if (!Array.isArray(list) || list.length === 0) fail(`${path} must be a non-empty list of SbomAnalyzer, got ${show(list)}`);
  list.forEach((a, i) => {
    if (!Object.values(SbomAnalyzer).includes(a)) fail(`${path}[${i}] must be one of ${Object.values(SbomAnalyzer).join(', ')}, got ${show(a)}`);
  });
  if (new Set(list).size !== list.length) fail(`${path} lists an analyzer twice: ${list.join(', ')}`);
  return list.join(' ');
}

/** @internal */
export function resolveSbom(o: SbomOptions = {}, containerImageCollection: boolean | undefined): ResolvedSbom {
  const ci = o.containerImage ?? {};
  const ciEnabled = (bool('sbom.containerImage.enabled', ci.enabled) ?? false);
  const uncompressed = (bool('sbom.containerImage.uncompressedLayersSupport', ci.uncompressedLayersSupport) ?? true);
  const overlay = (bool('sbom.containerImage.overlayFSDirectScan', ci.overlayFSDirectScan) ?? false);
  if (overlay && !uncompressed) fail('sbom.containerImage.overlayFSDirectScan needs sbom.containerImage.uncompressedLayersSupport, which is false');
  // (uncompressedLayersSupport defaults to true and is accepted either way, as in the chart)
  checkUnusedWhenOff('sbom.containerImage', ci, ciEnabled, ['uncompressedLayersSupport']);
  if (ciEnabled && containerImageCollection === false) {
    fail('containerImageCollection must stay on with sbom.containerImage.enabled: image SBOMs need the container image metadata');
  }
  const host = o.host ?? {};
  const hostEnabled = (bool('sbom.host.enabled', host.enabled) ?? false);
  checkUnusedWhenOff('sbom.host', host, hostEnabled);
  return {
    containerImageCollection: (bool('containerImageCollection', containerImageCollection) ?? true) || ciEnabled,
    containerImage: {
      enabled: ciEnabled,
      analyzers: analyzers('sbom.containerImage.analyzers', ci.analyzers),
      uncompressedLayersSupport: uncompressed,
      overlayFSDirectScan: overlay,
      include: resolveFilterList('sbom.containerImage.containerInclude', ci.containerInclude),
      exclude: resolveFilterList('sbom.containerImage.containerExclude', ci.containerExclude),
    },
    host: { enabled: hostEnabled, analyzers: analyzers('sbom.host.analyzers', host.analyzers) },
  };
}

/** The OS release files besides /etc/os-release that host scans read, as the chart mounts them. */
const RELEASE_FILES = ['redhat-release', 'fedora-release', 'lsb-release', 'system-release'];

/**
 * SBOM and container image collection: env on the `agent` container; for image scans of
 * uncompressed layers the runtime directories, `SYS_ADMIN` (mount-based scan only) and AppArmor
 * `unconfined`; for host scans the package databases and release files.
 */
export const sbom = defineFeature({
  id: 'sbom',
  option: 'sbom',
  resolve: (p) => resolveSbom(p.sbom, p.containerImageCollection),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    const s = c.sbom;
    const agent = pod.container(CONTAINER.AGENT);
    agent.setEnv({ DD_CONTAINER_IMAGE_ENABLED: String(s.containerImageCollection) });
    const ci = s.containerImage;
    if (!ci.enabled && !s.host.enabled) return;

    agent.setEnv({
      DD_SBOM_ENABLED: 'true',
      DD_SBOM_CONTAINER_IMAGE_ENABLED: ci.enabled ? 'true' : undefined,
      DD_SBOM_CONTAINER_IMAGE_CONTAINER_EXCLUDE: ci.exclude,
      DD_SBOM_CONTAINER_IMAGE_CONTAINER_INCLUDE: ci.include,
      DD_SBOM_CONTAINER_IMAGE_ANALYZERS: ci.analyzers,
    });
    // Scanning reads other processes' mount namespaces: the chart forces hostPID for SBOM.
    pod.requireHostPid(ci.enabled ? 'sbom.containerImage.enabled' : 'sbom.host.enabled');

    if (ci.enabled && ci.uncompressedLayersSupport) {
      agent.setEnv(ci.overlayFSDirectScan
        ? { DD_SBOM_CONTAINER_IMAGE_OVERLAYFS_DIRECT_SCAN: 'true' }
        : { DD_SBOM_CONTAINER_IMAGE_USE_MOUNT: 'true' });
      // Mounting image layers needs SYS_ADMIN; reading overlayFS directly does not.
      if (!ci.overlayFSDirectScan) agent.addCapabilities('SYS_ADMIN');
      // Kubernetes 1.27 has no securityContext.appArmorProfile: the beta annotation is the way.
      pod.annotations['container.apparmor.security.beta.kubernetes.io/agent'] = 'unconfined';
      for (const [name, path] of [['host-containerd-dir', '/var/lib/containerd'], ['host-docker-dir', '/var/lib/docker'], ['host-crio-dir', '/var/lib/containers']]) {
        pod.hostPath(name, path);
        agent.mount({ name, mountPath: `/host${path}`, readOnly: true });
      }
    }

    if (s.host.enabled) {
      agent.setEnv({ DD_SBOM_HOST_ENABLED: 'true', HOST_ROOT: '/host', DD_SBOM_HOST_ANALYZERS: s.host.analyzers });
      for (const db of ['apk', 'dpkg', 'rpm']) {
        pod.hostPath(`host-${db}-dir`, `/var/lib/${db}`);
        agent.mount({ name: `host-${db}-dir`, mountPath: `/host/var/lib/${db}`, readOnly: true });
      }
      for (const f of RELEASE_FILES) {
        pod.hostPath(`etc-${f}`, `/etc/${f}`);
        agent.mount({ name: `etc-${f}`, mountPath: `/host/etc/${f}`, readOnly: true });
      }
    }
  },
});
