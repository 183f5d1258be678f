/**
 * What the delivery invariants share: the producer's settings as the run resolved them, and the sends
 * that make a write's copies or its place in the log what the settings allow.
 */
import type { Config } from '../spec/config.js';
import { rulesOf } from '../spec/eras/index.js';
import type { State } from '../spec/types.js';

/** The write ids the producer sent, in send order, retries included (none with atomic produces). */
export function sendsIn(state: State): readonly number[] {
  return state.producer.network?.sends ?? [];
}

/** The producer's settings in a verdict: `enable.idempotence=false, max.in.flight.requests.per.connection=5`. */
export function settingsText(config: Config): string {
  const { idempotence, maxInFlight, why } = rulesOf(config).producer;
  return `enable.idempotence=${idempotence} (${why}); max.in.flight.requests.per.connection=${maxInFlight}`;
}
