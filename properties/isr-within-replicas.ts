import { eraOf } from '../spec/eras/index.js';
import type { Invariant } from './invariant.js';
import { inAnyPartition } from './leader.js';

/** isr-within-replicas: the ISR is a non-empty set of the partition's replicas (ELR aside). */
export const isrWithinReplicas: Invariant = {
  name: 'isr-within-replicas',
  kind: 'sanity',
  statement: 'The controller’s ISR holds only assigned replicas, each once, and is never empty before ELR.',
  source: 'Kafka docs, "Replication"; KIP-966 (only ELR lets the ISR become empty)',
  promised: 'always',
  brokenBy: [],
  check: (state) =>
    inAnyPartition(state, ({ record: { isr }, assignment }) => {
      if (isr.some((member) => !assignment.includes(member))) return `ISR [${isr.join(', ')}] holds a broker that is not a replica`;
      if (new Set(isr).size !== isr.length) return `ISR [${isr.join(', ')}] lists a broker twice`;
      return isr.length === 0 && !eraOf(state.config).eligibleLeaderReplicas ? 'the ISR is empty (only ELR allows that)' : null;
    }),
};
