import { rulesOf } from '../../spec/eras/index.js';
import { eventWitness } from './witness.js';

export const appendedWriteResent = eventWitness(
  'appended-write-resent',
  'appendedWriteResent',
  'The producer sent again a write a replica had already appended: its answer was lost or an error came after the append.',
  // A retry needs a write that waits for an answer and a producer whose `retries` allows one.
  (config) => config.budgets.retries > 0 && config.budgets.records > 0 && config.acks !== 0 && rulesOf(config).producer.retries > 0,
);
