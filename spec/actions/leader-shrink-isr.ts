/**
 * leaderShrinkIsr: the leader drops a follower that has not caught up within replica.lag.time.max.ms.
 *
 * Which follower lags, and when, depends on timing the model does not track, so any ISR follower that
 * is not caught up may be dropped (within the `shrinks` budget); before 2.1 the time test alone
 * applied, so even a caught-up follower that stopped fetching could be (rule 13, KAFKA-7152). KRaft
 * sends the shrunk ISR to the controller in AlterPartition; the maximal ISR keeps the follower until
 * the change is committed (KIP-497, rule 12).
 */
import { believesLeader } from '../isr.js';
import { logEndOffset } from '../log.js';
import { isOn, type PartitionSite } from '../rules.js';
import type { BrokerId, Partition, Replica } from '../types.js';
import { b, shrinksLeft, type PartitionActionSpec } from './action.js';

export interface LeaderShrinkIsr {
  readonly kind: 'leaderShrinkIsr';
  readonly leader: BrokerId;
  readonly follower: BrokerId;
}

/**
 * Partition.isCaughtUp (KAFKA-7152): the follower's LEO as of its last fetch in this leader epoch
 * equals the leader's LEO; a follower that has not fetched from this leader is not caught up.
 */
function isCaughtUp(leader: Replica, follower: BrokerId): boolean {
  const fetched = leader.leader?.followers[follower];
  return fetched !== undefined && fetched.leo === logEndOffset(leader);
}

/** `follower` is a member, other than `leader` itself, of the ISR `leader` holds. */
function inIsrOf(at: PartitionSite, leader: BrokerId, follower: BrokerId): boolean {
  return follower !== leader && at.partition.replicas[leader]?.view?.isr.includes(follower) === true;
}

/** AlterPartitionManager: one ISR change in flight per partition and leader (rule 12). */
export function hasAlterPartitionInFlight(partition: Pick<Partition, 'network'>, leader: BrokerId): boolean {
  return (
    partition.network.alterPartitionRequests.some((request) => request.from === leader) ||
    partition.network.alterPartitionResponses.some((response) => response.to === leader)
  );
}

export const leaderShrinkIsr: PartitionActionSpec<LeaderShrinkIsr> = {
  kind: 'leaderShrinkIsr',
  scope: 'partition',
  doc: {
    who: 'leader',
    what: 'proposes an ISR without a follower that lagged past replica.lag.time.max.ms',
    source: 'Partition.maybeShrinkIsr; KIP-497',
  },
  params: {
    leader: { type: 'broker', doc: 'the broker that believes it leads' },
    follower: { type: 'broker', doc: 'the ISR follower it drops' },
  },
  // Only a broker that believes it leads, and only followers its ISR holds (the guard refuses the rest):
  // twelve pairs a state on two partitions of RF 3, most of them leaders that are not, made this the
  // costliest kind to list.
  candidates(at) {
    const pairs: LeaderShrinkIsr[] = [];
    if (shrinksLeft(at) !== null) return pairs;
    for (const leader of at.partition.assignment) {
      if (!believesLeader(at, leader)) continue;
      for (const follower of at.partition.assignment) if (inIsrOf(at, leader, follower)) pairs.push({ kind: 'leaderShrinkIsr', leader, follower });
    }
    return pairs;
  },
  refusal(at, { leader, follower }) {
    const budget = shrinksLeft(at);
    if (budget !== null) return budget;
    if (!believesLeader(at, leader)) return `${b(leader)} does not believe it leads`;
    const replica = at.partition.replicas[leader];
    if (replica === undefined || !inIsrOf(at, leader, follower)) return `${b(follower)} is not a follower in the ISR`;
    if (replica.leader?.pendingIsr != null || hasAlterPartitionInFlight(at.partition, leader)) {
      return 'an ISR change is already in flight';
    }
    if (isOn(at.rules, 'KAFKA-7152') && isCaughtUp(replica, follower)) return `${b(follower)} is caught up to the leader's LEO (KAFKA-7152)`;
    return null;
  },
  apply(at, { leader, follower }) {
    const isr = at.partition.replicas[leader]?.view?.isr.filter((member) => member !== follower) ?? [];
    at.partition.shrinks += 1;
    at.rules.era.proposeIsr(at, leader, isr);
  },
};
