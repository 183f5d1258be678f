/**
 * Broker-side transitions shared by several actions: stopping (the broker once, every replica it
 * hosts), and applying a partition record from metadata (Partition.makeLeader / makeFollower).
 */
import { castDraft, type Draft } from 'immer';
import { hostedSites } from './cluster.js';
import { expose } from './ghost.js';
import { maybeIncrementLeaderHw } from './high-watermark.js';
import { assignEpochStart, logEndOffset } from './log.js';
import { answerProduce, closeConnections } from './producer.js';
import { isOn, type DraftPartitionSite, type DraftSite } from './rules.js';
import type { BrokerId, BudgetUse, PartitionView } from './types.js';

/**
 * The budgets of every action that stops a broker (calls `stopBroker`): crash, power loss, clean
 * shutdown. Once they are spent and every broker runs, no broker restarts again, and what only a
 * restart reads can be forgotten (the explorer's view). An action that stops a broker adds its budget.
 */
export const STOPPING_BUDGETS: readonly (keyof BudgetUse)[] = ['crashes', 'powerLosses', 'shutdowns'];

/** Pending acks=all produces fail when their leader stops leading (NOT_LEADER_OR_FOLLOWER, rule 3). */
export function resignLeadership(at: DraftPartitionSite, brokerId: BrokerId): void {
  const replica = at.partition.replicas[brokerId];
  if (replica?.leader === null || replica?.leader === undefined) return;
  for (const produce of replica.leader.delayedProduces) answerProduce(at, produce, { error: 'NOT_LEADER_OR_FOLLOWER' });
  replica.leader = null;
}

/**
 * The broker process stops: its memory (leadership, metadata views, delayed produces) is gone and its
 * connections close, so fetch traffic to and from it and AlterPartition answers to it are dropped, in
 * every partition it hosts.
 */
export function stopBroker(at: DraftSite, brokerId: BrokerId): void {
  const broker = at.state.brokers[brokerId];
  if (broker === undefined) return;
  for (const site of hostedSites(at, brokerId)) {
    const replica = site.partition.replicas[brokerId];
    if (replica === undefined) continue;
    resignLeadership(site, brokerId);
    replica.view = null;
    replica.awaitingEpochEnd = false;
    const { network } = site.partition;
    dropTraffic(network.fetchResponses, brokerId);
    dropTraffic(network.epochEndResponses, brokerId);
    network.alterPartitionResponses = network.alterPartitionResponses.filter((r) => r.to !== brokerId);
    site.partition.ghost.lastFetch[brokerId] = null;
  }
  closeConnections(at, brokerId);
  broker.status = 'down';
}

/** Drops the responses in flight to or from a stopped broker (a recipe may run on a draft or a plain copy: no `current`). */
function dropTraffic(responses: Draft<Record<BrokerId, { readonly leader: BrokerId } | null>>, brokerId: BrokerId): void {
  for (const [follower, response] of Object.entries(responses)) {
    if (response !== null && (Number(follower) === brokerId || response.leader === brokerId)) responses[Number(follower)] = null;
  }
}

/** Applies one partition record the controller wrote: the broker leads or follows accordingly. */
export function applyPartitionRecord(at: DraftPartitionSite, brokerId: BrokerId, record: PartitionView): void {
  const replica = at.partition.replicas[brokerId];
  if (replica === undefined) return;
  const previous = replica.view;
  replica.view = castDraft(record);
  if (record.leader === brokerId) {
    becomeLeader(at, brokerId, previous);
    return;
  }
  resignLeadership(at, brokerId);
  at.rules.era.onBecomeFollower(at, brokerId, previous);
}

/**
 * Partition.makeLeader: a new epoch records its start offset in the epoch cache (rule 6) and resets
 * what the leader knows of followers, unless the same broker leads again (rule 13). The committed ISR
 * comes from the record, superseding any AlterPartition still in flight.
 */
function becomeLeader(at: DraftPartitionSite, brokerId: BrokerId, previous: PartitionView | null): void {
  const replica = at.partition.replicas[brokerId];
  const view = replica?.view;
  if (replica === undefined || view === null || view === undefined) return;
  if (replica.leader === null || previous?.leaderEpoch !== view.leaderEpoch) {
    const leo = logEndOffset(replica);
    // KAFKA-7415 (2.0.1): the new leader's epoch enters its cache at election, not at its first append.
    if (isOn(at.rules, 'KAFKA-7415')) assignEpochStart(replica.epochs, view.leaderEpoch, leo);
    replica.awaitingEpochEnd = false;
    replica.leader = {
      epochStartOffset: leo,
      followers: replica.leader?.followers ?? {},
      pendingIsr: null,
      delayedProduces: replica.leader?.delayedProduces ?? [],
    };
  } else {
    replica.leader.pendingIsr = null;
  }
  // Consumers read from the leader below its HW at once, even a stale HW it brought from following.
  expose(at, brokerId, replica.hw);
  maybeIncrementLeaderHw(at, brokerId);
}
