import { describe, expect, it } from 'vitest';
import type { Action } from '../../../spec/actions/index.js';
import { producerOrder } from '../../../properties/producer-order.js';
import { awaitingRetry } from '../../../spec/producer.js';
import { act, data, disabled, run, start, verdict } from '../../builders.js';

const send = (broker: number): Action => ({ kind: 'producerSendRequest', producer: 0, broker });
const handle = (broker: number): Action => ({ kind: 'leaderHandleProduce', producer: 0, broker });
const answer = (broker: number): Action => ({ kind: 'producerHandleResponse', producer: 0, broker });
const timeout = (broker: number): Action => ({ kind: 'producerRequestTimeout', producer: 0, broker });
const retry = (write: number, broker: number): Action => ({ kind: 'producerRetry', write, broker });
const RETRIES = { budgets: { records: 3, retries: 2 } } as const;

describe('produce requests over the network (a retries budget)', () => {
  it('replace the atomic send, which stays the only produce without a retries budget', () => {
    expect(verdict(start(RETRIES), act.send(0))).toEqual(disabled('with a retries budget produce requests travel the network: producerSendRequest'));
    expect(verdict(start(), send(0))).toEqual(disabled('produces are atomic without a retries budget: producerSend'));
    expect(start().producer.network).toBeNull();
  });

  it('are acknowledged only once the answer reaches the producer, after the HW passed the record', () => {
    const appended = run(start(RETRIES), [send(0), handle(0)]);
    expect(appended.producer.attempts[0]?.status).toBe('pending');
    const answered = run(appended, [...act.fetch(1), ...act.fetch(2), act.serve(1), act.serve(2)]);
    expect(answered.producer.network?.requests).toEqual([{ producer: 0, write: 0, send: 0, broker: 0, stage: 'response', answer: { offset: 0 } }]);
    expect(run(answered, [answer(0)]).producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
  });

  it('are read in order on a connection, one at a time: the next waits while the leader holds one in purgatory', () => {
    const held = run(start(RETRIES), [send(0), send(0), handle(0)]);
    expect(verdict(held, handle(0))).toEqual(disabled('b0 has not answered the request before it (w0)'));
  });

  it('answer NOT_LEADER_OR_FOLLOWER from a broker that no longer leads, which leaves the write to a retry', () => {
    const stale = run(start({ era: 'kraft', ...RETRIES }), [send(0), act.fence(0), act.elect(1), act.metadata(0), handle(0), answer(0)]);
    expect(awaitingRetry(stale)).toEqual([0]);
    expect(verdict(stale, send(1))).toEqual(disabled('w0 awaits its retry, which the accumulator sends first'));
    expect(run(stale, [act.metadata(1), retry(0, 1), handle(1)]).producer.network?.requests).toEqual([{ producer: 0, write: 0, send: 1, broker: 1, stage: 'purgatory' }]);
  });

  it('are lost with their connection when the broker stops, or when the producer times out', () => {
    expect(run(start(RETRIES), [send(0), act.crash(0)]).producer.network?.requests).toEqual([]);
    const timedOut = run(start(RETRIES), [send(0), handle(0), timeout(0)]);
    expect(awaitingRetry(timedOut)).toEqual([0]);
    // The append stays: only the answer is lost.
    expect(data(timedOut).replicas[0]?.log.map((r) => r.id)).toEqual([0]);
  });

  it('fail the write once retries is spent: before 2.1 it is 0 by default', () => {
    const failed = run(start({ era: 'kip-279', ...RETRIES }), [send(0), handle(0), timeout(0)]);
    expect(failed.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'REQUEST_TIMED_OUT' });
    // So does a connection the broker's stop closes: nothing is left to retry.
    const stopped = run(start({ era: 'kip-279', ...RETRIES }), [send(0), handle(0), act.crash(0)]);
    expect(stopped.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'REQUEST_TIMED_OUT' });
    expect(awaitingRetry(stopped)).toEqual([]);
  });

  it('of an idempotent producer are resent in sequence order', () => {
    const both = run(start({ era: 'kraft', ...RETRIES }), [send(0), send(0), timeout(0)]);
    expect(awaitingRetry(both)).toEqual([0, 1]);
    expect(verdict(both, retry(1, 0))).toEqual(disabled('an idempotent producer resends in sequence order: w0 first'));
    const plain = run(start({ era: 'kraft', producer: { enableIdempotence: false, retries: null, maxInFlight: null }, ...RETRIES }), [send(0), send(0), timeout(0)]);
    expect(verdict(plain, retry(1, 0)).reason).toBeNull();
  });

  it('give up a write awaiting its retry after delivery.timeout.ms', () => {
    const waiting = run(start(RETRIES), [send(0), timeout(0)]);
    expect(run(waiting, [{ kind: 'producerGiveUp', write: 0 }]).producer.attempts[0]).toMatchObject({ status: 'failed', error: 'DELIVERY_TIMEOUT' });
  });
});

