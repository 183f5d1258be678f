import type { Invariant } from './invariant.js';
import { inAnyPartition, presumedLeaders } from './leader.js';

/** one-leader-per-epoch: no two brokers act as leader in the same leader epoch. */
export const oneLeaderPerEpoch: Invariant = {
  name: 'one-leader-per-epoch',
  kind: 'sanity',
  statement: 'No two running brokers act as the partition’s leader in the same leader epoch.',
  source: 'KIP-101 (leader epochs); the controller assigns each epoch one leader',
  promised: 'always',
  brokenBy: [],
  check: (state) =>
    inAnyPartition(state, (partition) => {
      const leaders = presumedLeaders(state, partition);
      for (const [index, one] of leaders.entries()) {
        const other = leaders.slice(index + 1).find((b) => b.view?.leaderEpoch === one.view?.leaderEpoch);
        if (other !== undefined) return `b${one.broker} and b${other.broker} both lead epoch ${one.view?.leaderEpoch}`;
      }
      return null;
    }),
};
