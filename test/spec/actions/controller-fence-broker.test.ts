import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, offsets, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

describe('controllerFenceBroker', () => {
  it('fences a live follower: out of the ISR, new partition epoch, same leader epoch (rule 13, 15)', () => {
    const s = start();
    expect(verdict(s, act.fence(2))).toEqual(ENABLED);
    const end = step(s, act.fence(2));
    expect(end.controller.registrations[2]).toEqual({ brokerEpoch: 1, fenced: true });
    expect(data(end).record).toEqual({ leader: 0, leaderEpoch: 0, partitionEpoch: 1, isr: [0, 1], elr: [] });
    expect(end.budget.fences).toBe(1);
    expect(end.brokers[2]?.status).toBe('running'); // it keeps running, on a stale view (rule 19)
    expect(replica(end, 2)?.view?.isr).toEqual([0, 1, 2]);
  });

  it('fences the live leader: the partition is leaderless at a new leader epoch, the broker does not know yet', () => {
    const end = step(start(), act.fence(0));
    expect(data(end).record).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], elr: [] });
    expect(replica(end, 0)?.leader).not.toBeNull();
    expect(verdict(end, act.send(0, 'all'))).toEqual(ENABLED);
  });

  it('happens to every partition the broker hosts: it leaves the ISR and leadership of __consumer_offsets too', () => {
    const s = start(CONSUMER);
    const end = step(s, act.fence(0));
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 1, fenced: true });
    expect(data(end).record).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], elr: [] });
    expect(offsets(end).record).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], elr: [] });
    expect(end.budget.fences).toBe(1); // one fencing of one broker, whatever it hosts
  });

  it('fences a broker that hosts only a replica of __consumer_offsets', () => {
    const s = start({ ...CONSUMER, brokers: 4, replicationFactor: 3, offsetsTopicAssignment: [3, 1, 2] });
    expect(verdict(s, act.fence(3))).toEqual(ENABLED);
    const end = step(s, act.fence(3));
    expect(offsets(end).record).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], elr: [] });
    expect(data(end).record).toEqual(data(s).record);
  });

  it('keeps the last ISR member in the ISR, leaderless, before ELR (rule 17)', () => {
    const s = run(start({ era: 'kraft' }), [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)]);
    const end = step(s, act.fence(0));
    expect(data(end).record).toMatchObject({ leader: null, isr: [0] });
  });

  it('fences a dead broker without spending the budget', () => {
    const s = run(start({ budgets: { fences: 0 } }), [act.crash(1)]);
    expect(verdict(s, act.fence(1))).toEqual(ENABLED);
    const end = step(s, act.fence(1));
    expect(end.budget.fences).toBe(0);
    expect(data(end).record.isr).toEqual([0, 2]);
  });

  it('refuses a live broker once the fences budget is spent', () => {
    const s = run(start(), [act.fence(1)]);
    expect(verdict(s, act.fence(2))).toEqual(disabled('the fences budget is spent'));
  });

  it('refuses a broker already fenced and a broker with no replica', () => {
    expect(verdict(run(start({ budgets: { fences: 2 } }), [act.fence(1)]), act.fence(1))).toEqual(
      disabled('b1 is already fenced'),
    );
    expect(verdict(start({ brokers: 4, replicationFactor: 3 }), act.fence(3))).toEqual(disabled('b3 hosts no replica'));
  });
});
