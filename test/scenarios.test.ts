/**
 * Scripted scenarios: plain action lists replayed through `step`, each the story of one sentence of the
 * seed, with the invariant verdict Kafka's behaviour implies.
 */
import { describe, expect, it } from 'vitest';
import { ackedNeverLost } from '../properties/acked-never-lost.js';
import { act, data, ids, replica, run, start } from './builders.js';
import { correlatedPowerLoss, UNCLEAN, uncleanElectionLosesW0 } from './stories.js';

describe('acks=1: the leader dies before a follower copied the record', () => {
  const script = [act.send(0, 1), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)];
  const end = run(start({ acks: 1 }), script);

  it('acknowledged the record at offset 0', () => {
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
  });
  it('elects b1, which never had it: acked-never-lost is violated', () => {
    expect(data(end).record.leader).toBe(1);
    expect(ids(end, 1)).toEqual([]);
    expect(ackedNeverLost.check(end)).toMatch(/w0 \(acks=1\) was acknowledged at offset 0 .* leader b1/);
  });
});

describe('acks=all, min.insync.replicas=2: the ISR is down to the leader', () => {
  const script = [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), act.send(0, 'all')];
  const end = run(start(), script);

  it('commits ISR [b0]', () => {
    expect(data(end).record.isr).toEqual([0]);
    expect(replica(end, 0)?.view?.isr).toEqual([0]);
  });
  it('refuses the write with NOT_ENOUGH_REPLICAS and appends nothing', () => {
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_ENOUGH_REPLICAS' });
    expect(ids(end, 0)).toEqual([]);
    expect(data(end).ghost.events.notEnoughReplicas).toBe(true);
  });
});

describe('unclean election with min.insync.replicas=1 loses an acknowledged record', () => {
  const config = UNCLEAN;
  const script = uncleanElectionLosesW0;
  const end = run(start(config), script);

  it('acknowledges the write with the leader alone in the ISR', () => {
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
  });
  it('elects b1 from outside the ISR, and the record is gone', () => {
    expect(data(end).ghost.events.uncleanElection).toBe(true);
    expect(data(end).record.isr).toEqual([1]);
    expect(ackedNeverLost.check(end)).toMatch(/w0 .* leader b1/);
  });
  it('is refused with unclean election disabled: b1 is not eligible', () => {
    expect(() => run(start({ minInsyncReplicas: 1 }), script)).toThrow(/controllerElectLeader broker=b1 is not enabled/);
  });
});

describe('a correlated power loss of every ISR member', () => {
  const script = correlatedPowerLoss;
  const budgets = { powerLosses: 3 };

  it('loses the acknowledged record under the default lazy flush', () => {
    const end = run(start({ budgets }), script);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
    expect(data(end).record.leader).toBe(2);
    expect(ackedNeverLost.check(end)).toMatch(/w0 \(acks=all\) was acknowledged at offset 0 .* leader b2 .* holds nothing/);
  });
  it('loses nothing with log.flush.interval.messages=1', () => {
    const end = run(start({ budgets, flushIntervalMessages: 1 }), script);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
    expect(ids(end, 2)).toEqual([0]);
    expect(ackedNeverLost.check(end)).toBeNull();
  });
});
