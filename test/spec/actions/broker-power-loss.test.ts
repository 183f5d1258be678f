import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, catchUp, disabled, ids, run, start, verdict } from '../../builders.js';

/** b0 appended w0 (flushed) and w1 (page cache only). */
const partlyFlushed = [act.send(0, 1), act.flush(0), act.send(0, 1)];

describe('brokerPowerLoss', () => {
  it('drops everything above the flushed offset (rule 21)', () => {
    const s = run(start({ acks: 1, budgets: { powerLosses: 1 } }), partlyFlushed);
    expect(verdict(s, act.powerLoss(0))).toEqual(ENABLED);
    const end = step(s, act.powerLoss(0));
    expect(ids(end, 0)).toEqual([0]);
    expect(end.brokers[0]?.flushed).toBe(1);
    expect(end.brokers[0]?.status).toBe('down');
    expect(end.brokers[0]?.leader).toBeNull();
    expect(end.budget.powerLosses).toBe(1);
    expect(end.controller.registrations[0]?.fenced).toBe(false);
  });

  it('truncates the epoch cache with the log and keeps the HW checkpoint', () => {
    // b1 holds w0 unflushed and has learned HW 1, which it checkpoints.
    const script = [act.send(0, 1), ...catchUp(1, 2), ...act.fetch(1), act.checkpoint(1)];
    const s = run(start({ acks: 1, budgets: { powerLosses: 1 } }), script);
    expect(s.brokers[1]).toMatchObject({ hw: 1, hwCheckpoint: 1, flushed: 0, epochs: [{ epoch: 0, startOffset: 0 }] });
    const end = step(s, act.powerLoss(1));
    expect(ids(end, 1)).toEqual([]);
    expect(end.brokers[1]?.epochs).toEqual([]);
    expect(end.brokers[1]?.hwCheckpoint).toBe(1);
  });

  it('keeps what a process crash keeps when everything was flushed', () => {
    const budgets = { powerLosses: 1 };
    const crashed = run(start({ acks: 1 }), [...partlyFlushed, act.crash(0)]);
    expect(ids(crashed, 0)).toEqual([0, 1]);
    const eager = run(start({ acks: 1, budgets, flushIntervalMessages: 1 }), [act.send(0, 1), act.send(0, 1), act.powerLoss(0)]);
    expect(ids(eager, 0)).toEqual([0, 1]);
  });

  it('is refused under the default budget (no power losses), and for a broker already down', () => {
    expect(verdict(start(), act.powerLoss(0))).toEqual(disabled('the powerLosses budget is spent'));
    const down = run(start({ budgets: { powerLosses: 2 } }), [act.powerLoss(0)]);
    expect(verdict(down, act.powerLoss(0))).toEqual(disabled('b0 is down'));
  });
});
