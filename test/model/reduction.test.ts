/**
 * Partial-order reduction (sleep sets, model/explore/expander.ts) is sound:
 *
 * - every pair of actions the footprints (spec/footprint.ts) call independent in a state commutes
 *   there: each stays enabled after the other and both orders end in the same state, checked on random
 *   runs over the configuration of every verdict row; the same check finds pairs that do not commute
 *   among those the footprints keep dependent, so it can fail;
 * - searches with and without the reduction, on small configurations of every era and of the
 *   producer's network, the consumer and the operations, reach the same distinct states (by view), to
 *   the same depth, with the same verdict, the same invariant outcomes, the same witnesses reached and
 *   the same length of shortest counterexample, on one worker and on two; the reduced search takes
 *   fewer transitions.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { setAutoFreeze } from 'immer';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { independent } from '../../spec/footprint.js';
import { initialState } from '../../spec/init.js';
import { applyEnabled, enabledActions, footprintOf, refusal } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { INVARIANTS, WITNESSES, type Invariant } from '../../properties/index.js';
import { explore, type ExploreOptions, type ExploreResult } from '../../model/explore/explore.js';
import { exploreParallel } from '../../model/explore/parallel.js';
import { forgettingOf, viewOf } from '../../model/explore/view.js';
import { runActions } from '../../model/check/runner.js';
import { configFromArgs } from '../../model/config/flags.js';
import { rowQuestion, verdictConfigs } from '../verdicts/settle.js';

beforeAll(() => setAutoFreeze(false));

/** Whether `x` and `y`, both enabled in `state`, commute there. */
function commute(state: State, x: Action, y: Action): boolean {
  const afterX = applyEnabled(state, x);
  const afterY = applyEnabled(state, y);
  if (refusal(afterX, y) !== null || refusal(afterY, x) !== null) return false;
  return isDeepStrictEqual(applyEnabled(afterX, y), applyEnabled(afterY, x));
}

