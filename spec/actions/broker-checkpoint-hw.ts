/**
 * brokerCheckpointHw: the broker writes its HW to the replication-offset-checkpoint file.
 *
 * Kafka does this every replica.high.watermark.checkpoint.interval.ms (5 s) and at clean shutdown; the
 * model lets it happen at any time. A restart reads the HW back from the last checkpoint (rule 5).
 */
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import { b, perReplica, runningReplica, type PartitionActionSpec } from './action.js';

export interface BrokerCheckpointHw {
  readonly kind: 'brokerCheckpointHw';
  readonly broker: BrokerId;
}

export const brokerCheckpointHw: PartitionActionSpec<BrokerCheckpointHw> = {
  kind: 'brokerCheckpointHw',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: 'checkpoints its HW to disk (replica.high.watermark.checkpoint.interval.ms)',
    source: 'ReplicaManager.checkpointHighWatermarks',
  },
  params: { broker: { type: 'broker', doc: 'the broker writing its checkpoint' } },
  candidates: perReplica('brokerCheckpointHw'),
  writesOnly: 'hwCheckpoint',
  footprint: (at, { broker }) => ({ reads: [place.broker(broker)], writes: [place.replica(at.name, broker)] }),
  refusal(at, { broker }) {
    const target = at.partition.replicas[broker];
    return runningReplica(at, broker) ?? (target?.hwCheckpoint === target?.hw ? `${b(broker)}'s checkpoint is current` : null);
  },
  apply(at, { broker }) {
    const target = at.partition.replicas[broker];
    if (target !== undefined) target.hwCheckpoint = target.hw;
  },
};
