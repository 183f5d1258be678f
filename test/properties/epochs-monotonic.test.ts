import { describe, expect, it } from 'vitest';
import { epochsMonotonic } from '../../properties/epochs-monotonic.js';
import { act, data, edit, replica, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

/** Two leader changes with records in epochs 0 and 2: b1 and b0's caches hold several entries. */
const twoElections = run(start({ acks: 1 }), [
  act.send(0, 1),
  ...act.fetch(1),
  act.fence(0),
  act.elect(1),
  act.metadata(1),
  act.send(1, 1),
  act.metadata(0),
  ...act.fetch(0),
  ...act.fetch(0),
]);

describe('epochs-monotonic: holds', () => {
  it('in the initial state', () => {
    expect(epochsMonotonic.check(start())).toBeNull();
  });

  it('after leader changes, with every view and cache at or behind the controller', () => {
    expect(data(twoElections).record.leaderEpoch).toBe(2);
    expect(replica(twoElections, 1)?.epochs).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 1 },
    ]);
    expect(epochsMonotonic.check(twoElections)).toBeNull();
  });
});

describe('epochs-monotonic: violated (hand-built)', () => {
  it('by a broker view ahead of the controller', () => {
    const ahead = edit(start(), (draft) => {
      draft.partitions['data-0']!.replicas[1]!.view!.leaderEpoch = 3;
    });
    expect(epochsMonotonic.check(ahead)).toBe("b1 sees epoch 3/0, ahead of the controller's 0/0");
  });

  it('by a broker view whose partition epoch is ahead', () => {
    const ahead = edit(start(), (draft) => {
      draft.partitions['data-0']!.replicas[2]!.view!.partitionEpoch = 1;
    });
    expect(epochsMonotonic.check(ahead)).toBe("b2 sees epoch 0/1, ahead of the controller's 0/0");
  });

  it('by an epoch-cache entry ahead of the controller', () => {
    const ahead = edit(twoElections, (draft) => {
      draft.partitions['data-0']!.replicas[2]!.epochs.push({ epoch: 5, startOffset: 0 });
    });
    expect(epochsMonotonic.check(ahead)).toBe("b2's epoch cache has epoch 5, ahead of the controller's 2");
  });

  it('by a cache whose epochs do not ascend', () => {
    const disorder = edit(twoElections, (draft) => {
      draft.partitions['data-0']!.replicas[1]!.epochs = [
        { epoch: 2, startOffset: 0 },
        { epoch: 1, startOffset: 1 },
      ];
    });
    expect(epochsMonotonic.check(disorder)).toBe("b1's leader-epoch cache does not ascend at entry 1");
  });

  it('by a cache whose start offsets go backwards', () => {
    const disorder = edit(twoElections, (draft) => {
      draft.partitions['data-0']!.replicas[0]!.epochs = [
        { epoch: 0, startOffset: 0 },
        { epoch: 1, startOffset: 2 },
        { epoch: 2, startOffset: 1 },
      ];
    });
    expect(epochsMonotonic.check(disorder)).toBe("b0's leader-epoch cache does not ascend at entry 2");
  });

  it('by a view of __consumer_offsets-0 ahead of its controller record', () => {
    const ahead = edit(start(CONSUMER), (draft) => {
      draft.partitions['__consumer_offsets-0']!.replicas[1]!.view!.leaderEpoch = 3;
    });
    expect(epochsMonotonic.check(start(CONSUMER))).toBeNull();
    expect(epochsMonotonic.check(ahead)).toBe("__consumer_offsets-0: b1 sees epoch 3/0, ahead of the controller's 0/0");
  });
});