describe('the footprints call independent only actions that commute', () => {
  const configs = verdictConfigs();

  it('on random runs over every verdict row\'s configuration', () => {
    let independentPairs = 0;
    let dependentPairs = 0;
    const noncommuting = new Set<string>();
    fc.assert(
      fc.property(fc.nat({ max: configs.length - 1 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (index, choices) => {
        let state = initialState(configs[index] as Config);
        for (const choice of choices) {
          const enabled = enabledActions(state);
          if (enabled.length === 0) break;
          const footprints = enabled.map((action) => footprintOf(state, action));
          for (let i = 0; i < enabled.length; i++) {
            for (let j = i + 1; j < enabled.length; j++) {
              const [x, y, fx, fy] = [enabled[i] as Action, enabled[j] as Action, footprints[i], footprints[j]];
              if (fx == null || fy == null) continue;
              if (independent(fx, fy)) {
                independentPairs += 1;
                if (!commute(state, x, y)) throw new Error(`${JSON.stringify(x)} and ${JSON.stringify(y)} are called independent but do not commute (era ${state.config.era})`);
              } else if (dependentPairs < 20_000) {
                dependentPairs += 1;
                if (!commute(state, x, y)) noncommuting.add(`${x.kind}+${y.kind}`);
              }
            }
          }
          state = applyEnabled(state, enabled[choice % enabled.length] as Action);
        }
      }),
      { seed: 320, numRuns: 700 },
    );
    expect(independentPairs).toBeGreaterThan(50_000);
    // The check has teeth: among the pairs kept dependent, some do not commute.
    expect(noncommuting.size).toBeGreaterThan(3);
    expect([...noncommuting]).toContain('brokerApplyMetadata+brokerCrash');
  });
});

interface Search {
  readonly result: ExploreResult;
  readonly views: ReadonlySet<string>;
}

function search(cfg: Config, invariants: readonly Invariant[], reduce: boolean): Search {
  const forgetting = forgettingOf(invariants);
  const views = new Set<string>();
  const result = explore({ config: cfg, invariants, witnesses: WITNESSES, maxDepth: Infinity, reduce, onState: (state) => views.add(viewOf(state, true, { forgetting })) });
  return { result, views };
}

const QUIET = ['--fences', '0', '--shutdowns', '0', '--power-losses', '0', '--commits', '0'];

describe('searches with and without sleep sets agree', () => {
  const CASES: { name: string; config: Config; invariants: readonly Invariant[] }[] = [
    { name: 'the default era, RF 2, one record, one crash', config: configFromArgs(['--brokers', '2', '--records', '1', '--crashes', '1', '--shrinks', '0', ...QUIET]), invariants: INVARIANTS },
    { name: 'the default era, RF 3 (symmetric followers), two records', config: configFromArgs(['--records', '2', '--crashes', '0', '--shrinks', '0', ...QUIET]), invariants: INVARIANTS },
    { name: 'KIP-320, RF 2, one record, a crash and a shrink', config: configFromArgs(['--era', 'kip-320', '--brokers', '2', '--records', '1', '--crashes', '1', '--shrinks', '1', ...QUIET]), invariants: INVARIANTS },
    { name: 'the oldest era, RF 2, two records, a crash', config: configFromArgs(['--era', 'hw-truncation', '--brokers', '2', '--records', '2', '--crashes', '1', '--shrinks', '0', ...QUIET]), invariants: INVARIANTS },
    { name: 'a power loss under acks=1, RF 2 (a violation)', config: configFromArgs(['--acks', '1', '--brokers', '2', '--records', '1', '--crashes', '0', '--shrinks', '1', '--fences', '0', '--shutdowns', '0', '--power-losses', '1', '--commits', '0']), invariants: INVARIANTS },
    { name: 'the consumer with a commit, RF 2', config: configFromArgs(['--brokers', '2', '--records', '1', '--crashes', '0', '--shrinks', '0', '--fences', '0', '--shutdowns', '0', '--power-losses', '0', '--commits', '1', '--consumer-restarts', '0']), invariants: INVARIANTS },
    { name: 'produce requests with a retry, RF 2, two records', config: configFromArgs(['--brokers', '2', '--records', '2', '--retries', '1', '--crashes', '0', '--shrinks', '0', ...QUIET]), invariants: INVARIANTS },
    { name: 'verdict row acks-1 (a violation)', ...rowQuestion('acks-1') },
    { name: 'verdict row kip-101-scenario-1-present (a violation)', ...rowQuestion('kip-101-scenario-1-present') },
  ];
  for (const { name, config: cfg, invariants } of CASES) {
    it(name, () => {
      const full = search(cfg, invariants, false);
      const reduced = search(cfg, invariants, true);
      for (const { result } of [full, reduced]) expect(result.stoppedBy).toBeNull();
      expect(reduced.result.states).toBe(full.result.states);
      expect(reduced.result.depth).toBe(full.result.depth);
      expect(reduced.result.reached).toEqual(full.result.reached);
      expect(reduced.result.violation?.violation.invariant ?? null).toBe(full.result.violation?.violation.invariant ?? null);
      expect(reduced.result.violation?.steps.length).toBe(full.result.violation?.steps.length);
      if (full.result.violation === null) {
        // The same states, each judged the same by every invariant (a complete search found none broken).
        expect([...reduced.views].filter((view) => !full.views.has(view))).toEqual([]);
        expect(reduced.views.size).toBe(full.views.size);
        expect(reduced.result.transitions).toBeLessThan(full.result.transitions);
      } else {
        const replayed = runActions(cfg, reduced.result.violation?.steps ?? [], invariants);
        expect(replayed?.violation?.step).toBe((reduced.result.violation?.steps.length ?? 0) - 1);
      }
    });
  }

  it('on two workers too', async () => {
    const cfg = CASES[2]?.config as Config;
    const options: ExploreOptions = { config: cfg, invariants: INVARIANTS, witnesses: WITNESSES, maxDepth: Infinity };
    const one = explore({ ...options, reduce: false });
    const two = await exploreParallel({ ...options, reduce: true, workers: 2 });
    expect(two.stoppedBy).toBeNull();
    expect([two.states, two.depth]).toEqual([one.states, one.depth]);
    expect(two.transitions).toBeLessThan(one.transitions);
  });
});
