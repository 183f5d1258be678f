import { describe, expect, it } from 'vitest';
import { isrWithinReplicas } from '../../properties/isr-within-replicas.js';
import { act, data, edit, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

function withIsr(isr: number[], overrides: Parameters<typeof start>[0] = {}) {
  return edit(start(overrides), (draft) => {
    draft.partitions['data-0']!.record.isr = isr;
  });
}

describe('isr-within-replicas: holds', () => {
  it('in the initial state', () => {
    expect(isrWithinReplicas.check(start())).toBeNull();
  });

  it('when every replica is fenced: the last ISR member stays, before ELR', () => {
    const end = run(start({ era: 'kraft', budgets: { crashes: 3 } }), [0, 1, 2].flatMap((broker) => [act.crash(broker), act.fence(broker)]));
    expect(data(end).record.isr).toEqual([2]);
    expect(isrWithinReplicas.check(end)).toBeNull();
  });

  it('when every replica is fenced under KIP-966: the ISR is empty, the ELR holds the last members', () => {
    const end = run(start({ era: 'kip-966', budgets: { crashes: 3 } }), [0, 1, 2].flatMap((broker) => [act.crash(broker), act.fence(broker)]));
    expect(data(end).record).toMatchObject({ isr: [], elr: [1, 2] });
    expect(isrWithinReplicas.check(end)).toBeNull();
  });

  it('after the leader shrinks the ISR to itself', () => {
    const end = run(start(), [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2)]);
    expect(data(end).record.isr).toEqual([0]);
    expect(isrWithinReplicas.check(end)).toBeNull();
  });
});

describe('isr-within-replicas: violated (hand-built)', () => {
  it('by a broker that hosts no replica', () => {
    const state = withIsr([0, 3], { brokers: 4, replicationFactor: 3 });
    expect(isrWithinReplicas.check(state)).toBe('ISR [0, 3] holds a broker that is not a replica');
  });

  it('by a negative broker id', () => {
    expect(isrWithinReplicas.check(withIsr([-1, 0]))).toBe('ISR [-1, 0] holds a broker that is not a replica');
  });

  it('by a broker listed twice', () => {
    expect(isrWithinReplicas.check(withIsr([0, 1, 1]))).toBe('ISR [0, 1, 1] lists a broker twice');
  });

  it('by an empty ISR, before ELR', () => {
    expect(isrWithinReplicas.check(edit(withIsr([]), (draft) => void (draft.config = { ...draft.config, era: 'kraft' })))).toBe(
      'the ISR is empty (only ELR allows that)',
    );
  });

  it('by an ISR of __consumer_offsets-0 holding a broker outside its assignment', () => {
    // __consumer_offsets-0 on b0 and b1 only: b2 hosts no replica of it.
    const overrides = { ...CONSUMER, offsetsTopicReplicationFactor: 2, offsetsTopicAssignment: [0, 1] };
    const state = edit(start(overrides), (draft) => {
      draft.partitions['__consumer_offsets-0']!.record.isr = [0, 1, 2];
    });
    expect(isrWithinReplicas.check(start(overrides))).toBeNull();
    expect(isrWithinReplicas.check(state)).toBe('__consumer_offsets-0: ISR [0, 1, 2] holds a broker that is not a replica');
  });
});
