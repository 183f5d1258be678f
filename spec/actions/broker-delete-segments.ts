/**
 * brokerDeleteSegments: retention (`log.retention.hours`, `log.retention.bytes`, checked every
 * `log.retention.check.interval.ms`) deletes the replica's oldest segment, advancing its log start
 * offset. Each replica applies retention to its own log, and only below its own HW; followers also
 * follow the leader's log start offset from fetch responses. Which segment expires when is timing the
 * model does not track, so deletion is a nondeterministic choice, bounded by the `retention` budget.
 * `__consumer_offsets` is compacted (`cleanup.policy=compact`), not deleted: retention never runs there.
 */
import { advanceLogStartOffset, logEndOffset, nextSegmentStart } from '../log.js';
import { isOn, type PartitionSite } from '../rules.js';
import type { BrokerId, Offset } from '../types.js';
import { b, perReplica, runningReplica, type PartitionActionSpec } from './action.js';

export interface BrokerDeleteSegments {
  readonly kind: 'brokerDeleteSegments';
  readonly broker: BrokerId;
}

/** The segment retention would delete next on `broker`, as its log start offset after, or null. */
function nextDeletion(at: PartitionSite, broker: BrokerId): Offset | null {
  const replica = at.partition.replicas[broker];
  if (replica === undefined) return null;
  // CHECK: acked-never-lost (retention deletes only below the HW: records every ISR member holds)
  const limit = isOn(at.rules, 'check:retention-below-hw') ? replica.hw : logEndOffset(replica);
  return nextSegmentStart(replica, at.rules.config.segmentRecords, limit);
}

export const brokerDeleteSegments: PartitionActionSpec<BrokerDeleteSegments> = {
  kind: 'brokerDeleteSegments',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: 'retention deletes its oldest segment below the HW, advancing the log start offset',
    source: 'Kafka docs: log.retention.hours, log.retention.bytes, log.segment.bytes; UnifiedLog.deleteOldSegments',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose replica deletes a segment' } },
  candidates: perReplica('brokerDeleteSegments'),
  budget: 'retention',
  refusal(at, { broker }) {
    if (at.partition.cleanupPolicy === 'compact') return `${at.name} is compacted (cleanup.policy=compact): retention deletes no segment`;
    const refused = runningReplica(at, broker);
    if (refused !== null) return refused;
    return nextDeletion(at, broker) === null ? `${b(broker)} has no whole segment below its HW` : null;
  },
  apply(at, { broker }) {
    const replica = at.partition.replicas[broker];
    const start = nextDeletion(at, broker);
    if (replica === undefined || start === null) return;
    at.state.budget.retention += 1;
    const { exposed, deletedUncommitted } = at.partition.ghost;
    for (const record of replica.log) {
      if (record.offset >= start) break;
      if (!exposed.some((seen) => seen.id === record.id)) deletedUncommitted.push(record.id);
    }
    advanceLogStartOffset(replica, start);
  },
};
