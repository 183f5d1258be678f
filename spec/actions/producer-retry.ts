/**
 * producerRetry: the producer sends a write again, the same batch, to whoever it believes leads now
 * (Sender's retry after a retriable error or a lost answer, within `retries` and the retries budget).
 *
 * Without idempotence any batch awaiting its retry may go next: the accumulator puts a retried batch
 * back at the front of its queue (RecordAccumulator.reenqueue), so several come back in reverse. An
 * idempotent producer resends in sequence order: only the oldest write still unanswered (KIP-98; the
 * accumulator drains a retried batch only when it holds the first sequence in flight).
 */
import { witness } from '../ghost.js';
import { awaitingRetry, inFlightRefusal, networkOf, networkRefusal, oldestPending, producesOverNetwork, sendRequest, writerOf } from '../producer.js';
import type { BrokerId } from '../types.js';
import type { PartitionActionSpec } from './action.js';
import { servingRefusal } from './producer-send.js';

export interface ProducerRetry {
  readonly kind: 'producerRetry';
  readonly write: number;
  readonly broker: BrokerId;
}

export const producerRetry: PartitionActionSpec<ProducerRetry> = {
  kind: 'producerRetry',
  scope: 'partition',
  modelled: producesOverNetwork,
  doc: {
    who: 'producer',
    what: 'sends a write whose answer was an error or never came again, the same batch, to a broker it believes leads',
    source: 'KIP-98 (retries in sequence order), KIP-91, Kafka docs: retries, max.in.flight.requests.per.connection',
  },
  params: {
    write: { type: 'write', doc: 'the write sent again' },
    broker: { type: 'broker', doc: 'the broker the producer sends to' },
  },
  candidates: (at) =>
    networkRefusal(at) !== null
      ? []
      : awaitingRetry(at.state).flatMap((write) => at.partition.assignment.map((broker) => ({ kind: 'producerRetry' as const, write, broker }))),
  budget: 'retries',
  refusal(at, { write, broker }) {
    const off = networkRefusal(at);
    if (off !== null) return off;
    if (!awaitingRetry(at.state).includes(write)) return `w${write} does not await a retry`;
    const producer = writerOf(networkOf(at.state), write);
    const oldest = oldestPending(at.state, producer);
    if (at.rules.producer.idempotence && oldest !== undefined && oldest !== write) return `an idempotent producer resends in sequence order: w${oldest} first`;
    return inFlightRefusal(at, producer) ?? servingRefusal(at, broker);
  },
  apply(at, { write, broker }) {
    at.state.budget.retries += 1;
    const attempt = at.state.producer.attempts[write];
    if (attempt !== undefined) attempt.broker = broker;
    if (Object.values(at.partition.replicas).some((replica) => replica.log.some((record) => record.id === write))) witness(at, 'appendedWriteResent');
    sendRequest(at, write, broker);
  },
};
