import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { assignEpochStart, endOffsetForEpoch, followerTruncationPoint, truncateTo } from '../../spec/log.js';
import type { EpochEntry, LogRecord, Replica } from '../../spec/types.js';
import { replica as replicaOf, start } from '../builders.js';

/** A log of records at offsets 0..epochOf.length-1, record i written in epoch epochOf[i]. */
function records(epochOf: readonly number[]): LogRecord[] {
  return epochOf.map((epoch, offset) => ({ offset, epoch, id: offset }));
}

function entries(...pairs: [number, number][]): EpochEntry[] {
  return pairs.map(([epoch, startOffset]) => ({ epoch, startOffset }));
}

/** A replica (broker 0's of a fresh state) with the given log and epoch cache. */
function replica(log: LogRecord[], epochs: EpochEntry[], rest: Partial<Pick<Replica, 'hw' | 'flushed'>> = {}): Replica {
  const base = replicaOf(start(), 0);
  if (base === undefined) throw new Error('no replica on broker 0');
  return { ...base, log, epochs, hw: rest.hw ?? 0, flushed: rest.flushed ?? 0 };
}

describe('endOffsetForEpoch (LeaderEpochFileCache.endOffsetFor, rule 9)', () => {
  const cache = entries([0, 0], [2, 3], [5, 7]);

  it('answers the latest epoch with the LEO', () => {
    expect(endOffsetForEpoch(cache, 9, 5)).toEqual({ epoch: 5, endOffset: 9 });
  });
  it('answers an older known epoch with the start of the next higher one', () => {
    expect(endOffsetForEpoch(cache, 9, 2)).toEqual({ epoch: 2, endOffset: 7 });
    expect(endOffsetForEpoch(cache, 9, 0)).toEqual({ epoch: 0, endOffset: 3 });
  });
  it('answers an unknown epoch between known ones with the largest epoch below it (KIP-279)', () => {
    expect(endOffsetForEpoch(cache, 9, 3)).toEqual({ epoch: 2, endOffset: 7 });
    expect(endOffsetForEpoch(cache, 9, 1)).toEqual({ epoch: 0, endOffset: 3 });
  });
  it('answers an epoch below every known one with itself and the first start offset', () => {
    expect(endOffsetForEpoch(entries([2, 3], [5, 7]), 9, 1)).toEqual({ epoch: 1, endOffset: 3 });
  });
  it('answers UNDEFINED above every known epoch and for an empty cache', () => {
    expect(endOffsetForEpoch(cache, 9, 6)).toEqual({ epoch: null, endOffset: -1 });
    expect(endOffsetForEpoch([], 0, 0)).toEqual({ epoch: null, endOffset: -1 });
  });
});

describe('followerTruncationPoint (AbstractFetcherThread.getOffsetTruncationState, rule 9)', () => {
  it('with no end offset from the leader: truncates to its HW, capped at its LEO', () => {
    const follower = replica(records([0, 0, 0, 0]), entries([0, 0]), { hw: 2 });
    expect(followerTruncationPoint(follower, { epoch: null, endOffset: -1 })).toEqual({ offset: 2, complete: true });
  });

  it('with an end offset but no epoch: truncates to min(leader offset, own LEO)', () => {
    const follower = replica(records([0, 0, 0, 0]), entries([0, 0]));
    expect(followerTruncationPoint(follower, { epoch: null, endOffset: 3 })).toEqual({ offset: 3, complete: true });
    expect(followerTruncationPoint(follower, { epoch: null, endOffset: 6 })).toEqual({ offset: 4, complete: true });
  });

  it('when its own cache has no answer for the epoch (empty, or all below): min(leader offset, own LEO)', () => {
    const empty = replica(records([0, 0, 0]), []);
    expect(followerTruncationPoint(empty, { epoch: 1, endOffset: 2 })).toEqual({ offset: 2, complete: true });
    const older = replica(records([0, 0, 0]), entries([0, 0]));
    expect(followerTruncationPoint(older, { epoch: 3, endOffset: 5 })).toEqual({ offset: 3, complete: true });
  });

  it("when it does not know the leader's epoch: cuts to the end of its largest smaller epoch and asks again", () => {
    const follower = replica(records([0, 0, 0, 0, 3, 3]), entries([0, 0], [3, 4]));
    expect(followerTruncationPoint(follower, { epoch: 2, endOffset: 5 })).toEqual({ offset: 4, complete: false });
  });

  it('when both know the epoch: the smaller of the two end offsets, capped at its LEO', () => {
    const follower = replica(records([0, 0, 0, 2, 2]), entries([0, 0], [2, 3]));
    expect(followerTruncationPoint(follower, { epoch: 0, endOffset: 4 })).toEqual({ offset: 3, complete: true });
    expect(followerTruncationPoint(follower, { epoch: 2, endOffset: 4 })).toEqual({ offset: 4, complete: true });
    expect(followerTruncationPoint(follower, { epoch: 2, endOffset: 8 })).toEqual({ offset: 5, complete: true });
  });

  it("when its epochs all lie above the leader's: the start of its first epoch (endOffsetFor answers it)", () => {
    const follower = replica([{ offset: 0, epoch: 3, id: 0 }, { offset: 1, epoch: 3, id: 1 }], entries([3, 0]));
    expect(followerTruncationPoint(follower, { epoch: 1, endOffset: 2 })).toEqual({ offset: 0, complete: true });
  });
});

