/**
 * `kraft`: Kafka 3.6 in KRaft mode, the base era. Every seam is defined here; the other eras override
 * only the seams whose rules differ in their versions.
 *
 * KRaft 3.6: AlterPartition with a maximal ISR (KIP-497), broker epochs and fencing (KIP-841, KIP-903),
 * divergence reported in the fetch response (KAFKA-10554, 2.8), the ISR never empty (no ELR yet), and
 * a lone leader still advancing the HW below min.insync.replicas (KAFKA-15583 came in 3.7). The
 * controller ignores `unclean.leader.election.enable` (honoured from 3.9, KAFKA-12670); an operator can
 * still force an unclean election through ElectLeaders (KIP-460).
 */
import type { Draft } from 'immer';
import { ERA_VERSIONS } from './names.js';
import { hostedSites } from '../cluster.js';
import { fenceBroker, isActive } from '../controller.js';
import { endOffsetForEpoch, logEndOffset } from '../log.js';
import { isOn, type Candidate, type DraftPartitionSite, type DraftSite, type Era, type FetchRequest, type PartitionChange, type PartitionSite, type Rules } from '../rules.js';
import type { BrokerId, EpochEndOffset, FollowerFetchState, LeaderEpoch, Partition, Replica, UncleanCause } from '../types.js';

/** From 2.8 a follower does not truncate on a leader change: the next fetch tells it where (KAFKA-10554). */
function onBecomeFollower(): void {}

/** Before KIP-966 a partition change needs no completing. */
function finishChange(_rules: Rules, _partition: Partition, change: PartitionChange): PartitionChange {
  return change;
}

/**
 * Partition.fetchRecords (KAFKA-10554): the leader looks up where the follower's last fetched epoch
 * ends in its own log; an older epoch, or an end below the fetch offset, is a divergence, answered with
 * that (epoch, end offset) and no records. A fetch offset beyond the leader's LEO is OFFSET_OUT_OF_RANGE,
 * after which the follower truncates to the leader's LEO.
 */
function fetchDivergence(rules: Rules, leader: Replica, request: FetchRequest): EpochEndOffset | null {
  const leo = logEndOffset(leader);
  if (request.lastFetchedEpoch !== null) {
    const answer = epochEndAnswer(rules, leader, request.lastFetchedEpoch);
    if (answer.epoch !== null && (answer.epoch < request.lastFetchedEpoch || answer.endOffset < request.fetchOffset)) {
      return answer;
    }
  }
  return request.fetchOffset > leo ? { epoch: null, endOffset: leo } : null;
}

/**
 * Where the requested epoch ends in the leader's log (rule 9): a pair (epoch, end offset) since
 * KIP-279; an undefined request (a follower with no epochs) gets UNDEFINED.
 */
function epochEndAnswer(rules: Rules, leader: Replica, requested: LeaderEpoch | null): EpochEndOffset {
  if (requested === null) return { epoch: null, endOffset: -1 };
  return endOffsetForEpoch(leader.epochs, logEndOffset(leader), requested, isOn(rules, 'KAFKA-7415'));
}

/** Partition.isFollowerInSync plus the epoch start offset check (rules 6, 13). */
function isrJoinEligible(rules: Rules, leader: Replica, follower: FollowerFetchState): boolean {
  // CHECK: strong-isr (a follower below the HW would join the ISR without records the leader
  // exposed, and count towards acks=all)
  if (isOn(rules, 'check:isr-join-caught-up') && follower.leo < leader.hw) return false;
  // CHECK: acked-never-lost (KAFKA-7128: nor before it holds everything up to the leader-epoch start offset)
  const epochStart = leader.leader?.epochStartOffset ?? 0;
  return !isOn(rules, 'KAFKA-7128') || follower.leo >= epochStart;
}

/** KIP-497: the leader sends AlterPartition with each member's fetched broker epoch (KIP-903). */
function proposeIsr(at: DraftPartitionSite, leaderId: BrokerId, isr: readonly BrokerId[]): void {
  const leader = at.partition.replicas[leaderId];
  const brokerEpoch = at.state.brokers[leaderId]?.brokerEpoch;
  if (leader?.leader === null || leader?.leader === undefined || leader.view === null || brokerEpoch === undefined) return;
  const state = leader.leader;
  state.pendingIsr = [...isr];
  at.partition.network.alterPartitionRequests.push({
    from: leaderId,
    brokerEpoch,
    leaderEpoch: leader.view.leaderEpoch,
    partitionEpoch: leader.view.partitionEpoch,
    isr: [...isr],
    memberEpochs: isr.map((member) =>
      member === leaderId ? brokerEpoch : (state.followers[member]?.brokerEpoch ?? -1),
    ),
  });
}

