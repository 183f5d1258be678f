/**
 * The controller's side: every change to a partition is one PartitionRecord in the metadata log.
 * Brokers learn it later and act on the latest record only (rule 19), so a partition keeps only the
 * controller's latest record and each replica's view. Registrations and fencing are per broker, once.
 */
import { castDraft } from 'immer';
import { hostedSites } from './cluster.js';
import { effectiveMinIsr } from './isr.js';
import type { DraftPartitionSite, DraftSite, PartitionChange, Site } from './rules.js';
import type { BrokerId, PartitionView } from './types.js';

/**
 * Writes a PartitionRecord (PartitionChangeBuilder): the partition epoch moves with every change, the
 * leader epoch with every leader change (KRaft from metadata version 3.6, KAFKA-15021).
 */
export function writePartitionChange(at: DraftPartitionSite, proposed: PartitionChange): void {
  const { partition, rules } = at;
  const change = rules.era.finishChange(rules, partition, proposed);
  const current = partition.record;
  const leader = change.leader === undefined ? current.leader : change.leader;
  const leaderChanged = leader !== current.leader || change.bumpLeaderEpoch === true;
  const record: PartitionView = {
    leader,
    leaderEpoch: current.leaderEpoch + (leaderChanged ? 1 : 0),
    partitionEpoch: current.partitionEpoch + 1,
    isr: [...(change.isr ?? current.isr)],
    elr: [...(change.elr ?? current.elr)],
  };
  partition.record = castDraft(record);
  if (change.lastKnownLeader !== undefined) partition.lastKnownLeader = change.lastKnownLeader;
  // Rule 22's count restarts once the ISR is back to min.insync.replicas members that are up: a member
  // that crashed and is not yet fenced still sits in the ISR, but the ISR is not "back" through it.
  const live = record.isr.filter((id) => at.state.brokers[id]?.status === 'running').length;
  if (live >= effectiveMinIsr(rules, partition)) partition.ghost.uncleanShutdowns = 0;
}

/** The broker is registered, unfenced and so may lead or join an ISR. */
export function isActive(at: Site, broker: BrokerId): boolean {
  return at.state.controller.registrations[broker]?.fenced === false;
}

/**
 * The controller fences a broker (missed heartbeats, controlled shutdown, re-registration): it leaves
 * every ISR and, where it led, the partition has no leader until an election (rules 13, 17).
 */
export function fenceBroker(at: DraftSite, broker: BrokerId): void {
  const registration = at.state.controller.registrations[broker];
  if (registration === undefined || registration.fenced) return;
  registration.fenced = true;
  // Only a partition the broker hosts can have it as leader or ISR member.
  for (const site of hostedSites(at, broker)) {
    const change = at.rules.era.removeFromPartition(site.partition, broker);
    if (change !== null) writePartitionChange(site, change);
  }
}

/** A replica of the partition stopped uncleanly (rule 22's count, for KIP-966's promise). */
export function countUncleanShutdown(at: DraftPartitionSite): void {
  const ghost = at.partition.ghost;
  ghost.uncleanShutdowns += 1;
  ghost.maxUncleanShutdowns = Math.max(ghost.maxUncleanShutdowns, ghost.uncleanShutdowns);
}
