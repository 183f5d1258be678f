/**
 * A tier of the random schedule lists only the kinds it can pick (model/check/schedule.ts, `pick`):
 * over random swarms and states of every verdict row's configuration, the actions a tier weighs above
 * 0 are the same, in the same order, whether it lists its kinds or every kind. So each pick is the
 * one the whole list gives, and a seed means what it meant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import { applyEnabled, enabledActions } from '../../spec/step.js';
import { schedules, swarmTiers } from '../../model/check/schedule.js';
import { verdictConfigs } from '../verdicts/settle.js';

const configs = verdictConfigs();
const RUNS = 300;
const STEPS = 30;

describe("a tier's listing", () => {
  it(`keeps every action the tier weighs, in order (${RUNS} swarms, ${STEPS} steps each)`, () => {
    let compared = 0;
    fc.assert(
      fc.property(fc.nat({ max: configs.length - 1 }), schedules(STEPS), (index, schedule) => {
        const tiers = swarmTiers(schedule.swarm);
        let state = initialState(configs[index] as Config);
        for (const choice of schedule.choices) {
          const enabled = enabledActions(state);
          if (enabled.length === 0) break;
          for (const { weigh, kinds } of [...tiers.loud, ...tiers.quiet]) {
            const weighed = (actions: readonly Action[]): Action[] => actions.filter((action) => weigh(action) > 0);
            expect(weighed(enabledActions(state, kinds))).toEqual(weighed(enabled));
            compared += 1;
          }
          state = applyEnabled(state, enabled[choice % enabled.length] as Action);
        }
      }),
      { seed: 7, numRuns: RUNS },
    );
    expect(compared).toBeGreaterThan(RUNS * STEPS);
  });
});
