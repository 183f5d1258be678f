import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, disabled, replica, run, start, verdict } from '../../builders.js';

describe('brokerFlush', () => {
  it('puts everything appended so far on disk (rule 23)', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), act.send(0, 1)]);
    expect(replica(s, 0)?.flushed).toBe(0);
    expect(verdict(s, act.flush(0))).toEqual(ENABLED);
    const end = step(s, act.flush(0));
    expect(replica(end, 0)?.flushed).toBe(2);
    expect(replica(end, 0)?.log).toEqual(replica(s, 0)?.log);
  });

  it('is refused with nothing to flush: an empty log, or log.flush.interval.messages=1', () => {
    expect(verdict(start(), act.flush(0))).toEqual(disabled('b0 has nothing to flush'));
    const eager = run(start({ acks: 1, flushIntervalMessages: 1 }), [act.send(0, 1)]);
    expect(verdict(eager, act.flush(0))).toEqual(disabled('b0 has nothing to flush'));
  });

  it('is refused for a stopped broker', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), act.crash(0)]);
    expect(verdict(s, act.flush(0))).toEqual(disabled('b0 is down'));
  });
});
