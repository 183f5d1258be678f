import type { Invariant } from './invariant.js';
import { inAnyPartition } from './leader.js';

/**
 * epochs-monotonic: epochs only move forward. As a property of one state: no broker's view and no
 * record is ahead of the controller's leader and partition epochs, and every leader-epoch cache
 * ascends in epoch and start offset.
 */
export const epochsMonotonic: Invariant = {
  name: 'epochs-monotonic',
  kind: 'sanity',
  statement: 'No broker sees or writes an epoch the controller has not reached, and every leader-epoch cache ascends.',
  source: 'KIP-101 (leader epochs), KIP-631 (partition epochs)',
  promised: 'always',
  brokenBy: [],
  check: (state) =>
    inAnyPartition(state, (partition) => {
      const { leaderEpoch, partitionEpoch } = partition.record;
      for (const id of partition.assignment) {
        const replica = partition.replicas[id];
        if (replica === undefined) continue;
        const view = replica.view;
        const b = replica.broker;
        if (view !== null && (view.leaderEpoch > leaderEpoch || view.partitionEpoch > partitionEpoch)) {
          return `b${b} sees epoch ${view.leaderEpoch}/${view.partitionEpoch}, ahead of the controller's ${leaderEpoch}/${partitionEpoch}`;
        }
        const ahead = replica.epochs.find((entry) => entry.epoch > leaderEpoch);
        if (ahead !== undefined) return `b${b}'s epoch cache has epoch ${ahead.epoch}, ahead of the controller's ${leaderEpoch}`;
        const disorder = replica.epochs.findIndex((entry, i) => {
          const before = replica.epochs[i - 1];
          return before !== undefined && (entry.epoch <= before.epoch || entry.startOffset < before.startOffset);
        });
        if (disorder !== -1) return `b${b}'s leader-epoch cache does not ascend at entry ${disorder}`;
      }
      return null;
    }),
};
