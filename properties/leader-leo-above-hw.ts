import { logEndOffset } from '../spec/log.js';
import type { Invariant } from './invariant.js';
import { findReplica, inAnyPartition } from './leader.js';

/** leader-leo-above-hw: a leader's HW never exceeds its own LEO. */
export const leaderLeoAboveHw: Invariant = {
  name: 'leader-leo-above-hw',
  kind: 'sanity',
  statement: 'Every broker acting as leader has LEO >= HW.',
  source: 'KAFKA-RULES.md rule 1',
  promised: 'always',
  brokenBy: [],
  check: (state) =>
    inAnyPartition(state, (partition) => {
      const broken = findReplica(partition, (replica) => replica.leader !== null && logEndOffset(replica) < replica.hw);
      return broken === undefined ? null : `leader b${broken.broker} has HW ${broken.hw} above its LEO ${logEndOffset(broken)}`;
    }),
};
