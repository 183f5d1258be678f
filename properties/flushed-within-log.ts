import { logEndOffset } from '../spec/log.js';
import type { Invariant } from './invariant.js';
import { findReplica, inAnyPartition } from './leader.js';

/** flushed-within-log: no replica claims to have flushed more than its log holds. */
export const flushedWithinLog: Invariant = {
  name: 'flushed-within-log',
  kind: 'sanity',
  statement: 'Every replica has flushed <= LEO.',
  source: 'KAFKA-RULES.md rule 21 (the recovery point never passes the log end)',
  promised: 'always',
  brokenBy: [],
  reads: ['flushed'],
  check: (state) =>
    inAnyPartition(state, (partition) => {
      const broken = findReplica(partition, (replica) => replica.flushed > logEndOffset(replica));
      return broken === undefined ? null : `b${broken.broker} has flushed ${broken.flushed} above its LEO ${logEndOffset(broken)}`;
    }),
};
