import type { Invariant } from './invariant.js';
import { dataPartition } from '../spec/cluster.js';
import { describeRecord, effectiveLeader, firstMissingExposed, holds, trueHighWatermark } from './leader.js';

/**
 * leader-completeness: a cleanly elected leader (from the ISR) holds every record below the true HW.
 * Uncleanly elected leaders are exempt, and so are the records an unclean election already gave up:
 * losing them is what unclean election trades for availability (consistent-read still reports it).
 */
export const leaderCompleteness: Invariant = {
  name: 'leader-completeness',
  kind: 'safety',
  statement: 'A leader elected from the ISR holds every record below the true HW.',
  source: 'Kafka docs, "Replication": "Unclean leader election"; KIP-966 (last replica standing)',
  promised: 'durability',
  brokenBy: ['kraft with a power loss of the last ISR member ("last replica standing")', 'hw-truncation era', 'KAFKA-7128 removed'],
  check(state) {
    const partition = dataPartition(state);
    const leader = effectiveLeader(state, partition);
    if (leader === null || partition.ghost.uncleanLeader !== null) return null;
    const missing = firstMissingExposed(partition, leader, partition.ghost.forfeited);
    if (missing === undefined) return null;
    return (
      `leader b${leader.broker}, elected from the ISR in epoch ${partition.record.leaderEpoch}, lacks ` +
      `${describeRecord(missing)} below the true HW ${trueHighWatermark(partition)}: it holds ${holds(leader, missing.offset)}`
    );
  },
};
