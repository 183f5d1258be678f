import { describe, expect, it } from 'vitest';
import { OFFSETS_PARTITION } from '../../../spec/config.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, committedWrite, data, disabled, ids, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER, consumedAndCommitted } from '../../stories.js';

const RETENTION = { budgets: { retention: 2 } } as const;

describe('brokerDeleteSegments', () => {
  it('deletes the oldest segment below the HW, advancing the log start offset', () => {
    const s = run(start(RETENTION), [...committedWrite(0, [1, 2]), act.send(0)]);
    expect(verdict(s, act.deleteSegments(0))).toEqual(ENABLED);
    const end = step(s, act.deleteSegments(0));
    expect(replica(end, 0)?.logStartOffset).toBe(1);
    expect(ids(end, 0)).toEqual([1]);
    expect(replica(end, 0)?.epochs).toEqual([{ epoch: 0, startOffset: 1 }]);
    expect(end.budget.retention).toBe(1);
    // Offset 1 is above the HW: it stays.
    expect(verdict(end, act.deleteSegments(0))).toEqual(disabled('b0 has no whole segment below its HW'));
  });

  it('respects segment boundaries (log.segment.bytes as a record count)', () => {
    const s = run(start({ ...RETENTION, segmentRecords: 2 }), [...committedWrite(0, [1, 2])]);
    // One record, in a segment of two not yet full: still the active segment, wholly below the HW, so it may go.
    expect(replica(step(s, act.deleteSegments(0)), 0)?.logStartOffset).toBe(1);
  });

  it('followers take the leader’s log start offset from fetch responses, and restart there when out of range', () => {
    const s = run(start(RETENTION), [...committedWrite(0, [1, 2]), act.deleteSegments(0)]);
    const follower = run(s, [act.apply(1), ...act.fetch(1)]);
    expect(replica(follower, 1)?.logStartOffset).toBe(1);
    expect(ids(follower, 1)).toEqual([]);
    // b2 is behind the leader's log start: OFFSET_OUT_OF_RANGE, and it starts over at 1.
    const behind = run(start(RETENTION), [act.send(0), act.serve(1), act.apply(1), act.serve(1), act.crash(2), act.fence(2), act.metadata(0)]);
    const trimmed = run(behind, [act.deleteSegments(0), act.restart(2), act.metadata(2), act.serve(2)]);
    expect(data(trimmed).network.fetchResponses[2]).toMatchObject({ outOfRange: true, logStartOffset: 1 });
    const applied = step(trimmed, act.apply(2));
    expect(replica(applied, 2)?.logStartOffset).toBe(1);
  });

  it('is refused without budget, and on a replica with nothing below its HW', () => {
    expect(verdict(run(start(), [...committedWrite(0, [1, 2])]), act.deleteSegments(0))).toEqual(disabled('the retention budget is spent'));
    expect(verdict(start(RETENTION), act.deleteSegments(0))).toEqual(disabled('b0 has no whole segment below its HW'));
  });

  it('is refused on __consumer_offsets, which is compacted, even with a commit below its HW', () => {
    const s = run(start({ ...CONSUMER, offsetsTopicReplicationFactor: 1, budgets: { ...CONSUMER.budgets, retention: 2 } }), consumedAndCommitted);
    expect(replica(s, 0, OFFSETS_PARTITION)?.hw).toBe(1);
    expect(verdict(s, act.offsets(act.deleteSegments(0)))).toEqual(
      disabled('__consumer_offsets-0 is compacted (cleanup.policy=compact): retention deletes no segment'),
    );
    expect(verdict(s, act.deleteSegments(0))).toEqual(ENABLED);
  });
});
