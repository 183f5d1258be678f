/**
 * leaderServeFetch: the leader answers a follower's fetch (the first half of a fetch round trip).
 *
 * The follower asks from its LEO, with its last fetched epoch, current leader epoch and broker epoch
 * (rule 7). A fetch at another leader epoch is refused (KIP-320). If the follower's last epoch diverges
 * from the leader's log, the answer is that divergence and no records (KAFKA-10554); otherwise the
 * leader returns its records from the fetch offset with the HW it had when it read them, then records
 * the follower's LEO, which may advance the HW and let the follower join the ISR.
 */
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import { maximalIsr } from '../isr.js';
import { latestEpoch, logEndOffset } from '../log.js';
import type { DraftPartitionSite, FetchRequest } from '../rules.js';
import type { BrokerId, Replica } from '../types.js';
import { place } from '../footprint.js';
import { b, runningReplica, type PartitionActionSpec } from './action.js';
import { hasAlterPartitionInFlight } from './leader-shrink-isr.js';
import { leaderRefusal } from './leader-serve-offsets-for-leader-epoch.js';

export interface LeaderServeFetch {
  readonly kind: 'leaderServeFetch';
  readonly follower: BrokerId;
}

/** The fetch request the follower sends now. */
export function fetchRequest(follower: Replica, brokerEpoch: number): FetchRequest {
  return {
    fetchOffset: logEndOffset(follower),
    lastFetchedEpoch: latestEpoch(follower.epochs),
    currentLeaderEpoch: follower.view?.leaderEpoch ?? -1,
    brokerEpoch,
  };
}

/** Partition.maybeExpandIsr: a caught-up follower outside the ISR is proposed, one change at a time. */
function maybeExpandIsr(at: DraftPartitionSite, leaderId: BrokerId, followerId: BrokerId): void {
  const leader = at.partition.replicas[leaderId];
  const fetchState = leader?.leader?.followers[followerId];
  if (leader?.leader == null || leader.view === null || fetchState == null) return;
  if (leader.leader.pendingIsr !== null || hasAlterPartitionInFlight(at.partition, leaderId)) return;
  if (maximalIsr(at.rules, leader).includes(followerId)) return;
  const era = at.rules.era;
  if (!era.isrJoinEligible(at.rules, leader, fetchState)) return;
  era.proposeIsr(at, leaderId, [...leader.view.isr, followerId].sort((x, y) => x - y));
}

export const leaderServeFetch: PartitionActionSpec<LeaderServeFetch> = {
  kind: 'leaderServeFetch',
  scope: 'partition',
  doc: {
    who: 'leader',
    what: "serves a follower's fetch: records and HW, or the diverging epoch; records the follower's LEO",
    source: 'KIP-101, KIP-320, KAFKA-10554; Partition.fetchRecords',
  },
  params: { follower: { type: 'broker', doc: 'the follower whose fetch the leader serves' } },
  candidates: (at) => at.partition.assignment.map((follower) => ({ kind: 'leaderServeFetch', follower })),
  refusal(at, { follower }) {
    const down = runningReplica(at, follower);
    if (down !== null) return down;
    if (at.partition.network.fetchResponses[follower] != null) return `a fetch response to ${b(follower)} is in flight`;
    if (at.partition.replicas[follower]?.awaitingEpochEnd === true) return `${b(follower)} first asks where its log diverges (OffsetsForLeaderEpoch)`;
    return leaderRefusal(at, follower);
  },
  footprint(at, { follower }) {
    const leaderId = at.partition.replicas[follower]?.view?.leader ?? follower;
    const leader = at.partition.replicas[leaderId];
    // The HW may advance (exposing records, answering what waits in purgatory), and a follower outside
    // the ISR may be proposed: an ISR change, in flight to the controller or (before KRaft) written by
    // the leader, which counts the live ISR members for KIP-966's unclean shutdowns.
    const waiting = (leader?.leader?.delayedProduces.length ?? 0) > 0;
    const joins = leader?.view?.isr.includes(follower) !== true;
    const isrChange = joins ? [place.metadata(at.name), place.shutdowns(at.name)] : [];
    return {
      reads: [place.broker(follower), place.replica(at.name, follower), place.broker(leaderId), place.metadata(at.name), ...(joins ? at.partition.assignment.map(place.broker) : [])],
      writes: [place.inbox(at.name, follower), place.replica(at.name, leaderId), place.history(at.name), ...(waiting ? [place.clients] : []), ...isrChange],
    };
  },
  apply(at, { follower }) {
    const { partition } = at;
    const replica = partition.replicas[follower];
    const leaderId = replica?.view?.leader;
    const leader = leaderId == null ? undefined : partition.replicas[leaderId];
    const brokerEpoch = at.state.brokers[follower]?.brokerEpoch;
    if (replica === undefined || leaderId == null || leader?.view == null || leader.leader === null || brokerEpoch === undefined) return;
    const request = fetchRequest(replica, brokerEpoch);
    const base = {
      leader: leaderId,
      leaderEpoch: leader.view.leaderEpoch,
      fetchOffset: request.fetchOffset,
      hw: leader.hw,
      logStartOffset: leader.logStartOffset,
    };
    const diverging = at.rules.era.fetchDivergence(at.rules, leader, request);
    if (diverging !== null) {
      partition.network.fetchResponses[follower] = { ...base, records: [], diverging, outOfRange: false };
      return;
    }
    // Retention deleted what the follower asks for: OFFSET_OUT_OF_RANGE, and it starts over at the log start.
    if (request.fetchOffset < leader.logStartOffset) {
      partition.network.fetchResponses[follower] = { ...base, records: [], diverging: null, outOfRange: true };
      return;
    }
    const records = leader.log.filter((record) => record.offset >= request.fetchOffset);
    partition.network.fetchResponses[follower] = { ...base, records, diverging: null, outOfRange: false };
    leader.leader.followers[follower] = { leo: request.fetchOffset, brokerEpoch: request.brokerEpoch };
    maybeIncrementLeaderHw(at, leaderId);
    maybeExpandIsr(at, leaderId, follower);
  },
};
