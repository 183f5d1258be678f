/**
 * controllerUnfenceBroker: the controller unfences a running broker that has caught up with metadata
 * and heartbeats again. It may then lead and join the ISR (KIP-631). Recovery: never budgeted.
 */
import { hostedPartitions, partitionSite } from '../cluster.js';
import type { BrokerId } from '../types.js';
import { caughtUp } from './broker-apply-metadata.js';
import { b, perHost, runningHost, type ClusterActionSpec } from './action.js';

export interface ControllerUnfenceBroker {
  readonly kind: 'controllerUnfenceBroker';
  readonly broker: BrokerId;
}

export const controllerUnfenceBroker: ClusterActionSpec<ControllerUnfenceBroker> = {
  kind: 'controllerUnfenceBroker',
  scope: 'broker',
  doc: {
    who: 'controller',
    what: 'unfences a running broker that has caught up with the metadata log',
    source: 'KIP-631 (broker registration and fencing)',
  },
  params: { broker: { type: 'broker', doc: 'the broker unfenced' } },
  candidates: perHost('controllerUnfenceBroker'),
  refusal(at, { broker }) {
    const down = runningHost(at, broker);
    if (down !== null) return down;
    if (at.state.controller.registrations[broker]?.fenced !== true) return `${b(broker)} is not fenced`;
    // The broker's metadata log position covers every partition it hosts.
    const behind = hostedPartitions(at.state, broker).some((name) => {
      const site = partitionSite(at, name);
      return site !== null && !caughtUp(site, broker);
    });
    return behind ? `${b(broker)} has not caught up with the metadata log` : null;
  },
  apply(at, { broker }) {
    const registration = at.state.controller.registrations[broker];
    if (registration !== undefined) registration.fenced = false;
  },
};
