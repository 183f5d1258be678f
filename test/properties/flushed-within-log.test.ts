import { describe, expect, it } from 'vitest';
import { flushedWithinLog } from '../../properties/flushed-within-log.js';
import { act, committedWrite, data, edit, ids, replica, run, start } from '../builders.js';
import { CONSUMER, consumedAndCommitted, followerDiverges } from '../stories.js';

describe('flushed-within-log: holds', () => {
  it('in the initial state', () => {
    expect(flushedWithinLog.check(start())).toBeNull();
  });

  it('after the OS flushes the leader’s log', () => {
    const end = run(start(), [act.send(0), act.send(0), act.flush(0)]);
    expect(replica(end, 0)?.flushed).toBe(2);
    expect(flushedWithinLog.check(end)).toBeNull();
  });

  it('with log.flush.interval.messages=1, on every replica that appended', () => {
    const end = run(start({ flushIntervalMessages: 1 }), committedWrite(0, [1, 2]));
    expect(Object.values(data(end).replicas).map((r) => r.flushed)).toEqual([1, 1, 1]);
    expect(flushedWithinLog.check(end)).toBeNull();
  });

  it('after a follower truncates below what it had flushed', () => {
    // b1 flushes w0 once it learns b2 leads without it, then truncates it away.
    const end = run(start({ acks: 1 }), [...followerDiverges, act.flush(1), ...act.fetch(1)]);
    expect(ids(end, 1)).toEqual([]);
    expect(replica(end, 1)?.flushed).toBe(0);
    expect(flushedWithinLog.check(end)).toBeNull();
  });
});

describe('flushed-within-log: violated (hand-built)', () => {
  it('by a replica claiming more on disk than its log holds', () => {
    const broken = edit(run(start(), [act.send(0), ...act.fetch(1)]), (draft) => {
      draft.partitions['data-0']!.replicas[1]!.flushed = 2;
    });
    expect(flushedWithinLog.check(broken)).toBe('b1 has flushed 2 above its LEO 1');
  });

  it('by a replica of __consumer_offsets-0 claiming more on disk than its log holds', () => {
    // The coordinator b0 appended the commit; b1 has not fetched it.
    const committed = run(start(CONSUMER), consumedAndCommitted);
    const broken = edit(committed, (draft) => {
      draft.partitions['__consumer_offsets-0']!.replicas[1]!.flushed = 1;
    });
    expect(flushedWithinLog.check(committed)).toBeNull();
    expect(flushedWithinLog.check(broken)).toBe('__consumer_offsets-0: b1 has flushed 1 above its LEO 0');
  });
});
