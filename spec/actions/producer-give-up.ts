/**
 * producerGiveUp: `delivery.timeout.ms` passes for a write awaiting its retry, so the producer fails it
 * to the application (KIP-91: a TimeoutException; the record may or may not have been written). An
 * application that sends it again makes a new write.
 */
import { fail } from '../ghost.js';
import { awaitingRetry, networkRefusal, producesOverNetwork } from '../producer.js';
import type { PartitionActionSpec } from './action.js';

export interface ProducerGiveUp {
  readonly kind: 'producerGiveUp';
  readonly write: number;
}

export const producerGiveUp: PartitionActionSpec<ProducerGiveUp> = {
  kind: 'producerGiveUp',
  scope: 'partition',
  modelled: producesOverNetwork,
  doc: {
    who: 'producer',
    what: 'fails a write awaiting its retry to the application once delivery.timeout.ms has passed',
    source: 'KIP-91 (delivery.timeout.ms)',
  },
  params: { write: { type: 'write', doc: 'the write given up' } },
  candidates: (at) => (networkRefusal(at) !== null ? [] : awaitingRetry(at.state).map((write) => ({ kind: 'producerGiveUp' as const, write }))),
  refusal(at, { write }) {
    const off = networkRefusal(at);
    if (off !== null) return off;
    return awaitingRetry(at.state).includes(write) ? null : `w${write} does not await a retry`;
  },
  apply(at, { write }) {
    fail(at, 'producer', write, 'DELIVERY_TIMEOUT');
  },
};
