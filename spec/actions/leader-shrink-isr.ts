/**
 * leaderShrinkIsr: the leader drops a follower that has not caught up within replica.lag.time.max.ms.
 *
 * Which follower lags, and when, depends on timing the model does not track, so any ISR follower may be
 * dropped (within the `shrinks` budget). KRaft sends the shrunk ISR to the controller in AlterPartition;
 * the maximal ISR keeps the follower until the change is committed (KIP-497, rule 12).
 */
import { eraOf } from '../eras/index.js';
import { believesLeader } from '../isr.js';
import type { BrokerId, PartitionState } from '../types.js';
import { b, budgetLeft, replicaIds, type ActionSpec } from './action.js';

export interface LeaderShrinkIsr {
  readonly kind: 'leaderShrinkIsr';
  readonly leader: BrokerId;
  readonly follower: BrokerId;
}

/** AlterPartitionManager: one ISR change in flight per partition and leader (rule 12). */
export function hasAlterPartitionInFlight(state: PartitionState, leader: BrokerId): boolean {
  return (
    state.network.alterPartitionRequests.some((request) => request.from === leader) ||
    state.network.alterPartitionResponses.some((response) => response.to === leader)
  );
}

export const leaderShrinkIsr: ActionSpec<LeaderShrinkIsr> = {
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
  candidates: (state) =>
    replicaIds(state).flatMap((leader) =>
      replicaIds(state)
        .filter((follower) => follower !== leader)
        .map((follower) => ({ kind: 'leaderShrinkIsr' as const, leader, follower })),
    ),
  refusal(state, { leader, follower }) {
    const budget = budgetLeft(state, 'shrinks');
    if (budget !== null) return budget;
    if (!believesLeader(state, leader)) return `${b(leader)} does not believe it leads`;
    const broker = state.brokers[leader];
    if (follower === leader || !broker?.view?.isr.includes(follower)) return `${b(follower)} is not a follower in the ISR`;
    if (broker.leader?.pendingIsr != null || hasAlterPartitionInFlight(state, leader)) {
      return 'an ISR change is already in flight';
    }
    return null;
  },
  apply(draft, { leader, follower }) {
    const isr = draft.brokers[leader]?.view?.isr.filter((member) => member !== follower) ?? [];
    draft.budget.shrinks += 1;
    eraOf(draft.config).proposeIsr(draft, leader, isr);
  },
};
