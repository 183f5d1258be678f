/**
 * The operations' rows that are not one configuration's verdict: in every era a preferred leader
 * election moves leadership between live ISR members, and in every ZooKeeper era a last ISR member that
 * returns on an empty disk is re-elected (an allowed loss, as the saved kip-320 trace shows).
 */
import { setAutoFreeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { explore } from '../../model/explore/explore.js';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { judgeViolation } from '../../properties/judgement.js';
import { leaderMoved } from '../../properties/witnesses/leader-moved.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { act, config, data, run, start } from '../builders.js';

setAutoFreeze(false);

describe.each(ERA_NAMES)('%s', (era) => {
  it('--leader-moves 1: the explorer reaches "leadership moved between live ISR members"', () => {
    const bounds = { records: 0, crashes: 0, powerLosses: 0, fences: 1, shutdowns: 0, shrinks: 0, leaderMoves: 1 };
    const result = explore({ config: config({ era, budgets: bounds }), invariants: [], witnesses: [leaderMoved], maxDepth: Infinity, maxStates: 200_000 });
    expect(result.reached).toEqual(['leader-moved']);
  });
});

describe.each(['hw-truncation', 'kip-101', 'kip-279', 'kip-320'] as const)('%s: the last ISR member returns on an empty disk', (era) => {
  it('is re-elected without the committed record: allowed, no in-sync replica kept it', () => {
    const lastMember = [act.shrink(0, 1), act.shrink(0, 2), act.send(0), act.crash(0), act.fence(0), act.replaceDisk(0), act.metadata(0), act.unfence(0), act.elect(0), act.metadata(0)];
    const end = run(start({ era, minInsyncReplicas: 1, budgets: { crashes: 1, fences: 1, shrinks: 2, diskLosses: 1 } }), lastMember);
    expect(data(end).record).toMatchObject({ leader: 0, isr: [0] });
    expect(ackedNeverLost.check(end)).not.toBeNull();
    expect(judgeViolation(end.config, ackedNeverLost, end).judged).toBe('allowed');
  });
});
