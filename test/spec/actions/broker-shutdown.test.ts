import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, catchUp, disabled, ids, run, start, verdict } from '../../builders.js';

describe('brokerShutdown', () => {
  it('hands leadership over, flushes, checkpoints the HW and writes the clean-shutdown marker (rule 21)', () => {
    // w0 is committed (HW 1); w1 waits for acks=all.
    const s = run(start(), [act.send(0, 'all'), ...catchUp(1, 2), act.send(0, 'all')]);
    expect(s.brokers[0]).toMatchObject({ hw: 1, hwCheckpoint: 0, flushed: 0 });
    expect(verdict(s, act.shutdown(0))).toEqual(ENABLED);
    const end = step(s, act.shutdown(0));
    expect(end.controller.partition).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], elr: [] });
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 1, fenced: true });
    expect(end.brokers[0]).toMatchObject({
      status: 'down',
      flushed: 2,
      hwCheckpoint: 1,
      cleanShutdownEpoch: 1,
      view: null,
      leader: null,
    });
    expect(ids(end, 0)).toEqual([0, 1]);
    expect(end.ghost.attempts[1]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(end.budget.shutdowns).toBe(1);
  });

  it('keeps the last ISR member in the ISR, leaderless, before ELR (rule 17)', () => {
    const s = run(start({ era: 'kraft' }), [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)]);
    expect(step(s, act.shutdown(0)).controller.partition).toMatchObject({ leader: null, isr: [0] });
  });

  it('is refused once the shutdowns budget is spent, and for a broker already down', () => {
    const s = run(start(), [act.shutdown(1)]);
    expect(verdict(s, act.shutdown(2))).toEqual(disabled('the shutdowns budget is spent'));
    const down = run(start({ budgets: { shutdowns: 2 } }), [act.crash(0)]);
    expect(verdict(down, act.shutdown(0))).toEqual(disabled('b0 is down'));
  });
});
