/**
 * consumerProcess: the application processes the record its last poll returned. A step of its own only
 * under commit-before-processing, where a commit (or a crash) may come between poll and processing;
 * committing after processing, the poll processes in the same step (consumer-fetch.ts).
 */
import type { ClusterActionSpec } from './action.js';

export interface ConsumerProcess {
  readonly kind: 'consumerProcess';
}

export const consumerProcess: ClusterActionSpec<ConsumerProcess> = {
  kind: 'consumerProcess',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'the application processes the record the last poll returned (a step of its own when it commits before processing)',
    source: 'Kafka docs: KafkaConsumer, "Manual Offset Control" (at-most-once when offsets are committed before processing)',
  },
  params: {},
  candidates: () => [{ kind: 'consumerProcess' }],
  refusal(at) {
    return at.state.consumer?.polled == null ? 'the application holds no polled record to process' : null;
  },
  apply({ state }) {
    const consumer = state.consumer;
    if (consumer?.polled == null) return;
    consumer.seen.push(consumer.polled);
    consumer.polled = null;
  },
};
