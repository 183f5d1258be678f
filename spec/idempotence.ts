/**
 * The idempotent producer at the leader (KIP-98, rule 29): each batch carries its producer's sequence
 * number, and the leader's producer state (the last batches it holds per producer, 1 in 0.11 and 5 from
 * 1.0, KAFKA-5494) tells a duplicate, the next batch, or a gap apart.
 *
 * The producer state is read off the replica's log, where every batch keeps its producer metadata: so
 * followers hold the same state as their leader, and a truncation or a restart rebuilds it from what
 * the log still holds, as Kafka rebuilds it from the latest snapshot at or below the truncation point
 * plus the log above it. (Kafka keeps a producer's state past the deletion of its batches by retention,
 * until producer.id.expiration.ms; here retention that deletes them all forgets the producer.)
 */
import { isOn, type Rules } from './rules.js';
import type { Offset, ProduceError, Replica } from './types.js';

/** What the leader does with a batch of sequence `sequence`: append it, answer it with the original offset, or refuse it. */
export type SequenceVerdict = { readonly append: true } | { readonly duplicateOf: Offset } | { readonly error: ProduceError };

/** The sequences and offsets of `producer`'s last batches the replica holds (oldest first), as many as the era remembers. */
function producerState(rules: Rules, replica: Replica, producer: number): { readonly sequence: number; readonly offset: Offset }[] {
  const batches: { sequence: number; offset: Offset }[] = [];
  for (const record of replica.log) if (record.sequence !== undefined && record.producer === producer) batches.push({ sequence: record.sequence, offset: record.offset });
  return batches.slice(-rules.producer.dedupWindow);
}

/** ProducerAppendInfo's sequence check of a batch of `producer` at the leader `leader` (Log.analyzeAndValidateProducerState). */
export function checkSequence(rules: Rules, leader: Replica, { producer, sequence }: { readonly producer: number; readonly sequence: number }): SequenceVerdict {
  const batches = producerState(rules, leader, producer);
  const last = batches.at(-1);
  if (last === undefined) {
    // No state for the producer (rule 29).
    if (sequence === 0 || rules.producer.unknownProducer === 'accept') return { append: true };
    return { error: rules.producer.unknownProducer === 'UNKNOWN_PRODUCER_ID' ? 'UNKNOWN_PRODUCER_ID' : 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
  }
  const duplicate = batches.find((batch) => batch.sequence === sequence);
  // CHECK: no-duplicates (a retried batch the leader holds is answered, not appended again)
  if (duplicate !== undefined && isOn(rules, 'check:idempotent-duplicate')) return { duplicateOf: duplicate.offset };
  if (duplicate !== undefined || sequence === last.sequence + 1) return { append: true };
  return { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' };
}
