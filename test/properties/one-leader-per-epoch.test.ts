import { castDraft } from 'immer';
import { describe, expect, it } from 'vitest';
import { oneLeaderPerEpoch } from '../../properties/one-leader-per-epoch.js';
import { act, edit, replica, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

describe('one-leader-per-epoch', () => {
  it('holds in the initial state', () => {
    expect(oneLeaderPerEpoch.check(start())).toBeNull();
  });

  it('holds while a deposed leader still acts in an older epoch than the new one', () => {
    // b0 is fenced while alive and keeps acting on its view of epoch 0; b1 leads epoch 2.
    const end = run(start(), [act.fence(0), act.elect(1), act.metadata(1)]);
    expect(replica(end, 0)?.leader).not.toBeNull();
    expect(replica(end, 0)?.view?.leaderEpoch).toBe(0);
    expect(replica(end, 1)?.leader).not.toBeNull();
    expect(replica(end, 1)?.view?.leaderEpoch).toBe(2);
    expect(oneLeaderPerEpoch.check(end)).toBeNull();
  });

  it('is violated by two running brokers leading the same epoch (hand-built)', () => {
    const twoLeaders = edit(start(), (draft) => {
      const replicas = draft.partitions['data-0']!.replicas;
      replicas[2]!.leader = castDraft(replicas[0]!.leader);
    });
    expect(oneLeaderPerEpoch.check(twoLeaders)).toBe('b0 and b2 both lead epoch 0');
  });

  it('ignores leader state on a broker that is down (hand-built)', () => {
    const downLeader = edit(start(), (draft) => {
      const replicas = draft.partitions['data-0']!.replicas;
      replicas[2]!.leader = castDraft(replicas[0]!.leader);
      draft.brokers[2]!.status = 'down';
    });
    expect(oneLeaderPerEpoch.check(downLeader)).toBeNull();
  });

  it('is violated by two leaders of one epoch of __consumer_offsets-0 (hand-built)', () => {
    const twoLeaders = edit(start(CONSUMER), (draft) => {
      const replicas = draft.partitions['__consumer_offsets-0']!.replicas;
      replicas[1]!.leader = castDraft(replicas[0]!.leader);
    });
    expect(oneLeaderPerEpoch.check(start(CONSUMER))).toBeNull();
    expect(oneLeaderPerEpoch.check(twoLeaders)).toBe('__consumer_offsets-0: b0 and b1 both lead epoch 0');
  });
});
