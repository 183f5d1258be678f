import type { Invariant } from './invariant.js';
import { kafkaPromise, type PromiseVerdict } from './promise.js';
import { DATA_PARTITION, type Config } from '../spec/config.js';
import type { PositionJump, State } from '../spec/types.js';

function firstSkip(state: State): PositionJump | undefined {
  return state.consumer?.jumps.find((jump) => jump.skipped.length > 0);
}

/**
 * Retention deleting records nobody read, and auto.offset.reset=latest, skip records by design: that is
 * loss the configuration allows. A skip for any other reason is judged by Kafka's durability promise.
 */
function skipPromise(config: Config, run: State): PromiseVerdict {
  const jump = firstSkip(run);
  if (jump?.skipped.every((record) => record.expired) === true) {
    return { covered: false, reason: 'retention (log.retention.*) deleted records the consumer had not read yet' };
  }
  if (jump?.cause === 'reset-latest') return { covered: false, reason: 'auto.offset.reset=latest starts past unread records' };
  return kafkaPromise(config, DATA_PARTITION, run);
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
  brokenBy: ['retention faster than the consumer', 'auto.offset.reset=latest after a lost commit'],
  check(state) {
    const jump = firstSkip(state);
    if (jump === undefined) return null;
    const skipped = jump.skipped.map((record) => `w${record.id}@${record.offset}${record.expired ? ' (deleted by retention)' : ''}`);
    return `the consumer jumped from ${jump.from ?? 'no position'} to ${jump.to} (${jump.cause}) past ${skipped.join(', ')}, never processed`;
  },
  promise: skipPromise,
};
