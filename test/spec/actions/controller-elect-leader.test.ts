import { describe, expect, it } from 'vitest';
import { enabledActions, step } from '../../../spec/step.js';
import type { State } from '../../../spec/types.js';
import { ENABLED, act, data, disabled, run, start, verdict } from '../../builders.js';

function elections(state: State): number[] {
  return enabledActions(state).flatMap((action) => (action.kind === 'controllerElectLeader' ? [action.broker] : []));
}

/** The ISR is down to b0, which crashes and is fenced: the last replica standing (rule 17). */
const lastStanding = [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), act.crash(0), act.fence(0)];

describe('controllerElectLeader: clean', () => {
  it('elects an active ISR member, bumping the leader and partition epochs (rule 15, 16)', () => {
    const s = run(start(), [act.fence(0)]);
    expect(data(s).record).toMatchObject({ leader: null, leaderEpoch: 1, partitionEpoch: 1, isr: [1, 2] });
    expect(elections(s)).toEqual([1, 2]);
    expect(verdict(s, act.elect(1))).toEqual(ENABLED);
    const end = step(s, act.elect(1));
    expect(data(end).record).toEqual({ leader: 1, leaderEpoch: 2, partitionEpoch: 2, isr: [1, 2], elr: [] });
    expect(data(end).ghost.uncleanLeader).toBeNull();
    expect(data(end).ghost.events.uncleanElection).toBe(false);
  });

  it('refuses a fenced replica outside the ISR', () => {
    const s = run(start(), [act.fence(0)]);
    expect(verdict(s, act.elect(0))).toEqual(disabled('b0 is not eligible (eligible: b1, b2)'));
  });

  it('re-elects the last ISR member once it is back, whatever it lost (rule 17)', () => {
    const s = run(start({ era: 'kraft' }), [...lastStanding, act.restart(0), act.metadata(0), act.unfence(0)]);
    expect(elections(s)).toEqual([0]);
    const end = step(s, act.elect(0));
    expect(data(end).record).toMatchObject({ leader: 0, isr: [0] });
    expect(data(end).ghost.uncleanLeader).toBeNull();
  });

  it('is refused while the partition has a leader (rule 16)', () => {
    expect(verdict(start(), act.elect(1))).toEqual(disabled('the partition already has leader b0'));
  });
});

describe('controllerElectLeader: unclean', () => {
  it('with unclean.leader.election.enable (ZooKeeper): any active replica, which becomes the whole ISR (rule 17, KIP-704)', () => {
    const s = run(start({ era: 'kip-320', uncleanLeaderElection: true }), [act.shrink(0, 1), act.shrink(0, 2), act.crash(0), act.fence(0)]);
    expect(data(s).record).toMatchObject({ leader: null, isr: [0] });
    expect(elections(s)).toEqual([1, 2]);
    const end = step(s, act.elect(1));
    expect(data(end).record).toMatchObject({ leader: 1, isr: [1] });
    expect(data(end).ghost.uncleanLeader).toBe('flag');
    expect(data(end).ghost.events.uncleanElection).toBe(true);
  });

  it('KRaft 3.6 ignores the flag: nobody is eligible, as without it (rule 25, KAFKA-12670)', () => {
    const s = run(start({ era: 'kraft', uncleanLeaderElection: true }), lastStanding);
    expect(data(s).record).toMatchObject({ leader: null, isr: [0] });
    expect(elections(s)).toEqual([]);
  });

  it('without it: nobody is eligible and the partition waits', () => {
    const s = run(start({ era: 'kraft' }), lastStanding);
    expect(elections(s)).toEqual([]);
    expect(verdict(s, act.elect(1))).toEqual(
      disabled('no replica is eligible (an unclean election would be needed, or every candidate is fenced)'),
    );
  });
});
