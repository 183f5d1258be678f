import { eventWitness } from './witness.js';

export const reassignedReplicaJoined = eventWitness(
  'reassigned-replica-joined',
  'reassignedReplicaJoined',
  'A replica added by reassignment caught up and joined the ISR.',
  (config) => config.budgets.reassignments > 0,
);
