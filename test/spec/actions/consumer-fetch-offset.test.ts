import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, disabled, run, start, verdict } from '../../builders.js';
import { CONSUMER, consumedAndCommitted } from '../../stories.js';

describe('consumerFetchOffset', () => {
  it('finds no commit in a new group: auto.offset.reset decides at the first fetch', () => {
    const end = step(start(CONSUMER), act.resume(0));
    expect(end.consumer?.position).toBe('reset');
  });

  it('waits while the coordinator’s HW does not cover the latest commit (UNSTABLE_OFFSET_COMMIT, KIP-447)', () => {
    const s = run(start(CONSUMER), [...consumedAndCommitted, act.consumerRestart()]);
    expect(verdict(s, act.resume(0))).toEqual(disabled("UNSTABLE_OFFSET_COMMIT: b0's HW 0 does not cover the commit at offset 0"));
  });

  it('resumes from the latest commit once the coordinator’s HW covers it', () => {
    const s = run(start({ ...CONSUMER, offsetsTopicReplicationFactor: 1 }), [...consumedAndCommitted, act.consumerRestart()]);
    expect(verdict(s, act.resume(0))).toEqual(ENABLED);
    const end = step(s, act.resume(0));
    expect(end.consumer?.position).toBe(1);
    expect(end.consumer?.jumps.at(-1)).toEqual({ from: null, to: 1, cause: 'resume', seen: 1, acknowledged: 1, skipped: [] });
  });

  it('is refused while the consumer has a position, and by a broker that does not coordinate', () => {
    const s = run(start(CONSUMER), [act.resume(0)]);
    expect(verdict(s, act.resume(0))).toEqual(disabled('the consumer already has a position'));
    expect(verdict(start(CONSUMER), act.resume(1))).toEqual(disabled('b1 does not believe it leads (NOT_LEADER_OR_FOLLOWER): NOT_COORDINATOR'));
  });
});
