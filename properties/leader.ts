/** Helpers the replication invariants share: which partition, who leads it now, and how to name a record. */
import { DATA_PARTITION } from '../spec/config.js';
import { expiredBelow } from '../spec/consumer.js';
import { holdsRecord, recordAt } from '../spec/log.js';
import type { LogRecord, Offset, Partition, PartitionName, Replica, State } from '../spec/types.js';

/**
 * The first message `check` gives for a partition of the state (the data partition first), naming the
 * partition unless it is the data partition: how the sanity invariants cover every partition.
 */
export function inAnyPartition(state: State, check: (partition: Partition) => string | null): string | null {
  for (const name in state.partitions) {
    const message = check(state.partitions[name as PartitionName] as Partition);
    if (message !== null) return name === DATA_PARTITION ? message : `${name}: ${message}`;
  }
  return null;
}

/**
 * The partition's effective leader: the replica the controller elected, on a running broker, acting on
 * that election (its view is the controller's leader epoch). Before it learns of its election no
 * broker serves the partition; a newly elected leader's log never grows except by its own appends.
 */
export function effectiveLeader(state: State, partition: Partition): Replica | null {
  const { leader, leaderEpoch } = partition.record;
  if (leader === null) return null;
  const replica = partition.replicas[leader];
  if (state.brokers[leader]?.status !== 'running' || replica === undefined || replica.leader === null) return null;
  return replica.view?.leader === leader && replica.view.leaderEpoch === leaderEpoch ? replica : null;
}

/**
 * The replicas that presume they lead the partition: on a running broker, holding leader state, whether
 * or not the controller still agrees (a deposed leader acts as one until it learns otherwise).
 */
export function presumedLeaders(state: State, partition: Partition): Replica[] {
  const leaders: Replica[] = [];
  for (const id of partition.assignment) {
    const replica = partition.replicas[id];
    if (replica !== undefined && state.brokers[id]?.status === 'running' && replica.leader !== null) leaders.push(replica);
  }
  return leaders;
}

/** The first replica of the partition (in assignment order) for which `test` holds. */
export function findReplica(partition: Partition, test: (replica: Replica) => boolean): Replica | undefined {
  for (const id of partition.assignment) {
    const replica = partition.replicas[id];
    if (replica !== undefined && test(replica)) return replica;
  }
  return undefined;
}

/** Whether the replica holds an acknowledged write: at the offset its client learned, or anywhere for acks=0 (no offset). */
export function holdsWrite(replica: Replica, write: { readonly id: number; readonly offset: Offset | null }): boolean {
  return write.offset === null ? replica.log.some((record) => record.id === write.id) : holdsRecord(replica, { id: write.id, offset: write.offset });
}

/** `w3@1 (epoch 2)`: record written by attempt 3, at offset 1, in leader epoch 2. */
export function describeRecord(record: LogRecord | undefined): string {
  return record === undefined ? 'nothing' : `w${record.id}@${record.offset} (epoch ${record.epoch})`;
}

/** What `replica` holds at `offset`, for violation messages. */
export function holds(replica: Replica, offset: Offset): string {
  return describeRecord(recordAt(replica, offset));
}

/**
 * The first exposed record (below the true HW) the replica does not hold at its offset, if any;
 * `forfeited` skips the records an unclean election gave up.
 */
export function firstMissingExposed(partition: Partition, replica: Replica, forfeited: readonly number[] = []): LogRecord | undefined {
  const expired = expiredBelow(partition);
  return partition.ghost.exposed.find(
    (record) => record.offset >= expired && !forfeited.includes(record.id) && !holdsRecord(replica, record),
  );
}

/**
 * Whether retention has deleted the record a write made: it was exposed (committed and readable) and
 * lies below the log start offset. Retention may only take committed records, so a record deleted
 * before it was ever below the HW is lost, not expired.
 */
export function expiredWrite(partition: Partition, id: number): boolean {
  const expired = expiredBelow(partition);
  if (partition.ghost.deletedUncommitted.includes(id)) return false;
  return partition.ghost.exposed.some((record) => record.id === id && record.offset < expired);
}

/** The true HW: the highest HW any leader of the partition exposed. */
export function trueHighWatermark(partition: Partition): Offset {
  return partition.ghost.exposed.reduce((hw, record) => Math.max(hw, record.offset + 1), 0);
}

/** The data partition's committed log: its effective leader's records below its HW, or null with no leader. */
export function committedLog(state: State): { readonly leader: Replica; readonly records: readonly LogRecord[] } | null {
  const partition = state.partitions[DATA_PARTITION];
  const leader = partition === undefined ? null : effectiveLeader(state, partition);
  if (leader === null) return null;
  return { leader, records: leader.log.filter((record) => record.offset < leader.hw) };
}
