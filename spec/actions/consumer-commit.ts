/**
 * consumerCommit: the consumer commits its position to its group coordinator (OffsetCommit).
 *
 * The coordinator, the leader of the group's `__consumer_offsets` partition, appends the commit as a
 * record with acks=all under the brokers' min.insync.replicas, and answers once its HW passes it, so a
 * commit is exactly as durable as an acks=all write to that partition. Commits are budgeted apart from
 * records (`commits`).
 *
 * The commit carries the leader epoch of the last record consumed (OffsetAndMetadata.leaderEpoch, KIP-320,
 * 2.1) unless the run commits without epochs; the model tracks that epoch only where the consumer
 * validates positions (2.3 on), the only place it is read. Under commit-before-processing the position
 * committed may be past a record the application has polled but not yet processed.
 */
import { draftPartitionSite, partitionSite } from '../cluster.js';
import { OFFSETS_PARTITION } from '../config.js';
import type { BrokerId } from '../types.js';
import { perCoordinator, type ClusterActionSpec } from './action.js';
import { produceTo, servingRefusal } from './producer-send.js';

export interface ConsumerCommit {
  readonly kind: 'consumerCommit';
  readonly broker: BrokerId;
}

export const consumerCommit: ClusterActionSpec<ConsumerCommit> = {
  kind: 'consumerCommit',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'commits its position: the coordinator appends it to __consumer_offsets with acks=all',
    source: 'Kafka docs: offsets.topic.replication.factor, offsets.commit.required.acks; GroupMetadataManager.storeOffsets',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer takes for its group coordinator' } },
  candidates: perCoordinator('consumerCommit'),
  budget: 'commits',
  refusal(at, { broker }) {
    const consumer = at.state.consumer;
    const offsets = partitionSite(at, OFFSETS_PARTITION);
    if (offsets === null || consumer === null || typeof consumer.position !== 'number') return 'the consumer has no position to commit';
    // Re-sending the position last committed changes nothing a property sees; it would only spend the budget.
    if (consumer.commits.at(-1)?.position === consumer.position) return `position ${consumer.position} is already committed`;
    const notCoordinator = servingRefusal(offsets, broker);
    return notCoordinator === null ? null : `${notCoordinator}: NOT_COORDINATOR`;
  },
  apply(at, { broker }) {
    const consumer = at.state.consumer;
    const offsets = draftPartitionSite(at, OFFSETS_PARTITION);
    if (offsets === null || consumer === null || typeof consumer.position !== 'number') return;
    at.state.budget.commits += 1;
    const leaderEpoch = at.rules.config.commitLeaderEpoch ? (consumer.epochs?.offsetEpoch ?? null) : null;
    // The group coordinator appends the commit with acks=all, as the consumer's produce request.
    produceTo(offsets, broker, 'all', { offset: consumer.position, leaderEpoch });
  },
};
