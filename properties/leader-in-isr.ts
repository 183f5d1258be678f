import type { Invariant } from './invariant.js';
import { inAnyPartition } from './leader.js';

/** leader-in-isr: the controller's leader, if any, is an ISR member. */
export const leaderInIsr: Invariant = {
  name: 'leader-in-isr',
  kind: 'sanity',
  statement: 'The controller’s leader, when there is one, is in the ISR.',
  source: 'Kafka docs, "Replication"; PartitionChangeBuilder',
  promised: 'always',
  brokenBy: [],
  check: (state) =>
    inAnyPartition(state, ({ record: { leader, isr } }) =>
      leader === null || isr.includes(leader) ? null : `leader b${leader} is not in the ISR [${isr.join(', ')}]`,
    ),
};
