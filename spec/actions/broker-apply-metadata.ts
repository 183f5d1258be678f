/**
 * brokerApplyMetadata: a broker catches up with the controller's metadata and acts on the latest
 * partition record, becoming leader or follower.
 *
 * Brokers learn metadata in order, possibly late, and act on the latest state only (rule 19), so a
 * broker can act on a stale view for a while: still lead, or follow a deposed leader. A restarted
 * broker does nothing for the partition before this step.
 */
import { applyPartitionRecord } from '../broker.js';
import type { BrokerId, PartitionState } from '../types.js';
import { b, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface BrokerApplyMetadata {
  readonly kind: 'brokerApplyMetadata';
  readonly broker: BrokerId;
}

/** The broker's view is the controller's latest partition record. */
export function caughtUp(state: PartitionState, broker: BrokerId): boolean {
  const view = state.brokers[broker]?.view;
  return view != null && view.partitionEpoch >= state.controller.partition.partitionEpoch;
}

export const brokerApplyMetadata: ActionSpec<BrokerApplyMetadata> = {
  kind: 'brokerApplyMetadata',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: "catches up with the controller's metadata and acts on the latest partition record",
    source: 'KIP-500/KIP-631 metadata propagation; Partition.makeLeader / makeFollower',
  },
  params: { broker: { type: 'broker', doc: 'the broker learning metadata' } },
  candidates: perReplica('brokerApplyMetadata'),
  refusal(state, { broker }) {
    return runningReplica(state, broker) ?? (caughtUp(state, broker) ? `${b(broker)} has the latest partition record` : null);
  },
  apply(draft, { broker }) {
    applyPartitionRecord(draft, broker, draft.controller.partition);
  },
};
