import { eventWitness, leaderCanChange } from './witness.js';

export const notEnoughReplicas = eventWitness(
  'not-enough-replicas',
  'notEnoughReplicas',
  'An acks=all write is refused with NOT_ENOUGH_REPLICAS.',
  (config) =>
    config.acks === 'all' &&
    config.minInsyncReplicas > 1 &&
    config.budgets.records > 0 &&
    (config.budgets.shrinks > 0 || leaderCanChange(config) || config.minInsyncReplicas > config.replicationFactor),
);
