/**
 * controllerHandleAlterPartition: the controller decides an AlterPartition request from a leader.
 *
 * It is accepted only from the sender's current broker epoch, from the current leader at the current
 * leader and partition epochs (KIP-497), and only if every proposed member is unfenced (KIP-841) at the
 * broker epoch the leader saw it fetch with (KIP-903) (rule 14). An accepted change is a new
 * PartitionRecord; either way the answer goes back to the leader.
 */
import type { Draft } from 'immer';
import { writePartitionChange } from '../controller.js';
import { recordIsrChange } from '../ghost.js';
import { isOn } from '../switches.js';
import type { AlterPartitionRequest, BrokerId, PartitionState } from '../types.js';
import { b, replicaIds, type ActionSpec } from './action.js';

export interface ControllerHandleAlterPartition {
  readonly kind: 'controllerHandleAlterPartition';
  readonly leader: BrokerId;
}

/** ReplicationControlManager.alterPartition's checks: the Kafka error name, or null to accept. */
export function alterPartitionError(state: PartitionState, request: AlterPartitionRequest): string | null {
  const { config, controller } = state;
  const sender = controller.registrations[request.from];
  if (sender === undefined || sender.fenced || sender.brokerEpoch !== request.brokerEpoch) return 'STALE_BROKER_EPOCH';
  // CHECK: acked-never-lost (a deposed leader's stale view of the ISR must not be committed)
  if (isOn(config, 'check:alter-partition-epochs')) {
    if (controller.partition.leader !== request.from) return 'NOT_LEADER_OR_FOLLOWER';
    if (controller.partition.leaderEpoch !== request.leaderEpoch) return 'FENCED_LEADER_EPOCH';
    if (controller.partition.partitionEpoch !== request.partitionEpoch) return 'INVALID_UPDATE_VERSION';
  }
  for (const [index, member] of request.isr.entries()) {
    const registration = controller.registrations[member];
    if (registration === undefined) return 'INELIGIBLE_REPLICA';
    // CHECK: acked-never-lost (KIP-841: a fenced broker, possibly restarting empty, must not join)
    if (isOn(config, 'KIP-841') && registration.fenced) return 'INELIGIBLE_REPLICA';
    // CHECK: acked-never-lost (KIP-903: the member fetched as an older incarnation; -1 means unknown, skipped)
    const seen = request.memberEpochs[index] ?? -1;
    if (isOn(config, 'KIP-903') && seen !== -1 && registration.brokerEpoch !== seen) return 'INELIGIBLE_REPLICA';
  }
  return null;
}

function handle(draft: Draft<PartitionState>, request: AlterPartitionRequest): void {
  const error = alterPartitionError(draft, request);
  if (error !== null) {
    draft.network.alterPartitionResponses.push({ to: request.from, accepted: null, error });
    return;
  }
  recordIsrChange(draft, draft.controller.partition.isr, request.isr);
  writePartitionChange(draft, { isr: request.isr });
  draft.network.alterPartitionResponses.push({ to: request.from, accepted: draft.controller.partition, error: null });
}

export const controllerHandleAlterPartition: ActionSpec<ControllerHandleAlterPartition> = {
  kind: 'controllerHandleAlterPartition',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'accepts or rejects the ISR a leader proposed, checking broker, leader and partition epochs',
    source: 'KIP-497, KIP-841, KIP-903; ReplicationControlManager',
  },
  params: { leader: { type: 'broker', doc: 'the broker whose AlterPartition request is handled' } },
  candidates: (state) => replicaIds(state).map((leader) => ({ kind: 'controllerHandleAlterPartition', leader })),
  refusal(state, { leader }) {
    return state.network.alterPartitionRequests.some((request) => request.from === leader)
      ? null
      : `no AlterPartition request from ${b(leader)} in flight`;
  },
  apply(draft, { leader }) {
    const index = draft.network.alterPartitionRequests.findIndex((request) => request.from === leader);
    const [request] = draft.network.alterPartitionRequests.splice(index, 1);
    if (request !== undefined) handle(draft, request);
  },
};
