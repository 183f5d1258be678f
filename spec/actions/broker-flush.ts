/**
 * brokerFlush: the OS writes the broker's page cache back to disk (fsync of the whole log).
 *
 * With Kafka's default flush policy nothing forces a flush; the OS flushes at times the model does
 * not track, so this may happen at any time (rule 23). Only a power loss can tell the difference.
 */
import { logEndOffset } from '../log.js';
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import { b, perReplica, runningReplica, type PartitionActionSpec } from './action.js';

export interface BrokerFlush {
  readonly kind: 'brokerFlush';
  readonly broker: BrokerId;
}

export const brokerFlush: PartitionActionSpec<BrokerFlush> = {
  kind: 'brokerFlush',
  scope: 'partition',
  doc: {
    who: 'broker (its OS)',
    what: 'writes the page cache back: everything appended so far is on disk',
    source: 'Kafka docs: log.flush.interval.messages, "Log Flush Policy"',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose log is flushed' } },
  candidates: perReplica('brokerFlush'),
  writesOnly: 'flushed',
  footprint: (at, { broker }) => ({ reads: [place.broker(broker)], writes: [place.replica(at.name, broker)] }),
  refusal(at, { broker }) {
    const target = at.partition.replicas[broker];
    if (target === undefined) return `${b(broker)} hosts no replica`;
    return runningReplica(at, broker) ?? (target.flushed < logEndOffset(target) ? null : `${b(broker)} has nothing to flush`);
  },
  apply(at, { broker }) {
    const target = at.partition.replicas[broker];
    if (target !== undefined) target.flushed = logEndOffset(target);
  },
};
