/**
 * What the ZooKeeper eras (0.10.2 to 2.1; every era before `kraft`) share, replacing the KRaft seams
 * (rule 20): the leader writes the ISR to ZooKeeper itself with a conditional update, so there is no
 * maximal ISR and one ISR serves every check; brokers have no epochs (KIP-380 came in 2.2); the
 * controller notices a dead broker only when its session expires, then removes it from the ISR with a
 * leader-epoch bump, and may miss a quick bounce altogether; a new follower reconciles its log with the
 * leader before fetching (OffsetsForLeaderEpoch from 0.11), and a fetch reports no divergence.
 */
import { castDraft, type Draft } from 'immer';
import type { Config } from '../config.js';
import { writePartitionChange, type PartitionChange } from '../controller.js';
import { recordIsrChange } from '../ghost.js';
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import { logEndOffset } from '../log.js';
import { isOn } from '../switches.js';
import type { Broker, BrokerId, EpochEndOffset, PartitionView, PartitionState } from '../types.js';
import type { Era, FetchRequest } from './era.js';
import { kraft, recoverHighWatermark } from './kraft.js';

/**
 * Whether a replica that just became a follower must reconcile its log with the leader. Before 2.0.1
 * only a new leader id triggers it (KAFKA-7164's bug: the same leader returning epochs later does not);
 * from 2.0.1 also an epoch more than one higher; from 2.1 (KIP-320) every epoch change.
 */
export function mustReconcile(config: Config, previous: PartitionView | null, record: PartitionView): boolean {
  if (record.leader === null) return false;
  if (previous === null || previous.leader !== record.leader) return true;
  if (previous.leaderEpoch === record.leaderEpoch) return false;
  // CHECK: log-matching (KIP-320 re-checks on every epoch change; KAFKA-7164 on a jump of more than one)
  if (isOn(config, 'KIP-320')) return true;
  return isOn(config, 'KAFKA-7164') && record.leaderEpoch > previous.leaderEpoch + 1;
}

/** KIP-101: a new follower asks the leader where its log diverges before it fetches. */
function startEpochReconciliation(draft: Draft<PartitionState>, brokerId: BrokerId, previous: PartitionView | null): void {
  const broker = draft.brokers[brokerId];
  if (broker?.view == null || !mustReconcile(draft.config, previous, broker.view)) return;
  broker.awaitingEpochEnd = true;
}

/** Before 2.8 a fetch reports no divergence; a fetch offset beyond the leader's LEO is OFFSET_OUT_OF_RANGE. */
function outOfRangeOnly(_config: Config, leader: Broker, request: FetchRequest): EpochEndOffset | null {
  const leo = logEndOffset(leader);
  return request.fetchOffset > leo ? { epoch: null, endOffset: leo } : null;
}

/**
 * ReplicationUtils.updateLeaderAndIsr: the leader writes the new ISR to ZooKeeper, conditional on the
 * zkVersion (partition epoch) it cached; on a mismatch it skips the update and waits for metadata. A
 * leader-driven change does not bump the leader epoch (rule 15). The leader commits it at once.
 */
function writeIsrToZookeeper(draft: Draft<PartitionState>, leaderId: BrokerId, isr: readonly BrokerId[]): void {
  const leader = draft.brokers[leaderId];
  const partition = draft.controller.partition;
  if (leader?.view == null) return;
  // CHECK: acked-never-lost (a deposed leader's stale ISR must not be written)
  if (isOn(draft.config, 'check:alter-partition-epochs') && leader.view.partitionEpoch !== partition.partitionEpoch) return;
  recordIsrChange(draft, partition.isr, isr);
  writePartitionChange(draft, { isr });
  leader.view = castDraft(draft.controller.partition);
  maybeIncrementLeaderHw(draft, leaderId);
}

/** KafkaController.onBrokerFailure: a controller-driven ISR removal bumps the leader epoch (rule 15). */
function removeWithEpochBump(state: PartitionState, broker: BrokerId): PartitionChange | null {
  const change = kraft.removeFromPartition(state, broker);
  return change === null ? null : { ...change, bumpLeaderEpoch: true };
}

/**
 * A ZooKeeper broker restarts with no registration epoch: if the controller has not processed its
 * session expiry it misses the bounce (KIP-380), and the broker may still be in the ISR, or lead.
 */
function recoverWithoutRegistration(draft: Draft<PartitionState>, brokerId: BrokerId): void {
  const broker = draft.brokers[brokerId];
  if (broker !== undefined) recoverHighWatermark(broker);
}

export const zookeeper = {
  maximalIsr: false,
  onBecomeFollower: startEpochReconciliation,
  fetchDivergence: outOfRangeOnly,
  proposeIsr: writeIsrToZookeeper,
  removeFromPartition: removeWithEpochBump,
  onRestart: recoverWithoutRegistration,
} satisfies Partial<Era>;
