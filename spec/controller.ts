/**
 * The controller's side of the partition: every change is one PartitionRecord in the metadata log.
 * Brokers learn it later and act on the latest record only (rule 19), so the state keeps only the
 * controller's latest record and each broker's view.
 */
import { castDraft, type Draft } from 'immer';
import { eraOf } from './eras/index.js';
import { effectiveMinIsr, isReplica } from './isr.js';
import type { BrokerId, PartitionView, PartitionState } from './types.js';

export interface PartitionChange {
  readonly leader?: BrokerId | null;
  readonly isr?: readonly BrokerId[];
  readonly elr?: readonly BrokerId[];
  /** ZooKeeper eras bump the leader epoch on a controller-driven ISR removal too (rule 15, 20). */
  readonly bumpLeaderEpoch?: boolean;
  /** KIP-966: brokers that restarted uncleanly, which may not enter the ELR. */
  readonly unclean?: readonly BrokerId[];
  /** KIP-966: the last known leader to record (null clears it). */
  readonly lastKnownLeader?: BrokerId | null;
}

/**
 * Writes a PartitionRecord (PartitionChangeBuilder): the partition epoch moves with every change, the
 * leader epoch with every leader change (KRaft from metadata version 3.6, KAFKA-15021).
 */
export function writePartitionChange(draft: Draft<PartitionState>, proposed: PartitionChange): void {
  const change = eraOf(draft.config).finishChange(draft, proposed);
  const current = draft.controller.partition;
  const leader = change.leader === undefined ? current.leader : change.leader;
  const leaderChanged = leader !== current.leader || change.bumpLeaderEpoch === true;
  const record: PartitionView = {
    leader,
    leaderEpoch: current.leaderEpoch + (leaderChanged ? 1 : 0),
    partitionEpoch: current.partitionEpoch + 1,
    isr: [...(change.isr ?? current.isr)],
    elr: [...(change.elr ?? current.elr)],
  };
  draft.controller.partition = castDraft(record);
  if (change.lastKnownLeader !== undefined) draft.controller.lastKnownLeader = change.lastKnownLeader;
  // Rule 22's count restarts once the ISR is back to min.insync.replicas members that are up: a member
  // that crashed and is not yet fenced still sits in the ISR, but the ISR is not "back" through it.
  const live = record.isr.filter((id) => draft.brokers[id]?.status === 'running').length;
  if (live >= effectiveMinIsr(draft.config)) draft.ghost.uncleanShutdowns = 0;
}

/** The broker is registered, unfenced and so may lead or join the ISR. */
export function isActive(state: PartitionState, broker: BrokerId): boolean {
  return state.controller.registrations[broker]?.fenced === false;
}

/**
 * The controller fences a broker (missed heartbeats, controlled shutdown, re-registration): it leaves
 * the ISR and, if it led, the partition has no leader until an election (rules 13, 17).
 */
export function fenceBroker(draft: Draft<PartitionState>, broker: BrokerId): void {
  const registration = draft.controller.registrations[broker];
  if (registration === undefined || registration.fenced) return;
  registration.fenced = true;
  const change = eraOf(draft.config).removeFromPartition(draft, broker);
  if (change !== null) writePartitionChange(draft, change);
}

/** A replica of the partition stopped uncleanly (rule 22's count, for KIP-966's promise). */
export function countUncleanShutdown(draft: Draft<PartitionState>, broker: BrokerId): void {
  if (!isReplica(draft.config, broker)) return;
  const ghost = draft.ghost;
  ghost.uncleanShutdowns += 1;
  ghost.maxUncleanShutdowns = Math.max(ghost.maxUncleanShutdowns, ghost.uncleanShutdowns);
}
