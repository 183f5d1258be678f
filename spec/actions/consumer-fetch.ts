/**
 * consumerFetch: the consumer fetches from the broker it believes leads the data partition, and
 * processes one record.
 *
 * A leader serves consumers only below its HW: at a position between the HW and the LEO the fetch
 * returns nothing and waits. Only a position below the log start offset (retention deleted it) or above
 * the LEO (the log was truncated under it) is OFFSET_OUT_OF_RANGE, and then, as for a consumer with no
 * commit, `auto.offset.reset` applies (ListOffsets to the same leader).
 */
import { partitionSite } from '../cluster.js';
import { DATA_PARTITION } from '../config.js';
import { resetPosition } from '../consumer.js';
import { logEndOffset, recordAt } from '../log.js';
import type { BrokerId } from '../types.js';
import type { ClusterActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ConsumerFetch {
  readonly kind: 'consumerFetch';
  readonly broker: BrokerId;
}

export const consumerFetch: ClusterActionSpec<ConsumerFetch> = {
  kind: 'consumerFetch',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'fetches from the leader and processes one record below its HW; out of range, auto.offset.reset applies',
    source: 'Kafka docs: consumer fetch, auto.offset.reset; Partition.fetchRecords (high watermark isolation)',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer believes leads the data partition' } },
  candidates: (at) => (at.state.partitions[DATA_PARTITION]?.assignment ?? []).map((broker) => ({ kind: 'consumerFetch', broker })),
  refusal(at, { broker }) {
    const position = at.state.consumer?.position ?? null;
    if (position === null) return 'the consumer has no position yet: it asks its group coordinator first (OffsetFetch)';
    if (position === 'failed') return 'the consumer stopped: no valid position and auto.offset.reset=none';
    const data = partitionSite(at, DATA_PARTITION);
    if (data === null) return `no ${DATA_PARTITION} partition is modelled`;
    const notLeader = servingRefusal(data, broker);
    if (notLeader !== null) return notLeader;
    const leader = data.partition.replicas[broker];
    if (position === 'reset' || leader === undefined) return null;
    const inRange = position >= leader.logStartOffset && position <= logEndOffset(leader);
    return inRange && position >= leader.hw ? `nothing below the HW ${leader.hw} at offset ${position}: the fetch waits` : null;
  },
  apply({ state, rules }, { broker }) {
    const leader = state.partitions[DATA_PARTITION]?.replicas[broker];
    const consumer = state.consumer;
    if (leader === undefined || consumer === null) return;
    const position = consumer.position;
    const record = typeof position === 'number' && position < leader.hw ? recordAt(leader, position) : undefined;
    if (record === undefined) {
      resetPosition(state, rules.config.autoOffsetReset, leader);
      return;
    }
    consumer.seen.push({ ...record });
    consumer.position = record.offset + 1;
  },
};
