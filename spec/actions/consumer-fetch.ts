/**
 * consumerFetch: the consumer fetches from the broker it believes leads the data partition, and
 * processes one record.
 *
 * A leader serves consumers only below its HW: at a position between the HW and the LEO the fetch
 * returns nothing and waits. Only a position below the log start offset (retention deleted it) or above
 * the LEO (the log was truncated under it) is OFFSET_OUT_OF_RANGE, and then, as for a consumer with no
 * commit, `auto.offset.reset` applies (ListOffsets to the same leader).
 */
import { resetPosition } from '../consumer.js';
import { logEndOffset, recordAt } from '../log.js';
import type { BrokerId } from '../types.js';
import { replicaIds, type ConsumerActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ConsumerFetch {
  readonly kind: 'consumerFetch';
  readonly broker: BrokerId;
}

export const consumerFetch: ConsumerActionSpec<ConsumerFetch> = {
  kind: 'consumerFetch',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'fetches from the leader and processes one record below its HW; out of range, auto.offset.reset applies',
    source: 'Kafka docs: consumer fetch, auto.offset.reset; Partition.fetchRecords (high watermark isolation)',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer believes leads the data partition' } },
  candidates: (state) => replicaIds(state).map((broker) => ({ kind: 'consumerFetch', broker })),
  refusal(state, { broker }) {
    const position = state.consumer?.position ?? null;
    if (position === null) return 'the consumer has no position yet: it asks its group coordinator first (OffsetFetch)';
    if (position === 'failed') return 'the consumer stopped: no valid position and auto.offset.reset=none';
    const notLeader = servingRefusal(state, broker);
    if (notLeader !== null) return notLeader;
    const leader = state.brokers[broker];
    if (position === 'reset' || leader === undefined) return null;
    const inRange = position >= leader.logStartOffset && position <= logEndOffset(leader);
    return inRange && position >= leader.hw ? `nothing below the HW ${leader.hw} at offset ${position}: the fetch waits` : null;
  },
  apply(draft, { broker }) {
    const leader = draft.brokers[broker];
    const consumer = draft.consumer;
    if (leader === undefined || consumer === null) return;
    const position = consumer.position;
    const record = typeof position === 'number' && position < leader.hw ? recordAt(leader, position) : undefined;
    if (record === undefined) {
      resetPosition(draft, draft.config.autoOffsetReset, leader);
      return;
    }
    consumer.seen.push({ ...record });
    consumer.position = record.offset + 1;
  },
};
