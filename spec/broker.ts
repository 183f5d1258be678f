/**
 * Broker-side transitions shared by several actions: stopping, and applying a partition record from
 * metadata (Partition.makeLeader / makeFollower).
 */
import { castDraft, current, type Draft } from 'immer';
import { eraOf } from './eras/index.js';
import { expose, fail } from './ghost.js';
import { maybeIncrementLeaderHw } from './high-watermark.js';
import { assignEpochStart, logEndOffset } from './log.js';
import { isOn } from './switches.js';
import type { BrokerId, PartitionView, PartitionState } from './types.js';

/** Pending acks=all produces fail when their leader stops leading (NOT_LEADER_OR_FOLLOWER, rule 3). */
export function resignLeadership(draft: Draft<PartitionState>, brokerId: BrokerId): void {
  const broker = draft.brokers[brokerId];
  if (broker?.leader === null || broker?.leader === undefined) return;
  for (const produce of broker.leader.delayedProduces) fail(draft, produce.id, 'NOT_LEADER_OR_FOLLOWER');
  broker.leader = null;
}

/**
 * The broker process stops: its memory (leadership, metadata view, delayed produces) is gone and its
 * connections close, so fetch traffic to and from it and AlterPartition answers to it are dropped.
 */
export function stopBroker(draft: Draft<PartitionState>, brokerId: BrokerId): void {
  const broker = draft.brokers[brokerId];
  if (broker === undefined) return;
  resignLeadership(draft, brokerId);
  broker.status = 'down';
  broker.view = null;
  const { network } = draft;
  dropTraffic(network.fetchResponses, brokerId);
  dropTraffic(network.epochEndResponses, brokerId);
  network.alterPartitionResponses = network.alterPartitionResponses.filter((r) => r.to !== brokerId);
  broker.awaitingEpochEnd = false;
  draft.ghost.lastFetch[brokerId] = null;
}

/** Drops the responses in flight to or from a stopped broker; reads them through `current`, not drafts. */
function dropTraffic(responses: Draft<({ readonly leader: BrokerId } | null)[]>, brokerId: BrokerId): void {
  current(responses).forEach((response, follower) => {
    if (response !== null && (follower === brokerId || response.leader === brokerId)) responses[follower] = null;
  });
}

/** Applies one partition record the controller wrote: the broker leads or follows accordingly. */
export function applyPartitionRecord(draft: Draft<PartitionState>, brokerId: BrokerId, record: PartitionView): void {
  const broker = draft.brokers[brokerId];
  if (broker === undefined) return;
  const previous = broker.view;
  broker.view = castDraft(record);
  if (record.leader === brokerId) {
    becomeLeader(draft, brokerId, previous);
    return;
  }
  resignLeadership(draft, brokerId);
  eraOf(draft.config).onBecomeFollower(draft, brokerId, previous);
}

/**
 * Partition.makeLeader: a new epoch records its start offset in the epoch cache (rule 6) and resets
 * what the leader knows of followers, unless the same broker leads again (rule 13). The committed ISR
 * comes from the record, superseding any AlterPartition still in flight.
 */
function becomeLeader(draft: Draft<PartitionState>, brokerId: BrokerId, previous: PartitionView | null): void {
  const broker = draft.brokers[brokerId];
  const view = broker?.view;
  if (broker === undefined || view === null || view === undefined) return;
  if (broker.leader === null || previous?.leaderEpoch !== view.leaderEpoch) {
    const leo = logEndOffset(broker);
    // KAFKA-7415 (2.0.1): the new leader's epoch enters its cache at election, not at its first append.
    if (isOn(draft.config, 'KAFKA-7415')) assignEpochStart(broker.epochs, view.leaderEpoch, leo);
    broker.awaitingEpochEnd = false;
    broker.leader = {
      epochStartOffset: leo,
      followers: broker.leader?.followers ?? draft.brokers.map(() => null),
      pendingIsr: null,
      delayedProduces: broker.leader?.delayedProduces ?? [],
    };
  } else {
    broker.leader.pendingIsr = null;
  }
  // Consumers read from the leader below its HW at once, even a stale HW it brought from following.
  expose(draft, brokerId, broker.hw);
  maybeIncrementLeaderHw(draft, brokerId);
}
