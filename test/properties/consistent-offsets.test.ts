/**
 * consistent-offsets: two different records at one offset, with no truncation notice between them.
 * Before 2.3 (or with KAFKA-7747 removed) a consumer past a truncated log end is reset by
 * OFFSET_OUT_OF_RANGE and reads the rewritten offset silently; from 2.3 its position validation
 * notices the truncation first.
 */
import { describe, expect, it } from 'vitest';
import { consistentOffsets } from '../../properties/consistent-offsets.js';
import { judgeViolation } from '../../properties/judgement.js';
import type { State } from '../../spec/types.js';
import { act, run, start } from '../builders.js';
import { consumerPastTheNewEnd, type Overrides } from '../stories.js';

/** The new leader b1 takes w1 at offset 0, where the consumer had read w0; the consumer reads on. */
const rewriteAndRead = (s: State): State => run(s, [act.read(1), act.send(1), act.read(1)]);

const KRAFT: Overrides = { era: 'kraft', budgets: { uncleanElections: 1 } };

describe('consistent-offsets', () => {
  it('holds in the initial state', () => {
    expect(consistentOffsets.check(start({ budgets: { commits: 2 } }))).toBeNull();
  });

  it('fails before 2.3: a reset after OFFSET_OUT_OF_RANGE reads the rewritten offset silently', () => {
    const end = rewriteAndRead(consumerPastTheNewEnd({ era: 'kip-320', uncleanLeaderElection: true }, true));
    expect(end.consumer?.seen.map((r) => [r.id, r.offset])).toEqual([[0, 0], [1, 0]]);
    expect(consistentOffsets.check(end)).toBe(
      'the consumer processed w0@0 (epoch 0) and later w1@0 (epoch 2) at the same offset, with no truncation notice between them',
    );
    // The unclean election took w0: a loss Kafka allows, named with the election.
    expect(judgeViolation(end.config, consistentOffsets, end)).toMatchObject({ judged: 'allowed', reason: expect.stringMatching(/^an unclean election of b1 /) });
  });

  it('fails in 3.6 with KAFKA-7747 removed', () => {
    const end = rewriteAndRead(consumerPastTheNewEnd({ ...KRAFT, withoutFixes: ['KAFKA-7747'] }, false));
    expect(consistentOffsets.check(end)).toMatch(/^the consumer processed w0@0 .* and later w1@0 /);
  });

  it('holds from 2.3: position validation notices the truncation before the consumer reads the offset again', () => {
    const end = rewriteAndRead(consumerPastTheNewEnd(KRAFT, false));
    expect(end.consumer?.seen.map((r) => [r.id, r.offset])).toEqual([[0, 0], [1, 0]]);
    expect(end.consumer?.jumps.map((j) => j.cause)).toContain('truncation');
    expect(consistentOffsets.check(end)).toBeNull();
  });
});
