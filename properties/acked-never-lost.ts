import type { Invariant } from './invariant.js';
import { effectiveLeader, expiredWrite, holds, holdsWrite } from './leader.js';
import type { Partition, Replica } from '../spec/types.js';

/**
 * acked-never-lost: a record acknowledged to its producer, under any acks mode, is in the leader's log
 * (at the offset the producer learned, where it learned one) at every later state with a leader.
 */
export const ackedNeverLost: Invariant = {
  name: 'acked-never-lost',
  kind: 'safety',
  statement:
    'A record acknowledged to its producer is, whenever the partition has a leader, in that leader’s log at the offset it was acknowledged at.',
  source: 'Kafka docs, "Replication" (a committed message is not lost as long as one in-sync replica remains)',
  promised: 'durability',
  brokenBy: ['acks=0', 'acks=1', 'min.insync.replicas=1 with unclean election', 'hw-truncation era', 'kraft with a power loss', 'correlated power loss with lazy flush'],
  check(state) {
    // Attempts of one partition come in runs: look its leader up once per run.
    let partition: Partition | undefined;
    let leader: Replica | null = null;
    for (const attempt of state.producer.attempts) {
      if (attempt.status !== 'acknowledged') continue;
      if (partition !== state.partitions[attempt.partition]) {
        partition = state.partitions[attempt.partition];
        leader = partition === undefined ? null : effectiveLeader(state, partition);
      }
      if (partition === undefined || leader === null || expiredWrite(partition, attempt.id) || holdsWrite(leader, attempt)) continue;
      if (attempt.offset === null) return `w${attempt.id} (acks=0, sent to b${attempt.broker}) was acknowledged but leader b${leader.broker} never got it`;
      return (
        `w${attempt.id} (acks=${attempt.acks}) was acknowledged at offset ${attempt.offset} by b${attempt.broker}, ` +
        `but leader b${leader.broker} (epoch ${partition.record.leaderEpoch}) holds ${holds(leader, attempt.offset)} there`
      );
    }
    return null;
  },
};
