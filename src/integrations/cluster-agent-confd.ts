import { clusterAgentConfd } from '../components/cluster-agent-confd';
import type { CoreConfig } from '../config';
import type { IntegrationRegistry } from './registry';
import type { PodModel } from '../model/pod';

/**
 * Cluster checks go into the Cluster Agent's conf.d registry (`F-cluster-agent-confd`, shared
 * with kube-state-metrics core and the API server check), which renders the ConfigMap, its mount
 * and the checksum annotation. The registry reads the cluster checks lazily, so integrations
 * added after construction (`dd.addIntegration`) are included; the provider is registered as
 * soon as there is a first cluster check, so the ConfigMap exists before synthesis starts.
 *
 * @internal
 */
export function wireClusterAgent(_c: CoreConfig, pod: PodModel, reg: IntegrationRegistry): void {
  let wired = false;
  const wire = () => {
    if (wired || !reg.hasClusterChecks) return;
    wired = true;
    clusterAgentConfd(pod).addProvider(() => reg.clusterConfdFiles());
  };
  wire();
  reg.onChange(wire);
}
