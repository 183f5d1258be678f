/**
 * brokerRestart: a stopped broker starts again.
 *
 * It recovers its log and HW, registers with a new broker epoch, and stays fenced with no view of the
 * partition until it has caught up with the controller's metadata (rules 5, 15, 19). What a restart
 * means for the ISR is the era's restart seam: a ZooKeeper controller may miss a quick process
 * restart altogether, but a machine rebooting after a power loss outlasts the session timeout, so the
 * controller has fenced it first. Restarts are recovery and are never budgeted.
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
  scope: 'broker',
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
    if (target.status !== 'down') return `${b(broker)} is running`;
    // A rebooting machine outlasts broker.session.timeout.ms: the controller has fenced it by then.
    if (target.lostPower && state.controller.registrations[broker]?.fenced === false) {
      return `${b(broker)} is rebooting after a power loss; the controller notices (fences it) first`;
    }
    return null;
  },
  apply(draft, { broker }) {
    const target = draft.brokers[broker];
    if (target === undefined) return;
    target.status = 'running';
    target.lostPower = false;
    target.view = null;
    eraOf(draft.config).onRestart(draft, broker);
    target.cleanShutdownEpoch = null;
    // Ghost: fetches from the previous incarnation no longer count for log-matching.
    draft.ghost.lastFetch = draft.ghost.lastFetch.map((fetched) => (fetched?.leader === broker ? null : fetched));
  },
};
