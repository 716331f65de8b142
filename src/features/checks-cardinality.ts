import { defineFeature } from '../feature';
import { fail, show } from '../validation';
import { TagCardinality } from './dogstatsd';
import { CONTAINER } from '../components/containers';

/** @internal */
export function resolveChecksCardinality(v: TagCardinality | undefined): string | undefined {
  if (v !== undefined && !Object.values(TagCardinality).includes(v)) {
    fail(`checksCardinality must be one of ${Object.values(TagCardinality).join(', ')}, got ${show(v)}`);
  }
  return v;
}

/**
 * Tag cardinality of check metrics (`datadog.checksCardinality` → `DD_CHECKS_TAG_CARDINALITY`),
 * on the `agent` container only: the checks run there.
 */
export const checksCardinality = defineFeature({
  id: 'checks-cardinality',
  option: 'checksCardinality',
  resolve: (p) => resolveChecksCardinality(p.checksCardinality),
  enabled: (c) => c.checksCardinality !== undefined,
  nodeAgent: (c, pod) => {
    pod.container(CONTAINER.AGENT).setEnv({ DD_CHECKS_TAG_CARDINALITY: c.checksCardinality });
  },
});
