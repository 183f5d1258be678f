import { eventWitness } from './witness.js';

export const truncationAfterLeaderChange = eventWitness(
  'truncation-after-leader-change',
  'truncationAfterLeaderChange',
  'A replica truncates records after a leader change.',
  (config) => config.replicationFactor > 1 && config.budgets.records > 0,
);
