import { describe, expect, it } from 'vitest';
import { offsetsNeverRegress } from '../../properties/offsets-never-regress.js';
import { judge } from '../../properties/judge.js';
import { checkRandom } from '../../model/check/check.js';
import { act, config, run, start } from '../builders.js';
import { commitLostToPowerLoss, CONSUMER, consumedAndCommitted } from '../stories.js';

const POWER = { ...CONSUMER, budgets: { ...CONSUMER.budgets, powerLosses: 1, crashes: 0 } };

describe('offsets-never-regress: violated', () => {
  it('with offsets.topic.replication.factor=1, a power loss takes the acknowledged commit: records are processed again', () => {
    const overrides = { ...POWER, offsetsTopicReplicationFactor: 1 };
    const end = run(start(overrides), commitLostToPowerLoss);
    expect(offsetsNeverRegress.check(end)).toBe(
      'the consumer resumed at offset 0 by auto.offset.reset (earliest), finding no commit, below its acknowledged commit 1: records 0..0 are processed again',
    );
    // One replica of __consumer_offsets: outside Kafka's promise.
    expect(judge(config(overrides), 'offsets-never-regress', end)).toMatchObject({ judged: 'allowed' });
  });
});

describe('offsets-never-regress: holds', () => {
  it('while the consumer resumes from its latest commit', () => {
    const end = run(start({ ...CONSUMER, offsetsTopicReplicationFactor: 1 }), [...consumedAndCommitted, act.consumerRestart(), act.resume(0)]);
    expect(end.consumer?.position).toBe(1);
    expect(offsetsNeverRegress.check(end)).toBeNull();
  });

  it('with three replicas and min.insync.replicas=2 under one power loss, in 300 random runs', () => {
    const result = checkRandom({ config: config(POWER), invariants: [offsetsNeverRegress], runs: 300, seed: 11, maxSteps: 50 });
    expect(result.finding).toBeNull();
  });
});
