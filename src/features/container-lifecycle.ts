import { CONTAINER } from '../components/containers';
import { defineFeature } from '../feature';
import { bool } from '../validation';

/**
 * Container lifecycle events (`datadog.containerLifecycle.enabled`, on by default in the chart):
 * the agent reports container and pod deletions so short-lived containers are accounted for.
 * The option is the top-level `containerLifecycle` boolean.
 */
export const containerLifecycle = defineFeature({
  id: 'container-lifecycle',
  option: 'containerLifecycle',
  resolve: (p) => (bool('containerLifecycle', p.containerLifecycle) ?? true),
  enabled: () => true,
  nodeAgent: (c, pod) => {
    pod.container(CONTAINER.AGENT).setEnv({ DD_CONTAINER_LIFECYCLE_ENABLED: String(c.containerLifecycle) });
  },
});
