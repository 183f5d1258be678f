/**
 * leaderServeOffsetsForLeaderEpoch: the leader answers a new follower's OffsetsForLeaderEpoch request
 * (0.11 to 2.7; from 2.8 the fetch response carries the divergence instead).
 *
 * The follower asks where its latest epoch ends in the leader's log. KIP-101 (0.11) answers with an
 * offset only; KIP-279 (2.0) with the pair (largest epoch <= the one asked, its end offset). From 2.1
 * (KIP-320) the request carries the follower's current leader epoch and a mismatch is refused.
 */
import { believesLeader } from '../isr.js';
import { latestEpoch } from '../log.js';
import { isOn, type PartitionSite } from '../rules.js';
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import { b, replicasWhere, runningReplica, type PartitionActionSpec } from './action.js';

export interface LeaderServeOffsetsForLeaderEpoch {
  readonly kind: 'leaderServeOffsetsForLeaderEpoch';
  readonly follower: BrokerId;
}

/** Why the follower's leader cannot serve it a request now (fetch or OffsetsForLeaderEpoch), or null. */
export function leaderRefusal(at: PartitionSite, follower: BrokerId): string | null {
  const replica = at.partition.replicas[follower];
  const leaderId = replica?.view?.leader ?? null;
  if (replica?.view == null) return `${b(follower)} has no metadata yet`;
  if (leaderId === null || leaderId === follower) return `${b(follower)} is not a follower of a leader`;
  if (!believesLeader(at, leaderId)) return `${b(leaderId)} does not lead (NOT_LEADER_OR_FOLLOWER)`;
  const leaderEpoch = at.partition.replicas[leaderId]?.view?.leaderEpoch ?? -1;
  // CHECK: log-matching (KIP-320: a follower at an older epoch is FENCED_LEADER_EPOCH, a newer one UNKNOWN_LEADER_EPOCH)
  if (isOn(at.rules, 'KIP-320') && replica.view.leaderEpoch !== leaderEpoch) {
    return replica.view.leaderEpoch < leaderEpoch ? 'FENCED_LEADER_EPOCH' : 'UNKNOWN_LEADER_EPOCH';
  }
  return null;
}

/** The follower must learn where its log diverges before it fetches again (KIP-101). */
const reconciling = (at: PartitionSite, follower: BrokerId): boolean => at.partition.replicas[follower]?.awaitingEpochEnd === true;

export const leaderServeOffsetsForLeaderEpoch: PartitionActionSpec<LeaderServeOffsetsForLeaderEpoch> = {
  kind: 'leaderServeOffsetsForLeaderEpoch',
  scope: 'partition',
  doc: {
    who: 'leader',
    what: "answers where the follower's latest epoch ends in its log (0.11 to 2.7, before fetching)",
    source: 'KIP-101, KIP-279, KIP-320; OffsetsForLeaderEpoch',
  },
  params: { follower: { type: 'broker', doc: 'the follower asking' } },
  candidates: replicasWhere(reconciling, (follower) => ({ kind: 'leaderServeOffsetsForLeaderEpoch', follower })),
  refusal(at, { follower }) {
    const down = runningReplica(at, follower);
    if (down !== null) return down;
    const network = at.partition.network;
    if (!reconciling(at, follower)) return `${b(follower)} is not reconciling its log with a new leader`;
    if (network.epochEndResponses[follower] != null) return `an OffsetsForLeaderEpoch answer to ${b(follower)} is in flight`;
    // The fetcher thread truncates, then fetches, one blocking request at a time (AbstractFetcherThread).
    if (network.fetchResponses[follower] != null) return `a fetch response to ${b(follower)} is still in flight`;
    return leaderRefusal(at, follower);
  },
  footprint(at, { follower }) {
    const leader = at.partition.replicas[follower]?.view?.leader ?? follower;
    return {
      reads: [place.broker(follower), place.replica(at.name, follower), place.broker(leader), place.replica(at.name, leader)],
      writes: [place.inbox(at.name, follower)],
    };
  },
  apply(at, { follower }) {
    const replica = at.partition.replicas[follower];
    const leaderId = replica?.view?.leader;
    const leader = leaderId == null ? undefined : at.partition.replicas[leaderId];
    if (replica === undefined || leaderId == null || leader?.view == null) return;
    const answer = at.rules.era.epochEndAnswer(at.rules, leader, latestEpoch(replica.epochs));
    at.partition.network.epochEndResponses[follower] = {
      leader: leaderId,
      leaderEpoch: leader.view.leaderEpoch,
      requestEpoch: replica.view?.leaderEpoch ?? -1,
      answer,
    };
  },
};
