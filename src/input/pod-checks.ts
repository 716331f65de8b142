import { ResolvedConfig } from '../config';
import { PodModel } from '../model/pod';
import { fail, show } from '../validation';

/**
 * Checks that some feature modules make when the pods render (at synthesis, where cdk8s would
 * wrap the error in "Failed serializing construct"), made again at construction, when every
 * container and library volume exists: a per-container setting or mount for a container this
 * configuration does not run, and an extra volume named like one of the library's. The
 * render-time checks stay (integrations may still add volumes until synthesis). Also two
 * different volumes mounted at one path of a container (`logs.podLogsPath: "/var/run/datadog"`,
 * the DogStatsD socket directory), which the pod model would refuse at render with a plain Error.
 */
export function checkPodsBeforeRender(c: ResolvedConfig, nodePod: PodModel, clusterAgentPod?: PodModel): void {
  for (const [name, s] of Object.entries(c.containerOverrides.node)) {
    if (!nodePod.hasContainer(name)) fail(`${s.path} is set but this configuration runs no ${name} container`);
  }
  for (const m of c.extraVolumes.node.mounts) {
    if (m.container !== '*' && !nodePod.hasContainer(m.container)) fail(`${m.path} mounts into ${m.container}, which this configuration does not run`);
  }
  const volumes: [string, PodModel | undefined, { name: string }[]][] = [
    ['nodeAgent', nodePod, c.extraVolumes.node.volumes],
    ['clusterAgent', clusterAgentPod, c.extraVolumes.cluster.volumes],
  ];
  checkMountClashes('nodeAgent', nodePod);
  if (clusterAgentPod) checkMountClashes('clusterAgent', clusterAgentPod);
  for (const [component, pod, vs] of volumes) {
    if (!pod) continue;
    vs.forEach((v, i) => {
      if (pod.hasVolume(v.name)) fail(`${component}.volumes[${i}].name ${show(v.name)} is a volume name the library uses; choose another name`);
    });
  }
}

/** The options that choose where the library's volumes are mounted, for error messages. */
const MOUNT_OPTIONS: { [volume: string]: string } = {
  'logpodpath': 'logs.podLogsPath',
  'pointerdir': 'logs.pointerHostDir',
  'dsdsocket': 'dogstatsd.hostSocketDir / apm.hostSocketDir',
  'apmsocket': 'apm.hostSocketDir',
  'kubelet-ca': 'kubelet.agentCAPath',
  'runtimesocketdir': 'containerRuntime',
};

function checkMountClashes(component: string, pod: PodModel): void {
  const deferred: [string, { name: string; mountPath: string }][] = (pod as any).deferredMounts ?? [];
  for (const name of pod.containerNames()) {
    const ct: any = pod.container(name);
    const mounts: { name: string; mountPath: string }[] = [...(ct.mounts ?? []), ...deferred.filter(([c]) => c === name).map(([, m]) => m)];
    const byPath = new Map<string, { name: string; mountPath: string }>();
    for (const m of mounts) {
      const other = byPath.get(m.mountPath);
      if (other && other.name !== m.name) {
        const what = (v: string) => MOUNT_OPTIONS[v] ? `${v} (${MOUNT_OPTIONS[v]})` : `${v} (${component}.volumes / volumeMounts)`;
        fail(`${component}: container ${name} would mount two volumes at ${show(m.mountPath)}: ${what(other.name)} and ${what(m.name)}; choose different paths`);
      }
      byPath.set(m.mountPath, m);
    }
  }
}
