/** Helpers the replication invariants share: who leads now, and how to name a record. */
import { expiredBelow } from '../spec/consumer.js';
import { recordAt } from '../spec/log.js';
import type { Broker, LogRecord, Offset, State } from '../spec/types.js';

/**
 * The partition's effective leader: the broker the controller elected, running, and acting on that
 * election (its view is the controller's leader epoch). Before it learns of its election no broker
 * serves the partition; a newly elected leader's log never grows except by its own appends.
 */
export function effectiveLeader(state: State): Broker | null {
  const { leader, leaderEpoch } = state.controller.partition;
  if (leader === null) return null;
  const broker = state.brokers[leader];
  if (broker?.status !== 'running' || broker.leader === null) return null;
  return broker.view?.leader === leader && broker.view.leaderEpoch === leaderEpoch ? broker : null;
}

/** `w3@1 (epoch 2)`: record written by attempt 3, at offset 1, in leader epoch 2. */
export function describeRecord(record: LogRecord | undefined): string {
  return record === undefined ? 'nothing' : `w${record.id}@${record.offset} (epoch ${record.epoch})`;
}

/** What `broker` holds at `offset`, for violation messages. */
export function holds(broker: Broker, offset: Offset): string {
  return describeRecord(recordAt(broker, offset));
}

/**
 * The first exposed record (below the true HW) the broker does not hold at its offset, if any;
 * `forfeited` skips the records an unclean election gave up.
 */
export function firstMissingExposed(state: State, broker: Broker, forfeited: readonly number[] = []): LogRecord | undefined {
  const expired = expiredBelow(state);
  return state.ghost.exposed.find(
    (record) => record.offset >= expired && !forfeited.includes(record.id) && recordAt(broker, record.offset)?.id !== record.id,
  );
}

/**
 * Whether retention has deleted the record a write made: it was exposed (committed and readable) and
 * lies below the log start offset. Retention may only take committed records, so a record deleted
 * before it was ever below the HW is lost, not expired.
 */
export function expiredWrite(state: State, id: number): boolean {
  const expired = expiredBelow(state);
  if (state.ghost.deletedUncommitted.includes(id)) return false;
  return state.ghost.exposed.some((record) => record.id === id && record.offset < expired);
}

/** The true HW: the highest HW any leader exposed. */
export function trueHighWatermark(state: State): Offset {
  return state.ghost.exposed.reduce((hw, record) => Math.max(hw, record.offset + 1), 0);
}
