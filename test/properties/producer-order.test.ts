import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeViolation } from '../../properties/judgement.js';
import { producerOrder } from '../../properties/producer-order.js';
import { loadTrace } from '../../model/trace/trace.js';
import { step } from '../../spec/step.js';
import { config, data, run, start } from '../builders.js';

/** The saved story: w0 is refused (NOT_ENOUGH_REPLICAS), w1 behind it is appended, w0's retry lands after it. */
const story = loadTrace(join(import.meta.dirname, '..', '..', 'counterexamples', 'retry-reorders-five-in-flight.json'));

describe('producer-order', () => {
  it('holds in the initial state', () => {
    expect(producerOrder.check(start())).toBeNull();
  });

  it('is violated when a retry lands behind a batch sent after it, and allowed with 5 in flight and no idempotence', () => {
    const end = run(start(story.config), story.steps);
    expect(data(end).replicas[0]?.log.map((r) => r.id)).toEqual([1, 0]);
    expect(producerOrder.check(end)).toBe('w1@0 precedes w0@1 in the committed log (leader b0), but the producer sent w0 first');
    const judgement = judgeViolation(story.config, producerOrder, end);
    expect(judgement).toMatchObject({ judged: 'allowed', send: 2 });
    expect(judgement.reason).toMatch(/^w1 overtook w0: w0 was retried after w1 was sent, with enable.idempotence=false/);
  });

  it('is judged broken where the settings rule the overtaking out (idempotence)', () => {
    const end = run(start(story.config), story.steps);
    const idempotent = config({ ...story.config, producer: { enableIdempotence: true, retries: null, maxInFlight: null } });
    expect(judgeViolation(idempotent, producerOrder, end).judged).toBe('broken');
  });

  it('holds with one request in flight: the second write waits for the first one’s answer', () => {
    const one = config({ ...story.config, producer: { enableIdempotence: false, retries: null, maxInFlight: 1 } });
    const sent = run(start(one), story.steps.slice(0, 3));
    expect(() => step(sent, story.steps[3]!)).toThrow(/1 requests in flight, max.in.flight.requests.per.connection=1/);
  });

  it('holds when the idempotent producer of 2.1 sends the same batches: the leader refuses w1, whose sequence follows a batch it never appended', () => {
    const idempotent = config({ ...story.config, producer: { enableIdempotence: true, retries: null, maxInFlight: null } });
    const end = run(start(idempotent), story.steps.slice(0, 8));
    expect(end.producer.network?.requests).toEqual([{ producer: 0, write: 1, send: 1, broker: 0, stage: 'response', answer: { error: 'UNKNOWN_PRODUCER_ID' } }]);
    expect(producerOrder.check(end)).toBeNull();
  });
});
