/**
 * brokerRestart: a stopped broker starts again.
 *
 * It recovers its log and HW, registers with a new broker epoch, and stays fenced with no view of the
 * partition until it has caught up with the controller's metadata (rules 5, 15, 19). What a restart
 * means for the ISR is the era's restart seam: a ZooKeeper controller may miss a quick process
 * restart altogether, but a machine rebooting after a power loss outlasts the session timeout, so the
 * controller has fenced it first. Restarts are recovery and are never budgeted.
 */
import { hostedSites, hostsAny } from '../cluster.js';
import type { DraftSite, Site } from '../rules.js';
import type { BrokerId } from '../types.js';
import { b, perHost, type ClusterActionSpec } from './action.js';

export interface BrokerRestart {
  readonly kind: 'brokerRestart';
  readonly broker: BrokerId;
}

/** Why the stopped broker cannot start now (a machine still rebooting), or null when it can. */
export function rebootRefusal(at: Site, broker: BrokerId): string | null {
  // A rebooting machine outlasts broker.session.timeout.ms: the controller has fenced it by then.
  if (at.state.brokers[broker]?.lostPower === true && at.state.controller.registrations[broker]?.fenced === false) {
    return `${b(broker)} is rebooting after a power loss; the controller notices (fences it) first`;
  }
  return null;
}

/** The broker process starts on whatever its disk holds: recovery, a new registration, no view yet. */
export function startBroker(at: DraftSite, broker: BrokerId): void {
  const target = at.state.brokers[broker];
  if (target === undefined) return;
  const sites = hostedSites(at, broker);
  for (const site of sites) {
    // Ghost: fetches from the previous incarnation no longer count for log-matching. (Read from the
    // state before the step, which nothing has changed yet, so no draft is made of what stays.)
    const { assignment, ghost } = at.base.partitions[site.name] ?? site.partition;
    for (const follower of assignment) if (ghost.lastFetch[follower]?.leader === broker) site.partition.ghost.lastFetch[follower] = null;
  }
  target.status = 'running';
  target.lostPower = false;
  for (const site of sites) {
    const replica = site.partition.replicas[broker];
    if (replica !== undefined) replica.view = null;
  }
  at.rules.era.onRestart(at, broker);
  target.cleanShutdownEpoch = null;
}

export const brokerRestart: ClusterActionSpec<BrokerRestart> = {
  kind: 'brokerRestart',
  scope: 'broker',
  doc: {
    who: 'broker',
    what: 'starts again: log recovery, HW from its checkpoint, a new registration (fenced until caught up)',
    source: 'KIP-631 (registration, broker epochs); UnifiedLog recovery',
  },
  params: { broker: { type: 'broker', doc: 'the broker starting' } },
  candidates: perHost('brokerRestart'),
  refusal(at, { broker }) {
    const target = at.state.brokers[broker];
    if (target === undefined || !hostsAny(at.state, broker)) return `${b(broker)} hosts no replica`;
    if (target.status !== 'down') return `${b(broker)} is running`;
    return rebootRefusal(at, broker);
  },
  apply: (at, { broker }) => startBroker(at, broker),
};
