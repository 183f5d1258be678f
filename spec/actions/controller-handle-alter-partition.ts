/**
 * controllerHandleAlterPartition: the controller decides an AlterPartition request from a leader.
 *
 * It is accepted only from the sender's current broker epoch, from the current leader at the current
 * leader and partition epochs (KIP-497), and only if every proposed member is unfenced (KIP-841) at the
 * broker epoch the leader saw it fetch with (KIP-903) (rule 14). An accepted change is a new
 * PartitionRecord; either way the answer goes back to the leader.
 */
import { writePartitionChange } from '../controller.js';
import { recordIsrChange } from '../ghost.js';
import { isOn, type DraftPartitionSite, type PartitionSite } from '../rules.js';
import type { AlterPartitionRequest, BrokerId } from '../types.js';
import { b, replicasWhere, type PartitionActionSpec } from './action.js';

export interface ControllerHandleAlterPartition {
  readonly kind: 'controllerHandleAlterPartition';
  readonly leader: BrokerId;
}

/** ReplicationControlManager.alterPartition's checks: the Kafka error name, or null to accept. */
export function alterPartitionError(at: PartitionSite, request: AlterPartitionRequest): string | null {
  const { rules, partition } = at;
  const { registrations } = at.state.controller;
  const sender = registrations[request.from];
  if (sender === undefined || sender.fenced || sender.brokerEpoch !== request.brokerEpoch) return 'STALE_BROKER_EPOCH';
  // CHECK: acked-never-lost (a deposed leader's stale view of the ISR must not be committed)
  if (isOn(rules, 'check:alter-partition-epochs')) {
    if (partition.record.leader !== request.from) return 'NOT_LEADER_OR_FOLLOWER';
    if (partition.record.leaderEpoch !== request.leaderEpoch) return 'FENCED_LEADER_EPOCH';
    if (partition.record.partitionEpoch !== request.partitionEpoch) return 'INVALID_UPDATE_VERSION';
  }
  for (const [index, member] of request.isr.entries()) {
    const registration = registrations[member];
    if (registration === undefined) return 'INELIGIBLE_REPLICA';
    // CHECK: acked-never-lost (KIP-841: a fenced broker, possibly restarting empty, must not join)
    if (isOn(rules, 'KIP-841') && registration.fenced) return 'INELIGIBLE_REPLICA';
    // CHECK: acked-never-lost (KIP-903: the member fetched as an older incarnation; -1 means unknown, skipped)
    const seen = request.memberEpochs[index] ?? -1;
    if (isOn(rules, 'KIP-903') && seen !== -1 && registration.brokerEpoch !== seen) return 'INELIGIBLE_REPLICA';
  }
  return null;
}

function handle(at: DraftPartitionSite, request: AlterPartitionRequest): void {
  const { network } = at.partition;
  const error = alterPartitionError(at, request);
  if (error !== null) {
    network.alterPartitionResponses.push({ to: request.from, accepted: null, error });
    return;
  }
  recordIsrChange(at, at.partition.record.isr, request.isr);
  writePartitionChange(at, { isr: request.isr });
  network.alterPartitionResponses.push({ to: request.from, accepted: at.partition.record, error: null });
}

/** The leader's AlterPartition request waits at the controller. */
const alterPartitionRequestFrom = (at: PartitionSite, leader: BrokerId): boolean => at.partition.network.alterPartitionRequests.some((request) => request.from === leader);

export const controllerHandleAlterPartition: PartitionActionSpec<ControllerHandleAlterPartition> = {
  kind: 'controllerHandleAlterPartition',
  scope: 'partition',
  doc: {
    who: 'controller',
    what: 'accepts or rejects the ISR a leader proposed, checking broker, leader and partition epochs',
    source: 'KIP-497, KIP-841, KIP-903; ReplicationControlManager',
  },
  params: { leader: { type: 'broker', doc: 'the broker whose AlterPartition request is handled' } },
  candidates: replicasWhere(alterPartitionRequestFrom, (leader) => ({ kind: 'controllerHandleAlterPartition', leader })),
  refusal(at, { leader }) {
    return alterPartitionRequestFrom(at, leader) ? null : `no AlterPartition request from ${b(leader)} in flight`;
  },
  apply(at, { leader }) {
    const requests = at.partition.network.alterPartitionRequests;
    const [request] = requests.splice(requests.findIndex((r) => r.from === leader), 1);
    if (request !== undefined) handle(at, request);
  },
};
