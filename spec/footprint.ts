/**
 * Footprints, for partial-order reduction: the places of a state that an action's guard and effect may
 * read, and the places its effect may write, in a state where it is enabled. Two enabled actions whose
 * footprints do not meet (nothing one writes is read or written by the other) are independent there:
 * each stays enabled after the other, and both orders end in the same state. The explorer then need
 * not try the second from the first's successor (model/explore/expander.ts, sleep sets).
 *
 * A footprint may depend on the state (a follower's fetch writes the leader's purgatory only when
 * something waits there), but must cover every place the action touches in that state. An action
 * whose spec declares none is dependent on every other. test/model/reduction.test.ts checks every
 * declared pair on random states of every verdict row's configuration: both orders, equal states.
 */
import type { BudgetUse, BrokerId, PartitionName } from './types.js';

/** A place in the state, named by what it holds (see `place`). */
export type Place = string;

export interface Footprint {
  readonly reads: readonly Place[];
  readonly writes: readonly Place[];
}

export const place = {
  /** A broker's process and machine: running or down, its epochs, its power. */
  broker: (broker: BrokerId): Place => `b${broker}`,
  /** One replica's own state: log, epochs, HW, flushed and checkpointed offsets, view, leader state. */
  replica: (partition: PartitionName, broker: BrokerId): Place => `r${partition}/${broker}`,
  /** What is in flight to a follower (fetch and OffsetsForLeaderEpoch responses) and its last fetch. */
  inbox: (partition: PartitionName, broker: BrokerId): Place => `i${partition}/${broker}`,
  /** The controller's side of a partition: its record, assignment, reassignment, shrinks, AlterPartition traffic. */
  metadata: (partition: PartitionName): Place => `m${partition}`,
  /** A partition's history for the properties: exposed, forfeited and excused records, the unclean leader. */
  history: (partition: PartitionName): Place => `h${partition}`,
  /** A partition's count of unclean shutdowns (KIP-966). */
  shutdowns: (partition: PartitionName): Place => `u${partition}`,
  /** The producer's and the consumer's state: attempts, commits, requests in flight, position. */
  clients: 'c' as Place,
  budget: (name: keyof BudgetUse): Place => `$${name}`,
} as const;

function meets(writes: readonly Place[], other: Footprint): boolean {
  for (const written of writes) if (other.reads.includes(written) || other.writes.includes(written)) return true;
  return false;
}

/** Whether two footprints leave each other alone: neither writes a place the other reads or writes. */
export function independent(x: Footprint, y: Footprint): boolean {
  return !meets(x.writes, y) && !meets(y.writes, x);
}
