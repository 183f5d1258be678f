/**
 * The operations' rows that are not one configuration's verdict: in every era a preferred leader
 * election moves leadership between live ISR members; in every ZooKeeper era a last ISR member that
 * returns on an empty disk is re-elected (an allowed loss, as the saved kip-320 trace shows), and in
 * KRaft too until KIP-966, whose eligible leader replicas elect one that kept the record.
 */
import { setAutoFreeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { explore } from '../../model/explore/explore.js';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { judgeViolation } from '../../properties/judgement.js';
import { leaderMoved } from '../../properties/witnesses/leader-moved.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { act, committedWrite, config, data, disabled, ids, run, start, verdict } from '../builders.js';

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
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
    expect(ackedNeverLost.check(end)).not.toBeNull();
    const judged = judgeViolation(end.config, ackedNeverLost, end);
    expect(judged.judged).toBe('allowed');
    expect(judged.reason).toMatch(/no in-sync replica kept it: b0's replaced disk took w0@0/);
  });
});

describe('KRaft: the last ISR member returns on an empty disk', () => {
  /** w0 committed by all, then both followers shrunk out behind w1, and b0's disk replaced. */
  const lastMember = [...committedWrite(0, [1, 2]), act.send(0), ...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), act.replaceDisk(0), act.metadata(0), act.unfence(0)];
  const alone = { budgets: { crashes: 0, fences: 0, shutdowns: 0, diskLosses: 1 } };

  it('3.6 keeps it in the ISR and re-elects it empty: allowed, no in-sync replica kept w0', () => {
    const end = run(start({ era: 'kraft', ...alone }), [...lastMember, act.elect(0), act.metadata(0)]);
    expect(data(end).record).toMatchObject({ leader: 0, isr: [0] });
    expect(judgeViolation(end.config, ackedNeverLost, end)).toMatchObject({ judged: 'allowed' });
  });

  it('4.1 (KIP-966) takes it out of the ISR as unclean and elects an eligible leader replica that kept w0', () => {
    const s = run(start({ era: 'kip-966', ...alone }), lastMember);
    // b2 left the ISR when it fell below min.insync.replicas, so it is the eligible leader replica (b1 left before).
    expect(data(s).record).toMatchObject({ leader: null, isr: [], elr: [2] });
    expect(verdict(s, act.elect(0))).toEqual(disabled('b0 is not eligible (eligible: b2)'));
    const end = run(s, [act.elect(2), act.metadata(2)]);
    expect(ids(end, 2)).toContain(0);
    expect(ackedNeverLost.check(end)).toBeNull();
  });
});
