import { rulesOf } from '../spec/eras/index.js';
import { sendsIn, settingsText } from './delivery.js';
import type { Invariant } from './invariant.js';
import { committedLog } from './leader.js';

/**
 * The first pair of one producer's writes the committed log holds in the opposite order to their first
 * sends (write ids are in that order); writes of different producers may interleave in any order.
 */
function reordered(state: Parameters<Invariant['check']>[0]): { readonly earlier: number; readonly later: number; readonly at: readonly [number, number]; readonly leader: number } | null {
  const log = committedLog(state);
  if (log === null) return null;
  const writer = (id: number): number => state.producer.network?.writers[id] ?? 0;
  const firsts: { id: number; offset: number }[] = [];
  for (const record of log.records) if (!firsts.some((f) => f.id === record.id)) firsts.push({ id: record.id, offset: record.offset });
  for (let i = 1; i < firsts.length; i++) {
    const id = firsts[i]?.id ?? 0;
    const before = firsts.slice(0, i).find((f) => f.id > id && writer(f.id) === writer(id));
    const current = firsts[i];
    if (before !== undefined && current !== undefined) return { earlier: current.id, later: before.id, at: [current.offset, before.offset], leader: log.leader.broker };
  }
  return null;
}

/**
 * producer-order: each producer's writes appear in the committed log in the order it first sent them
 * (each at its first copy). Without idempotence and with more than one request in flight, a retry can
 * overtake a later batch (allowed: Kafka documents it); with one in flight, or idempotence, order holds.
 */
export const producerOrder: Invariant = {
  name: 'producer-order',
  kind: 'safety',
  statement: 'The writes of each producer appear in the committed log in the order it sent them.',
  source: 'Kafka docs: max.in.flight.requests.per.connection, enable.idempotence; KIP-98',
  promised: 'delivery',
  brokenBy: ['retries with more than one request in flight and no idempotence (allowed)'],
  check(state) {
    const found = reordered(state);
    if (found === null) return null;
    return `w${found.later}@${found.at[1]} precedes w${found.earlier}@${found.at[0]} in the committed log (leader b${found.leader}), but the producer sent w${found.earlier} first`;
  },
  judge(config, state) {
    const found = reordered(state);
    if (found === null) return { judged: 'broken', reason: 'no two writes are out of order in the committed log, yet producer-order is violated' };
    const { idempotence, maxInFlight } = rulesOf(config).producer;
    const sends = sendsIn(state);
    // A retry of the earlier write sent after the later write's first send: the retry overtook it.
    const overtaking = sends.findIndex((write, i) => write === found.earlier && i > sends.indexOf(found.later));
    const story = `w${found.later} overtook w${found.earlier}`;
    if (overtaking < 0) return { judged: 'broken', reason: `${story} with no retry of w${found.earlier} after it (${settingsText(config)})` };
    if (idempotence || maxInFlight === 1) return { judged: 'broken', reason: `${story}: w${found.earlier} was retried after w${found.later} was sent, which ${settingsText(config)} rules out`, send: overtaking };
    return { judged: 'allowed', reason: `${story}: w${found.earlier} was retried after w${found.later} was sent, with ${settingsText(config)}`, send: overtaking };
  },
};
