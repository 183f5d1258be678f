import { describe, expect, it } from 'vitest';
import { enabledActions, step } from '../../../spec/step.js';
import type { State } from '../../../spec/types.js';
import { DEFAULT_BUDGETS } from '../../../spec/config.js';
import { ENABLED, act, data, disabled, run, start, verdict } from '../../builders.js';

const operatorElects = act.operatorElect;

function operatorElections(state: State): number[] {
  return enabledActions(state).flatMap((action) => (action.kind === 'adminElectLeaders' && action.partition === undefined ? [action.broker] : []));
}

/** The ISR is down to b0, which crashes and is fenced: the last replica standing (rule 17). */
const lastStanding = [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), act.crash(0), act.fence(0)];
const oneElection = { budgets: { ...DEFAULT_BUDGETS, uncleanElections: 1 } };

describe('adminElectLeaders: kafka-leader-election.sh --election-type unclean (rule 25, KIP-460)', () => {
  it('takes any active replica when no ISR member is active: the whole ISR, an unclean election', () => {
    const s = run(start({ era: 'kraft', ...oneElection }), lastStanding);
    expect(operatorElections(s)).toEqual([1, 2]);
    expect(verdict(s, operatorElects(2))).toEqual(ENABLED);
    const end = step(s, operatorElects(2));
    expect(data(end).record).toMatchObject({ leader: 2, isr: [2] });
    expect(data(end).ghost.uncleanLeader).toBe('operator');
    expect(data(end).ghost.events.uncleanElection).toBe(true);
    expect(end.budget.uncleanElections).toBe(1);
    expect(verdict(run(end, [act.fence(2)]), operatorElects(1))).toEqual(disabled('the uncleanElections budget is spent'));
  });

  it('still prefers an active ISR member: then the election is clean', () => {
    const s = run(start({ era: 'kraft', ...oneElection }), [act.fence(0)]);
    expect(operatorElections(s)).toEqual([1, 2]);
    const end = step(s, operatorElects(1));
    expect(data(end).record).toMatchObject({ leader: 1, isr: [1, 2] });
    expect(data(end).ghost.uncleanLeader).toBeNull();
  });

  it('acts only on a leaderless partition (ELECTION_NOT_NEEDED)', () => {
    expect(verdict(start({ era: 'kraft', ...oneElection }), operatorElects(1))).toEqual(disabled('the partition already has leader b0'));
  });

  it('is refused without a budget; an era before the API cannot have one (KIP-460, 2.4)', () => {
    expect(verdict(run(start({ era: 'kraft' }), lastStanding), operatorElects(1))).toEqual(disabled('the uncleanElections budget is spent'));
    expect(() => start({ era: 'kip-320', ...oneElection })).toThrow(/era kip-320 is Kafka 2\.1\.0 \(ZooKeeper\), which has no ElectLeaders API/);
  });

  it('honours KIP-966: an active ELR member first, a clean election', () => {
    const s = run(start({ era: 'kip-966', ...oneElection }), lastStanding);
    expect(data(s).record).toMatchObject({ leader: null });
    const picks = operatorElections(s);
    expect(picks.length).toBeGreaterThan(0);
    const end = step(s, operatorElects(picks[0] ?? -1));
    expect(data(end).ghost.uncleanLeader).toBeNull();
  });
});
