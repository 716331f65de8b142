import { ResolvedConfig } from '../config';
import { checksumOf } from './json-value';
import { IntegrationRegistry } from './registry';
import { PodModel } from '../model/pod';

/*
 * Cluster checks in the Cluster Agent: the part the lead merges with the cluster-features
 * branch, kept apart on purpose.
 *
 * The interface between the two: `clusterCheckFiles(reg)` returns `{ "<check>.yaml": yaml }`,
 * the files that belong in the Cluster Agent's conf.d ConfigMap `F-cluster-agent-confd`.
 *
 * Until the merge, this module also owns a minimal ConfigMap (created by `feature.ts`) and the
 * mounts below: volume `confd` from `F-cluster-agent-confd`, each file mounted with subPath at
 * `/etc/datadog-agent/conf.d/<check>.yaml` in `cluster-agent`, and `checksum/confd-config`.
 * TODO(lead): when merging, add these files to the cluster-features registry of
 * `F-cluster-agent-confd`, drop the ConfigMap and mounts here, and compute the checksum over the
 * merged ConfigMap data.
 */

/** The cluster checks as conf.d files for the Cluster Agent. @internal */
export function clusterCheckFiles(reg: IntegrationRegistry): { [file: string]: string } {
  return reg.clusterConfd();
}

/** Volume name of the Cluster Agent's conf.d ConfigMap (the chart's name). */
export const CLUSTER_CONFD_VOLUME = 'confd';

/** Registers the render-time hook mounting the cluster checks into the Cluster Agent. @internal */
export function wireClusterAgent(c: ResolvedConfig, pod: PodModel, reg: IntegrationRegistry): void {
  pod.onRender(() => {
    const files = clusterCheckFiles(reg);
    if (!Object.keys(files).length) return;
    pod.addVolume({ name: CLUSTER_CONFD_VOLUME, configMap: { name: c.names.clusterAgentConfd } });
    for (const file of Object.keys(files)) {
      pod.container('cluster-agent').mount({ name: CLUSTER_CONFD_VOLUME, mountPath: `/etc/datadog-agent/conf.d/${file}`, subPath: file, readOnly: true });
    }
    pod.annotations['checksum/confd-config'] = checksumOf(files);
  });
}
