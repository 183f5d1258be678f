/**
 * brokerRestart: a stopped broker starts again.
 *
 * It recovers its log and HW, registers with a new broker epoch, and stays fenced with no view of the
 * partition until it has caught up with the controller's metadata (rules 5, 15, 19). What a restart
 * means for the ISR is the era's restart seam. Restarts are recovery and are never budgeted.
 */
import { eraOf } from '../eras/index.js';
import type { BrokerId } from '../types.js';
import { b, perReplica, type ActionSpec } from './action.js';

export interface BrokerRestart {
  readonly kind: 'brokerRestart';
  readonly broker: BrokerId;
}

export const brokerRestart: ActionSpec<BrokerRestart> = {
  kind: 'brokerRestart',
  doc: {
    who: 'broker',
    what: 'starts again: log recovery, HW from its checkpoint, a new registration (fenced until caught up)',
    source: 'KIP-631 (registration, broker epochs); UnifiedLog recovery',
  },
  params: { broker: { type: 'broker', doc: 'the broker starting' } },
  candidates: perReplica('brokerRestart'),
  refusal(state, { broker }) {
    const target = state.brokers[broker];
    if (target === undefined || broker >= state.config.replicationFactor) return `${b(broker)} hosts no replica`;
    return target.status === 'down' ? null : `${b(broker)} is running`;
  },
  apply(draft, { broker }) {
    const target = draft.brokers[broker];
    if (target === undefined) return;
    target.status = 'running';
    target.view = null;
    eraOf(draft.config).onRestart(draft, broker);
    target.cleanShutdownEpoch = null;
  },
};
