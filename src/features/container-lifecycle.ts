import { ResolvedConfig } from '../config';
import { Feature } from '../feature';
import { PodModel } from '../model/pod';

/**
 * Container lifecycle events (`datadog.containerLifecycle.enabled`, on by default in the chart):
 * the agent reports container and pod deletions so short-lived containers are accounted for.
 * The option is the top-level `containerLifecycle` boolean.
 */
export const containerLifecycle: Feature = {
  id: 'container-lifecycle',
  enabled: () => true,
  nodeAgent(c: ResolvedConfig, pod: PodModel) {
    pod.container('agent').setEnv({ DD_CONTAINER_LIFECYCLE_ENABLED: String(c.containerLifecycle) });
  },
};
