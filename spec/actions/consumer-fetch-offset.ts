/**
 * consumerFetchOffset: a (re)started consumer asks its group coordinator, the leader of the group's
 * `__consumer_offsets` partition, where to resume (OffsetFetch).
 *
 * The coordinator answers from its whole log, as Kafka's does once it has loaded the partition to its
 * log end; but while its HW does not yet cover the latest commit it answers UNSTABLE_OFFSET_COMMIT and
 * the consumer retries (OffsetFetch with requireStable, KIP-447). With no commit at all, the consumer
 * starts by `auto.offset.reset` at its first fetch.
 */
import { partitionSite } from '../cluster.js';
import { OFFSETS_PARTITION } from '../config.js';
import { jumpTo, latestCommit } from '../consumer.js';
import type { BrokerId } from '../types.js';
import { b, perCoordinator, type ClusterActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ConsumerFetchOffset {
  readonly kind: 'consumerFetchOffset';
  readonly broker: BrokerId;
}

export const consumerFetchOffset: ClusterActionSpec<ConsumerFetchOffset> = {
  kind: 'consumerFetchOffset',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'asks its group coordinator where to resume (OffsetFetch): the latest commit once the coordinator’s HW covers it',
    source: 'KIP-447 (requireStable); GroupMetadataManager',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer takes for its group coordinator' } },
  candidates: perCoordinator('consumerFetchOffset'),
  refusal(at, { broker }) {
    const offsets = partitionSite(at, OFFSETS_PARTITION);
    if (offsets === null || at.state.consumer === null) return 'no consumer is modelled';
    if (at.state.consumer.position !== null) return 'the consumer already has a position';
    const notCoordinator = servingRefusal(offsets, broker);
    if (notCoordinator !== null) return `${notCoordinator}: NOT_COORDINATOR`;
    const coordinator = offsets.partition.replicas[broker];
    const commit = coordinator === undefined ? undefined : latestCommit(coordinator);
    if (coordinator !== undefined && commit !== undefined && commit.offset >= coordinator.hw) {
      return `UNSTABLE_OFFSET_COMMIT: ${b(broker)}'s HW ${coordinator.hw} does not cover the commit at offset ${commit.offset}`;
    }
    return null;
  },
  apply({ state }, { broker }) {
    const coordinator = state.partitions[OFFSETS_PARTITION]?.replicas[broker];
    if (coordinator === undefined || state.consumer === null) return;
    const commit = latestCommit(coordinator)?.commit;
    if (commit === undefined) state.consumer.position = 'reset';
    else jumpTo(state, commit, 'resume');
  },
};
