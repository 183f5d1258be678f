/**
 * brokerApplyMetadata: a broker catches up with the controller's metadata and acts on the latest
 * partition record, becoming leader or follower.
 *
 * Brokers learn metadata in order, possibly late, and act on the latest state only (rule 19), so a
 * broker can act on a stale view for a while: still lead, or follow a deposed leader. A restarted
 * broker does nothing for the partition before this step.
 */
import { applyPartitionRecord } from '../broker.js';
import { place } from '../footprint.js';
import type { PartitionSite } from '../rules.js';
import type { BrokerId, PartitionView } from '../types.js';
import { b, replicasWhere, runningReplica, type PartitionActionSpec } from './action.js';

export interface BrokerApplyMetadata {
  readonly kind: 'brokerApplyMetadata';
  readonly broker: BrokerId;
}

/** A replica's view is the controller's latest record of its partition. */
export function viewCaughtUp(view: PartitionView | null | undefined, record: PartitionView): boolean {
  return view != null && view.partitionEpoch >= record.partitionEpoch;
}

/** The broker's replica has caught up with the controller's latest record of its partition. */
export function caughtUp(at: PartitionSite, broker: BrokerId): boolean {
  return viewCaughtUp(at.partition.replicas[broker]?.view, at.partition.record);
}

export const brokerApplyMetadata: PartitionActionSpec<BrokerApplyMetadata> = {
  kind: 'brokerApplyMetadata',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: "catches up with the controller's metadata and acts on the latest partition record",
    source: 'KIP-500/KIP-631 metadata propagation; Partition.makeLeader / makeFollower',
  },
  params: { broker: { type: 'broker', doc: 'the broker learning metadata' } },
  candidates: replicasWhere((at, broker) => !caughtUp(at, broker), (broker) => ({ kind: 'brokerApplyMetadata', broker })),
  refusal(at, { broker }) {
    return runningReplica(at, broker) ?? (caughtUp(at, broker) ? `${b(broker)} has the latest partition record` : null);
  },
  footprint(at, { broker }) {
    // Leading exposes what the HW covers; leading or resigning answers what waits in purgatory.
    const leads = at.partition.record.leader === broker || at.partition.replicas[broker]?.leader != null;
    const waiting = (at.partition.replicas[broker]?.leader?.delayedProduces.length ?? 0) > 0;
    return {
      reads: [place.broker(broker), place.metadata(at.name)],
      writes: [place.replica(at.name, broker), ...(leads ? [place.history(at.name)] : []), ...(waiting ? [place.clients] : [])],
    };
  },
  apply(at, { broker }) {
    applyPartitionRecord(at, broker, at.partition.record);
  },
};
