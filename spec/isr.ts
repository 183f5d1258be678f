/** ISR arithmetic: the maximal ISR a leader counts with, and the effective min.insync.replicas. */
import { isOn, type PartitionSite, type Rules } from './rules.js';
import type { BrokerId, Partition, Replica } from './types.js';

/**
 * The ISR a leader counts with for the HW and acks=all completion (KIP-497, rule 12): the committed ISR
 * plus any replica an in-flight AlterPartition adds; a pending shrink counts only once committed.
 * ZooKeeper eras have one ISR for every check (rule 20).
 */
export function maximalIsr(rules: Rules, leader: Replica): readonly BrokerId[] {
  const committed = leader.view?.isr ?? [];
  const pending = leader.leader?.pendingIsr;
  if (pending === null || pending === undefined || !rules.era.maximalIsr) return committed;
  return [...new Set([...committed, ...pending])].sort((a, b) => a - b);
}

/**
 * min.insync.replicas as the leader applies it (rule 24): from 3.7 (KAFKA-15583) capped at the number of
 * assigned replicas; before, a value above RF makes every acks=all write fail.
 */
export function effectiveMinIsr(rules: Rules, partition: Pick<Partition, 'assignment'>): number {
  const min = rules.config.minInsyncReplicas;
  return isOn(rules, 'KAFKA-15583') ? Math.min(min, partition.assignment.length) : min;
}

/** Whether `broker` is running and believes it leads the partition (its view names it, and it acts on it). */
export function believesLeader(at: PartitionSite, broker: BrokerId): boolean {
  const replica = at.partition.replicas[broker];
  return replica !== undefined && at.state.brokers[broker]?.status === 'running' && replica.view?.leader === broker && replica.leader !== null;
}
