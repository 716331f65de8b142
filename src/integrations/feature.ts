import { Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { componentLabels } from '../components/labels';
import { defineFeature } from '../feature';
import { list } from '../validation';
import { wireClusterAgent } from './cluster-agent-confd';
import type { CustomCheck } from './custom-check';
import type { Integration } from './integration';
import { mountChecksd, wireNodeAgent } from './node-agent-confd';
import { IntegrationRegistry } from './registry';

/** Builds the registry from the props; `DatadogAgent.addIntegration` adds to it later. @internal */
export function resolveIntegrations(
  integrations: Integration[] | undefined,
  customChecks: CustomCheck[] | undefined,
  clusterAgentDeployed: boolean,
  clusterChecksEnabled: boolean,
): IntegrationRegistry {
  const reg = new IntegrationRegistry(clusterAgentDeployed, clusterChecksEnabled);
  list('integrations', integrations).forEach((i, n) => reg.addIntegration(`integrations[${n}]`, i));
  list('customChecks', customChecks).forEach((cc, n) => reg.addCustomCheck(`customChecks[${n}]`, cc));
  return reg;
}

/**
 * Integrations: check ConfigMaps for the node agent and the Cluster Agent, custom checks, and
 * the checksum annotations that roll the pods when they change. Always enabled: the registry
 * may be filled after construction, so everything here is decided at synthesis.
 */
export const integrations = defineFeature({
  id: 'integrations',
  option: 'integrations',
  needs: ['clusterChecks'],
  resolve: (p, c) => resolveIntegrations(p.integrations, p.customChecks, c.clusterAgent.deployed, c.clusterChecks.enabled),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    wireNodeAgent(c, pod, c.integrations);
  },
  clusterAgent: (c, pod) => {
    wireClusterAgent(c, pod, c.integrations);
  },
  clusterChecksRunner: (c, pod) => {
    // Custom checks dispatched as cluster checks run on the runners (the chart mounts checksd there too).
    pod.onRender(() => mountChecksd(c, pod, c.integrations, 'agent'));
  },
  objects: (scope, c) => {
    const reg = c.integrations;
    const made = new Set<string>();
    // A ConfigMap exists only once it has content; its data is read at synthesis.
    const ensure = () => {
      const maps: [string, string, string, () => { [k: string]: string }][] = [
        ['Confd', c.names.confd, 'agent', () => reg.nodeConfd()],
        ['Checksd', c.names.checksd, 'agent', () => reg.checksd()],
      ];
      for (const [id, name, component, data] of maps) {
        if (made.has(id) || Object.keys(data()).length === 0) continue;
        made.add(id);
        new k8s.KubeConfigMap(scope, id, {
          metadata: { name, namespace: c.namespace, labels: componentLabels(c, component) },
          data: Lazy.any({ produce: data }),
        });
      }
    };
    ensure();
    reg.onChange(ensure);
  },
});
