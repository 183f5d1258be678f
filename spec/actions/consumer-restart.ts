/**
 * consumerRestart: the consumer process restarts (a crash, a deploy, or a rebalance that hands the
 * partition to a new member): its position in memory is gone, and it must ask its group coordinator
 * where to resume. A perturbation, budgeted (`consumerRestarts`).
 */
import { budgetLeft, type ConsumerActionSpec } from './action.js';

export interface ConsumerRestart {
  readonly kind: 'consumerRestart';
}

export const consumerRestart: ConsumerActionSpec<ConsumerRestart> = {
  kind: 'consumerRestart',
  scope: 'consumer',
  doc: {
    who: 'consumer',
    what: 'restarts (or loses the partition in a rebalance): its position is gone until OffsetFetch answers',
    source: 'Kafka docs: consumer position and committed offsets',
  },
  params: {},
  candidates: () => [{ kind: 'consumerRestart' }],
  refusal(state) {
    const budget = budgetLeft(state, 'consumerRestarts');
    if (budget !== null) return budget;
    return state.consumer?.position === null ? 'the consumer is starting already' : null;
  },
  apply(draft) {
    if (draft.consumer === null) return;
    draft.budget.consumerRestarts += 1;
    draft.consumer.position = null;
  },
};
