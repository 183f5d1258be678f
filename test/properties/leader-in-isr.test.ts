import { describe, expect, it } from 'vitest';
import { leaderInIsr } from '../../properties/leader-in-isr.js';
import { act, data, edit, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

describe('leader-in-isr', () => {
  it('holds in the initial state', () => {
    expect(leaderInIsr.check(start())).toBeNull();
  });

  it('holds while the partition has no leader', () => {
    const end = run(start(), [act.crash(0), act.fence(0)]);
    expect(data(end).record).toMatchObject({ leader: null, isr: [1, 2] });
    expect(leaderInIsr.check(end)).toBeNull();
  });

  it('holds after an unclean election: the new leader is the whole ISR', () => {
    const end = run(start({ minInsyncReplicas: 1, uncleanLeaderElection: true }), [
      ...act.shrinkCommitted(0, 1),
      ...act.shrinkCommitted(0, 2),
      act.crash(0),
      act.fence(0),
      act.elect(2),
    ]);
    expect(data(end).record).toMatchObject({ leader: 2, isr: [2] });
    expect(leaderInIsr.check(end)).toBeNull();
  });

  it('is violated by a leader outside the ISR (hand-built)', () => {
    const outside = edit(start(), (draft) => {
      draft.partitions['data-0']!.record.leader = 2;
      draft.partitions['data-0']!.record.isr = [0, 1];
    });
    expect(leaderInIsr.check(outside)).toBe('leader b2 is not in the ISR [0, 1]');
  });

  it('is violated by a leader of __consumer_offsets-0 outside its ISR (hand-built)', () => {
    const outside = edit(start(CONSUMER), (draft) => {
      draft.partitions['__consumer_offsets-0']!.record.leader = 1;
      draft.partitions['__consumer_offsets-0']!.record.isr = [0];
    });
    expect(leaderInIsr.check(start(CONSUMER))).toBeNull();
    expect(leaderInIsr.check(outside)).toBe('__consumer_offsets-0: leader b1 is not in the ISR [0]');
  });
});