/**
 * The controller takes a fenced or shutting-down broker out of the ISR and leadership. Rule 17: before
 * ELR the ISR never becomes empty: a last member stays in it, leaderless, and is re-elected on return.
 */
function removeFromPartition(partition: Partition, broker: BrokerId): PartitionChange | null {
  const { leader, isr } = partition.record;
  const remaining = isr.length > 1 ? isr.filter((member) => member !== broker) : isr;
  if (leader !== broker && remaining.length === isr.length) return null;
  return { leader: leader === broker ? null : leader, isr: remaining };
}

/** The active (registered, unfenced) replicas, in assignment order. */
export function activeReplicas(at: PartitionSite): BrokerId[] {
  return at.partition.assignment.filter((id) => isActive(at, id));
}

/** Clean candidates: the active ISR members, each elected without changing the ISR. */
export function cleanCandidates(at: PartitionSite): Candidate[] {
  // CHECK: acked-never-lost (without it any active replica is a clean candidate)
  const fromIsr = isOn(at.rules, 'check:clean-election-from-isr');
  return activeReplicas(at)
    .filter((id) => !fromIsr || at.partition.record.isr.includes(id))
    .map((broker) => ({ broker, unclean: null, change: { leader: broker } }));
}

/** An unclean election makes its leader the whole ISR and marks the partition recovering (KIP-704); it clears the ELR. */
export function uncleanCandidate(cause: UncleanCause): (broker: BrokerId) => Candidate {
  return (broker) => ({ broker, unclean: cause, change: { leader: broker, isr: [broker], elr: [] } });
}

/**
 * Rules 16-17, 25: a leaderless partition elects any active ISR member (clean); failing that, and only
 * when something permits it (the unclean flag where the era honours it, an operator's ElectLeaders),
 * any active replica (unclean).
 */
function electionCandidates(at: PartitionSite, unclean: UncleanCause | null): Candidate[] {
  if (at.partition.record.leader !== null) return [];
  const clean = cleanCandidates(at);
  if (clean.length > 0 || unclean === null) return clean;
  return activeReplicas(at).map(uncleanCandidate(unclean));
}

/** Rule 5: a restarted broker's replicas take their HW from its last checkpoint, clamped to their recovered logs. */
export function recoverHighWatermarks(at: DraftSite, brokerId: BrokerId): void {
  for (const { partition } of hostedSites(at, brokerId)) {
    const replica: Draft<Replica> | undefined = partition.replicas[brokerId];
    if (replica !== undefined) replica.hw = Math.min(replica.hwCheckpoint, logEndOffset(replica));
  }
}

/**
 * A restart recovers the logs (power loss already dropped the page cache), takes each replica's HW
 * from the checkpoint clamped to its recovered LEO (rule 5), and registers anew: a higher broker
 * epoch, fenced until it has caught up; the old incarnation, if the controller had not fenced it yet,
 * is fenced now.
 */
function onRestart(at: DraftSite, brokerId: BrokerId): void {
  const broker = at.state.brokers[brokerId];
  if (broker === undefined) return;
  recoverHighWatermarks(at, brokerId);
  fenceBroker(at, brokerId);
  broker.brokerEpoch += 1;
  at.state.controller.registrations[brokerId] = { brokerEpoch: broker.brokerEpoch, fenced: true };
}

export const kraft: Era = {
  name: 'kraft',
  ...ERA_VERSIONS.kraft,
  summary: 'AlterPartition and broker epochs; divergence in the fetch response; the ISR never empty, no ELR',
  source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-631%3A+The+Quorum-based+Kafka+Controller',
  fixes: ['KAFKA-7128', 'KAFKA-7152', 'KAFKA-7164', 'KAFKA-7747', 'KAFKA-7415', 'KIP-320', 'KIP-841', 'KIP-903', 'KAFKA-14704'],
  maximalIsr: true,
  eligibleLeaderReplicas: false,
  reassignmentBumpsLeaderEpoch: false,
  onBecomeFollower,
  fetchDivergence,
  epochEndAnswer,
  isrJoinEligible,
  proposeIsr,
  removeFromPartition,
  finishChange,
  electionCandidates,
  onRestart,
};
