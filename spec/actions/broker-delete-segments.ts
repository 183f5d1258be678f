/**
 * brokerDeleteSegments: retention (`log.retention.hours`, `log.retention.bytes`, checked every
 * `log.retention.check.interval.ms`) deletes the replica's oldest segment, advancing its log start
 * offset. Each replica applies retention to its own log, and only below its own HW; followers also
 * follow the leader's log start offset from fetch responses. Which segment expires when is timing the
 * model does not track, so deletion is a nondeterministic choice, bounded by the `retention` budget.
 * `__consumer_offsets` is compacted, not deleted: its config carries a retention budget of 0.
 */
import { advanceLogStartOffset, nextSegmentStart } from '../log.js';
import type { BrokerId } from '../types.js';
import { b, budgetLeft, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface BrokerDeleteSegments {
  readonly kind: 'brokerDeleteSegments';
  readonly broker: BrokerId;
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
    const replica = state.brokers[broker];
    if (replica === undefined || nextSegmentStart(replica, state.config.segmentRecords) === null) {
      return `${b(broker)} has no whole segment below its HW`;
    }
    return null;
  },
  apply(draft, { broker }) {
    const replica = draft.brokers[broker];
    const start = replica === undefined ? null : nextSegmentStart(replica, draft.config.segmentRecords);
    if (replica === undefined || start === null) return;
    draft.budget.retention += 1;
    advanceLogStartOffset(replica, start);
  },
};
