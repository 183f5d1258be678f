import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { OFFSETS_PARTITION } from '../../../spec/config.js';
import { ENABLED, act, catchUp, data, disabled, ids, offsets, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER, consumedAndCommitted } from '../../stories.js';

describe('brokerShutdown', () => {
  it('hands leadership over, flushes, checkpoints the HW and writes the clean-shutdown marker (rule 21)', () => {
    // w0 is committed (HW 1); w1 waits for acks=all.
    const s = run(start(), [act.send(0, 'all'), ...catchUp(1, 2), act.send(0, 'all')]);
    expect(replica(s, 0)).toMatchObject({ hw: 1, hwCheckpoint: 0, flushed: 0 });
    expect(verdict(s, act.shutdown(0))).toEqual(ENABLED);
    const end = step(s, act.shutdown(0));
    expect(data(end).record).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2], elr: [] });
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 1, fenced: true });
    expect(end.brokers[0]).toMatchObject({ status: 'down', cleanShutdownEpoch: 1 });
    expect(replica(end, 0)).toMatchObject({ flushed: 2, hwCheckpoint: 1, view: null, leader: null });
    expect(ids(end, 0)).toEqual([0, 1]);
    expect(end.producer.attempts[1]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(end.budget.shutdowns).toBe(1);
  });

  it('happens to every partition the broker hosts: __consumer_offsets too leaves it, flushed and checkpointed', () => {
    // offsets.topic.replication.factor=2: the commit is acknowledged once b1 has it (HW 1); b0's checkpoint says 0.
    const s = run(start({ ...CONSUMER, offsetsTopicReplicationFactor: 2 }), [
      ...consumedAndCommitted,
      ...[act.serve(1), act.apply(1), act.serve(1)].map(act.offsets),
    ]);
    expect(replica(s, 0, OFFSETS_PARTITION)).toMatchObject({ hw: 1, hwCheckpoint: 0, flushed: 0 });
    expect(s.consumer?.commits[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
    const end = step(s, act.shutdown(0));
    // KIP-966 (the default era): the ISR [b1] is below min.insync.replicas, so b0, clean, joins the ELR.
    expect(offsets(end).record).toEqual({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1], elr: [0] });
    expect(replica(end, 0, OFFSETS_PARTITION)).toMatchObject({ flushed: 1, hwCheckpoint: 1, view: null, leader: null });
    expect(ids(end, 0, OFFSETS_PARTITION)).toEqual([0]);
    expect(end.brokers[0]).toMatchObject({ status: 'down', cleanShutdownEpoch: 1 });
    expect(end.budget.shutdowns).toBe(1); // one shutdown of one broker, whatever it hosts
  });

  it('keeps the last ISR member in the ISR, leaderless, before ELR (rule 17)', () => {
    const s = run(start({ era: 'kraft' }), [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)]);
    expect(data(step(s, act.shutdown(0))).record).toMatchObject({ leader: null, isr: [0] });
  });

  it('is refused once the shutdowns budget is spent, and for a broker already down', () => {
    const s = run(start(), [act.shutdown(1)]);
    expect(verdict(s, act.shutdown(2))).toEqual(disabled('the shutdowns budget is spent'));
    const down = run(start({ budgets: { shutdowns: 2 } }), [act.crash(0)]);
    expect(verdict(down, act.shutdown(0))).toEqual(disabled('b0 is down'));
  });
});
