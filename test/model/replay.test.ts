/** Replay: recomputed states, refused steps with their reason, and verdicts against expectations. */
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../../model/trace/replay.js';
import { renderReplay } from '../../model/render/render.js';
import { TRACE_FORMAT, type Trace } from '../../model/trace/trace.js';
import { act, config, run, start } from '../builders.js';

const loss = [act.send(0, 1), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)];
const trace = (over: Partial<Trace>): Trace => ({ format: TRACE_FORMAT, config: config({ acks: 1 }), steps: loss, story: '', ...over });

describe('replayTrace', () => {
  it('recomputes the same states as running the steps, step for step', () => {
    const result = replayTrace(trace({}));
    loss.forEach((_, index) => {
      expect(result.steps[index]?.state).toEqual(run(start({ acks: 1 }), loss.slice(0, index + 1)));
    });
  });
  it('is deterministic: two replays are equal', () => {
    expect(replayTrace(trace({}))).toEqual(replayTrace(trace({})));
  });
  it('reproduces a recorded violation at its step', () => {
    const result = replayTrace(trace({ violation: { invariant: 'acked-never-lost', step: 4, message: '' } }));
    expect(result.reproduced).toBe(true);
    expect(result.firstViolations.map((v) => [v.invariant, v.step])).toContainEqual(['acked-never-lost', 4]);
  });
  it('diverges when the violation comes at another step', () => {
    const result = replayTrace(trace({ violation: { invariant: 'acked-never-lost', step: 2, message: '' } }));
    expect(result.reproduced).toBe(false);
    expect(result.verdict).toMatch(/first violated at step 4/);
  });
  it('diverges when a trace expected to hold does not', () => {
    const result = replayTrace(trace({ expect: { verdict: 'holds' } }));
    expect(result.reproduced).toBe(false);
    expect(result.verdict).toMatch(/expected to hold, but violated: acked-never-lost at step 4/);
  });
  it('holds where Kafka is safe: the same steps under acks=all lose nothing', () => {
    const steps = [act.send(0, 'all'), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)];
    expect(replayTrace(trace({ config: config(), steps, expect: { verdict: 'holds' } })).reproduced).toBe(true);
  });
  it('stops at a step that is not enabled, with the guard’s reason', () => {
    const result = replayTrace(trace({ steps: [act.crash(0), act.send(0, 1)] }));
    expect(result.reproduced).toBe(false);
    expect(result.refused?.index).toBe(1);
    expect(result.verdict).toMatch(/step 1 is not enabled: b0 is down/);
  });
  it('renders every step with each broker and the violation', () => {
    const text = renderReplay('x.json', trace({}), replayTrace(trace({})));
    expect(text).toMatch(/step 0: producerSend broker=b0 acks=1 -> w0 acknowledged at offset 0/);
    expect(text).toMatch(/b1 +LEADER e2 +- +hw 0 +leo 0/);
    expect(text).toMatch(/!! acked-never-lost: w0/);
  });
});
