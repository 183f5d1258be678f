import { describe, expect, it } from 'vitest';
import { rulesOf } from '../../../spec/eras/index.js';
import { maximalIsr } from '../../../spec/isr.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, offsets, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

describe('leaderShrinkIsr', () => {
  it('proposes the ISR without the follower, keeping the committed and maximal ISR until accepted (rule 12)', () => {
    const s = start();
    expect(verdict(s, act.shrink(0, 1))).toEqual(ENABLED);
    const end = step(s, act.shrink(0, 1));
    expect(replica(end, 0)?.leader?.pendingIsr).toEqual([0, 2]);
    expect(data(end).network.alterPartitionRequests).toEqual([
      { from: 0, brokerEpoch: 1, leaderEpoch: 0, partitionEpoch: 0, isr: [0, 2], memberEpochs: [1, -1] },
    ]);
    expect(data(end).shrinks).toBe(1);
    expect(data(end).record.isr).toEqual([0, 1, 2]);
    expect(replica(end, 0)?.view?.isr).toEqual([0, 1, 2]);
    const leader = replica(end, 0);
    expect(leader && maximalIsr(rulesOf(end.config), leader)).toEqual([0, 1, 2]);
  });

  it('allows one ISR change in flight at a time, until the answer is handled', () => {
    const proposed = run(start(), [act.shrink(0, 1)]);
    expect(verdict(proposed, act.shrink(0, 2))).toEqual(disabled('an ISR change is already in flight'));
    const answered = run(proposed, [act.handleAlter(0)]);
    expect(verdict(answered, act.shrink(0, 2))).toEqual(disabled('an ISR change is already in flight'));
    expect(verdict(run(answered, [act.alterResponse(0)]), act.shrink(0, 2))).toEqual(ENABLED);
  });

  it('drops only a follower of the committed ISR', () => {
    expect(verdict(start(), act.shrink(0, 0))).toEqual(disabled('b0 is not a follower in the ISR'));
    const shrunk = run(start(), act.shrinkCommitted(0, 1));
    expect(verdict(shrunk, act.shrink(0, 1))).toEqual(disabled('b1 is not a follower in the ISR'));
  });

  it('is taken only by a broker that believes it leads', () => {
    expect(verdict(start(), act.shrink(1, 2))).toEqual(disabled('b1 does not believe it leads'));
    expect(verdict(run(start(), [act.crash(0)]), act.shrink(0, 1))).toEqual(disabled('b0 does not believe it leads'));
  });

  it('is refused once the shrinks budget is spent', () => {
    expect(verdict(start({ budgets: { shrinks: 0 } }), act.shrink(0, 1))).toEqual(disabled('the shrinks budget is spent'));
    const s = run(start({ budgets: { shrinks: 1 } }), act.shrinkCommitted(0, 1));
    expect(verdict(s, act.shrink(0, 2))).toEqual(disabled('the shrinks budget is spent'));
  });

  it('counts the shrinks budget per partition: __consumer_offsets has its own', () => {
    const s = run(start({ ...CONSUMER, budgets: { ...CONSUMER.budgets, shrinks: 1 } }), act.shrinkCommitted(0, 1));
    expect([data(s).shrinks, offsets(s).shrinks]).toEqual([1, 0]);
    expect(verdict(s, act.shrink(0, 2))).toEqual(disabled('the shrinks budget is spent'));
    expect(verdict(s, act.offsets(act.shrink(0, 2)))).toEqual(ENABLED);
    const end = step(s, act.offsets(act.shrink(0, 2)));
    expect([data(end).shrinks, offsets(end).shrinks]).toEqual([1, 1]);
    expect(offsets(end).network.alterPartitionRequests).toMatchObject([{ from: 0, isr: [0, 1] }]);
    expect(data(end).network.alterPartitionRequests).toEqual([]);
    expect(verdict(end, act.offsets(act.shrink(0, 1)))).toEqual(disabled('the shrinks budget is spent'));
  });
});
