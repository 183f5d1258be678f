/**
 * controllerFenceBroker: the controller fences a broker whose heartbeats stopped
 * (broker.session.timeout.ms).
 *
 * A dead broker is always fenced in the end, which is not budgeted; fencing a live broker whose
 * heartbeats were lost is a perturbation (the `fences` budget). Either way it leaves the ISR and
 * leadership (rules 13, 17); a live fenced broker keeps acting on its stale view until metadata reaches it.
 */
import { fenceBroker } from '../controller.js';
import type { BrokerId } from '../types.js';
import { b, budgetLeft, perReplica, type ActionSpec } from './action.js';

export interface ControllerFenceBroker {
  readonly kind: 'controllerFenceBroker';
  readonly broker: BrokerId;
}

export const controllerFenceBroker: ActionSpec<ControllerFenceBroker> = {
  kind: 'controllerFenceBroker',
  scope: 'broker',
  doc: {
    who: 'controller',
    what: 'fences a broker whose heartbeats stopped: out of the ISR and leadership',
    source: 'KIP-631 (broker heartbeats and fencing)',
  },
  params: { broker: { type: 'broker', doc: 'the broker fenced' } },
  candidates: perReplica('controllerFenceBroker'),
  refusal(state, { broker }) {
    const registration = state.controller.registrations[broker];
    if (registration === undefined || broker >= state.config.replicationFactor) return `${b(broker)} hosts no replica`;
    if (registration.fenced) return `${b(broker)} is already fenced`;
    return state.brokers[broker]?.status === 'running' ? budgetLeft(state, 'fences') : null;
  },
  apply(draft, { broker }) {
    if (draft.brokers[broker]?.status === 'running') draft.budget.fences += 1;
    fenceBroker(draft, broker);
  },
};
