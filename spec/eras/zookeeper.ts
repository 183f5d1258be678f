/**
 * What the ZooKeeper eras (0.10.2 to 2.1; every era before `kraft`) share, replacing the KRaft seams
 * (rule 20): the leader writes the ISR to ZooKeeper itself with a conditional update, so there is no
 * maximal ISR and one ISR serves every check; brokers have no epochs (KIP-380 came in 2.2); the
 * controller notices a dead broker only when its session expires, then removes it from the ISR with a
 * leader-epoch bump, and may miss a quick bounce altogether; a new follower reconciles its log with the
 * leader before fetching (OffsetsForLeaderEpoch from 0.11), and a fetch reports no divergence.
 */
import { castDraft } from 'immer';
import { writePartitionChange } from '../controller.js';
import { recordIsrChange } from '../ghost.js';
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import { logEndOffset } from '../log.js';
import { isOn, type DraftPartitionSite, type Era, type FetchRequest, type PartitionChange, type Rules } from '../rules.js';
import type { BrokerId, EpochEndOffset, Partition, PartitionView, Replica } from '../types.js';
import { kraft, recoverHighWatermarks } from './kraft.js';

/**
 * Whether a replica that just became a follower must reconcile its log with the leader. Before 2.0.1
 * only a new leader id triggers it (KAFKA-7164's bug: the same leader returning epochs later does not);
 * from 2.0.1 also an epoch more than one higher; from 2.1 (KIP-320) every epoch change.
 */
export function mustReconcile(rules: Rules, previous: PartitionView | null, record: PartitionView): boolean {
  if (record.leader === null) return false;
  if (previous === null || previous.leader !== record.leader) return true;
  if (previous.leaderEpoch === record.leaderEpoch) return false;
  // CHECK: log-matching (KIP-320 re-checks on every epoch change; KAFKA-7164 on a jump of more than one)
  if (isOn(rules, 'KIP-320')) return true;
  return isOn(rules, 'KAFKA-7164') && record.leaderEpoch > previous.leaderEpoch + 1;
}

/** KIP-101: a new follower asks the leader where its log diverges before it fetches. */
function startEpochReconciliation(at: DraftPartitionSite, brokerId: BrokerId, previous: PartitionView | null): void {
  const replica = at.partition.replicas[brokerId];
  if (replica?.view == null || !mustReconcile(at.rules, previous, replica.view)) return;
  replica.awaitingEpochEnd = true;
}

/** Before 2.8 a fetch reports no divergence; a fetch offset beyond the leader's LEO is OFFSET_OUT_OF_RANGE. */
function outOfRangeOnly(_rules: Rules, leader: Replica, request: FetchRequest): EpochEndOffset | null {
  const leo = logEndOffset(leader);
  return request.fetchOffset > leo ? { epoch: null, endOffset: leo } : null;
}

/**
 * ReplicationUtils.updateLeaderAndIsr: the leader writes the new ISR to ZooKeeper, conditional on the
 * zkVersion (partition epoch) it cached; on a mismatch it skips the update and waits for metadata. A
 * leader-driven change does not bump the leader epoch (rule 15). The leader commits it at once.
 */
function writeIsrToZookeeper(at: DraftPartitionSite, leaderId: BrokerId, isr: readonly BrokerId[]): void {
  const leader = at.partition.replicas[leaderId];
  const record = at.partition.record;
  if (leader?.view == null) return;
  // CHECK: acked-never-lost (a deposed leader's stale ISR must not be written)
  if (isOn(at.rules, 'check:alter-partition-epochs') && leader.view.partitionEpoch !== record.partitionEpoch) return;
  recordIsrChange(at, record.isr, isr);
  writePartitionChange(at, { isr });
  leader.view = castDraft(at.partition.record);
  maybeIncrementLeaderHw(at, leaderId);
}

/** KafkaController.onBrokerFailure: a controller-driven ISR removal bumps the leader epoch (rule 15). */
function removeWithEpochBump(partition: Partition, broker: BrokerId): PartitionChange | null {
  const change = kraft.removeFromPartition(partition, broker);
  return change === null ? null : { ...change, bumpLeaderEpoch: true };
}

/**
 * A ZooKeeper broker restarts with no registration epoch: if the controller has not processed its
 * session expiry it misses the bounce (KIP-380), and the broker may still be in the ISR, or lead.
 */
const recoverWithoutRegistration = recoverHighWatermarks;

export const zookeeper = {
  maximalIsr: false,
  reassignmentBumpsLeaderEpoch: true,
  onBecomeFollower: startEpochReconciliation,
  fetchDivergence: outOfRangeOnly,
  proposeIsr: writeIsrToZookeeper,
  removeFromPartition: removeWithEpochBump,
  onRestart: recoverWithoutRegistration,
} satisfies Partial<Era>;
