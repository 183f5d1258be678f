/**
 * consumerCommit: the consumer commits its position to its group coordinator (OffsetCommit).
 *
 * The coordinator, the leader of the group's `__consumer_offsets` partition, appends the commit as a
 * record with acks=all under the brokers' min.insync.replicas, and answers once its HW passes it, so a
 * commit is exactly as durable as an acks=all write to that partition. Commits are budgeted apart from
 * records (`commits`).
 */
import type { Draft } from 'immer';
import type { BrokerId, PartitionState } from '../types.js';
import { budgetLeft, perCoordinator, type ConsumerActionSpec } from './action.js';
import { produceTo, servingRefusal } from './producer-send.js';

export interface ConsumerCommit {
  readonly kind: 'consumerCommit';
  readonly broker: BrokerId;
}

export const consumerCommit: ConsumerActionSpec<ConsumerCommit> = {
  kind: 'consumerCommit',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'commits its position: the coordinator appends it to __consumer_offsets with acks=all',
    source: 'Kafka docs: offsets.topic.replication.factor, offsets.commit.required.acks; GroupMetadataManager.storeOffsets',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer takes for its group coordinator' } },
  candidates: perCoordinator('consumerCommit'),
  refusal(state, { broker }) {
    const budget = budgetLeft(state, 'commits');
    if (budget !== null) return budget;
    const consumer = state.consumer;
    if (state.offsetsTopic === null || consumer === null || typeof consumer.position !== 'number') return 'the consumer has no position to commit';
    // Re-sending the position last committed changes nothing a property sees; it would only spend the budget.
    if (consumer.commits.at(-1)?.offset === consumer.position) return `position ${consumer.position} is already committed`;
    const notCoordinator = servingRefusal(state.offsetsTopic, broker);
    return notCoordinator === null ? null : `${notCoordinator}: NOT_COORDINATOR`;
  },
  apply(draft, { broker }) {
    const consumer = draft.consumer;
    const offsets = draft.offsetsTopic as Draft<PartitionState> | null;
    if (consumer === null || offsets === null || typeof consumer.position !== 'number') return;
    draft.budget.commits += 1;
    const attempt = produceTo(offsets, broker, 'all', consumer.position);
    consumer.commits.push({ attempt, offset: consumer.position });
  },
};
