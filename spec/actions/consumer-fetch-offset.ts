/**
 * consumerFetchOffset: a (re)started consumer asks its group coordinator, the leader of the group's
 * `__consumer_offsets` partition, where to resume (OffsetFetch).
 *
 * The coordinator answers from its whole log, as Kafka's does once it has loaded the partition to its
 * log end; but while its HW does not yet cover the latest commit it answers UNSTABLE_OFFSET_COMMIT and
 * the consumer retries (OffsetFetch with requireStable, KIP-447). With no commit at all, the consumer
 * starts by `auto.offset.reset` at its first fetch.
 *
 * A commit with a leader epoch gives the position that epoch, not yet validated: from 2.3 (KAFKA-7747)
 * the consumer validates it with the leader before its first fetch (SubscriptionState.seekUnvalidated).
 * One without cannot be validated: past the log end the fetch is OFFSET_OUT_OF_RANGE and
 * auto.offset.reset applies; below it the consumer reads on (KAFKA-19902).
 */
import { partitionSite } from '../cluster.js';
import { OFFSETS_PARTITION } from '../config.js';
import { jumpTo, latestCommit, positionEpochs } from '../consumer.js';
import { isOn } from '../rules.js';
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
    // CHECK: monotonic-poll (SubscriptionState fetches committed offsets only for partitions awaiting a position)
    if (at.state.consumer.position !== null && isOn(at.rules, 'check:resume-without-position')) return 'the consumer already has a position';
    const notCoordinator = servingRefusal(offsets, broker);
    if (notCoordinator !== null) return `${notCoordinator}: NOT_COORDINATOR`;
    const coordinator = offsets.partition.replicas[broker];
    const commit = coordinator === undefined ? undefined : latestCommit(coordinator);
    if (coordinator !== undefined && commit !== undefined && commit.offset >= coordinator.hw) {
      return `UNSTABLE_OFFSET_COMMIT: ${b(broker)}'s HW ${coordinator.hw} does not cover the commit at offset ${commit.offset}`;
    }
    return null;
  },
  apply({ state, rules }, { broker }) {
    const coordinator = state.partitions[OFFSETS_PARTITION]?.replicas[broker];
    if (coordinator === undefined || state.consumer === null) return;
    const commit = latestCommit(coordinator)?.commit;
    if (commit === undefined) {
      state.consumer.position = 'reset';
      return;
    }
    jumpTo(state, commit.offset, 'resume', commit.leaderEpoch === null ? null : positionEpochs(rules, commit.leaderEpoch, null));
  },
};
