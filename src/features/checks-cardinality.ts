import { ResolvedConfig } from '../config';
import { Feature } from '../feature';
import { PodModel } from '../model/pod';
import { fail, show } from '../validation';
import { TagCardinality } from './dogstatsd';

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
export const checksCardinality: Feature = {
  id: 'checks-cardinality',
  enabled: (c) => c.checksCardinality !== undefined,
  nodeAgent(c: ResolvedConfig, pod: PodModel) {
    pod.container('agent').setEnv({ DD_CHECKS_TAG_CARDINALITY: c.checksCardinality });
  },
};
