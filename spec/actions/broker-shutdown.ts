/**
 * brokerShutdown: a clean (controlled) shutdown.
 *
 * The controller moves leadership away and takes the broker out of the ISR (a last member stays,
 * leaderless, rule 17); the broker then flushes its log, checkpoints its HW and writes the clean
 * shutdown marker for its broker epoch before it stops (rule 21).
 */
import { stopBroker } from '../broker.js';
import { fenceBroker } from '../controller.js';
import { logEndOffset } from '../log.js';
import type { BrokerId } from '../types.js';
import { budgetLeft, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface BrokerShutdown {
  readonly kind: 'brokerShutdown';
  readonly broker: BrokerId;
}

export const brokerShutdown: ActionSpec<BrokerShutdown> = {
  kind: 'brokerShutdown',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'shuts down cleanly: hands leadership over, flushes, checkpoints the HW, writes the clean-shutdown marker',
    source: 'Kafka docs: controlled.shutdown.enable; KIP-966 (the marker)',
  },
  params: { broker: { type: 'broker', doc: 'the broker shutting down' } },
  candidates: perReplica('brokerShutdown'),
  refusal: (state, { broker }) => budgetLeft(state, 'shutdowns') ?? runningReplica(state, broker),
  apply(draft, { broker }) {
    const target = draft.brokers[broker];
    if (target === undefined) return;
    draft.budget.shutdowns += 1;
    fenceBroker(draft, broker);
    target.flushed = logEndOffset(target);
    target.hwCheckpoint = target.hw;
    target.cleanShutdownEpoch = target.brokerEpoch;
    stopBroker(draft, broker);
  },
};
