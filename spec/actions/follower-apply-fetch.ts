/**
 * followerApplyFetch: a follower applies the fetch response in flight to it (the second half of a fetch).
 *
 * A response is dropped when the follower's fetch offset moved, it no longer follows that leader, or
 * it is reconciling its log with a new leader (rule 11). A diverging epoch makes the follower truncate (rule 9; KAFKA-14704: before it takes the
 * leader's HW). Otherwise it appends the records and sets its HW to min(leader HW, own LEO) (rule 5).
 */
import { maybeFlush } from '../flush.js';
import { witness } from '../ghost.js';
import { advanceLogStartOffset, appendRecords, followerTruncationPoint, logEndOffset, truncateTo } from '../log.js';
import { isOn, type PartitionSite } from '../rules.js';
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import { b, replicasWhere, type PartitionActionSpec } from './action.js';

export interface FollowerApplyFetch {
  readonly kind: 'followerApplyFetch';
  readonly follower: BrokerId;
}

/** A fetch response (records and HW, or a diverging epoch) is on its way to the follower. */
const fetchResponseInFlight = (at: PartitionSite, follower: BrokerId): boolean => at.partition.network.fetchResponses[follower] != null;

export const followerApplyFetch: PartitionActionSpec<FollowerApplyFetch> = {
  kind: 'followerApplyFetch',
  scope: 'partition',
  doc: {
    who: 'follower',
    what: 'applies the fetch response in flight: drops it if stale, truncates on divergence, else appends and takes the HW',
    source: 'AbstractFetcherThread; KIP-279 (truncation), KAFKA-14704',
  },
  params: { follower: { type: 'broker', doc: 'the follower receiving the response' } },
  candidates: replicasWhere(fetchResponseInFlight, (follower) => ({ kind: 'followerApplyFetch', follower })),
  refusal(at, { follower }) {
    return fetchResponseInFlight(at, follower) ? null : `no fetch response in flight to ${b(follower)}`;
  },
  footprint: (at, { follower }) => ({ reads: [], writes: [place.inbox(at.name, follower), place.replica(at.name, follower)] }),
  apply(at, { follower }) {
    const { partition, rules } = at;
    const response = partition.network.fetchResponses[follower];
    const replica = partition.replicas[follower];
    if (response == null || replica === undefined) return;
    partition.network.fetchResponses[follower] = null;
    const stale =
      replica.view?.leader !== response.leader ||
      logEndOffset(replica) !== response.fetchOffset ||
      replica.awaitingEpochEnd;
    // CHECK: log-matching (a stale response would append records at offsets they were not read for)
    if (stale && isOn(rules, 'check:stale-fetch-dropped')) {
      witness(at, 'staleFetchDropped');
      return;
    }
    if (response.diverging !== null) {
      // CHECK: consistent-read (KAFKA-14704, 2.8 to 3.4.0: the follower took the leader's HW before it truncated)
      if (!isOn(rules, 'KAFKA-14704')) replica.hw = Math.min(response.hw, logEndOffset(replica));
      const point = followerTruncationPoint(replica, response.diverging);
      // CHECK: log-matching (without truncation the follower keeps its divergent suffix)
      if (isOn(rules, 'check:truncate-on-divergence') && truncateTo(replica, point.offset) > 0) {
        witness(at, 'truncationAfterLeaderChange');
      }
      // A complete truncation reconciles the follower with this leader and epoch, as a fetch does.
      if (point.complete) partition.ghost.lastFetch[follower] = { leader: response.leader, epoch: response.leaderEpoch };
      return;
    }
    if (response.outOfRange) {
      // AbstractFetcherThread.handleOutOfRangeError: below the leader's log start, start over there.
      advanceLogStartOffset(replica, response.logStartOffset);
      return;
    }
    appendRecords(replica, response.records);
    maybeFlush(rules.config, replica);
    replica.hw = Math.min(response.hw, logEndOffset(replica));
    // The leader's log start offset, within what this replica has committed (maybeIncrementLogStartOffset).
    advanceLogStartOffset(replica, Math.min(response.logStartOffset, replica.hw));
    partition.ghost.lastFetch[follower] = { leader: response.leader, epoch: response.leaderEpoch };
  },
};
