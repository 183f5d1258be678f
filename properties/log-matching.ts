import { recordAt } from '../spec/log.js';
import type { Invariant } from './invariant.js';
import { dataPartition } from '../spec/cluster.js';
import { describeRecord, effectiveLeader, holds } from './leader.js';

/**
 * log-matching: a follower that completed a fetch from the current leader in the current epoch holds,
 * below its LEO, exactly the leader's records. A follower that has not fetched since the leader changed
 * may still differ: that is normal, it truncates on its next fetch.
 */
export const logMatching: Invariant = {
  name: 'log-matching',
  kind: 'safety',
  statement:
    'A replica that has completed a fetch from the current leader in the current leader epoch holds exactly the leader’s records below its LEO.',
  source: 'KIP-101, KIP-279 (replicas must not diverge)',
  promised: 'always',
  brokenBy: ['hw-truncation era (KIP-101 scenario 2)', 'kip-101 era (KAFKA-6361)'],
  check(state) {
    const partition = dataPartition(state);
    const leader = effectiveLeader(state, partition);
    if (leader === null) return null;
    const epoch = partition.record.leaderEpoch;
    for (const id of partition.assignment) {
      const follower = partition.replicas[id];
      const fetched = partition.ghost.lastFetch[id];
      if (follower === undefined || id === leader.broker || fetched?.leader !== leader.broker || fetched.epoch !== epoch) continue;
      const mismatch = follower.log.find((record) => {
        // Below the leader's log start offset retention deleted the leader's copy: nothing to match.
        if (record.offset < leader.logStartOffset) return false;
        const other = recordAt(leader, record.offset);
        return other?.id !== record.id || other.epoch !== record.epoch;
      });
      if (mismatch !== undefined) {
        return (
          `b${id} fetched from leader b${leader.broker} in epoch ${epoch} but holds ${describeRecord(mismatch)} ` +
          `where the leader holds ${holds(leader, mismatch.offset)}`
        );
      }
    }
    return null;
  },
};
