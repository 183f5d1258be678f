import { describe, expect, it } from 'vitest';
import { consistentRead } from '../../properties/consistent-read.js';
import { act, committedWrite, data, ids, run, start } from '../builders.js';
import { lastReplicaStanding, UNCLEAN, uncleanElectionLosesW0 } from '../stories.js';

/** w0 is readable from lone leader b0 (ISR [b0]); b0 dies and b1, outside the ISR, is elected. */
const uncleanElected = run(start(UNCLEAN), uncleanElectionLosesW0.slice(0, -1));

describe('consistent-read: holds', () => {
  it('in the initial state', () => {
    expect(consistentRead.check(start())).toBeNull();
  });

  it('after a clean failover to a follower holding the readable record', () => {
    const end = run(start(), [...committedWrite(0, [1, 2]), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)]);
    expect(data(end).ghost.exposed).toEqual([{ offset: 0, epoch: 0, id: 0 }]);
    expect(consistentRead.check(end)).toBeNull();
  });

  it('when the lost record was never below any HW', () => {
    const end = run(start({ acks: 1 }), [act.send(0, 1), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)]);
    expect(data(end).ghost.exposed).toEqual([]);
    expect(ids(end, 1)).toEqual([]);
    expect(consistentRead.check(end)).toBeNull();
  });

  it('while the uncleanly elected leader has not applied its election yet', () => {
    expect(data(uncleanElected).record.leader).toBe(1);
    expect(consistentRead.check(uncleanElected)).toBeNull();
  });
});

describe('consistent-read: violated', () => {
  it('by an uncleanly elected leader lacking a readable record', () => {
    const end = run(uncleanElected, [act.metadata(1)]);
    expect(data(end).ghost.uncleanLeader).toBe('flag');
    expect(consistentRead.check(end)).toBe(
      'w0@0 (epoch 0) was below the HW (readable), but leader b1 holds nothing at offset 0',
    );
  });

  it('naming the record the new leader wrote over the readable one', () => {
    const end = run(uncleanElected, [act.metadata(1), act.send(1)]);
    expect(ids(end, 1)).toEqual([1]);
    expect(consistentRead.check(end)).toBe(
      'w0@0 (epoch 0) was below the HW (readable), but leader b1 holds w1@0 (epoch 2) at offset 0',
    );
  });

  it('by a cleanly elected leader after a power loss of the last ISR member', () => {
    const end = run(start({ era: 'kraft', budgets: { powerLosses: 1 } }), lastReplicaStanding);
    expect(data(end).ghost.uncleanLeader).toBeNull();
    expect(consistentRead.check(end)).toBe(
      'w0@0 (epoch 0) was below the HW (readable), but leader b0 holds nothing at offset 0',
    );
  });
});
