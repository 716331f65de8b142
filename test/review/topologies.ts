import { EVERY_FEATURE_ON } from '../support/helpers';

/** Review topologies: the default, node agents only, and every feature at once. */
export const REVIEW_TOPOLOGIES: Array<[string, any]> = [
  ['default', { clusterName: 'prod' }],
  ['agent only', { clusterAgent: { enabled: false } }],
  ['everything on', { ...EVERY_FEATURE_ON, images: { pullSecrets: ['regcred'] } }],
];
