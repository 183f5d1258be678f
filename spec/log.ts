/**
 * Log arithmetic shared by every action: LEO, appends, truncation, and the leader-epoch cache
 * (LeaderEpochFileCache) lookups that divergence detection is built on.
 */
import type { Draft } from 'immer';
import type { BrokerId, Replica, EpochEndOffset, EpochEntry, LeaderEpoch, LogRecord, Offset } from './types.js';

/** A replica with nothing yet: a new partition's, or one a reassignment adds (it catches up by fetching). */
export function emptyReplica(broker: BrokerId): Replica {
  return { broker, logStartOffset: 0, log: [], epochs: [], hw: 0, flushed: 0, hwCheckpoint: 0, view: null, awaitingEpochEnd: false, leader: null };
}

/** Log end offset: the offset the next appended record gets. Reads no record, so drafts stay cheap. */

export function logEndOffset(replica: Pick<Replica, 'log' | 'logStartOffset'>): Offset {
  return replica.logStartOffset + replica.log.length;
}

/** The epoch of the latest entry in the leader-epoch cache (what a fetch reports as lastFetchedEpoch). */
export function latestEpoch(epochs: readonly EpochEntry[]): LeaderEpoch | null {
  return epochs[epochs.length - 1]?.epoch ?? null;
}

/**
 * Records that `epoch` starts at `startOffset`, unless the cache already knows this or a later epoch.
 * Called for every appended record, and by a new leader for its own epoch (rule 6).
 */
export function assignEpochStart(epochs: Draft<EpochEntry[]>, epoch: LeaderEpoch, startOffset: Offset): void {
  const latest = latestEpoch(epochs);
  if (latest === null || epoch > latest) epochs.push({ epoch, startOffset });
}

/** Appends records (leader append or follower fetch), keeping the epoch cache in step. */
export function appendRecords(replica: Draft<Replica>, records: readonly LogRecord[]): void {
  for (const record of records) {
    replica.log.push(record);
    assignEpochStart(replica.epochs, record.epoch, record.offset);
  }
}

/**
 * UnifiedLog.truncateTo: truncates the log to `offset` (exclusive end), dropping cache entries that
 * start at or above the new end (LeaderEpochFileCache.truncateFromEnd), and clamping the HW and the
 * flushed offset. The cache is truncated even when no record goes: a broker that led an epoch without
 * appending keeps an entry at its LEO that would otherwise conflict with the new leader's.
 * Returns the number of records removed.
 */
export function truncateTo(replica: Draft<Replica>, offset: Offset): number {
  const end = Math.min(offset, logEndOffset(replica));
  const firstDropped = replica.epochs.findIndex((entry) => entry.startOffset >= end);
  if (firstDropped !== -1) replica.epochs.splice(firstDropped);
  const keep = Math.max(offset - replica.logStartOffset, 0);
  const removed = replica.log.length - keep;
  if (removed <= 0) return 0;
  replica.log.splice(keep);
  replica.hw = Math.min(replica.hw, offset);
  replica.flushed = Math.min(replica.flushed, offset);
  return removed;
}

/**
 * LeaderEpochFileCache.endOffsetFor: where `requested` ends in this log. Its own latest epoch ends at
 * the LEO; an older one at the start of the next higher epoch, paired with the largest epoch <=
 * `requested` (KIP-279); a request smaller than every known epoch is answered with itself and the first
 * start offset (KAFKA-7415, 2.0.1; before, UNDEFINED: `answerBelowFirst` false); one larger than every
 * known epoch, or an empty cache, is UNDEFINED (epoch null, offset -1).
 */
export function endOffsetForEpoch(
  epochs: readonly EpochEntry[],
  leo: Offset,
  requested: LeaderEpoch,
  answerBelowFirst = true,
): EpochEndOffset {
  if (latestEpoch(epochs) === requested) return { epoch: requested, endOffset: leo };
  const higher = epochs.find((entry) => entry.epoch > requested);
  const floor = epochs.findLast((entry) => entry.epoch <= requested);
  if (higher === undefined || (floor === undefined && !answerBelowFirst)) return { epoch: null, endOffset: -1 };
  return { epoch: floor?.epoch ?? requested, endOffset: higher.startOffset };
}

