/**
 * The producer's delivery settings as the era's Java client resolves them (KafkaProducer's config
 * post-processing): what the user set, or the release's default, and the checks that make a conflicting
 * explicit setting a ConfigException (rules 29-30).
 *
 * - `enable.idempotence` (KIP-98) exists from 0.11; on by default from 3.0.1 (KIP-679, KAFKA-13598).
 *   Set explicitly it needs `acks=all`, `retries` above 0 and at most 5 requests in flight (1 in 0.11;
 *   5 from 1.0, KAFKA-5494). Only the default, those settings silently turn it off (KAFKA-13673).
 * - `retries`: 0 by default before 2.1, Integer.MAX_VALUE from 2.1 (KIP-91); before 2.1 an idempotent
 *   producer whose `retries` the user left out takes Integer.MAX_VALUE (and in 0.11 one request in flight).
 * - `max.in.flight.requests.per.connection`: 5.
 */
import type { Config } from './config.js';
import { atLeast, ERA_VERSIONS } from './eras/names.js';

/** Java's Integer.MAX_VALUE: `retries` from 2.1, "retry until delivery.timeout.ms". */
export const MAX_RETRIES = 2 ** 31 - 1;

/** What an idempotent leader answers a producer it holds no state for (rule 29). */
export type UnknownProducerAnswer = 'sequence-0-only' | 'UNKNOWN_PRODUCER_ID' | 'accept';

/** The settings a run's producer sends with, resolved. */
export interface ProducerSettings {
  readonly idempotence: boolean;
  readonly retries: number;
  readonly maxInFlight: number;
  /** How idempotence came to be on or off, for the run's header. */
  readonly why: string;
  /** Batches per producer a leader remembers to recognise a duplicate (1 in 0.11, 5 from 1.0). */
  readonly dedupWindow: number;
  readonly unknownProducer: UnknownProducerAnswer;
}

/** The producer settings a configuration names; null is "left out", which takes the release's default. */
export interface ProducerProperties {
  /** `enable.idempotence`. */
  readonly enableIdempotence: boolean | null;
  /** `retries`. */
  readonly retries: number | null;
  /** `max.in.flight.requests.per.connection`. */
  readonly maxInFlight: number | null;
}

/** A producer setting the client rejects (Kafka's ConfigException): the setting and why. */
export interface ProducerConflict {
  readonly setting: keyof ProducerProperties | 'acks';
  readonly message: string;
}

/** The settings `config` resolves to, or the conflict Kafka's producer would refuse to start with. */
export function resolveProducer(config: Pick<Config, 'era' | 'acks'> & { readonly producer: ProducerProperties }): ProducerSettings | ProducerConflict {
  const { release } = ERA_VERSIONS[config.era];
  const { enableIdempotence, retries, maxInFlight } = config.producer;
  const maxInFlightIdempotent = atLeast(release, '1.0') ? 5 : 1;
  const era = { dedupWindow: maxInFlightIdempotent, unknownProducer: unknownProducerAnswer(release) };
  const defaultRetries = atLeast(release, '2.1') ? MAX_RETRIES : 0;
  const plain = (why: string): ProducerSettings => ({ idempotence: false, retries: retries ?? defaultRetries, maxInFlight: maxInFlight ?? 5, why, ...era });
  if (enableIdempotence === true) {
    if (!atLeast(release, '0.11')) return { setting: 'enableIdempotence', message: `Kafka ${release} has no idempotent producer (KIP-98 came in 0.11)` };
    if (config.acks !== 'all') return { setting: 'acks', message: `must be all (-1) with enable.idempotence=true, got ${config.acks} (Kafka: ConfigException)` };
    if (retries === 0) return { setting: 'retries', message: 'must be above 0 with enable.idempotence=true (Kafka: ConfigException)' };
    if (maxInFlight !== null && maxInFlight > maxInFlightIdempotent) {
      return { setting: 'maxInFlight', message: `must be at most ${maxInFlightIdempotent} with enable.idempotence=true in Kafka ${release}, got ${maxInFlight} (Kafka: ConfigException${maxInFlightIdempotent === 1 ? '; 5 from 1.0, KAFKA-5494' : ''})` };
    }
    return { idempotence: true, retries: retries ?? MAX_RETRIES, maxInFlight: maxInFlight ?? maxInFlightIdempotent, why: 'set', ...era };
  }
  if (enableIdempotence === false) return plain('set');
  if (!atLeast(release, '3.0.1')) return plain(`Kafka ${release}'s default; on by default from 3.0.1, KIP-679, KAFKA-13598`);
  // KAFKA-13673: a default idempotence gives way to the settings it cannot work with.
  const against = [config.acks !== 'all' ? `acks=${config.acks}` : null, retries === 0 ? 'retries=0' : null, (maxInFlight ?? 5) > 5 ? `max.in.flight.requests.per.connection=${maxInFlight}` : null].filter((s) => s !== null);
  if (against.length > 0) return plain(`on by default in Kafka ${release}, silently turned off by ${against.join(', ')}: KAFKA-13673`);
  return { idempotence: true, retries: retries ?? MAX_RETRIES, maxInFlight: maxInFlight ?? 5, why: `Kafka ${release}'s default, from 3.0.1: KIP-679`, ...era };
}

/** Rule 29: 0.11 takes only sequence 0; 1.0 to 2.4 answer UNKNOWN_PRODUCER_ID (KAFKA-5793); from 2.5 any sequence (KAFKA-8710). */
function unknownProducerAnswer(release: string): UnknownProducerAnswer {
  if (atLeast(release, '2.5')) return 'accept';
  return atLeast(release, '1.0') ? 'UNKNOWN_PRODUCER_ID' : 'sequence-0-only';
}

export function isConflict(resolved: ProducerSettings | ProducerConflict): resolved is ProducerConflict {
  return 'setting' in resolved;
}
