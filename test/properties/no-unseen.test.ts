/**
 * no-unseen: the consumer never reads on past a committed record it did not process. Position
 * validation (KAFKA-7747, 2.3) moves it back when a new leader truncated below it; without it (before
 * 2.3, or resumed from a commit with no leader epoch) it reads on past what the new leader wrote there.
 */
import { describe, expect, it } from 'vitest';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { judgeViolation } from '../../properties/judgement.js';
import { noUnseen } from '../../properties/no-unseen.js';
import type { State } from '../../spec/types.js';
import { act, run, start } from '../builders.js';
import { consumerPastTheNewEnd, resumedPastRewrittenOffsets } from '../stories.js';

/** Three polls at the new leader b1. */
const readOn = (s: State): State => run(s, [act.read(1), act.read(1), act.read(1)]);

describe('no-unseen', () => {
  it('holds in the initial state', () => {
    expect(noUnseen.check(start({ budgets: { commits: 2 } }))).toBeNull();
  });

  it('holds in 3.6 after an operator’s unclean election: a commit with its epoch is validated, the consumer moves back', () => {
    const resumed = resumedPastRewrittenOffsets({});
    expect(resumed.consumer).toMatchObject({ position: 1, epochs: { offsetEpoch: 0, leaderEpoch: null } });
    const end = readOn(resumed);
    expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 1, to: 0, cause: 'truncation' });
    expect(end.consumer?.seen.map((r) => `w${r.id}@${r.offset}`)).toEqual(['w0@0', 'w1@0', 'w2@1']);
    expect(noUnseen.check(end)).toBeNull();
    // w0 itself is gone, and the run names the election that took it.
    expect(ackedNeverLost.check(end)).not.toBeNull();
    expect(judgeViolation(end.config, ackedNeverLost, end).reason).toMatch(/an operator's ElectLeaders/);
  });

  it('fails in 3.6 when the commit carries no leader epoch (two-argument OffsetAndMetadata, KAFKA-19902): it reads on', () => {
    const resumed = resumedPastRewrittenOffsets({ commitLeaderEpoch: false });
    expect(resumed.consumer).toMatchObject({ position: 1, epochs: null });
    const end = run(resumed, [act.read(1)]);
    expect(end.consumer?.seen.map((r) => `w${r.id}@${r.offset}`)).toEqual(['w0@0', 'w2@1']);
    expect(noUnseen.check(end)).toBe('the consumer read on past w1@0, committed below its position, never processed');
    const judged = judgeViolation(end.config, noUnseen, end);
    expect(judged).toMatchObject({ judged: 'allowed', reason: expect.stringMatching(/^an unclean election of b1 .*an operator's ElectLeaders/) });
  });

  it('fails in 2.1 (kip-320) after an unclean election, with no validation: it reads on past the rewritten offset', () => {
    // The consumer is at 1 past the new leader's end; b1 takes w1@0 and w2@1 before the consumer fetches.
    const end = run(consumerPastTheNewEnd({ era: 'kip-320', uncleanLeaderElection: true }, true), [act.send(1), act.send(1), act.read(1)]);
    expect(end.consumer?.seen.map((r) => `w${r.id}@${r.offset}`)).toEqual(['w0@0', 'w2@1']);
    expect(noUnseen.check(end)).toBe('the consumer read on past w1@0, committed below its position, never processed');
    expect(judgeViolation(end.config, noUnseen, end)).toMatchObject({ judged: 'allowed', reason: expect.stringMatching(/unclean\.leader\.election\.enable/) });
  });

  it('holds for the same run in 3.6: validation moves the consumer back first', () => {
    const end = run(consumerPastTheNewEnd({ era: 'kraft', budgets: { uncleanElections: 1 } }, false), [act.send(1), act.send(1), act.read(1), act.read(1), act.read(1)]);
    expect(end.consumer?.seen.map((r) => `w${r.id}@${r.offset}`)).toEqual(['w0@0', 'w1@0', 'w2@1']);
    expect(noUnseen.check(end)).toBeNull();
  });
});
