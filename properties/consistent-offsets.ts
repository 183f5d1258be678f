import type { Invariant } from './invariant.js';
import type { Consumer, LogRecord, State } from '../spec/types.js';

/**
 * The first two different records the consumer processed at one offset with no truncation notice (a
 * `truncation` jump, KAFKA-7747) between them: the second read came after a new leader rewrote the
 * offset, and nothing told the consumer.
 */
export function unnoticedRewrite(consumer: Consumer): { readonly first: LogRecord; readonly second: LogRecord } | null {
  const { seen, jumps } = consumer;
  for (const [j, second] of seen.entries()) {
    for (const [i, first] of seen.slice(0, j).entries()) {
      if (first.offset !== second.offset || first.id === second.id) continue;
      const noticed = jumps.some((jump) => jump.cause === 'truncation' && jump.seen > i && jump.seen <= j);
      if (!noticed) return { first, second };
    }
  }
  return null;
}

/**
 * consistent-offsets: a consumer never processes two different records at one offset unless a
 * truncation notice came between them (Jepsen's "inconsistent offsets"). A consumer that does not
 * validate its position (before 2.3, or a position with no epoch) and is reset after
 * OFFSET_OUT_OF_RANGE reads the rewritten offsets silently.
 */
export const consistentOffsets: Invariant = {
  name: 'consistent-offsets',
  kind: 'safety',
  statement: 'A consumer never processes two different records at one offset without a truncation notice between them.',
  source: 'KIP-320 (consumer side, KAFKA-7747); Jepsen analyses of Kafka-compatible systems ("inconsistent offsets")',
  promised: 'durability',
  brokenBy: ['an unclean election before 2.3 (no position validation)', 'KAFKA-7747 removed'],
  check(state: State) {
    const consumer = state.consumer;
    const rewrite = consumer === null ? null : unnoticedRewrite(consumer);
    if (rewrite === null) return null;
    const { first, second } = rewrite;
    return `the consumer processed w${first.id}@${first.offset} (epoch ${first.epoch}) and later w${second.id}@${second.offset} (epoch ${second.epoch}) at the same offset, with no truncation notice between them`;
  },
};
