/**
 * brokerDeleteSegments: retention (`log.retention.hours`, `log.retention.bytes`, checked every
 * `log.retention.check.interval.ms`) deletes the replica's oldest segment, advancing its log start
 * offset. Each replica applies retention to its own log, and only below its own HW; followers also
 * follow the leader's log start offset from fetch responses. Which segment expires when is timing the
 * model does not track, so deletion is a nondeterministic choice, bounded by the `retention` budget.
 * `__consumer_offsets` is compacted, not deleted: its config carries a retention budget of 0.
 */
import { advanceLogStartOffset, logEndOffset, nextSegmentStart } from '../log.js';
import { isOn } from '../switches.js';
import type { BrokerId, Offset, PartitionState } from '../types.js';
import { b, budgetLeft, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface BrokerDeleteSegments {
  readonly kind: 'brokerDeleteSegments';
  readonly broker: BrokerId;
}

/** The segment retention would delete next on `broker`, as its log start offset after, or null. */
function nextDeletion(state: PartitionState, broker: BrokerId): Offset | null {
  const replica = state.brokers[broker];
  if (replica === undefined) return null;
  // CHECK: acked-never-lost (retention deletes only below the HW: records every ISR member holds)
  const limit = isOn(state.config, 'check:retention-below-hw') ? replica.hw : logEndOffset(replica);
  return nextSegmentStart(replica, state.config.segmentRecords, limit);
}

export const brokerDeleteSegments: ActionSpec<BrokerDeleteSegments> = {
  kind: 'brokerDeleteSegments',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: 'retention deletes its oldest segment below the HW, advancing the log start offset',
    source: 'Kafka docs: log.retention.hours, log.retention.bytes, log.segment.bytes; UnifiedLog.deleteOldSegments',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose replica deletes a segment' } },
  candidates: perReplica('brokerDeleteSegments'),
  refusal(state, { broker }) {
    const refused = budgetLeft(state, 'retention') ?? runningReplica(state, broker);
    if (refused !== null) return refused;
    return nextDeletion(state, broker) === null ? `${b(broker)} has no whole segment below its HW` : null;
  },
  apply(draft, { broker }) {
    const replica = draft.brokers[broker];
    const start = nextDeletion(draft, broker);
    if (replica === undefined || start === null) return;
    draft.budget.retention += 1;
    const { exposed, deletedUncommitted } = draft.ghost;
    for (const record of replica.log) {
      if (record.offset >= start) break;
      if (!exposed.some((seen) => seen.id === record.id)) deletedUncommitted.push(record.id);
    }
    advanceLogStartOffset(replica, start);
  },
};
