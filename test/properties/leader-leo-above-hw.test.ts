import { describe, expect, it } from 'vitest';
import { leaderLeoAboveHw } from '../../properties/leader-leo-above-hw.js';
import { committedWrite, edit, replica, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

describe('leader-leo-above-hw', () => {
  it('holds in the initial state', () => {
    expect(leaderLeoAboveHw.check(start())).toBeNull();
  });

  it('holds once the HW reaches the leader’s LEO', () => {
    const end = run(start(), committedWrite(0, [1, 2]));
    expect(replica(end, 0)?.hw).toBe(1);
    expect(leaderLeoAboveHw.check(end)).toBeNull();
  });

  it('is violated by a leader whose HW passes its LEO (hand-built)', () => {
    const broken = edit(run(start(), committedWrite(0, [1, 2])), (draft) => {
      draft.partitions['data-0']!.replicas[0]!.hw = 3;
    });
    expect(leaderLeoAboveHw.check(broken)).toBe('leader b0 has HW 3 above its LEO 1');
  });

  it('judges only brokers acting as leader (hand-built follower HW above its LEO)', () => {
    const follower = edit(start(), (draft) => {
      draft.partitions['data-0']!.replicas[1]!.hw = 2;
    });
    expect(leaderLeoAboveHw.check(follower)).toBeNull();
  });

  it('is violated by a leader of __consumer_offsets-0 whose HW passes its LEO (hand-built)', () => {
    const broken = edit(start(CONSUMER), (draft) => {
      draft.partitions['__consumer_offsets-0']!.replicas[0]!.hw = 2;
    });
    expect(leaderLeoAboveHw.check(start(CONSUMER))).toBeNull();
    expect(leaderLeoAboveHw.check(broken)).toBe('__consumer_offsets-0: leader b0 has HW 2 above its LEO 0');
  });
});
