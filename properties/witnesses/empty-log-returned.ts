import { eventWitness } from './witness.js';

export const emptyLogReturned = eventWitness(
  'empty-log-returned',
  'emptyLogReturned',
  'A broker returned with an empty log (a replaced disk).',
  (config) => config.budgets.diskLosses > 0,
);