describe('truncateTo', () => {
  function truncated(broker: Replica, offset: number): { broker: Replica; removed: number } {
    let removed = -1;
    const after = produce(broker, (draft) => {
      removed = truncateTo(draft, offset);
    });
    return { broker: after, removed };
  }

  it('drops records and epoch entries at or above the offset, clamping the HW and the flushed offset', () => {
    const before = replica(records([0, 0, 2, 2, 4]), entries([0, 0], [2, 2], [4, 4]), { hw: 4, flushed: 5 });
    const { broker, removed } = truncated(before, 2);
    expect(removed).toBe(3);
    expect(broker.log).toEqual(records([0, 0]));
    expect(broker.epochs).toEqual(entries([0, 0]));
    expect([broker.hw, broker.flushed]).toEqual([2, 2]);
  });

  it('keeps an epoch that started below the offset and leaves a lower HW alone', () => {
    const { broker, removed } = truncated(replica(records([0, 0, 2, 2]), entries([0, 0], [2, 2]), { hw: 1, flushed: 1 }), 3);
    expect(removed).toBe(1);
    expect(broker.epochs).toEqual(entries([0, 0], [2, 2]));
    expect([broker.hw, broker.flushed]).toEqual([1, 1]);
  });

  it('removes nothing at or beyond the LEO', () => {
    const before = replica(records([0, 0]), entries([0, 0]), { hw: 2, flushed: 2 });
    expect(truncated(before, 2)).toEqual({ broker: before, removed: 0 });
    expect(truncated(before, 5)).toEqual({ broker: before, removed: 0 });
  });

  // SUSPECTED MODEL BUG: truncateTo returns early when no record is at or above the offset, so an epoch
  // entry starting exactly at the LEO (a leader that appended nothing in its epoch) survives, although
  // the doc says entries starting at or above the offset are dropped. Kafka's UnifiedLog.truncateTo
  // truncates the epoch cache even when the target is at or past the LEO. See the follower-apply-fetch
  // test for the resulting livelock.
  it('drops an epoch entry starting at the LEO even though no record is removed', () => {
    const before = replica(records([0]), entries([0, 0], [2, 1]), { hw: 1, flushed: 1 });
    expect(truncated(before, 1).broker.epochs).toEqual(entries([0, 0]));
  });
});

describe('assignEpochStart', () => {
  function assigned(epochs: EpochEntry[], epoch: number, offset: number): EpochEntry[] {
    return produce(epochs, (draft) => assignEpochStart(draft, epoch, offset));
  }

  it('starts an empty cache', () => {
    expect(assigned([], 0, 0)).toEqual(entries([0, 0]));
  });
  it('appends a newer epoch', () => {
    expect(assigned(entries([0, 0]), 3, 5)).toEqual(entries([0, 0], [3, 5]));
  });
  it('leaves the cache alone for its latest epoch or an older one', () => {
    expect(assigned(entries([0, 0], [3, 5]), 3, 6)).toEqual(entries([0, 0], [3, 5]));
    expect(assigned(entries([0, 0], [3, 5]), 2, 6)).toEqual(entries([0, 0], [3, 5]));
  });
});
