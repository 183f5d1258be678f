/**
 * The parallel explorer against the single-threaded one: the same distinct-state count for a complete
 * search and for a depth-limited one, the same verdict and shortest counterexample length on an unsafe
 * configuration, and a counterexample that replays to the same violation.
 */
import { setAutoFreeze } from 'immer';
import { beforeAll, describe, expect, it } from 'vitest';
import { INVARIANTS, WITNESSES } from '../../properties/index.js';
import { explore, type ExploreOptions } from '../../model/explore/explore.js';
import { exploreParallel } from '../../model/explore/parallel.js';
import { runActions } from '../../model/check/runner.js';
import { config } from '../builders.js';

beforeAll(() => setAutoFreeze(false));

const QUIET = { records: 1, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, shrinks: 0 };

const CASES: { name: string; options: ExploreOptions }[] = [
  {
    name: 'complete search, kip-966, RF 2, one record, one crash',
    options: { config: config({ brokers: 2, replicationFactor: 2, budgets: { ...QUIET, crashes: 1 } }), invariants: INVARIANTS, witnesses: WITNESSES, maxDepth: Infinity },
  },
  {
    name: 'depth-limited search, ZooKeeper era kip-320, RF 3, two records and a fence',
    options: { config: config({ era: 'kip-320', budgets: { ...QUIET, records: 2, fences: 1 } }), invariants: INVARIANTS, witnesses: WITNESSES, maxDepth: 8 },
  },
];

describe('two workers count exactly the states one worker counts', () => {
  for (const { name, options } of CASES) {
    it(name, async () => {
      const one = explore(options);
      const two = await exploreParallel({ ...options, workers: 2 });
      expect(one.violation).toBeNull();
      expect(two.violation).toBeNull();
      expect(two.states).toBe(one.states);
      expect(two.depth).toBe(one.depth);
      expect(two.stoppedBy).toBe(one.stoppedBy);
      expect(two.reached).toEqual(one.reached);
      expect(one.states).toBeGreaterThan(1000);
    }, 60_000);
  }
});

describe('on an unsafe configuration (acks=1)', () => {
  const unsafe: ExploreOptions = { config: config({ acks: 1, budgets: { ...QUIET, fences: 1 } }), invariants: INVARIANTS, witnesses: [], maxDepth: Infinity };

  it('finds a counterexample of the same shortest length, which replays to the violation', async () => {
    const one = explore(unsafe);
    const two = await exploreParallel({ ...unsafe, workers: 2 });
    expect(one.violation?.violation.invariant).toBe('acked-never-lost');
    expect(two.violation?.steps.length).toBe(one.violation?.steps.length);
    const replayed = runActions(unsafe.config, two.violation?.steps ?? [], INVARIANTS);
    expect(replayed?.violation?.invariant).toBe(two.violation?.violation.invariant);
    expect(replayed?.violation?.step).toBe((two.violation?.steps.length ?? 0) - 1);
  }, 60_000);
});
