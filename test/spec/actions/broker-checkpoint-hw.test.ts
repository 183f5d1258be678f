import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, catchUp, disabled, replica, run, start, verdict } from '../../builders.js';

describe('brokerCheckpointHw', () => {
  it('writes the current HW to the checkpoint file (rule 5)', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), ...catchUp(1, 2)]);
    expect([replica(s, 0)?.hw, replica(s, 0)?.hwCheckpoint]).toEqual([1, 0]);
    expect(verdict(s, act.checkpoint(0))).toEqual(ENABLED);
    const end = step(s, act.checkpoint(0));
    expect(replica(end, 0)?.hwCheckpoint).toBe(1);
    expect(replica(end, 0)?.hw).toBe(1);
    expect(replica(end, 0)?.flushed).toBe(0); // a checkpoint is not a log flush
  });

  it('is refused while the checkpoint is current, and for a stopped broker', () => {
    expect(verdict(start(), act.checkpoint(0))).toEqual(disabled("b0's checkpoint is current"));
    const s = run(start({ acks: 1 }), [act.send(0, 1), ...catchUp(1, 2)]);
    expect(verdict(run(s, [act.checkpoint(0)]), act.checkpoint(0))).toEqual(disabled("b0's checkpoint is current"));
    expect(verdict(run(s, [act.crash(0)]), act.checkpoint(0))).toEqual(disabled('b0 is down'));
  });
});
