import { describe, expect, it } from 'vitest';
import { maximalIsr } from '../../../spec/isr.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, disabled, run, start, verdict } from '../../builders.js';

describe('leaderShrinkIsr', () => {
  it('proposes the ISR without the follower, keeping the committed and maximal ISR until accepted (rule 12)', () => {
    const s = start();
    expect(verdict(s, act.shrink(0, 1))).toEqual(ENABLED);
    const end = step(s, act.shrink(0, 1));
    expect(end.brokers[0]?.leader?.pendingIsr).toEqual([0, 2]);
    expect(end.network.alterPartitionRequests).toEqual([
      { from: 0, brokerEpoch: 1, leaderEpoch: 0, partitionEpoch: 0, isr: [0, 2], memberEpochs: [1, -1] },
    ]);
    expect(end.budget.shrinks).toBe(1);
    expect(end.controller.partition.isr).toEqual([0, 1, 2]);
    expect(end.brokers[0]?.view?.isr).toEqual([0, 1, 2]);
    const leader = end.brokers[0];
    expect(leader && maximalIsr(end.config, leader)).toEqual([0, 1, 2]);
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
});
