/**
 * brokerCheckpointHw: the broker writes its HW to the replication-offset-checkpoint file.
 *
 * Kafka does this every replica.high.watermark.checkpoint.interval.ms (5 s) and at clean shutdown; the
 * model lets it happen at any time. A restart reads the HW back from the last checkpoint (rule 5).
 */
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import type { PartitionSite } from '../rules.js';
import { b, replicasWhere, runningReplica, type PartitionActionSpec } from './action.js';

export interface BrokerCheckpointHw {
  readonly kind: 'brokerCheckpointHw';
  readonly broker: BrokerId;
}

/** The replica's HW moved since it was last written to replication-offset-checkpoint. */
const checkpointBehind = (at: PartitionSite, broker: BrokerId): boolean => {
  const target = at.partition.replicas[broker];
  return target !== undefined && target.hwCheckpoint !== target.hw;
};

export const brokerCheckpointHw: PartitionActionSpec<BrokerCheckpointHw> = {
  kind: 'brokerCheckpointHw',
  scope: 'partition',
  doc: {
    who: 'broker',
    what: 'checkpoints its HW to disk (replica.high.watermark.checkpoint.interval.ms)',
    source: 'ReplicaManager.checkpointHighWatermarks',
  },
  params: { broker: { type: 'broker', doc: 'the broker writing its checkpoint' } },
  candidates: replicasWhere(checkpointBehind, (broker) => ({ kind: 'brokerCheckpointHw', broker })),
  writesOnly: 'hwCheckpoint',
  footprint: (at, { broker }) => ({ reads: [place.broker(broker)], writes: [place.replica(at.name, broker)] }),
  refusal(at, { broker }) {
    return runningReplica(at, broker) ?? (checkpointBehind(at, broker) ? null : `${b(broker)}'s checkpoint is current`);
  },
  apply(at, { broker }) {
    const target = at.partition.replicas[broker];
    if (target !== undefined) target.hwCheckpoint = target.hw;
  },
};
