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
import { closeConnections, connectionHead, networkOf, perConnection, producerRefusal, producesOverNetwork } from '../producer.js';
import type { BrokerId } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';

export interface ProducerRequestTimeout {
  readonly kind: 'producerRequestTimeout';
  readonly producer: number;
  readonly broker: BrokerId;
}

export const producerRequestTimeout: PartitionActionSpec<ProducerRequestTimeout> = {
  kind: 'producerRequestTimeout',
  scope: 'partition',
  modelled: producesOverNetwork,
  doc: {
    who: 'producer',
    what: 'gives up waiting on its connection to a broker (request.timeout.ms): every request on it is lost or its answer is, and each write awaits a retry',
    source: 'Kafka docs: request.timeout.ms; KIP-91',
  },
  params: {
    producer: { type: 'producer', doc: 'the producer that gives up waiting' },
    broker: { type: 'broker', doc: 'the broker whose connection times out' },
  },
  candidates: perConnection('producerRequestTimeout'),
  refusal(at, { producer, broker }) {
    const off = producerRefusal(at, producer);
    if (off !== null) return off;
    return connectionHead(networkOf(at.state), { producer, broker }) !== undefined ? null : `no produce request of p${producer} in flight to ${b(broker)}`;
  },
  apply(at, { producer, broker }) {
    closeConnections(at, broker, producer);
  },
};
