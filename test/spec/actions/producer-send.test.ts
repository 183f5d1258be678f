import { describe, expect, it } from 'vitest';
import { DATA_PARTITION } from '../../../spec/config.js';
import { enabledActions, step } from '../../../spec/step.js';
import { ENABLED, act, catchUp, data, disabled, ids, replica, run, start, verdict } from '../../builders.js';

describe('producerSend acks=1', () => {
  it('appends at the leader LEO in the current epoch and acknowledges at once (rule 3)', () => {
    const s = start({ acks: 1 });
    expect(verdict(s, act.send(0, 1))).toEqual(ENABLED);
    const end = step(s, act.send(0, 1));
    expect(replica(end, 0)?.log).toEqual([{ offset: 0, epoch: 0, id: 0 }]);
    expect(end.producer.attempts).toEqual([
      { id: 0, acks: 1, broker: 0, partition: DATA_PARTITION, status: 'acknowledged', offset: 0 },
    ]);
    expect(end.budget.records).toBe(1);
    expect(replica(end, 0)?.hw).toBe(0); // no follower has fetched yet
    expect(replica(end, 0)?.flushed).toBe(0); // the default flush policy forces nothing
    expect(ids(end, 1)).toEqual([]);
  });

  it('fsyncs inside the append with log.flush.interval.messages=1 (rule 23)', () => {
    const end = step(start({ acks: 1, flushIntervalMessages: 1 }), act.send(0, 1));
    expect(replica(end, 0)?.flushed).toBe(1);
  });

  it('is refused at a follower (NOT_LEADER_OR_FOLLOWER) and at a stopped leader', () => {
    expect(verdict(start({ acks: 1 }), act.send(1, 1))).toEqual(
      disabled('b1 does not believe it leads (NOT_LEADER_OR_FOLLOWER)'),
    );
    expect(verdict(run(start({ acks: 1 }), [act.crash(0)]), act.send(0, 1))).toEqual(disabled('b0 is down'));
  });
});

describe('producerSend acks=0', () => {
  it('to a non-leader: acknowledged without an offset and appended nowhere (rule 3)', () => {
    const s = start({ acks: 0 });
    expect(verdict(s, act.send(1, 0))).toEqual(ENABLED);
    const end = step(s, act.send(1, 0));
    expect(end.producer.attempts).toEqual([
      { id: 0, acks: 0, broker: 1, partition: DATA_PARTITION, status: 'acknowledged', offset: null },
    ]);
    expect([ids(end, 0), ids(end, 1), ids(end, 2)]).toEqual([[], [], []]);
    expect(end.budget.records).toBe(1);
  });

  it('to a stopped broker: still sent and acknowledged, and lost', () => {
    const s = run(start({ acks: 0 }), [act.crash(0)]);
    expect(verdict(s, act.send(0, 0))).toEqual(ENABLED);
    const end = step(s, act.send(0, 0));
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: null });
    expect(ids(end, 0)).toEqual([]);
  });

  it('to the leader: appended, but the producer learns no offset', () => {
    const end = step(start({ acks: 0 }), act.send(0, 0));
    expect(ids(end, 0)).toEqual([0]);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: null });
  });

  it('is offered for every replica, whoever leads', () => {
    const sends = enabledActions(start({ acks: 0 })).filter((action) => action.kind === 'producerSend');
    expect(sends).toEqual([act.send(0, 0), act.send(1, 0), act.send(2, 0)]);
  });
});

describe('producerSend acks=all', () => {
  it('appends, waits in purgatory, and is acknowledged once the HW passes the record', () => {
    const sent = step(start(), act.send(0, 'all'));
    expect(ids(sent, 0)).toEqual([0]);
    expect(sent.producer.attempts[0]).toMatchObject({ status: 'pending' });
    expect(replica(sent, 0)?.leader?.delayedProduces).toEqual([{ id: 0, offset: 0, from: 'producer' }]);

    const done = run(sent, catchUp(1, 2));
    expect(replica(done, 0)?.hw).toBe(1);
    expect(done.producer.attempts[0]).toEqual({
      id: 0,
      acks: 'all',
      broker: 0,
      partition: DATA_PARTITION,
      status: 'acknowledged',
      offset: 0,
    });
    expect(replica(done, 0)?.leader?.delayedProduces).toEqual([]);
    expect(data(done).ghost.exposed.map((record) => record.id)).toEqual([0]);
  });

  it('is refused with NOT_ENOUGH_REPLICAS, appending nothing, while the committed ISR is below min.insync.replicas', () => {
    const s = run(start(), [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)]);
    const end = step(s, act.send(0, 'all'));
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_ENOUGH_REPLICAS' });
    expect(ids(end, 0)).toEqual([]);
    expect(data(end).ghost.events.notEnoughReplicas).toBe(true);
    expect(end.budget.records).toBe(1);
  });

  it('is refused with NOT_ENOUGH_REPLICAS under a full ISR when min.insync.replicas > RF, before 3.7 (rule 24)', () => {
    const end = step(start({ era: 'kraft', minInsyncReplicas: 4 }), act.send(0, 'all'));
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_ENOUGH_REPLICAS' });
    expect(ids(end, 0)).toEqual([]);
  });

  it('is admitted from 3.7 with min.insync.replicas > RF: the effective minimum is RF (KAFKA-15583, rule 24)', () => {
    const end = step(start({ era: 'kip-966', minInsyncReplicas: 4 }), act.send(0, 'all'));
    expect(end.producer.attempts[0]).toMatchObject({ status: 'pending' });
    expect(ids(end, 0)).toEqual([0]);
  });

  it('fails NOT_ENOUGH_REPLICAS_AFTER_APPEND when the ISR shrinks while it waits, yet the record stays readable', () => {
    const script = [act.send(0, 'all'), ...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)];
    const end = run(start({ era: 'kraft' }), script);
    expect(replica(end, 0)?.view?.isr).toEqual([0]);
    expect(replica(end, 0)?.hw).toBe(1); // a lone leader advances the HW before 3.7 (rule 2)
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' });
    expect(ids(end, 0)).toEqual([0]);
    expect(data(end).ghost.exposed.map((record) => record.id)).toEqual([0]);
  });

  it('stays pending and invisible from 3.7: the HW does not advance below min.insync.replicas (KAFKA-15583)', () => {
    const script = [act.send(0, 'all'), ...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)];
    const end = run(start({ era: 'kip-966' }), script);
    expect(replica(end, 0)?.view?.isr).toEqual([0]);
    expect(replica(end, 0)?.hw).toBe(0);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'pending' });
    expect(data(end).ghost.exposed).toEqual([]);
  });
});

describe('producerSend budget', () => {
  it('refuses a send once the records budget is spent', () => {
    const s = run(start({ budgets: { records: 1 } }), [act.send(0, 'all')]);
    expect(verdict(s, act.send(0, 'all'))).toEqual(disabled('the records budget is spent'));
  });
});
