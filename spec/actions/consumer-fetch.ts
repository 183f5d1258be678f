/**
 * consumerFetch: the consumer polls one record from the broker it believes leads the data partition.
 * Committing after processing, the application processes it in the same step (a crash between poll
 * and processing is, for every commit, a crash before the poll); committing before processing, it holds
 * it until `consumerProcess`, and polls again only then (the poll loop).
 *
 * A leader serves consumers only below its HW: at a position between the HW and the LEO the fetch
 * returns nothing and waits. Only a position below the log start offset (retention deleted it) or above
 * the LEO (the log was truncated under it) is OFFSET_OUT_OF_RANGE, and then, as for a consumer with no
 * commit, `auto.offset.reset` applies (ListOffsets to the same leader).
 *
 * From 2.3 (KAFKA-7747) a consumer whose position has an epoch first validates it with the leader of a
 * new epoch (consumer.ts `validatePosition`) and reads only once it stands. The request and the fetch
 * are one step: both go to the leader of that epoch, whose log below its end does not change meanwhile.
 */
import { partitionSite } from '../cluster.js';
import { DATA_PARTITION } from '../config.js';
import { awaitsValidation, positionEpochs, resetPosition, validatePosition } from '../consumer.js';
import { logEndOffset, recordAt } from '../log.js';
import type { Draft } from 'immer';
import type { BrokerId, Consumer, Offset, Replica } from '../types.js';
import type { ClusterActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ConsumerFetch {
  readonly kind: 'consumerFetch';
  readonly broker: BrokerId;
}

/** A position in the leader's log range but not below its HW: the fetch returns nothing and waits. */
function waitsAtHw(leader: Replica, position: Offset): boolean {
  return position >= leader.hw && position >= leader.logStartOffset && position <= logEndOffset(leader);
}

/**
 * Notes (ghost, for no-unseen) the committed records the leader's log holds below `offset`, from where
 * the consumer first started, that the consumer never processed: it is reading on past them.
 */
function readPast(consumer: Draft<Consumer>, leader: Replica, offset: Offset): void {
  const start = consumer.jumps[0]?.to ?? 0;
  const processed = new Set(consumer.seen.map((record) => record.id));
  for (const record of leader.log) {
    if (record.offset >= offset || record.offset >= leader.hw) break;
    if (record.offset < start || processed.has(record.id) || consumer.unseen.some((unseen) => unseen.id === record.id)) continue;
    consumer.unseen.push({ offset: record.offset, id: record.id });
  }
}

export const consumerFetch: ClusterActionSpec<ConsumerFetch> = {
  kind: 'consumerFetch',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'fetches from the leader and processes one record below its HW; from 2.3 it first validates its position with a new leader (OffsetsForLeaderEpoch) and moves back on truncation; out of range, auto.offset.reset applies',
    source: 'Kafka docs: consumer fetch, auto.offset.reset; Partition.fetchRecords (high watermark isolation); KIP-320, KAFKA-7747',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer believes leads the data partition' } },
  candidates: (at) => (at.state.partitions[DATA_PARTITION]?.assignment ?? []).map((broker) => ({ kind: 'consumerFetch', broker })),
  refusal(at, { broker }) {
    const position = at.state.consumer?.position ?? null;
    if (at.state.consumer?.polled != null) return `the application is still processing w${at.state.consumer.polled.id}@${at.state.consumer.polled.offset}, which the last poll returned`;
    if (position === null) return 'the consumer has no position yet: it asks its group coordinator first (OffsetFetch)';
    if (position === 'failed') return 'the consumer stopped: no valid position and auto.offset.reset=none';
    const data = partitionSite(at, DATA_PARTITION);
    if (data === null) return `no ${DATA_PARTITION} partition is modelled`;
    const notLeader = servingRefusal(data, broker);
    if (notLeader !== null) return notLeader;
    const leader = data.partition.replicas[broker];
    const consumer = at.state.consumer;
    if (position === 'reset' || leader === undefined || consumer === null || awaitsValidation(consumer, leader)) return null;
    return waitsAtHw(leader, position) ? `nothing below the HW ${leader.hw} at offset ${position}: the fetch waits` : null;
  },
  apply({ state, rules }, { broker }) {
    const leader = state.partitions[DATA_PARTITION]?.replicas[broker];
    const consumer = state.consumer;
    if (leader === undefined || consumer === null) return;
    if (awaitsValidation(consumer as Consumer, leader) && !validatePosition(state, rules, leader)) return;
    const position = consumer.position;
    // Validated, the position may still wait for the HW.
    if (typeof position === 'number' && waitsAtHw(leader, position)) return;
    const record = typeof position === 'number' ? recordAt(leader, position) : undefined;
    if (record === undefined) {
      resetPosition(state, rules.config.autoOffsetReset, leader);
      return;
    }
    readPast(consumer, leader, record.offset);
    if (rules.config.commitDiscipline === 'after-processing') consumer.seen.push({ ...record });
    else consumer.polled = { ...record };
    consumer.position = record.offset + 1;
    if (leader.view !== null) consumer.epochs = positionEpochs(rules, record.epoch, leader.view.leaderEpoch);
  },
};
