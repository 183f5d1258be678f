import { describe, expect, it } from 'vitest';
import { OFFSETS_PARTITION } from '../../../spec/config.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, committedWrite, disabled, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

const reading = (overrides = {}) => run(start({ ...CONSUMER, ...overrides }), [...committedWrite(0, [1, 2]), act.resume(0), act.read(0), act.read(0)]);

describe('consumerCommit', () => {
  it('appends the position to __consumer_offsets with acks=all: acknowledged once its HW passes it', () => {
    const s = reading();
    expect(verdict(s, act.commit(0))).toEqual(ENABLED);
    const end = step(s, act.commit(0));
    expect(replica(end, 0, OFFSETS_PARTITION)?.log).toEqual([{ offset: 0, epoch: 0, id: 0, commit: { offset: 1, leaderEpoch: 0 } }]);
    expect(end.consumer?.commits[0]).toMatchObject({ acks: 'all', status: 'pending' });
    expect(end.consumer?.commits).toEqual([{ id: 0, acks: 'all', broker: 0, partition: OFFSETS_PARTITION, status: 'pending', position: 1 }]);
    expect(end.producer.attempts).toEqual(s.producer.attempts); // a commit is no write of the producer
    expect(end.budget.commits).toBe(1);
    const acknowledged = run(end, [act.offsets(act.serve(1)), act.offsets(act.apply(1)), act.offsets(act.serve(2)), act.offsets(act.apply(2)), act.offsets(act.serve(1)), act.offsets(act.serve(2))]);
    expect(acknowledged.consumer?.commits[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
  });

  it('with offsets.topic.replication.factor=1 is acknowledged at once by the lone coordinator', () => {
    const end = step(reading({ offsetsTopicReplicationFactor: 1 }), act.commit(0));
    expect(end.consumer?.commits[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
  });

  it('is refused by a broker that does not coordinate (NOT_COORDINATOR), and once the budget is spent', () => {
    expect(verdict(reading(), act.commit(1))).toEqual(disabled('b1 does not believe it leads (NOT_LEADER_OR_FOLLOWER): NOT_COORDINATOR'));
    expect(verdict(reading({ budgets: { commits: 1 } }), act.commit(0))).toEqual(ENABLED);
    const spent = run(reading({ budgets: { commits: 1 } }), [act.commit(0)]);
    expect(verdict(spent, act.commit(0))).toEqual(disabled('the commits budget is spent'));
  });

  it('carries the leader epoch of the last record read (KIP-320), where the consumer tracks it (2.3 on) and the run commits with epochs', () => {
    const epochOf = (overrides: object): number | null | undefined => replica(step(reading(overrides), act.commit(0)), 0, OFFSETS_PARTITION)?.log[0]?.commit?.leaderEpoch;
    expect(epochOf({ era: 'kraft' })).toBe(0);
    expect(epochOf({ era: 'kraft', commitLeaderEpoch: false })).toBeNull();
    // 2.1 and 2.2 committed it too, but nothing read it before validation came (2.3): the model leaves it out.
    expect(epochOf({ era: 'kip-320' })).toBeNull();
  });
});
