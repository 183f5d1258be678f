/**
 * Position validation (KAFKA-7747, 2.3; KAFKA-RULES.md rule 28): after a leader change the consumer asks
 * the new leader (OffsetsForLeaderEpoch) where its position's epoch ends, and on truncation below its
 * position moves back (a truncation notice) or, with auto.offset.reset=none, stops. Before 2.3, and for a
 * position with no epoch, it reads on or gets OFFSET_OUT_OF_RANGE.
 */
import { describe, expect, it } from 'vitest';
import { act, committedWrite, data, edit, run, start } from '../../builders.js';
import { CONSUMER, consumerPastTheNewEnd, resumedPastRewrittenOffsets, type Overrides } from '../../stories.js';

const KRAFT: Overrides = { era: 'kraft', budgets: { uncleanElections: 1 } };

describe('position validation (KAFKA-7747)', () => {
  it('tracks the epoch of the last record read and of the leader it read from', () => {
    const s = consumerPastTheNewEnd(KRAFT, false);
    expect(s.consumer).toMatchObject({ position: 1, epochs: { offsetEpoch: 0, leaderEpoch: 0 } });
    expect(data(s).record).toMatchObject({ leader: 1, isr: [1] });
  });

  it('moves a consumer past the new leader’s end back to where its epoch ends: a truncation notice', () => {
    const end = run(consumerPastTheNewEnd(KRAFT, false), [act.read(1)]);
    expect(end.consumer?.position).toBe(0);
    expect(end.consumer?.jumps.at(-1)).toEqual({ from: 1, to: 0, cause: 'truncation', seen: 1, acknowledged: null, skipped: [] });
    expect(end.consumer?.epochs).toEqual({ offsetEpoch: 0, leaderEpoch: data(end).record.leaderEpoch });
    // It then reads what the new leader writes at that offset.
    const next = run(end, [act.send(1), act.read(1)]);
    expect(next.consumer?.seen.map((r) => r.id)).toEqual([0, 1]);
    expect(next.consumer?.position).toBe(1);
  });

  it('stops with LogTruncationException under auto.offset.reset=none', () => {
    // The group started with earliest (it had no commit yet) and runs with none from here on.
    const s = consumerPastTheNewEnd(KRAFT, false);
    const none = edit(s, (draft) => {
      draft.config = { ...draft.config, autoOffsetReset: 'none' };
    });
    const end = run(none, [act.read(1)]);
    expect(end.consumer?.position).toBe('failed');
    expect(end.consumer?.jumps.some((j) => j.cause === 'truncation')).toBe(false);
  });

  it('keeps a position that stands (a clean failover), validated at the new epoch', () => {
    const s = run(start({ era: 'kraft', ...CONSUMER }), [...committedWrite(0, [1, 2]), act.resume(0), act.read(0), act.read(0)]);
    expect(s.consumer).toMatchObject({ position: 1, epochs: { offsetEpoch: 0, leaderEpoch: 0 } });
    const moved = run(s, [act.apply(1), act.apply(2), ...committedWrite(0, [1, 2]), act.apply(1), act.apply(2), act.shutdown(0), act.elect(1), act.metadata(1), act.read(1)]);
    expect(moved.consumer?.jumps.some((j) => j.cause === 'truncation')).toBe(false);
    expect(moved.consumer?.position).toBe(1);
    expect(moved.consumer?.epochs).toEqual({ offsetEpoch: 0, leaderEpoch: data(moved).record.leaderEpoch });
  });

  it('before 2.3 (kip-320, the unclean flag): no validation, OFFSET_OUT_OF_RANGE and auto.offset.reset', () => {
    const end = run(consumerPastTheNewEnd({ era: 'kip-320', uncleanLeaderElection: true }, true), [act.read(1)]);
    expect(end.consumer?.epochs).toBeNull();
    expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 1, to: 0, cause: 'reset-earliest' });
  });

  it('with the fix removed, the same', () => {
    const end = run(consumerPastTheNewEnd({ ...KRAFT, withoutFixes: ['KAFKA-7747'] }, false), [act.read(1)]);
    expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 1, to: 0, cause: 'reset-earliest' });
  });

  it('does not validate a position with no epoch (as after a resume from a commit): OFFSET_OUT_OF_RANGE and a reset', () => {
    const noEpoch = edit(consumerPastTheNewEnd(KRAFT, false), (draft) => {
      if (draft.consumer !== null) draft.consumer.epochs = null;
    });
    const end = run(noEpoch, [act.read(1)]);
    expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 1, to: 0, cause: 'reset-earliest' });
    expect(end.consumer?.jumps.some((j) => j.cause === 'truncation')).toBe(false);
  });

  describe('a position resumed from a commit (the commit’s leader epoch, KIP-320)', () => {
    it('is validated before the first fetch when the commit carries an epoch: past the new end, a truncation notice', () => {
      const resumed = resumedPastRewrittenOffsets({}, 0);
      expect(resumed.consumer?.epochs).toEqual({ offsetEpoch: 0, leaderEpoch: null });
      const end = run(resumed, [act.read(1)]);
      expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 1, to: 0, cause: 'truncation' });
    });

    it('without an epoch (two-argument OffsetAndMetadata) cannot be: past the log end, OFFSET_OUT_OF_RANGE and auto.offset.reset', () => {
      const resumed = resumedPastRewrittenOffsets({ commitLeaderEpoch: false }, 0);
      expect(resumed.consumer?.epochs).toBeNull();
      const end = run(resumed, [act.read(1)]);
      expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 1, to: 0, cause: 'reset-earliest' });
    });

    it('without an epoch, below the log end, reads on', () => {
      const end = run(resumedPastRewrittenOffsets({ commitLeaderEpoch: false }), [act.read(1)]);
      expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: null, to: 1, cause: 'resume' });
      expect(end.consumer?.seen.at(-1)).toMatchObject({ id: 2, offset: 1 });
    });

  });
});
