/**
 * monotonic-poll: within one incarnation the consumer's polls only go forward, except after a truncation
 * notice or a reset. Kafka's consumer fetches its committed offset only while it has no position
 * (`check:resume-without-position`); with that guard removed, a running consumer jumps back to its commit.
 */
import { describe, expect, it } from 'vitest';
import { monotonicPoll } from '../../properties/monotonic-poll.js';
import type { SwitchName } from '../../spec/switches.js';
import { act, committedWrite, disabled, run, start, verdict } from '../builders.js';
import { CONSUMER, commitReplicated, consumerPastTheNewEnd } from '../stories.js';

/** w0 and w1 committed; the consumer reads w0, commits position 1, and reads w1. */
const readPastCommit = (withoutFixes: SwitchName[] = []) =>
  run(start({ ...CONSUMER, withoutFixes }), [act.send(0), ...committedWrite(0, [1, 2]), act.resume(0), act.read(0), act.read(0), act.commit(0), ...commitReplicated, act.read(0)]);

describe('monotonic-poll', () => {
  it('holds in the initial state', () => {
    expect(monotonicPoll.check(start(CONSUMER))).toBeNull();
  });

  it('holds across a restart: resuming from the last commit re-reads as a new incarnation', () => {
    const end = run(readPastCommit(), [act.consumerRestart(), act.resume(0), act.read(0)]);
    expect(end.consumer?.seen.map((r) => r.id)).toEqual([0, 1, 1]);
    expect(monotonicPoll.check(end)).toBeNull();
  });

  it('holds across a truncation notice (KAFKA-7747) that moves the position back', () => {
    const end = run(consumerPastTheNewEnd({ era: 'kraft', budgets: { uncleanElections: 1 } }, false), [act.send(1), act.read(1), act.read(1)]);
    expect(end.consumer?.seen.map((r) => r.offset)).toEqual([0, 0]);
    expect(monotonicPoll.check(end)).toBeNull();
  });

  it('the guard: a running consumer does not ask where to resume', () => {
    expect(verdict(readPastCommit(), act.resume(0))).toEqual(disabled('the consumer already has a position'));
  });

  it('fails with the guard removed: the consumer jumps back to its commit and polls w1 again in the same incarnation', () => {
    const end = run(readPastCommit(['check:resume-without-position']), [act.resume(0), act.read(0)]);
    expect(end.consumer?.jumps.at(-1)).toMatchObject({ from: 2, to: 1, cause: 'resume' });
    expect(monotonicPoll.check(end)).toBe('the consumer polled w1@1 right after w1@1, in one incarnation, with no truncation notice or reset between them');
  });
});
