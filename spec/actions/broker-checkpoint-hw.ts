/**
 * brokerCheckpointHw: the broker writes its HW to the replication-offset-checkpoint file.
 *
 * Kafka does this every replica.high.watermark.checkpoint.interval.ms (5 s) and at clean shutdown; the
 * model lets it happen at any time. A restart reads the HW back from the last checkpoint (rule 5).
 */
import type { BrokerId } from '../types.js';
import { b, perReplica, runningReplica, type ActionSpec } from './action.js';

export interface BrokerCheckpointHw {
  readonly kind: 'brokerCheckpointHw';
  readonly broker: BrokerId;
}

export const brokerCheckpointHw: ActionSpec<BrokerCheckpointHw> = {
  kind: 'brokerCheckpointHw',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: 'checkpoints its HW to disk (replica.high.watermark.checkpoint.interval.ms)',
    source: 'ReplicaManager.checkpointHighWatermarks',
  },
  params: { broker: { type: 'broker', doc: 'the broker writing its checkpoint' } },
  candidates: perReplica('brokerCheckpointHw'),
  refusal(state, { broker }) {
    const target = state.brokers[broker];
    return runningReplica(state, broker) ?? (target?.hwCheckpoint === target?.hw ? `${b(broker)}'s checkpoint is current` : null);
  },
  apply(draft, { broker }) {
    const target = draft.brokers[broker];
    if (target !== undefined) target.hwCheckpoint = target.hw;
  },
};
