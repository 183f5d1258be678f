/**
 * producerSendRequest: the producer sends a new write (a batch of one record) on its connection to the
 * broker its metadata names as leader, when produce requests travel the network (a retries budget).
 *
 * The accumulator sends a batch that awaits its retry before any new one (a retried batch goes back to
 * the front of its partition's queue), and at most max.in.flight.requests.per.connection requests are
 * outstanding. acks=0 is acknowledged as it is sent.
 */
import { acknowledge, recordAttempt } from '../ghost.js';
import { awaitingRetry, inFlightRefusal, networkRefusal, producerRefusal, producersOf, producesOverNetwork, sendRequest } from '../producer.js';
import { isOn } from '../rules.js';
import type { BrokerId } from '../types.js';
import type { PartitionActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ProducerSendRequest {
  readonly kind: 'producerSendRequest';
  readonly producer: number;
  readonly broker: BrokerId;
}

export const producerSendRequest: PartitionActionSpec<ProducerSendRequest> = {
  kind: 'producerSendRequest',
  scope: 'partition',
  modelled: producesOverNetwork,
  doc: {
    who: 'producer',
    what: 'sends a new write to a broker it believes leads, as a produce request in flight (with a retries budget)',
    source: 'KIP-91 (the producer accumulator and delivery.timeout.ms), Kafka docs: max.in.flight.requests.per.connection',
  },
  params: {
    producer: { type: 'producer', doc: 'the producer that sends' },
    broker: { type: 'broker', doc: 'the broker the producer sends to' },
  },
  candidates: (at) =>
    networkRefusal(at) !== null ? [] : producersOf(at).flatMap((producer) => at.partition.assignment.map((broker) => ({ kind: 'producerSendRequest' as const, producer, broker }))),
  budget: 'records',
  refusal(at, { producer, broker }) {
    const off = producerRefusal(at, producer);
    if (off !== null) return off;
    const waiting = awaitingRetry(at.state, producer)[0];
    // CHECK: producer-order (with one request in flight, a retry goes before any later batch)
    if (waiting !== undefined && isOn(at.rules, 'check:retry-before-new-batch')) return `w${waiting} awaits its retry, which the accumulator sends first`;
    return inFlightRefusal(at, producer) ?? servingRefusal(at, broker);
  },
  apply(at, { producer, broker }) {
    at.state.budget.records += 1;
    const { acks } = at.rules.config;
    const id = recordAttempt(at, broker, acks);
    if (acks === 0) acknowledge(at, 'producer', id, null);
    at.state.producer.network?.writers.push(producer);
    sendRequest(at, id, broker);
  },
};
