/**
 * controllerUnfenceBroker: the controller unfences a running broker that has caught up with metadata
 * and heartbeats again. It may then lead and join the ISR (KIP-631). Recovery: never budgeted.
 */
import type { BrokerId } from '../types.js';
import { caughtUp } from './broker-apply-metadata.js';
import { b, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface ControllerUnfenceBroker {
  readonly kind: 'controllerUnfenceBroker';
  readonly broker: BrokerId;
}

export const controllerUnfenceBroker: ActionSpec<ControllerUnfenceBroker> = {
  kind: 'controllerUnfenceBroker',
  scope: 'broker',
  doc: {
    who: 'controller',
    what: 'unfences a running broker that has caught up with the metadata log',
    source: 'KIP-631 (broker registration and fencing)',
  },
  params: { broker: { type: 'broker', doc: 'the broker unfenced' } },
  candidates: perReplica('controllerUnfenceBroker'),
  refusal(state, { broker }) {
    const down = runningReplica(state, broker);
    if (down !== null) return down;
    if (state.controller.registrations[broker]?.fenced !== true) return `${b(broker)} is not fenced`;
    return caughtUp(state, broker) ? null : `${b(broker)} has not caught up with the metadata log`;
  },
  apply(draft, { broker }) {
    const registration = draft.controller.registrations[broker];
    if (registration !== undefined) registration.fenced = false;
  },
};
