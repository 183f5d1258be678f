import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { OFFSETS_PARTITION } from '../../../spec/config.js';
import { ENABLED, act, catchUp, disabled, ids, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER, consumedAndCommitted } from '../../stories.js';

/** b0 appended w0 (flushed) and w1 (page cache only). */
const partlyFlushed = [act.send(0, 1), act.flush(0), act.send(0, 1)];

describe('brokerPowerLoss', () => {
  it('drops everything above the flushed offset (rule 21)', () => {
    const s = run(start({ acks: 1, budgets: { powerLosses: 1 } }), partlyFlushed);
    expect(verdict(s, act.powerLoss(0))).toEqual(ENABLED);
    const end = step(s, act.powerLoss(0));
    expect(ids(end, 0)).toEqual([0]);
    expect(replica(end, 0)?.flushed).toBe(1);
    expect(end.brokers[0]?.status).toBe('down');
    expect(replica(end, 0)?.leader).toBeNull();
    expect(end.budget.powerLosses).toBe(1);
    expect(end.controller.registrations[0]?.fenced).toBe(false);
  });

  it('truncates the epoch cache with the log and keeps the HW checkpoint', () => {
    // b1 holds w0 unflushed and has learned HW 1, which it checkpoints.
    const script = [act.send(0, 1), ...catchUp(1, 2), ...act.fetch(1), act.checkpoint(1)];
    const s = run(start({ acks: 1, budgets: { powerLosses: 1 } }), script);
    expect(replica(s, 1)).toMatchObject({ hw: 1, hwCheckpoint: 1, flushed: 0, epochs: [{ epoch: 0, startOffset: 0 }] });
    const end = step(s, act.powerLoss(1));
    expect(ids(end, 1)).toEqual([]);
    expect(replica(end, 1)?.epochs).toEqual([]);
    expect(replica(end, 1)?.hwCheckpoint).toBe(1);
  });

  it('happens to every partition the broker hosts: one page cache, so __consumer_offsets loses its unflushed commit too', () => {
    // b0 holds w0 and the commit of position 1, neither flushed; it flushes the data partition only.
    const s = run(start({ ...CONSUMER, budgets: { ...CONSUMER.budgets, powerLosses: 1 } }), [...consumedAndCommitted, act.flush(0)]);
    expect([replica(s, 0)?.flushed, replica(s, 0, OFFSETS_PARTITION)?.flushed]).toEqual([1, 0]);
    expect(ids(s, 0, OFFSETS_PARTITION)).toEqual([0]);
    const end = step(s, act.powerLoss(0));
    expect(ids(end, 0)).toEqual([0]);
    expect(ids(end, 0, OFFSETS_PARTITION)).toEqual([]);
    expect(replica(end, 0, OFFSETS_PARTITION)?.epochs).toEqual([]);
    expect(replica(end, 0, OFFSETS_PARTITION)?.leader).toBeNull();
    expect(end.consumer?.commits[0]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER', position: 1 });
    expect(end.brokers[0]).toMatchObject({ status: 'down', lostPower: true });
    expect(end.budget.powerLosses).toBe(1); // one power loss of one machine, whatever it hosts
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
