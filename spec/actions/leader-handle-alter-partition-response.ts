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
import type { PartitionSite } from '../rules.js';
import { b, replicasWhere, type PartitionActionSpec } from './action.js';

export interface LeaderHandleAlterPartitionResponse {
  readonly kind: 'leaderHandleAlterPartitionResponse';
  readonly leader: BrokerId;
}

/** The controller's answer to the leader's AlterPartition is on its way. */
const alterPartitionResponseTo = (at: PartitionSite, leader: BrokerId): boolean => at.partition.network.alterPartitionResponses.some((response) => response.to === leader);

export const leaderHandleAlterPartitionResponse: PartitionActionSpec<LeaderHandleAlterPartitionResponse> = {
  kind: 'leaderHandleAlterPartitionResponse',
  scope: 'partition',
  doc: {
    who: 'leader',
    what: 'commits the ISR the controller accepted, or reverts a rejected proposal',
    source: 'KIP-497; Partition.handleAlterPartitionUpdate',
  },
  params: { leader: { type: 'broker', doc: 'the broker receiving the answer' } },
  candidates: replicasWhere(alterPartitionResponseTo, (leader) => ({ kind: 'leaderHandleAlterPartitionResponse', leader })),
  refusal(at, { leader }) {
    return alterPartitionResponseTo(at, leader) ? null : `no AlterPartition response to ${b(leader)} in flight`;
  },
  apply(at, { leader }) {
    const responses = at.partition.network.alterPartitionResponses;
    const [response] = responses.splice(responses.findIndex((r) => r.to === leader), 1);
    const broker = at.partition.replicas[leader];
    // Newer metadata cleared the proposal: the answer is ignored.
    if (response === undefined || broker?.leader == null || broker.view === null || broker.leader.pendingIsr === null) return;
    const accepted = response.accepted;
    if (accepted === null && response.error !== 'INELIGIBLE_REPLICA') return;
    broker.leader.pendingIsr = null;
    if (accepted !== null && accepted.partitionEpoch > broker.view.partitionEpoch) broker.view = accepted;
    maybeIncrementLeaderHw(at, leader);
  },
};
