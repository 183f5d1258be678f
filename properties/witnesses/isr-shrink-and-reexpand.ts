import { eventWitness } from './witness.js';

export const isrShrinkAndReexpand = eventWitness(
  'isr-shrink-and-reexpand',
  'isrReexpand',
  'A follower dropped from the ISR catches up and joins it again.',
  (config) => config.replicationFactor > 1 && config.budgets.shrinks > 0,
);
