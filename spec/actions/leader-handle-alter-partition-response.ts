/**
 * leaderHandleAlterPartitionResponse: the leader learns the controller's answer to its AlterPartition.
 *
 * On acceptance it commits the new ISR and partition epoch, unless newer metadata already superseded
 * its proposal. Only INELIGIBLE_REPLICA reverts it to the committed ISR; after any other error
 * (FENCED_LEADER_EPOCH, INVALID_UPDATE_VERSION, a stale sender, which Kafka retries in vain) the
 * proposal stays pending, and counted in the maximal ISR, until new metadata arrives (rule 12,
 * Partition.handleAlterPartitionError). A committed change may move the HW (rule 1).
 */
import { maybeIncrementLeaderHw } from '../high-watermark.js';
import type { BrokerId } from '../types.js';
import { b, replicaIds, type ActionSpec } from './action.js';

export interface LeaderHandleAlterPartitionResponse {
  readonly kind: 'leaderHandleAlterPartitionResponse';
  readonly leader: BrokerId;
}

export const leaderHandleAlterPartitionResponse: ActionSpec<LeaderHandleAlterPartitionResponse> = {
  kind: 'leaderHandleAlterPartitionResponse',
  scope: 'partition',
  doc: {
    who: 'leader',
    what: 'commits the ISR the controller accepted, or reverts a rejected proposal',
    source: 'KIP-497; Partition.handleAlterPartitionUpdate',
  },
  params: { leader: { type: 'broker', doc: 'the broker receiving the answer' } },
  candidates: (state) => replicaIds(state).map((leader) => ({ kind: 'leaderHandleAlterPartitionResponse', leader })),
  refusal(state, { leader }) {
    return state.network.alterPartitionResponses.some((response) => response.to === leader)
      ? null
      : `no AlterPartition response to ${b(leader)} in flight`;
  },
  apply(draft, { leader }) {
    const index = draft.network.alterPartitionResponses.findIndex((response) => response.to === leader);
    const [response] = draft.network.alterPartitionResponses.splice(index, 1);
    const broker = draft.brokers[leader];
    // Newer metadata cleared the proposal: the answer is ignored.
    if (response === undefined || broker?.leader == null || broker.view === null || broker.leader.pendingIsr === null) return;
    const accepted = response.accepted;
    if (accepted === null && response.error !== 'INELIGIBLE_REPLICA') return;
    broker.leader.pendingIsr = null;
    if (accepted !== null && accepted.partitionEpoch > broker.view.partitionEpoch) broker.view = accepted;
    maybeIncrementLeaderHw(draft, leader);
  },
};
