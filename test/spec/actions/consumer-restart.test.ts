import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, disabled, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

describe('consumerRestart', () => {
  it('forgets the position: the consumer asks its coordinator again', () => {
    const s = run(start(CONSUMER), [act.resume(0)]);
    expect(verdict(s, act.consumerRestart())).toEqual(ENABLED);
    const end = step(s, act.consumerRestart());
    expect(end.consumer?.position).toBeNull();
    expect(end.budget.consumerRestarts).toBe(1);
  });

  it('is refused while starting, once the budget is spent, and without a consumer', () => {
    expect(verdict(start(CONSUMER), act.consumerRestart())).toEqual(disabled('the consumer is starting already'));
    const spent = run(start(CONSUMER), [act.resume(0), act.consumerRestart(), act.resume(0)]);
    expect(verdict(spent, act.consumerRestart())).toEqual(disabled('the consumerRestarts budget is spent'));
    expect(verdict(start(), act.consumerRestart())).toEqual(disabled('no consumer is modelled (a commits budget of 0)'));
  });
});
