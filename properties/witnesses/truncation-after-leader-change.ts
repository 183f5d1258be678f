import { eventWitness, leaderCanChange } from './witness.js';

export const truncationAfterLeaderChange = eventWitness(
  'truncation-after-leader-change',
  'truncationAfterLeaderChange',
  'A replica truncates records after a leader change.',
  (config) => leaderCanChange(config) && config.budgets.records > 0,
);
