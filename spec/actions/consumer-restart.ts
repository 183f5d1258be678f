/**
 * consumerRestart: the consumer process restarts (a crash, a deploy, or a rebalance that hands the
 * partition to a new member): its position in memory is gone, and it must ask its group coordinator
 * where to resume. A perturbation, budgeted (`consumerRestarts`). A record the application polled but
 * had not processed is gone with it (noted as ghost for processed-before-commit).
 */
import { type ClusterActionSpec } from './action.js';

export interface ConsumerRestart {
  readonly kind: 'consumerRestart';
}

export const consumerRestart: ClusterActionSpec<ConsumerRestart> = {
  kind: 'consumerRestart',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'restarts (or loses the partition in a rebalance): its position is gone until OffsetFetch answers',
    source: 'Kafka docs: consumer position and committed offsets',
  },
  params: {},
  candidates: () => [{ kind: 'consumerRestart' }],
  budget: 'consumerRestarts',
  refusal: (at) => (at.state.consumer?.position === null ? 'the consumer is starting already' : null),
  apply({ state }) {
    if (state.consumer === null) return;
    state.budget.consumerRestarts += 1;
    const consumer = state.consumer;
    if (consumer.polled !== null) consumer.dropped.push({ record: consumer.polled, jumps: consumer.jumps.length });
    consumer.polled = null;
    consumer.position = null;
    consumer.epochs = null;
  },
};
