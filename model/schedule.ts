/**
 * Schedules: a schedule is a list of choices, each a number that picks one of the actions enabled in the
 * state the previous choices led to (weighted by kind). Interpreting choices against `enabledActions`
 * makes every step of every schedule enabled, so any shrink of the list (dropping choices, lowering them)
 * is still a valid schedule.
 */
import fc from 'fast-check';
import type { Action } from '../spec/actions/index.js';
import { enabledActions } from '../spec/step.js';
import type { State } from '../spec/types.js';
import { WEIGHTS } from './weights.js';

/** The largest choice value; choices are taken modulo the total weight of the enabled actions. */
export const MAX_CHOICE = 0xffff;

export function schedules(maxSteps: number): fc.Arbitrary<number[]> {
  return fc.array(fc.nat({ max: MAX_CHOICE }), { minLength: 1, maxLength: maxSteps, size: 'max' });
}

/** The enabled action a choice picks in `state`, or null when nothing is enabled. */
export function pick(state: State, choice: number): Action | null {
  const enabled = enabledActions(state);
  let total = 0;
  for (const action of enabled) total += WEIGHTS[action.kind];
  if (total === 0) return null;
  let target = choice % total;
  for (const action of enabled) {
    target -= WEIGHTS[action.kind];
    if (target < 0) return action;
  }
  return null;
}
