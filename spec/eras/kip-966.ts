/**
 * `kip-966`: Kafka 4.1 in KRaft mode with Eligible Leader Replicas (opt-in in 4.0, the default for
 * clusters created at 4.1), and with KAFKA-15583 (3.7): the HW does not advance below
 * min.insync.replicas.
 *
 * When the ISR falls below min.insync.replicas, the members it loses become eligible leader replicas:
 * the HW is frozen from then on, so they hold every committed record. The ISR may become empty. A
 * broker that restarts without a clean-shutdown marker for its previous broker epoch (a power loss, but
 * also kill -9) may have lost data and leaves the ISR and the ELR. Elections take an ISR member, else an
 * unfenced ELR member, else, only when both are empty, the last known leader (unclean), else an unclean
 * election if the flag enables it or an operator forces one (rules 18, 25). Kafka promises no loss of acknowledged records while fewer than
 * min.insync.replicas unclean shutdowns happen before the ISR is whole again (rule 22).
 */
import { ERA_VERSIONS } from './names.js';
import { hostedSites } from '../cluster.js';
import { isActive, writePartitionChange } from '../controller.js';
import { effectiveMinIsr } from '../isr.js';
import { isOn, type Candidate, type DraftSite, type Era, type PartitionChange, type PartitionSite, type Rules } from '../rules.js';
import type { BrokerId, Partition, UncleanCause } from '../types.js';
import { activeReplicas, cleanCandidates, kraft, uncleanCandidate } from './kraft.js';

const without = (ids: readonly BrokerId[], gone: readonly BrokerId[]): BrokerId[] => ids.filter((id) => !gone.includes(id));

/** With ELR the ISR may become empty; its last member is then the last known leader. */
function removeFromPartition(partition: Partition, broker: BrokerId): PartitionChange | null {
  const { leader, isr } = partition.record;
  if (leader !== broker && !isr.includes(broker)) return null;
  const remaining = without(isr, [broker]);
  return { leader: leader === broker ? null : leader, isr: remaining, ...(remaining.length === 0 ? { lastKnownLeader: broker } : {}) };
}

/**
 * Every change keeps the ELR (PartitionChangeBuilder): while the new ISR is below the effective
 * min.insync.replicas, ELR = (old ELR + old ISR) - new ISR - uncleanly restarted replicas; once the
 * ISR holds min.insync.replicas again, the ELR is cleared. An election may set it itself.
 */
function keepEligibleLeaders(rules: Rules, partition: Partition, change: PartitionChange): PartitionChange {
  const { isr, elr } = partition.record;
  const next = change.isr ?? isr;
  if (next.length >= effectiveMinIsr(rules, partition)) return { ...change, elr: [] };
  if (change.elr !== undefined) return change;
  const eligible = without([...new Set([...elr, ...isr])], [...next, ...(change.unclean ?? [])]);
  return { ...change, elr: eligible.sort((a, b) => a - b) };
}

/** Rule 18's election order. */
function electionCandidates(at: PartitionSite, unclean: UncleanCause | null): Candidate[] {
  const { record, lastKnownLeader } = at.partition;
  if (record.leader !== null) return [];
  const clean = cleanCandidates(at);
  if (clean.length > 0) return clean;
  if (record.isr.length === 0) {
    const eligible = record.elr.filter((id) => isActive(at, id));
    if (eligible.length > 0) return eligible.map((broker) => ({ broker, unclean: null, change: { leader: broker, isr: [broker] } }));
    // KAFKA-19522 (4.1): the last known leader only once it is unfenced.
    const lastResort = lastKnownLeader !== null && (isActive(at, lastKnownLeader) || !isOn(at.rules, 'KAFKA-19522'));
    if (record.elr.length === 0 && lastResort) return [uncleanCandidate('last-known-leader')(lastKnownLeader)];
  }
  return unclean === null ? [] : activeReplicas(at).map(uncleanCandidate(unclean));
}

/**
 * Registration detects an unclean shutdown: no clean-shutdown marker for the broker's previous epoch.
 * Such a broker may have lost records and leaves the ISR and the ELR (KIP-966).
 */
function onRestart(at: DraftSite, brokerId: BrokerId): void {
  const broker = at.state.brokers[brokerId];
  if (broker === undefined) return;
  const unclean = broker.cleanShutdownEpoch !== broker.brokerEpoch;
  kraft.onRestart(at, brokerId);
  if (!unclean) return;
  for (const site of hostedSites(at, brokerId)) {
    const { isr, elr } = site.partition.record;
    if (!isr.includes(brokerId) && !elr.includes(brokerId)) continue;
    const remaining = without(isr, [brokerId]);
    writePartitionChange(site, {
      isr: remaining,
      elr: without(elr, [brokerId]),
      unclean: [brokerId],
      ...(remaining.length === 0 && isr.length > 0 ? { lastKnownLeader: brokerId } : {}),
    });
  }
}

export const kip966: Era = {
  ...kraft,
  name: 'kip-966',
  ...ERA_VERSIONS['kip-966'],
  summary: 'eligible leader replicas, unclean-shutdown detection at registration, HW frozen below min.insync.replicas',
  source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-966%3A+Eligible+Leader+Replicas',
  fixes: [...kraft.fixes, 'KAFKA-15583', 'KAFKA-19522'],
  eligibleLeaderReplicas: true,
  removeFromPartition,
  finishChange: keepEligibleLeaders,
  electionCandidates,
  onRestart,
};
