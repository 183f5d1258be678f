import type { Invariant } from './invariant.js';
import { describeRecord, effectiveLeader, firstMissingExposed, holds } from './leader.js';

/**
 * leader-completeness: a cleanly elected leader (from the ISR) holds every record below the true HW.
 * Uncleanly elected leaders are exempt: losing records is what unclean election trades for availability.
 */
export const leaderCompleteness: Invariant = {
  name: 'leader-completeness',
  kind: 'safety',
  statement: 'A leader elected from the ISR holds every record below the true HW.',
  source: 'Kafka docs, "Replication": "Unclean leader election"; KIP-966 (last replica standing)',
  promised: 'durability',
  brokenBy: ['kraft with a power loss of the last ISR member ("last replica standing")', 'hw-truncation era'],
  check(state) {
    const leader = effectiveLeader(state);
    if (leader === null || !state.ghost.cleanLeader) return null;
    const missing = firstMissingExposed(state, leader);
    if (missing === undefined) return null;
    return (
      `leader b${leader.id}, elected from the ISR in epoch ${state.controller.partition.leaderEpoch}, lacks ` +
      `${describeRecord(missing)} below the true HW ${state.ghost.exposed.length}: it holds ${holds(leader, missing.offset)}`
    );
  },
};
