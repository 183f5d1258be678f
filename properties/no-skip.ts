import type { Invariant } from './invariant.js';
import { atMostOnce } from './processed-before-commit.js';
import type { PositionJump, State } from '../spec/types.js';

function firstSkip(state: State): PositionJump | undefined {
  return state.consumer?.jumps.find((jump) => jump.skipped.length > 0);
}

/**
 * Why `jump` passed the records `ids` by design, or null: retention deleted them before the consumer
 * read them, `auto.offset.reset=latest` starts past unread records, or the application committed before
 * processing them (at most once by choice). A skip for any other reason is judged by what happened to
 * the records (judgement.ts). no-unseen asks the same of the jumps that passed what it reads on past.
 */
export function skipExcuse(state: State, jump: PositionJump, ids: readonly number[]): string | null {
  const passed = jump.skipped.filter((record) => ids.includes(record.id));
  if (passed.length > 0 && passed.every((record) => record.expired)) return 'retention (log.retention.*) deleted records the consumer had not read yet';
  if (jump.cause === 'reset-latest') return 'auto.offset.reset=latest starts past unread records';
  const byChoice = ids.map((id) => atMostOnce(state, id));
  return byChoice.every((reason) => reason !== null) ? (byChoice[0] ?? null) : null;
}

function skipByDesign(state: State): string | null {
  const jump = firstSkip(state);
  return jump === undefined ? null : skipExcuse(state, jump, jump.skipped.map((record) => record.id));
}

/**
 * no-skip: a consumer's position never jumps past a record it did not process (a record some leader
 * exposed below its HW). Reads move one record at a time; only resumes and `auto.offset.reset` jump.
 */
export const noSkip: Invariant = {
  name: 'no-skip',
  kind: 'safety',
  statement: 'A consumer never jumps past a record it did not process.',
  source: 'Kafka docs: auto.offset.reset, log.retention.hours',
  promised: 'durability',
  brokenBy: ['retention faster than the consumer', 'auto.offset.reset=latest after a lost commit', 'commit before processing (at most once by choice)'],
  check(state) {
    const jump = firstSkip(state);
    if (jump === undefined) return null;
    const skipped = jump.skipped.map((record) => `w${record.id}@${record.offset}${record.expired ? ' (deleted by retention)' : ''}`);
    return `the consumer jumped from ${jump.from ?? 'no position'} to ${jump.to} (${jump.cause}) past ${skipped.join(', ')}, never processed`;
  },
  byDesign: skipByDesign,
};
