import type { Invariant } from './invariant.js';
import { skipExcuse } from './no-skip.js';
import { atMostOnce } from './processed-before-commit.js';
import type { Consumer, State } from '../spec/types.js';

/**
 * Why the consumer read on past record `id` by design rather than by a loss: it was polled and dropped
 * unprocessed under commit-before-processing, or a jump passed it by design (no-skip's skipExcuse).
 */
function excuseOf(state: State, consumer: Consumer, id: number): string | null {
  const passing = consumer.jumps.filter((jump) => jump.skipped.some((skipped) => skipped.id === id));
  return atMostOnce(state, id) ?? passing.map((jump) => skipExcuse(state, jump, [id])).find((excuse) => excuse !== null) ?? null;
}

/**
 * no-unseen: a consumer never reads on past a committed record it did not process, from where it first
 * started (Jepsen's "unseen" records). A consumer that validates its position moves back when a new
 * leader truncated below it (KAFKA-7747); one that does not (before 2.3, or resumed from a commit with no
 * leader epoch) reads on, and the records the new leader wrote at the offsets it had passed are never
 * seen. Records an unclean election or a power loss took are excused by the run (they cannot be seen;
 * acked-never-lost judges them), through the judgement.
 */
export const noUnseen: Invariant = {
  name: 'no-unseen',
  kind: 'safety',
  statement: 'A consumer never reads on past a committed record it did not process (from where it first started).',
  source: 'KIP-320 (consumer side, KAFKA-7747); KAFKA-19902 (commits without a leader epoch); Jepsen analyses of Kafka-compatible systems',
  promised: 'durability',
  brokenBy: [
    'an unclean election before 2.3 (no position validation)',
    'a commit without a leader epoch, after an unclean election',
    'commit before processing (at most once by choice)',
    'auto.offset.reset=latest after a lost commit',
  ],
  check(state) {
    const unseen = state.consumer?.unseen ?? [];
    if (unseen.length === 0) return null;
    const records = unseen.map((record) => `w${record.id}@${record.offset}`).join(', ');
    return `the consumer read on past ${records}, committed below its position, never processed`;
  },
  byDesign(state) {
    const consumer = state.consumer;
    if (consumer === null || consumer.unseen.length === 0) return null;
    const excuses = consumer.unseen.map((record) => excuseOf(state, consumer, record.id));
    if (excuses.some((excuse) => excuse === null)) return null;
    return [...new Set(excuses)].join('; ');
  },
};
