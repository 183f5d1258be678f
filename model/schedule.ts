/**
 * Schedules: a schedule is a list of choices, each a number that picks one of the actions enabled in the
 * state the previous choices led to, weighted by kind. Interpreting choices against `enabledActions`
 * makes every step of every schedule enabled, so any shrink of the list (dropping choices, lowering them)
 * is still a valid schedule.
 *
 * Each schedule also draws a swarm (Groce et al., "Swarm Testing", ISSTA 2012): a multiplier per action
 * kind that leaves some kinds out of that run and favours others, so that runs differ in character
 * (one full of crashes and restarts, another of ISR shrinks and fetches) and reach deep histories that
 * one fixed weighting rarely does. Shrinking drives multipliers to 0, the neutral level.
 */
import fc from 'fast-check';
import { ACTION_KINDS, type Action } from '../spec/actions/index.js';
import { enabledActions } from '../spec/step.js';
import type { State } from '../spec/types.js';
import { WEIGHTS } from './weights.js';

/** The largest choice value; choices are taken modulo the total weight of the enabled actions. */
export const MAX_CHOICE = 0xffff;

/** Swarm levels: the multiplier each level applies to a kind's weight (level 0 is neutral). */
const SWARM_LEVELS = [1, 0, 4, 2] as const;

export interface Schedule {
  /** One level per action kind, in ACTION_KINDS order. */
  readonly swarm: readonly number[];
  readonly choices: readonly number[];
}

export function schedules(maxSteps: number): fc.Arbitrary<Schedule> {
  return fc.record({
    swarm: fc.array(fc.nat({ max: SWARM_LEVELS.length - 1 }), { minLength: ACTION_KINDS.length, maxLength: ACTION_KINDS.length }),
    choices: fc.array(fc.nat({ max: MAX_CHOICE }), { minLength: 1, maxLength: maxSteps, size: 'max' }),
  });
}

/** The weight of each kind under a swarm, indexed like ACTION_KINDS. */
export function swarmWeights(swarm: readonly number[]): Map<Action['kind'], number> {
  return new Map(ACTION_KINDS.map((kind, i) => [kind, WEIGHTS[kind] * (SWARM_LEVELS[swarm[i] ?? 0] ?? 1)]));
}

const NEUTRAL = swarmWeights([]);

/**
 * The enabled action a choice picks in `state` (null when nothing is enabled). When the swarm leaves
 * out every enabled kind, the neutral weights decide, so a run never stalls on its swarm.
 */
export function pick(state: State, choice: number, weights: ReadonlyMap<Action['kind'], number> = NEUTRAL): Action | null {
  const enabled = enabledActions(state);
  let total = 0;
  for (const action of enabled) total += weights.get(action.kind) ?? 0;
  if (total === 0) return enabled.length === 0 || weights === NEUTRAL ? null : pick(state, choice, NEUTRAL);
  let target = choice % total;
  for (const action of enabled) {
    target -= weights.get(action.kind) ?? 0;
    if (target < 0) return action;
  }
  return null;
}
