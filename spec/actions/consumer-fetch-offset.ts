/**
 * consumerFetchOffset: a (re)started consumer asks its group coordinator, the leader of the group's
 * `__consumer_offsets` partition, where to resume (OffsetFetch).
 *
 * The coordinator answers from its whole log, as Kafka's does once it has loaded the partition to its
 * log end; but while its HW does not yet cover the latest commit it answers UNSTABLE_OFFSET_COMMIT and
 * the consumer retries (OffsetFetch with requireStable, KIP-447). With no commit at all, the consumer
 * starts by `auto.offset.reset` at its first fetch.
 */
import { jumpTo, latestCommit } from '../consumer.js';
import type { BrokerId } from '../types.js';
import { b, perCoordinator, type ConsumerActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ConsumerFetchOffset {
  readonly kind: 'consumerFetchOffset';
  readonly broker: BrokerId;
}

export const consumerFetchOffset: ConsumerActionSpec<ConsumerFetchOffset> = {
  kind: 'consumerFetchOffset',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'asks its group coordinator where to resume (OffsetFetch): the latest commit once the coordinator’s HW covers it',
    source: 'KIP-447 (requireStable); GroupMetadataManager',
  },
  params: { broker: { type: 'broker', doc: 'the broker the consumer takes for its group coordinator' } },
  candidates: perCoordinator('consumerFetchOffset'),
  refusal(state, { broker }) {
    const offsets = state.offsetsTopic;
    if (offsets === null || state.consumer === null) return 'no consumer is modelled';
    if (state.consumer.position !== null) return 'the consumer already has a position';
    const notCoordinator = servingRefusal(offsets, broker);
    if (notCoordinator !== null) return `${notCoordinator}: NOT_COORDINATOR`;
    const coordinator = offsets.brokers[broker];
    const commit = coordinator === undefined ? undefined : latestCommit(coordinator);
    if (coordinator !== undefined && commit !== undefined && commit.offset >= coordinator.hw) {
      return `UNSTABLE_OFFSET_COMMIT: ${b(broker)}'s HW ${coordinator.hw} does not cover the commit at offset ${commit.offset}`;
    }
    return null;
  },
  apply(draft, { broker }) {
    const coordinator = draft.offsetsTopic?.brokers[broker];
    if (coordinator === undefined || draft.consumer === null) return;
    const commit = latestCommit(coordinator)?.commit;
    if (commit === undefined) draft.consumer.position = 'reset';
    else jumpTo(draft, commit, 'resume');
  },
};
