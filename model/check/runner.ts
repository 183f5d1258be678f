/**
 * Running steps and checking invariants after every one of them: the core both the random checker and
 * replay use.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import { mutableCopy } from '../../spec/clone.js';
import { applyInPlace, enabledActions, step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { firstViolation, type Invariant } from '../../properties/index.js';
import type { Violation } from '../trace/trace.js';
import { pick, swarmTiers, type Schedule } from './schedule.js';

export interface RunResult {
  readonly steps: readonly Action[];
  readonly violation: Violation | null;
  readonly final: State;
}

function violationAt(state: State, index: number, invariants: readonly Invariant[]): Violation | null {
  const found = firstViolation(state, invariants);
  return found === null ? null : { invariant: found.invariant.name, step: index, message: found.message };
}

/**
 * The initial state of each configuration, built once: a random check starts thousands of runs from it
 * (building it with immer was a twentieth of the checker's time). A run edits its own copy.
 */
const initialStates = new WeakMap<Config, State>();

function initialOf(config: Config): State {
  const known = initialStates.get(config);
  if (known !== undefined) return known;
  const state = initialState(config);
  initialStates.set(config, state);
  return state;
}

/**
 * Interprets a schedule, stopping at the first violation or when nothing is enabled. The run edits one
 * state in place (`applyInPlace`): nothing looks back at an earlier one.
 */
export function runSchedule(config: Config, schedule: Schedule, invariants: readonly Invariant[]): RunResult {
  let state = mutableCopy(initialOf(config));
  const steps: Action[] = [];
  const tiers = swarmTiers(schedule.swarm);
  let violation = violationAt(state, -1, invariants);
  for (const choice of schedule.choices) {
    if (violation !== null) break;
    const action = pick(state, choice, steps.length < schedule.quiet ? tiers.quiet : tiers.loud);
    if (action === null) break;
    state = applyInPlace(state, action);
    steps.push(action);
    violation = violationAt(state, steps.length - 1, invariants);
  }
  return { steps, violation, final: state };
}

/**
 * Runs given actions; null when one of them is not enabled where it stands (the trace is invalid),
 * else the first violation (or none), stopping there. With `checkersOnly`, each action must also be one
 * `enabledActions` lists, a run the checkers could have made: a send's acks is the configuration's.
 */
export function runActions(config: Config, actions: readonly Action[], invariants: readonly Invariant[], checkersOnly = false): RunResult | null {
  let state = initialState(config);
  let violation = violationAt(state, -1, invariants);
  const steps: Action[] = [];
  for (const action of actions) {
    if (violation !== null) break;
    if (checkersOnly && !enabledActions(state).some((enabled) => isDeepStrictEqual(enabled, action))) return null;
    try {
      state = step(state, action);
    } catch {
      return null;
    }
    steps.push(action);
    violation = violationAt(state, steps.length - 1, invariants);
  }
  return { steps, violation, final: state };
}
