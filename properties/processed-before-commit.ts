import type { Invariant } from './invariant.js';
import type { Consumer, DroppedRecord, PositionJump, State } from '../spec/types.js';

/**
 * The first record a restart took from the application unprocessed that the consumer then resumed
 * past (from a commit made while it held the record), with that resume; null when none.
 */
export function committedUnprocessed(consumer: Consumer): { readonly dropped: DroppedRecord; readonly resume: PositionJump } | null {
  const processed = new Set(consumer.seen.map((record) => record.id));
  for (const dropped of consumer.dropped) {
    if (processed.has(dropped.record.id)) continue;
    const resume = consumer.jumps.slice(dropped.jumps).find((jump) => jump.cause === 'resume' && jump.to > dropped.record.offset);
    if (resume !== undefined) return { dropped, resume };
  }
  return null;
}

const AT_MOST_ONCE = 'at most once by choice: the application commits before processing what it polled, so a crash between the two loses it';

/**
 * Why the consumer never processed record `id` by choice: it committed before processing, and a restart
 * took the record from the application after it was polled. Null otherwise.
 */
export function atMostOnce(state: State, id: number): string | null {
  const dropped = state.consumer?.dropped.some((d) => d.record.id === id) === true;
  return dropped && state.config.commitDiscipline === 'before-processing' ? AT_MOST_ONCE : null;
}

/**
 * processed-before-commit: every record below a position the consumer resumed from was processed. A
 * commit placed before processing (at most once) covers what the application still holds, and a crash
 * between the two leaves it committed and never processed: Kafka's documented price of that choice.
 */
export const processedBeforeCommit: Invariant = {
  name: 'processed-before-commit',
  kind: 'safety',
  statement: 'Every record below a committed position the consumer resumes from was processed.',
  source: 'Kafka docs: KafkaConsumer, "Manual Offset Control" (at-least-once and at-most-once delivery)',
  promised: 'durability',
  brokenBy: ['commit before processing (at most once by choice), then a consumer crash'],
  check(state: State) {
    const found = state.consumer === null ? null : committedUnprocessed(state.consumer);
    if (found === null) return null;
    const { record } = found.dropped;
    return `the consumer resumed at ${found.resume.to} from a commit past w${record.id}@${record.offset}, which it had polled and a restart took before the application processed it`;
  },
  byDesign(state) {
    const found = state.consumer === null ? null : committedUnprocessed(state.consumer);
    return found === null ? null : atMostOnce(state, found.dropped.record.id);
  },
};
