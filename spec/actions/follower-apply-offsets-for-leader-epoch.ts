/**
 * followerApplyOffsetsForLeaderEpoch: a follower truncates where the leader's answer says its log
 * diverges (rule 9), then fetches; KIP-279 asks again when it did not know the leader's epoch. An answer
 * is dropped when the follower no longer follows that leader at the epoch it asked in, or is no longer
 * reconciling.
 */
import { witness } from '../ghost.js';
import { followerTruncationPoint, truncateTo } from '../log.js';
import { isOn, type PartitionSite } from '../rules.js';
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import { b, replicasWhere, type PartitionActionSpec } from './action.js';

export interface FollowerApplyOffsetsForLeaderEpoch {
  readonly kind: 'followerApplyOffsetsForLeaderEpoch';
  readonly follower: BrokerId;
}

/** The leader's OffsetsForLeaderEpoch answer is on its way to the follower. */
const epochEndResponseInFlight = (at: PartitionSite, follower: BrokerId): boolean => at.partition.network.epochEndResponses[follower] != null;

export const followerApplyOffsetsForLeaderEpoch: PartitionActionSpec<FollowerApplyOffsetsForLeaderEpoch> = {
  kind: 'followerApplyOffsetsForLeaderEpoch',
  scope: 'partition',
  doc: {
    who: 'follower',
    what: "truncates where the leader's OffsetsForLeaderEpoch answer says its log diverges",
    source: 'KIP-101, KIP-279; AbstractFetcherThread.truncateToEpochEndOffsets',
  },
  params: { follower: { type: 'broker', doc: 'the follower receiving the answer' } },
  candidates: replicasWhere(epochEndResponseInFlight, (follower) => ({ kind: 'followerApplyOffsetsForLeaderEpoch', follower })),
  refusal(at, { follower }) {
    return epochEndResponseInFlight(at, follower) ? null : `no OffsetsForLeaderEpoch answer in flight to ${b(follower)}`;
  },
  footprint: (at, { follower }) => ({ reads: [], writes: [place.inbox(at.name, follower), place.replica(at.name, follower)] }),
  apply(at, { follower }) {
    const { network } = at.partition;
    const response = network.epochEndResponses[follower];
    const replica = at.partition.replicas[follower];
    if (response == null || replica === undefined) return;
    network.epochEndResponses[follower] = null;
    // The fetcher replaced its partition state since it asked: the answer is for another epoch.
    if (!replica.awaitingEpochEnd || replica.view?.leader !== response.leader || replica.view.leaderEpoch !== response.requestEpoch) {
      witness(at, 'staleFetchDropped');
      return;
    }
    const point = followerTruncationPoint(replica, response.answer, isOn(at.rules, 'KAFKA-7415'));
    // CHECK: log-matching (without truncation the follower keeps its divergent suffix)
    if (isOn(at.rules, 'check:truncate-on-divergence') && truncateTo(replica, point.offset) > 0) {
      witness(at, 'truncationAfterLeaderChange');
    }
    replica.awaitingEpochEnd = !point.complete;
  },
};
