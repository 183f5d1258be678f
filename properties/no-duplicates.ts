import { rulesOf } from '../spec/eras/index.js';
import { sendsIn, settingsText } from './delivery.js';
import type { Invariant } from './invariant.js';
import { committedLog } from './leader.js';

/** The first write the committed log holds twice, with both offsets; null if none. */
function duplicate(state: Parameters<Invariant['check']>[0]): { readonly id: number; readonly offsets: readonly [number, number]; readonly leader: number } | null {
  const log = committedLog(state);
  if (log === null) return null;
  const seen = new Map<number, number>();
  for (const record of log.records) {
    const first = seen.get(record.id);
    if (first !== undefined) return { id: record.id, offsets: [first, record.offset], leader: log.leader.broker };
    seen.set(record.id, record.offset);
  }
  return null;
}

/**
 * no-duplicates: each write (one batch, however often sent) appears at most once in the data
 * partition's committed log. Without idempotence a retry after a lost answer appends the batch again
 * (allowed); an idempotent leader recognises the batch by its producer id and sequence (KIP-98).
 */
export const noDuplicates: Invariant = {
  name: 'no-duplicates',
  kind: 'safety',
  statement: 'Each write of the producer appears at most once in the committed log, however often it was sent.',
  source: 'KIP-98 (idempotent producer); Kafka docs: enable.idempotence',
  promised: 'delivery',
  brokenBy: ['retries without idempotence (allowed)', "an idempotent leader's duplicate check removed (check:idempotent-duplicate)"],
  check(state) {
    const found = duplicate(state);
    if (found === null) return null;
    return `w${found.id} is in the committed log twice, at offsets ${found.offsets[0]} and ${found.offsets[1]} (leader b${found.leader})`;
  },
  judge(config, state) {
    const found = duplicate(state);
    if (found === null) return { judged: 'broken', reason: 'no write is in the committed log twice, yet no-duplicates is violated' };
    const w = `w${found.id}`;
    const sends = sendsIn(state);
    const retry = sends.indexOf(found.id, sends.indexOf(found.id) + 1);
    if (retry < 0) return { judged: 'broken', reason: `${w} was sent once, yet is in the committed log twice` };
    if (rulesOf(config).producer.idempotence) return { judged: 'broken', reason: `${w} was retried and appended twice although the producer is idempotent (${settingsText(config)})`, send: retry };
    return { judged: 'allowed', reason: `${w} was retried without idempotence (${settingsText(config)}): the retry appended the batch again`, send: retry };
  },
};
