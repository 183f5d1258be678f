import { rulesOf } from '../../spec/eras/index.js';
import { eventWitness } from './witness.js';

export const duplicateAnswered = eventWitness(
  'duplicate-answered',
  'duplicateAnswered',
  'An idempotent leader recognised a retried batch it already held and answered it with the original offset.',
  (config) => config.budgets.retries > 0 && config.budgets.records > 0 && rulesOf(config).producer.idempotence,
);
