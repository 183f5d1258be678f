/**
 * brokerFlush: the OS writes the broker's page cache back to disk (fsync of the whole log).
 *
 * With Kafka's default flush policy nothing forces a flush; the OS flushes at times the model does
 * not track, so this may happen at any time (rule 23). Only a power loss can tell the difference.
 */
import { logEndOffset } from '../log.js';
import type { BrokerId } from '../types.js';
import { place } from '../footprint.js';
import type { PartitionSite } from '../rules.js';
import { b, replicasWhere, runningReplica, type PartitionActionSpec } from './action.js';

export interface BrokerFlush {
  readonly kind: 'brokerFlush';
  readonly broker: BrokerId;
}

/** The replica's log holds records past what was fsynced. */
const unflushed = (at: PartitionSite, broker: BrokerId): boolean => {
  const target = at.partition.replicas[broker];
  return target !== undefined && target.flushed < logEndOffset(target);
};

export const brokerFlush: PartitionActionSpec<BrokerFlush> = {
  kind: 'brokerFlush',
  scope: 'partition',
  doc: {
    who: 'broker (its OS)',
    what: 'writes the page cache back: everything appended so far is on disk',
    source: 'Kafka docs: log.flush.interval.messages, "Log Flush Policy"',
  },
  params: { broker: { type: 'broker', doc: 'the broker whose log is flushed' } },
  candidates: replicasWhere(unflushed, (broker) => ({ kind: 'brokerFlush', broker })),
  writesOnly: 'flushed',
  footprint: (at, { broker }) => ({ reads: [place.broker(broker)], writes: [place.replica(at.name, broker)] }),
  refusal(at, { broker }) {
    return runningReplica(at, broker) ?? (unflushed(at, broker) ? null : `${b(broker)} has nothing to flush`);
  },
  apply(at, { broker }) {
    const target = at.partition.replicas[broker];
    if (target !== undefined) target.flushed = logEndOffset(target);
  },
};
