import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeViolation } from '../../properties/judgement.js';
import { noDuplicates } from '../../properties/no-duplicates.js';
import { loadTrace } from '../../model/trace/trace.js';
import type { Config } from '../../spec/config.js';
import { config, data, run, start } from '../builders.js';

/** The saved story: b0 appends w0, b1 copies it, b0 crashes, and the retry reaches the new leader b1. */
const story = loadTrace(join(import.meta.dirname, '..', '..', 'counterexamples', 'retry-duplicate-after-leader-change.json'));

/** The story's configuration with other producer settings (and switches). */
function withProducer(producer: Partial<Config['producer']>, withoutFixes: Config['withoutFixes'] = []): Config {
  return config({ ...story.config, producer: { ...story.config.producer, ...producer }, withoutFixes });
}

describe('no-duplicates', () => {
  it('holds in the initial state and with atomic produces', () => {
    expect(noDuplicates.check(start())).toBeNull();
  });

  it('is violated when a retry without idempotence reaches a leader that holds the batch, and the judgement allows it', () => {
    const end = run(start(story.config), story.steps);
    expect(data(end).replicas[1]?.log.map((r) => r.id)).toEqual([0, 0]);
    expect(noDuplicates.check(end)).toBe('w0 is in the committed log twice, at offsets 0 and 1 (leader b1)');
    const judgement = judgeViolation(story.config, noDuplicates, end);
    expect(judgement).toMatchObject({ judged: 'allowed', send: 1 });
    expect(judgement.reason).toMatch(/^w0 was retried without idempotence \(enable.idempotence=false \(set\)/);
  });

  it('holds for the same steps under the default producer of 3.6: the idempotent leader answers the retry with offset 0', () => {
    const idempotent = withProducer({ enableIdempotence: null });
    const end = run(start(idempotent), story.steps);
    expect(data(end).replicas[1]?.log.map((r) => r.id)).toEqual([0]);
    expect(end.producer.network?.requests).toEqual([{ producer: 0, write: 0, send: 1, broker: 1, stage: 'response', answer: { offset: 0 } }]);
    expect(data(end).ghost.events.duplicateAnswered).toBe(true);
    expect(noDuplicates.check(end)).toBeNull();
  });

  it('is violated, and judged broken, when the idempotent leader does not check for duplicates', () => {
    const mutated = withProducer({ enableIdempotence: true }, ['check:idempotent-duplicate']);
    const end = run(start(mutated), story.steps);
    expect(noDuplicates.check(end)).toBe('w0 is in the committed log twice, at offsets 0 and 1 (leader b1)');
    expect(judgeViolation(mutated, noDuplicates, end)).toMatchObject({ judged: 'broken', send: 1 });
  });
});
