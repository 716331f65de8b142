import type { PodModel } from '../model/pod';
import { fail, show } from '../validation';

/** The options that choose where the library's volumes are mounted, for error messages. */
const MOUNT_OPTIONS: { [volume: string]: string } = {
  'logpodpath': 'logs.podLogsPath',
  'pointerdir': 'logs.pointerHostDir',
  'dsdsocket': 'dogstatsd.hostSocketDir / apm.hostSocketDir',
  'apmsocket': 'apm.hostSocketDir',
  'kubelet-ca': 'kubelet.agentCAPath',
  'pod-resources-socket': 'kubelet.podResourcesSocketDir',
  'runtimesocketdir': 'containerRuntime',
};

/**
 * Two different volumes mounted at one path of a container (`logs.podLogsPath:
 * "/var/run/datadog"`, the DogStatsD socket directory), which the pod model would refuse at
 * render, inside cdk8s' serialization: checked at construction instead, naming the options.
 */
export function checkMountClashes(component: string, pod: PodModel): void {
  const clash = pod.mountClashes()[0];
  if (!clash) return;
  const what = (v: string) => (MOUNT_OPTIONS[v] ? `${v} (${MOUNT_OPTIONS[v]})` : `${v} (${component}.volumes / volumeMounts)`);
  fail(`${component}: container ${clash.container} would mount two volumes at ${show(clash.mountPath)}: ${what(clash.volumes[0])} and ${what(clash.volumes[1])}; choose different paths`);
}
