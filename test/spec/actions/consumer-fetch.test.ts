import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, committedWrite, disabled, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

const committed = (overrides = {}) => run(start({ ...CONSUMER, ...overrides }), [...committedWrite(0, [1, 2]), act.resume(0)]);

describe('consumerFetch', () => {
  it('without a commit starts by auto.offset.reset=earliest, then reads one record below the HW', () => {
    const s = committed();
    expect(s.consumer?.position).toBe('reset');
    const reset = step(s, act.read(0));
    expect(reset.consumer?.position).toBe(0);
    expect(reset.consumer?.jumps).toEqual([{ from: null, to: 0, cause: 'reset-earliest', seen: 0, acknowledged: null, skipped: [] }]);
    const read = step(reset, act.read(0));
    expect(read.consumer?.position).toBe(1);
    expect(read.consumer?.seen).toEqual([{ offset: 0, epoch: 0, id: 0 }]);
  });

  it('waits at the HW: a position between the HW and the LEO returns nothing', () => {
    const s = run(committed(), [act.read(0), act.read(0), act.send(0)]);
    expect(replica(s, 0)?.hw).toBe(1);
    expect(verdict(s, act.read(0))).toEqual(disabled('nothing below the HW 1 at offset 1: the fetch waits'));
  });

  it('auto.offset.reset=latest starts at the HW, skipping what is below it', () => {
    const end = run(committed({ autoOffsetReset: 'latest' }), [act.read(0)]);
    expect(end.consumer?.position).toBe(1);
    expect(end.consumer?.jumps[0]).toMatchObject({ cause: 'reset-latest', skipped: [{ offset: 0, id: 0, expired: false }] });
  });

  it('auto.offset.reset=none stops the consumer', () => {
    const end = run(committed({ autoOffsetReset: 'none' }), [act.read(0)]);
    expect(end.consumer?.position).toBe('failed');
    expect(verdict(end, act.read(0))).toEqual(disabled('the consumer stopped: no valid position and auto.offset.reset=none'));
  });

  it('is refused before the consumer resumed, and at a broker that does not lead', () => {
    const s = start(CONSUMER);
    expect(verdict(s, act.read(0)).reason).toBe('the consumer has no position yet: it asks its group coordinator first (OffsetFetch)');
    expect(verdict(committed(), act.read(1))).toEqual(disabled('b1 does not believe it leads (NOT_LEADER_OR_FOLLOWER)'));
    expect(verdict(committed(), act.read(0))).toEqual(ENABLED);
  });
});
