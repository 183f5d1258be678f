/**
 * producerHandleResponse: the producer reads the answer to the oldest request on its connection to a
 * broker (TCP keeps the connection's answers in order). An offset acknowledges the write; an error
 * (NOT_LEADER_OR_FOLLOWER, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND: all retriable) leaves
 * it awaiting a retry while `retries` allows, else fails it. An idempotent producer's
 * OUT_OF_ORDER_SEQUENCE_NUMBER is retriable while an earlier write of its is unanswered (the gap is that
 * write, resent first); otherwise it, and UNKNOWN_PRODUCER_ID, fail the write (the Java client before
 * KIP-360 treats them as fatal; KIP-360's epoch bump is not modelled).
 */
import { acknowledge, fail } from '../ghost.js';
import { connectionHead, failedSend, networkOf, on, perConnection, producerRefusal, producesOverNetwork, writerOf } from '../producer.js';
import type { BrokerId, ProduceError, State } from '../types.js';
import { b, type PartitionActionSpec } from './action.js';

/** Whether the producer may retry after `error` for `write`. */
function retriable(state: State, write: number, error: ProduceError): boolean {
  if (error === 'UNKNOWN_PRODUCER_ID') return false;
  if (error !== 'OUT_OF_ORDER_SEQUENCE_NUMBER') return true;
  const network = networkOf(state);
  return state.producer.attempts.some((a) => a.id < write && a.status === 'pending' && writerOf(network, a.id) === writerOf(network, write));
}

export interface ProducerHandleResponse {
  readonly kind: 'producerHandleResponse';
  readonly producer: number;
  readonly broker: BrokerId;
}

export const producerHandleResponse: PartitionActionSpec<ProducerHandleResponse> = {
  kind: 'producerHandleResponse',
  scope: 'partition',
  modelled: producesOverNetwork,
  doc: {
    who: 'producer',
    what: 'reads the answer to its oldest request to a broker: acknowledged at an offset, or an error that leaves the write to a retry',
    source: 'KIP-91 (Sender: retriable errors and retries), Kafka docs: retries',
  },
  params: {
    producer: { type: 'producer', doc: 'the producer the answer reaches' },
    broker: { type: 'broker', doc: 'the broker whose answer arrives' },
  },
  candidates: perConnection('producerHandleResponse'),
  refusal(at, connection) {
    const off = producerRefusal(at, connection.producer);
    if (off !== null) return off;
    const head = connectionHead(networkOf(at.state), connection);
    if (head === undefined) return `no produce request of p${connection.producer} in flight to ${b(connection.broker)}`;
    return head.stage === 'response' ? null : `${b(connection.broker)} has not answered w${head.write} yet`;
  },
  apply(at, connection) {
    const { broker } = connection;
    const network = networkOf(at.state);
    const index = network.requests.findIndex((r) => on(r, connection));
    const head = network.requests[index];
    if (head?.stage !== 'response') throw new Error(`no answer from ${b(broker)}`);
    at.state.producer.network?.requests.splice(index, 1);
    if ('offset' in head.answer) acknowledge(at, 'producer', head.write, head.answer.offset);
    else if (retriable(at.state, head.write, head.answer.error)) failedSend(at, head.write, head.answer.error);
    else fail(at, 'producer', head.write, head.answer.error);
  },
};
