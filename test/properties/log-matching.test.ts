import { describe, expect, it } from 'vitest';
import { logMatching } from '../../properties/log-matching.js';
import { act, committedWrite, data, edit, ids, replica, run, start } from '../builders.js';
import { followerDiverges } from '../stories.js';

/**
 * acks=1: b0 writes w0 and only b1 copies it; b0 dies and b2, which never had w0, leads epoch 2.
 * b1 still holds w0 at offset 0 and has not fetched from b2 yet.
 */
const diverged = run(start({ acks: 1 }), followerDiverges);

describe('log-matching: holds', () => {
  it('in the initial state', () => {
    expect(logMatching.check(start())).toBeNull();
  });

  it('below the leader’s log start offset, where retention deleted its copy (expired, not diverged)', () => {
    const end = run(start({ budgets: { retention: 1 } }), [...committedWrite(0, [1, 2]), act.apply(1), act.apply(2), act.deleteSegments(0)]);
    expect(replica(end, 0)?.logStartOffset).toBe(1);
    expect(ids(end, 1)).toEqual([0]);
    expect(logMatching.check(end)).toBeNull();
    // With the check not skipping expired offsets, the same state would read as a divergence.
    const unexpired = edit(end, (draft) => {
      const leader = draft.partitions['data-0']!.replicas[0];
      if (leader !== undefined) leader.logStartOffset = 0;
    });
    expect(logMatching.check(unexpired)).toMatch(/b1 fetched from leader b0 in epoch 0 but holds w0@0/);
  });

  it('when followers copied the leader’s records in its epoch', () => {
    const end = run(start(), [act.send(0), ...act.fetch(1), ...act.fetch(2)]);
    expect(ids(end, 1)).toEqual([0]);
    expect(ids(end, 2)).toEqual([0]);
    expect(data(end).ghost.lastFetch[1]).toEqual({ leader: 0, epoch: 0 });
    expect(logMatching.check(end)).toBeNull();
  });

  it('for a follower that differs but has not fetched since the leader changed', () => {
    expect(data(diverged).record).toMatchObject({ leader: 2, leaderEpoch: 2 });
    expect(ids(diverged, 1)).toEqual([0]);
    expect(ids(diverged, 2)).toEqual([]);
    expect(data(diverged).ghost.lastFetch[1]).toEqual({ leader: 0, epoch: 0 });
    expect(logMatching.check(diverged)).toBeNull();
  });

  it('while the follower truncates on the diverging epoch, and after it fetched again', () => {
    const truncated = run(diverged, act.fetch(1));
    expect(ids(truncated, 1)).toEqual([]);
    expect(data(truncated).ghost.events.truncationAfterLeaderChange).toBe(true);
    expect(logMatching.check(truncated)).toBeNull();
    const refetched = run(truncated, [act.send(2, 1), ...act.fetch(1)]);
    expect(data(refetched).ghost.lastFetch[1]).toEqual({ leader: 2, epoch: 2 });
    expect(ids(refetched, 1)).toEqual([1]);
    expect(logMatching.check(refetched)).toBeNull();
  });

  it('for a follower whose last fetch from this leader was in an older epoch (hand-built)', () => {
    const older = edit(diverged, (draft) => {
      draft.partitions['data-0']!.ghost.lastFetch[1] = { leader: 2, epoch: 1 };
    });
    expect(logMatching.check(older)).toBeNull();
  });
});

describe('log-matching: violated', () => {
  /** b1 truncated, then fetched w1 from b2 in epoch 2: its log matches the leader's. */
  const fetched = run(diverged, [...act.fetch(1), act.send(2, 1), ...act.fetch(1)]);

  it('by a follower that fetched in the current epoch and still holds a record the leader lacks', () => {
    // Hand-built: the stale w0 is back below b1's LEO after a fetch in the current epoch.
    const stale = edit(fetched, (draft) => {
      draft.partitions['data-0']!.replicas[1]!.log.push({ offset: 1, epoch: 0, id: 0 });
    });
    expect(logMatching.check(stale)).toBe(
      'b1 fetched from leader b2 in epoch 2 but holds w0@1 (epoch 0) where the leader holds nothing',
    );
  });

  it('by a follower holding the leader’s record id at the wrong epoch', () => {
    const wrongEpoch = edit(fetched, (draft) => {
      draft.partitions['data-0']!.replicas[1]!.log[0] = { offset: 0, epoch: 0, id: 1 };
    });
    expect(logMatching.check(wrongEpoch)).toBe(
      'b1 fetched from leader b2 in epoch 2 but holds w1@0 (epoch 0) where the leader holds w1@0 (epoch 2)',
    );
  });

  it('is not judged while no leader acts on the current epoch', () => {
    const stale = edit(fetched, (draft) => {
      draft.partitions['data-0']!.replicas[1]!.log.push({ offset: 1, epoch: 0, id: 0 });
    });
    // b2 is fenced while alive: the partition is leaderless until the next election.
    const leaderless = run(stale, [act.fence(2)]);
    expect(data(leaderless).record.leader).toBeNull();
    expect(logMatching.check(leaderless)).toBeNull();
  });
});

describe('log-matching: a divergence that survives a fetch round trip', () => {
  // A complete reconciliation with a diverging response counts as a fetch from the current leader, so
  // with the truncation guard removed the divergent suffix the follower keeps is flagged.
  it('is flagged with check:truncate-on-divergence removed', () => {
    const noTruncation = run(start({ acks: 1, withoutFixes: ['check:truncate-on-divergence'] }), [
      ...followerDiverges,
      act.send(2, 1),
      ...act.fetch(1),
      ...act.fetch(1),
    ]);
    expect(ids(noTruncation, 1)).toEqual([0]);
    expect(ids(noTruncation, 2)).toEqual([1]);
    expect(logMatching.check(noTruncation)).toMatch(/^b1 .* holds w0@0 \(epoch 0\) where the leader holds w1@0/);
  });
});
