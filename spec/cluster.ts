/**
 * Finding one's way in the cluster state: which partitions a broker hosts, a replica of a partition,
 * and the site of one partition inside a broker event.
 */
import { castDraft, type Draft } from 'immer';
import { DATA_PARTITION } from './config.js';
import { emptyReplica } from './log.js';
import type { DraftPartitionSite, DraftSite, PartitionSite, Site } from './rules.js';
import type { BrokerId, Partition, PartitionName, Replica, State } from './types.js';

/** The data partition: the one the producer writes, the consumer reads and the durability invariants judge. */
export function dataPartition(state: Pick<State, 'partitions'>): Partition {
  const partition = state.partitions[DATA_PARTITION];
  if (partition === undefined) throw new Error(`the state has no ${DATA_PARTITION} partition`);
  return partition;
}

/** A partition's replicas in assignment order. */
export function replicasOf(partition: Pick<Partition, 'assignment' | 'replicas'>): Replica[] {
  return partition.assignment.flatMap((id) => partition.replicas[id] ?? []);
}

/** Whether `broker` hosts a replica of the partition (is in its assignment). */
export function hosts(partition: Pick<Partition, 'assignment'>, broker: BrokerId): boolean {
  return partition.assignment.includes(broker);
}

/** The names of the partitions `broker` hosts, in the state's order. */
export function hostedPartitions(state: Pick<State, 'partitions'>, broker: BrokerId): PartitionName[] {
  const names: PartitionName[] = [];
  for (const name in state.partitions) {
    if (hosts(state.partitions[name as PartitionName] as Partition, broker)) names.push(name as PartitionName);
  }
  return names;
}

/** Whether `broker` hosts any partition: the brokers a broker event can happen to. */
export function hostsAny(state: Pick<State, 'partitions'>, broker: BrokerId): boolean {
  for (const name in state.partitions) if (hosts(state.partitions[name as PartitionName] as Partition, broker)) return true;
  return false;
}

/** One partition's site within a broker event's (or a consumer action's) site, or null when it is not modelled. */
export function partitionSite(at: Site, name: PartitionName): PartitionSite | null {
  const partition = at.state.partitions[name];
  return partition === undefined ? null : { state: at.state, rules: at.rules, name, partition };
}

/** The same, within an effect. */
export function draftPartitionSite(at: DraftSite, name: PartitionName): DraftPartitionSite | null {
  const partition = at.state.partitions[name] as Draft<Partition> | undefined;
  return partition === undefined ? null : { state: at.state, base: at.base, rules: at.rules, name, partition };
}

/** The sites of the partitions `broker` hosts, within an effect: what a broker event changes. */
export function hostedSites(at: DraftSite, broker: BrokerId): DraftPartitionSite[] {
  return hostedPartitions(at.base, broker).flatMap((name) => draftPartitionSite(at, name) ?? []);
}

/**
 * Gives `broker` an empty replica of the partition, with its slots in the partition's traffic and ghost:
 * every replica of a new partition, and the one a reassignment adds.
 */
export function hostReplica(partition: Draft<Partition>, broker: BrokerId): void {
  partition.replicas[broker] = castDraft(emptyReplica(broker));
  partition.network.fetchResponses[broker] = null;
  partition.network.epochEndResponses[broker] = null;
  partition.ghost.lastFetch[broker] = null;
}

/**
 * Deletes `broker`'s replica and every slot addressed to it (a reassignment's StopReplica with
 * deletion); its leadership must be resigned first, so what waited in its purgatory is answered.
 */
export function dropReplica(partition: Draft<Partition>, broker: BrokerId): void {
  delete partition.replicas[broker];
  delete partition.network.fetchResponses[broker];
  delete partition.network.epochEndResponses[broker];
  delete partition.ghost.lastFetch[broker];
  partition.network.alterPartitionResponses = partition.network.alterPartitionResponses.filter((response) => response.to !== broker);
  for (const replica of Object.values(partition.replicas)) if (replica.leader !== null) delete replica.leader.followers[broker];
}
