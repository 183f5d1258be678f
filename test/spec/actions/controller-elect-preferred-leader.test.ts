import { describe, expect, it } from 'vitest';
import type { Action } from '../../../spec/actions/index.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, replica, run, start, verdict } from '../../builders.js';

const oneMove = { budgets: { leaderMoves: 1 } };

/** b0, the preferred replica, loses leadership to a fence, comes back and rejoins the ISR under b1. */
const rejoined = [act.fence(0), act.elect(1), act.metadata(1), act.metadata(2), act.metadata(0), act.unfence(0), ...act.fetch(2), ...act.fetch(0), act.serve(0), act.handleAlter(1)];

describe('controllerElectPreferredLeader: auto.leader.rebalance.enable, kafka-leader-election.sh --election-type preferred (rule 26)', () => {
  it('moves leadership to the preferred replica once it is active and in the ISR; the old leader stays in the ISR; the epoch moves', () => {
    const s = run(start({ era: 'kraft', ...oneMove }), rejoined);
    expect(data(s).record).toMatchObject({ leader: 1, isr: [0, 1, 2] });
    expect(verdict(s, act.preferred(0))).toEqual(ENABLED);
    const end = step(s, act.preferred(0));
    expect(data(end).record).toMatchObject({ leader: 0, leaderEpoch: data(s).record.leaderEpoch + 1, isr: [0, 1, 2] });
    expect(data(end).ghost.events.leaderMoved).toBe(true);
    expect(end.budget.leaderMoves).toBe(1);
    // The old leader learns it follows now, and fails nothing it had not already answered.
    const followed = run(end, [act.metadata(1), act.metadata(0)]);
    expect(replica(followed, 1)?.leader).toBeNull();
    expect(replica(followed, 0)?.leader).not.toBeNull();
  });

  it('is refused to any replica but the first in the assignment', () => {
    const s = run(start({ era: 'kraft', ...oneMove }), rejoined);
    expect(verdict(s, act.preferred(2))).toEqual(disabled('b2 is not the preferred replica (b0 is)'));
  });

  it('is refused while the preferred replica leads, is out of the ISR, or is fenced, and on a leaderless partition', () => {
    expect(verdict(start(oneMove), act.preferred(0))).toEqual(disabled('b0 already leads'));
    const elected = run(start({ era: 'kraft', ...oneMove }), [act.fence(0), act.elect(1)]);
    expect(verdict(elected, act.preferred(0))).toEqual(disabled('b0 is fenced'));
    const back = run(elected, [act.metadata(0), act.unfence(0)]);
    expect(verdict(back, act.preferred(0))).toEqual(disabled('b0 is not in the ISR'));
    expect(verdict(run(start(oneMove), [act.fence(0)]), act.preferred(0))).toEqual(disabled('the partition has no leader to move'));
  });

  it('is refused once the leaderMoves budget is spent (0 by default)', () => {
    const s = run(start({ era: 'kraft' }), rejoined);
    expect(verdict(s, act.preferred(0))).toEqual(disabled('the leaderMoves budget is spent'));
  });

  it('bumps the leader epoch in a ZooKeeper era too, and leaves the ELR alone under KIP-966', () => {
    // ZooKeeper: each new follower first asks where its log diverges, and the leader writes the ISR itself.
    const reconcile = (follower: number): Action[] => [{ kind: 'leaderServeOffsetsForLeaderEpoch', follower }, { kind: 'followerApplyOffsetsForLeaderEpoch', follower }];
    const zkRejoined = [act.fence(0), act.elect(1), act.metadata(1), act.metadata(2), act.metadata(0), act.unfence(0), ...reconcile(2), ...act.fetch(2), ...reconcile(0), ...act.fetch(0), act.serve(0)];
    const zk = run(start({ era: 'kip-320', ...oneMove }), zkRejoined);
    expect(data(zk).record).toMatchObject({ leader: 1, isr: [0, 1, 2] });
    expect(data(step(zk, act.preferred(0))).record).toMatchObject({ leader: 0, leaderEpoch: data(zk).record.leaderEpoch + 1 });
    const elr = run(start({ era: 'kip-966', ...oneMove }), rejoined);
    const moved = step(elr, act.preferred(0));
    expect(data(moved).record.elr).toEqual(data(elr).record.elr);
    expect(data(moved).record.leaderEpoch).toBe(data(elr).record.leaderEpoch + 1);
  });
});
