import type { Invariant } from './invariant.js';
import { dataPartition } from '../spec/cluster.js';
import { describeRecord, effectiveLeader, firstMissingExposed, holds } from './leader.js';

/**
 * consistent-read: a record below the true HW (the highest HW any leader exposed: what a consumer
 * could have read) stays at its offset in every later leader's log.
 */
export const consistentRead: Invariant = {
  name: 'consistent-read',
  kind: 'safety',
  statement: 'A record some leader exposed below its HW stays at its offset in every later leader’s log.',
  source: 'Kafka docs, "Replication" (consumers only see committed messages); KAFKA-15583',
  promised: 'durability',
  brokenBy: ['kraft: a NOT_ENOUGH_REPLICAS_AFTER_APPEND record read, then lost (fixed by KAFKA-15583)', 'unclean election'],
  check(state) {
    const partition = dataPartition(state);
    const leader = effectiveLeader(state, partition);
    const missing = leader === null ? undefined : firstMissingExposed(partition, leader);
    if (leader === null || missing === undefined) return null;
    return (
      `${describeRecord(missing)} was below the HW (readable), but leader b${leader.broker} ` +
      `holds ${holds(leader, missing.offset)} at offset ${missing.offset}`
    );
  },
};
