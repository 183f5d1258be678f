/**
 * The explorer's symmetry respects placement: brokers are interchangeable only when they host the same
 * partitions, so a state and its image under a swap of two such brokers share a view, and a swap of
 * brokers placed differently does not.
 */
import { describe, expect, it } from 'vitest';
import { viewOf } from '../../model/explore/view.js';
import { act, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

/** Data on b0..b2 (b0 leads), `__consumer_offsets` on b3..b5 (b3 leads). */
const APART = { ...CONSUMER, brokers: 6, replicationFactor: 3, offsetsTopicAssignment: [3, 4, 5] };
const crashed = (broker: number): string => viewOf(run(start(APART), [act.crash(broker), act.fence(broker)]), true);

describe('the symmetric view under placement', () => {
  it('merges a state with its image under a swap of two brokers that host the same partitions', () => {
    expect(crashed(1)).toBe(crashed(2));
    expect(crashed(4)).toBe(crashed(5));
  });

  it('keeps apart brokers that host different partitions, though they hold alike', () => {
    expect(crashed(1)).not.toBe(crashed(4));
    expect(crashed(0)).not.toBe(crashed(3));
  });

  it('tells every broker apart without symmetry', () => {
    const plain = (broker: number): string => viewOf(run(start(APART), [act.crash(broker)]), false);
    expect(new Set([0, 1, 2, 3, 4, 5].map(plain)).size).toBe(6);
  });
});
