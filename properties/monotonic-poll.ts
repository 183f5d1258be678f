import type { Invariant } from './invariant.js';
import type { Consumer, LogRecord, State } from '../spec/types.js';

/**
 * The first read at or below the offset of the read before it with nothing between them that may move
 * the position back: a truncation notice, an `auto.offset.reset`, or a restart (a new incarnation,
 * whose first position is a jump from none).
 */
export function backwardsPoll(consumer: Consumer): { readonly before: LogRecord; readonly after: LogRecord } | null {
  const { seen, jumps } = consumer;
  for (const [i, after] of seen.entries()) {
    const before = seen[i - 1];
    if (before === undefined || after.offset > before.offset) continue;
    const excused = jumps.some((jump) => jump.seen === i && (jump.from === null || jump.cause !== 'resume'));
    if (!excused) return { before, after };
  }
  return null;
}

/**
 * monotonic-poll: within one consumer incarnation the offsets it polls only go forward, except after a
 * truncation notice (KAFKA-7747) or an `auto.offset.reset`; a restart resuming from its last commit is a
 * new incarnation (Jepsen's "nonmonotonic poll"). Kafka's consumer fetches its committed offset only
 * while it has no position, which is what keeps it.
 */
export const monotonicPoll: Invariant = {
  name: 'monotonic-poll',
  kind: 'safety',
  statement: 'Within one incarnation a consumer never polls an offset at or below one it polled before, except after a truncation notice or a reset.',
  source: 'Kafka docs: consumer position; Jepsen analyses of Kafka-compatible systems ("nonmonotonic poll")',
  promised: 'always',
  brokenBy: ['check:resume-without-position removed'],
  check(state: State) {
    const found = state.consumer === null ? null : backwardsPoll(state.consumer);
    if (found === null) return null;
    const { before, after } = found;
    return `the consumer polled w${after.id}@${after.offset} right after w${before.id}@${before.offset}, in one incarnation, with no truncation notice or reset between them`;
  },
};
