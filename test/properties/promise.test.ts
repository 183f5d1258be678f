import { describe, expect, it } from 'vitest';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { kafkaPromise } from '../../properties/promise.js';
import { DATA_PARTITION } from '../../spec/config.js';
import { act, config, data, run, start } from '../builders.js';
import { correlatedPowerLoss } from '../stories.js';

type Overrides = Parameters<typeof config>[0];

/** The promise before KIP-966 (the `kraft` era): no power loss with a lazy flush. */
const promise = (overrides: Overrides) => kafkaPromise(config({ era: 'kraft', ...overrides }), DATA_PARTITION);

describe('kafkaPromise: covered', () => {
  it('by the safe default: acks=all, min.insync.replicas=2, clean elections, no power loss', () => {
    expect(promise({})).toEqual({
      covered: true,
      reason: 'acks=all, min.insync.replicas >= 2, clean elections, no power loss of unflushed data',
    });
  });

  it('with min.insync.replicas equal to the replication factor', () => {
    expect(promise({ minInsyncReplicas: 3 }).covered).toBe(true);
  });

  it('with process crashes, which keep the page cache', () => {
    expect(promise({ budgets: { crashes: 3 } }).covered).toBe(true);
  });

  it('with power losses when every append is fsynced (log.flush.interval.messages=1)', () => {
    expect(promise({ flushIntervalMessages: 1, budgets: { powerLosses: 3 } }).covered).toBe(true);
  });

  it('with lazy flush as long as no power can be lost', () => {
    expect(promise({ flushIntervalMessages: null, budgets: { powerLosses: 0 } }).covered).toBe(true);
  });
});

describe('kafkaPromise: not covered', () => {
  it('with acks=1', () => {
    expect(promise({ acks: 1 })).toEqual({ covered: false, reason: 'acks=1 does not wait for the ISR' });
  });

  it('with acks=0', () => {
    expect(promise({ acks: 0 })).toEqual({ covered: false, reason: 'acks=0 does not wait for the ISR' });
  });

  it('with min.insync.replicas=1', () => {
    expect(promise({ minInsyncReplicas: 1 })).toEqual({
      covered: false,
      reason: 'min.insync.replicas < 2 lets one replica acknowledge',
    });
  });

  it('with unclean leader election', () => {
    expect(promise({ uncleanLeaderElection: true })).toEqual({
      covered: false,
      reason: 'unclean.leader.election.enable=true',
    });
  });

  it('with a power loss under the default lazy flush', () => {
    expect(promise({ budgets: { powerLosses: 1 } })).toEqual({
      covered: false,
      reason: 'a power loss with lazy flush: before KIP-966 Kafka promises nothing against it (era kraft)',
    });
  });

  it('with a power loss when only every second message is fsynced', () => {
    expect(promise({ flushIntervalMessages: 2, budgets: { powerLosses: 1 } }).covered).toBe(false);
  });

  it('names the first reason when several apply (acks before the rest)', () => {
    const verdict = promise({ acks: 1, minInsyncReplicas: 1, uncleanLeaderElection: true, budgets: { powerLosses: 1 } });
    expect(verdict.reason).toBe('acks=1 does not wait for the ISR');
  });
});

describe('kafkaPromise under KIP-966: fewer than min.insync.replicas unclean shutdowns (rule 22)', () => {
  const kip966 = (overrides: Overrides) => kafkaPromise(config({ era: 'kip-966', ...overrides }), DATA_PARTITION);

  it('covers budgets allowing one power loss, or one crash', () => {
    expect(kip966({ budgets: { powerLosses: 1, crashes: 0 } }).covered).toBe(true);
    expect(kip966({ budgets: { powerLosses: 0, crashes: 1 } }).covered).toBe(true);
  });
  it('does not cover budgets allowing two unclean shutdowns of either kind', () => {
    expect(kip966({ budgets: { powerLosses: 1, crashes: 1 } })).toEqual({
      covered: false,
      reason: '2 unclean shutdowns (crashes and power losses) before the ISR was whole again: KIP-966 tolerates fewer than min.insync.replicas=2',
    });
  });
  it('judges a run by the unclean shutdowns it had, counted since the ISR was last whole', () => {
    const cfg = config({ era: 'kip-966', budgets: { crashes: 2 } });
    const oneAtATime = run(start(cfg), [act.crash(1), act.fence(1), act.restart(1), act.metadata(1), act.unfence(1), ...act.fetch(1)]);
    expect(data(oneAtATime).ghost.maxUncleanShutdowns).toBe(1);
    expect(kafkaPromise(cfg, DATA_PARTITION, oneAtATime).covered).toBe(true);
    const both = run(start(cfg), [act.crash(1), act.crash(2)]);
    expect(kafkaPromise(cfg, DATA_PARTITION, both).covered).toBe(false);
  });
});

describe('kafkaPromise agrees with what the model can lose', () => {
  const budgets = { powerLosses: 3 };

  it('outside the promise (lazy flush), the acknowledged write is lost', () => {
    expect(promise({ budgets }).covered).toBe(false);
    expect(ackedNeverLost.check(run(start({ budgets }), correlatedPowerLoss))).toMatch(/^w0 \(acks=all\) .* leader b2/);
  });

  it('inside the promise (flush every message), it survives', () => {
    const overrides = { budgets, flushIntervalMessages: 1 };
    expect(promise(overrides).covered).toBe(true);
    expect(ackedNeverLost.check(run(start(overrides), correlatedPowerLoss))).toBeNull();
  });
});
