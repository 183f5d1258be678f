/**
 * Judging a violation: a broken promise (the invariant is promised always, or the run stayed inside
 * Kafka's durability promise) or loss the configuration allows.
 */
import { DATA_PARTITION, type Config } from '../spec/config.js';
import type { State } from '../spec/types.js';
import { invariantNamed } from './index.js';
import { kafkaPromise } from './promise.js';

export interface Judgement {
  readonly judged: 'allowed' | 'broken';
  readonly reason: string;
}

export function judge(config: Config, invariant: string, run: State): Judgement {
  if (invariantNamed(invariant).promised === 'always') return { judged: 'broken', reason: 'Kafka promises it in every configuration' };
  const { promise: promiseOf } = invariantNamed(invariant);
  const promise = promiseOf === undefined ? kafkaPromise(config, DATA_PARTITION, run) : promiseOf(config, run);
  return promise.covered
    ? { judged: 'broken', reason: `inside Kafka's promise: ${promise.reason}` }
    : { judged: 'allowed', reason: promise.reason };
}
