/**
 * controllerFenceBroker: the controller fences a broker whose heartbeats stopped
 * (broker.session.timeout.ms).
 *
 * A dead broker is always fenced in the end, which is not budgeted; fencing a live broker whose
 * heartbeats were lost is a perturbation (the `fences` budget). Either way it leaves the ISR and
 * leadership (rules 13, 17); a live fenced broker keeps acting on its stale view until metadata reaches it.
 */
import { hostsAny } from '../cluster.js';
import { fenceBroker } from '../controller.js';
import type { BrokerId } from '../types.js';
import { b, budgetLeft, perHost, type ClusterActionSpec } from './action.js';

export interface ControllerFenceBroker {
  readonly kind: 'controllerFenceBroker';
  readonly broker: BrokerId;
}

export const controllerFenceBroker: ClusterActionSpec<ControllerFenceBroker> = {
  kind: 'controllerFenceBroker',
  scope: 'broker',
  doc: {
    who: 'controller',
    what: 'fences a broker whose heartbeats stopped: out of the ISR and leadership',
    source: 'KIP-631 (broker heartbeats and fencing)',
  },
  params: { broker: { type: 'broker', doc: 'the broker fenced' } },
  candidates: perHost('controllerFenceBroker'),
  refusal(at, { broker }) {
    const registration = at.state.controller.registrations[broker];
    if (registration === undefined || !hostsAny(at.state, broker)) return `${b(broker)} hosts no replica`;
    if (registration.fenced) return `${b(broker)} is already fenced`;
    return at.state.brokers[broker]?.status === 'running' ? budgetLeft(at, 'fences') : null;
  },
  apply(at, { broker }) {
    if (at.state.brokers[broker]?.status === 'running') at.state.budget.fences += 1;
    fenceBroker(at, broker);
  },
};