/** The record at `offset`, if the replica's log holds it. */
export function recordAt(replica: Pick<Replica, 'log' | 'logStartOffset'>, offset: Offset): LogRecord | undefined {
  return offset < replica.logStartOffset ? undefined : replica.log[offset - replica.logStartOffset];
}

/** Whether the replica holds this record (the same write) at its offset. */
export function holdsRecord(replica: Pick<Replica, 'log' | 'logStartOffset'>, record: Pick<LogRecord, 'offset' | 'id'>): boolean {
  return recordAt(replica, record.offset)?.id === record.id;
}

/** Where a follower truncates after learning a divergence, and whether it must ask again. */
export interface TruncationPoint {
  readonly offset: Offset;
  /** False when the follower does not know the leader's epoch and must ask again (KIP-279). */
  readonly complete: boolean;
}

/**
 * AbstractFetcherThread.getOffsetTruncationState (KIP-279, rule 9, follower side): given the leader's
 * (epoch, end offset) for the follower's latest epoch, where the follower truncates.
 */
export function followerTruncationPoint(
  follower: Pick<Replica, 'log' | 'logStartOffset' | 'epochs' | 'hw'>,
  answer: EpochEndOffset,
  answerBelowFirst = true,
): TruncationPoint {
  const leo = logEndOffset(follower);
  // The leader knows nothing of the epoch: fall back to the pre-KIP-101 rule, the follower's HW.
  if (answer.endOffset < 0) return { offset: Math.min(follower.hw, leo), complete: true };
  if (answer.epoch === null) return { offset: Math.min(answer.endOffset, leo), complete: true };
  const local = endOffsetForEpoch(follower.epochs, leo, answer.epoch, answerBelowFirst);
  // No epoch at or below the leader's: the follower predates epochs here; take the leader's offset.
  if (local.epoch === null) return { offset: Math.min(answer.endOffset, leo), complete: true };
  // The follower never saw the leader's epoch: cut back to the end of its own smaller epoch, ask again.
  if (local.epoch !== answer.epoch) return { offset: Math.min(local.endOffset, leo), complete: false };
  return { offset: Math.min(local.endOffset, answer.endOffset, leo), complete: true };
}

/**
 * UnifiedLog.maybeIncrementLogStartOffset and deleteSegments: the log starts at `offset` from now on;
 * records below it are gone, and the leader-epoch cache keeps its entry for the epoch that covers the
 * new start (LeaderEpochFileCache.truncateFromStart).
 */
export function advanceLogStartOffset(replica: Draft<Replica>, offset: Offset): void {
  if (offset <= replica.logStartOffset) return;
  replica.log.splice(0, Math.min(offset, logEndOffset(replica)) - replica.logStartOffset);
  const covering = replica.epochs.findLastIndex((entry) => entry.startOffset <= offset);
  if (covering > 0) replica.epochs.splice(0, covering);
  const first = replica.epochs[0];
  if (first !== undefined && first.startOffset < offset) replica.epochs[0] = { epoch: first.epoch, startOffset: offset };
  if (replica.log.length === 0 && logEndOffset(replica) < offset) {
    // Below the new start nothing is left: the log restarts there (UnifiedLog.truncateFullyAndStartAt).
    replica.epochs.splice(0);
  }
  replica.logStartOffset = offset;
  replica.hw = Math.max(replica.hw, offset);
  replica.flushed = Math.max(replica.flushed, offset);
}

/**
 * The log start offset after retention deletes the oldest segment (segments of `segmentRecords`
 * records, by base offset), or null when that segment does not end at or below `limit`. Kafka's limit
 * is the HW: it deletes only segments whose next segment starts at or below it, rolling the active
 * segment first if it must go.
 */
export function nextSegmentStart(replica: Pick<Replica, 'log' | 'logStartOffset'>, segmentRecords: number, limit: Offset): Offset | null {
  const leo = logEndOffset(replica);
  const end = Math.min((Math.floor(replica.logStartOffset / segmentRecords) + 1) * segmentRecords, leo);
  return end > replica.logStartOffset && end <= limit ? end : null;
}
