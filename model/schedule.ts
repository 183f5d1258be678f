/**
 * Schedules: a schedule is a list of choices, each a number that picks one of the actions enabled in the
 * state the previous choices led to, weighted by kind. Interpreting choices against `enabledActions`
 * makes every step of every schedule enabled, so any shrink of the list (dropping choices, lowering them)
 * is still a valid schedule.
 *
 * Each schedule also draws a swarm (Groce et al., "Swarm Testing", ISSTA 2012): a multiplier per action
 * kind, and another per kind and broker, that leave some actions out of that run and favour others, so
 * that runs differ in character (one full of crashes and restarts, another of ISR shrinks and fetches,
 * one where a broker never learns new metadata) and reach deep histories that one fixed weighting
 * rarely does. Shrinking drives multipliers to 0, the neutral level.
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

/** Brokers the per-broker levels cover; actions of later brokers take their kind's level only. */
const SWARM_BROKERS = 5;

export interface Schedule {
  /** One level per action kind (ACTION_KINDS order), then one per kind and broker. */
  readonly swarm: readonly number[];
  readonly choices: readonly number[];
}

const SWARM_SIZE = ACTION_KINDS.length * (1 + SWARM_BROKERS);

export function schedules(maxSteps: number): fc.Arbitrary<Schedule> {
  return fc.record({
    swarm: fc.array(fc.nat({ max: SWARM_LEVELS.length - 1 }), { minLength: SWARM_SIZE, maxLength: SWARM_SIZE }),
    // Full-length schedules: a run stops at its first violation anyway, and minimising shortens it after;
    // short schedules only waste runs on histories too brief to reach a deep bug.
    choices: fc.array(fc.nat({ max: MAX_CHOICE }), { minLength: maxSteps, maxLength: maxSteps }),
  });
}

/** The broker an action is about: its first broker parameter. */
function subject(action: Action): number {
  if ('broker' in action) return action.broker;
  return 'follower' in action ? action.follower : action.leader;
}

export type Weigh = (action: Action) => number;

/** The weight of each action under a swarm. */
export function swarmWeights(swarm: readonly number[]): Weigh {
  const kinds = new Map(ACTION_KINDS.map((kind, i) => [kind, i]));
  const level = (i: number): number => SWARM_LEVELS[swarm[i] ?? 0] ?? 1;
  return (action) => {
    const kind = kinds.get(action.kind) ?? 0;
    const broker = subject(action);
    const perBroker = broker < SWARM_BROKERS ? level(ACTION_KINDS.length * (1 + broker) + kind) : 1;
    return WEIGHTS[action.kind] * level(kind) * perBroker;
  };
}

const NEUTRAL: Weigh = (action) => WEIGHTS[action.kind];

/**
 * The enabled action a choice picks in `state` (null when nothing is enabled). When the swarm leaves
 * out every enabled action, the neutral weights decide, so a run never stalls on its swarm.
 */
export function pick(state: State, choice: number, weigh: Weigh = NEUTRAL): Action | null {
  const enabled = enabledActions(state);
  const weights = enabled.map(weigh);
  let total = 0;
  for (const weight of weights) total += weight;
  if (total === 0) return enabled.length === 0 || weigh === NEUTRAL ? null : pick(state, choice, NEUTRAL);
  let target = choice % total;
  for (const [i, action] of enabled.entries()) {
    target -= weights[i] ?? 0;
    if (target < 0) return action;
  }
  return null;
}
