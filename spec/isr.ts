/** ISR arithmetic: the maximal ISR a leader counts with, and the effective min.insync.replicas. */
import type { Config } from './config.js';
import { eraOf } from './eras/index.js';
import { isOn } from './switches.js';
import type { BrokerId, Broker, PartitionState } from './types.js';

/** The partition's replicas: brokers 0..RF-1 (the assignment). */
export function isReplica(config: Config, broker: BrokerId): boolean {
  return broker >= 0 && broker < config.replicationFactor;
}

/**
 * The ISR a leader counts with for the HW and acks=all completion (KIP-497, rule 12): the committed ISR
 * plus any replica an in-flight AlterPartition adds; a pending shrink counts only once committed.
 * ZooKeeper eras have one ISR for every check (rule 20).
 */
export function maximalIsr(config: Config, leader: Broker): readonly BrokerId[] {
  const committed = leader.view?.isr ?? [];
  const pending = leader.leader?.pendingIsr;
  if (pending === null || pending === undefined || !eraOf(config).maximalIsr) return committed;
  return [...new Set([...committed, ...pending])].sort((a, b) => a - b);
}

/**
 * min.insync.replicas as the leader applies it (rule 24): from 3.7 (KAFKA-15583) capped at the number of
 * assigned replicas; before, a value above RF makes every acks=all write fail.
 */
export function effectiveMinIsr(config: Config): number {
  return isOn(config, 'KAFKA-15583')
    ? Math.min(config.minInsyncReplicas, config.replicationFactor)
    : config.minInsyncReplicas;
}

/** The broker the given broker believes leads the partition, if it believes it leads it itself. */
export function believesLeader(state: PartitionState, broker: BrokerId): boolean {
  const b = state.brokers[broker];
  return b !== undefined && b.status === 'running' && b.view?.leader === broker && b.leader !== null;
}