describe("the idempotent leader's answers by era (rule 29)", () => {
  /** w0 is lost with b0's connection before any append; w1, sequence 1, reaches a leader with no state for the producer. */
  const gap: readonly Action[] = [send(0), send(0), timeout(0), retry(1, 0)];
  it.each([
    ['kip-101', 'OUT_OF_ORDER_SEQUENCE_NUMBER'],
    ['kip-320', 'UNKNOWN_PRODUCER_ID'],
  ] as const)('%s answers a sequence other than 0 from an unknown producer with %s', (era, error) => {
    // 0.11 allows one request in flight: w1 goes alone.
    const steps: Action[] = era === 'kip-101' ? [send(0), timeout(0), { kind: 'producerGiveUp', write: 0 }, send(0), handle(0)] : [...gap.slice(0, 3), { kind: 'producerGiveUp', write: 0 }, retry(1, 0), handle(0)];
    const end = run(start({ era, producer: { enableIdempotence: true, retries: null, maxInFlight: null }, ...RETRIES }), steps);
    expect(end.producer.network?.requests.at(-1)).toMatchObject({ write: 1, stage: 'response', answer: { error } });
  });

  it('from 2.5 (KAFKA-8710) accepts any sequence from an unknown producer', () => {
    const end = run(start({ era: 'kraft', ...RETRIES }), [send(0), send(0), timeout(0), { kind: 'producerGiveUp', write: 0 }, retry(1, 0), handle(0)]);
    expect(data(end).replicas[0]?.log).toEqual([{ offset: 0, epoch: 0, id: 1, producer: 0, sequence: 1 }]);
  });
});

describe('several producers (--producers)', () => {
  const TWO = { producers: 2, budgets: { records: 3, retries: 1 } } as const;
  const sendAs = (producer: number, broker: number): Action => ({ kind: 'producerSendRequest', producer, broker });
  const handleOf = (producer: number, broker: number): Action => ({ kind: 'leaderHandleProduce', producer, broker });

  it('need produce requests on the network', () => {
    expect(() => start({ producers: 2 })).toThrow(/producers: 2 producers need a retries budget/);
  });

  it('each have their own connection, in-flight count and sequence numbers: the leader keeps a producer state per producer id', () => {
    const idempotent = { era: 'kraft', ...TWO } as const;
    const end = run(start(idempotent), [sendAs(0, 0), sendAs(1, 0), sendAs(0, 0), handleOf(1, 0), handleOf(0, 0)]);
    expect(data(end).replicas[0]?.log).toEqual([
      { offset: 0, epoch: 0, id: 1, producer: 1, sequence: 0 },
      { offset: 1, epoch: 0, id: 0, producer: 0, sequence: 0 },
    ]);
    // p0's second write waits behind its first on p0's connection, not behind p1's.
    expect(verdict(end, handleOf(0, 0))).toEqual(disabled('b0 has not answered the request before it (w0)'));
    expect(verdict(start(idempotent), sendAs(2, 0))).toEqual(disabled('no producer p2 (the run has 2)'));
  });

  it("order each producer's writes, not writes of different producers", () => {
    const end = run(start(TWO), [sendAs(0, 0), sendAs(1, 0), handleOf(1, 0), handleOf(0, 0), ...act.fetch(1), ...act.fetch(2), act.serve(1), act.serve(2)]);
    expect(data(end).replicas[0]?.log.map((r) => r.id)).toEqual([1, 0]);
    expect(producerOrder.check(end)).toBeNull();
  });
});
