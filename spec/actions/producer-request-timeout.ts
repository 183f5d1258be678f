/**
 * producerRequestTimeout: `request.timeout.ms` passes on the oldest request to a broker, so the producer
 * closes that connection (NetworkClient disconnects the node) and every request on it fails without an
 * answer. The outcome is unknown: a request still in flight is lost, one the broker already appended
 * stays appended (a leader's purgatory answers into the closed connection). Each write awaits its retry
 * while `retries` allows, else fails.
 *
 * Left out: TCP may still deliver a request the producer gave up on, after the producer sent its retry
 * on a new connection; here a request still in flight when its connection closes never arrives.
 */
import { failedSend, networkOf, networkRefusal, perConnection } from '../producer.js';
import type { BrokerId } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';

export interface ProducerRequestTimeout {
  readonly kind: 'producerRequestTimeout';
  readonly broker: BrokerId;
}

export const producerRequestTimeout: PartitionActionSpec<ProducerRequestTimeout> = {
  kind: 'producerRequestTimeout',
  scope: 'partition',
  doc: {
    who: 'producer',
    what: 'gives up waiting on its connection to a broker (request.timeout.ms): every request on it is lost or its answer is, and each write awaits a retry',
    source: 'Kafka docs: request.timeout.ms; KIP-91',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose connection times out' } },
  candidates: perConnection('producerRequestTimeout'),
  refusal(at, { broker }) {
    const off = networkRefusal(at);
    if (off !== null) return off;
    return networkOf(at.state).requests.some((r) => r.broker === broker) ? null : `no produce request in flight to ${b(broker)}`;
  },
  apply(at, { broker }) {
    const network = at.state.producer.network;
    if (network === null) return;
    const lost = network.requests.filter((r) => r.broker === broker).map((r) => r.write);
    network.requests = network.requests.filter((r) => r.broker !== broker);
    for (const write of lost) failedSend(at, write, 'REQUEST_TIMED_OUT');
  },
};
