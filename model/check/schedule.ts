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
 *
 * And each schedule draws a quiet spell: for its first steps no fault is picked (crash, power loss,
 * fence, shutdown, ISR shrink, consumer restart, retention), so that some runs build up state (records
 * committed, read, offsets committed) before faults spend their budgets. Bugs that need a fault late in
 * a long history (a commit lost after it was acknowledged) are otherwise out of a random walk's reach,
 * since budgets are spent early. Shrinking drives the spell to 0.
 */
import fc from 'fast-check';
import { ACTION_KINDS, type Action, type ActionKind } from '../../spec/actions/index.js';
import { enabledActions } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { FAULTS, WEIGHTS } from './weights.js';

/** The largest choice value; choices are taken modulo the total weight of the enabled actions. */
export const MAX_CHOICE = 0xffff;

/** Swarm levels: the multiplier each level applies to a kind's weight (level 0 is neutral). */
const SWARM_LEVELS = [4, 0, 16, 8, 1] as const;

/** Brokers the per-broker levels cover; actions of later brokers take their kind's level only. */
const SWARM_BROKERS = 5;

/**
 * Swarm slots for action kinds: one per kind there was when the swarm was laid out. A kind added later
 * (appended to ACTIONS, as every new action must be, since the order of enabled actions is part of a
 * seed's meaning) shares a slot, so the schedule's shape, and every seeded run of a configuration that
 * never enables the new kind, stays as it was.
 */
const SWARM_SLOTS = 24;

/** The swarm slot of the kind at `index` in ACTION_KINDS. */
const slotOf = (index: number): number => index % SWARM_SLOTS;

export interface Schedule {
  /** One level per swarm slot (ACTION_KINDS order), then one per slot and broker. */
  readonly swarm: readonly number[];
  /** Steps at the start during which no fault is picked. */
  readonly quiet: number;
  readonly choices: readonly number[];
}

const SWARM_SIZE = SWARM_SLOTS * (1 + SWARM_BROKERS);

export function schedules(maxSteps: number): fc.Arbitrary<Schedule> {
  return fc.record({
    swarm: fc.array(fc.nat({ max: SWARM_LEVELS.length - 1 }), { minLength: SWARM_SIZE, maxLength: SWARM_SIZE }),
    quiet: fc.nat({ max: maxSteps }),
    // Full-length schedules: a run stops at its first violation anyway, and minimising shortens it after;
    // short schedules only waste runs on histories too brief to reach a deep bug.
    choices: fc.array(fc.nat({ max: MAX_CHOICE }), { minLength: maxSteps, maxLength: maxSteps }),
  });
}

/** The broker an action is about: its first broker parameter (the consumer's restart names none). */
function subject(action: Action): number {
  if ('broker' in action) return action.broker;
  if ('follower' in action) return action.follower;
  return 'leader' in action ? action.leader : SWARM_BROKERS;
}

/**
 * How a tier of `pick` weighs the enabled actions: each action's weight, and the kinds that can weigh
 * more than 0 there (only those are listed: an action that weighs 0 is never picked).
 */
export interface Weighting {
  readonly weigh: (action: Action) => number;
  readonly kinds: ReadonlySet<ActionKind>;
}

/** Each kind's index in ACTION_KINDS. */
const KIND_INDEX: ReadonlyMap<string, number> = new Map(ACTION_KINDS.map((kind, i) => [kind, i]));

/** Columns of a swarm's weight table: one per broker it covers, and one for every later broker. */
const COLUMNS = SWARM_BROKERS + 1;

/**
 * The weight of each action under a swarm, from a table of every kind and subject broker built once
 * per schedule: the checker weighs every enabled action at every step.
 */
function swarmWeighting(swarm: readonly number[]): Weighting {
  const level = (i: number): number => SWARM_LEVELS[swarm[i] ?? 0] ?? 1;
  const table: number[] = [];
  ACTION_KINDS.forEach((kind, i) => {
    const slot = slotOf(i);
    for (let broker = 0; broker < SWARM_BROKERS; broker++) table.push(WEIGHTS[kind] * level(slot) * level(SWARM_SLOTS * (1 + broker) + slot));
    table.push(WEIGHTS[kind] * level(slot));
  });
  // A kind's own level of 0 leaves it out of the run: none of its columns weighs anything.
  const kinds = new Set(ACTION_KINDS.filter((_, i) => table.slice(i * COLUMNS, (i + 1) * COLUMNS).some((weight) => weight > 0)));
  return { weigh: (action) => table[(KIND_INDEX.get(action.kind) ?? 0) * COLUMNS + Math.min(subject(action), SWARM_BROKERS)] ?? 0, kinds };
}

const NEUTRAL: Weighting = { weigh: (action) => WEIGHTS[action.kind], kinds: new Set(ACTION_KINDS) };

/** `weighting`, with faults left out: the weighting of a quiet spell. */
function withoutFaults({ weigh, kinds }: Weighting): Weighting {
  return { weigh: (action) => (FAULTS.has(action.kind) ? 0 : weigh(action)), kinds: new Set([...kinds].filter((kind) => !FAULTS.has(kind))) };
}

/** The weights `choose` gave the enabled actions, kept between calls so that each is weighed once. */
const weighed: number[] = [];

/** The action `choice` picks among `enabled` under `weigh`, or null when they all weigh 0. */
function choose(enabled: readonly Action[], choice: number, weigh: Weighting['weigh']): Action | null {
  let total = 0;
  for (let i = 0; i < enabled.length; i++) total += weighed[i] = weigh(enabled[i] as Action);
  if (total === 0) return null;
  let target = choice % total;
  for (let i = 0; i < enabled.length; i++) {
    target -= weighed[i] as number;
    if (target < 0) return enabled[i] as Action;
  }
  return null;
}

/** The weightings `pick` tries in turn, outside a quiet spell and in one. */
export interface Tiers {
  readonly loud: readonly Weighting[];
  readonly quiet: readonly Weighting[];
}

const QUIET_NEUTRAL = withoutFaults(NEUTRAL);

/**
 * A swarm's tiers, built once per schedule. When the swarm leaves out every enabled action, the neutral
 * weights decide, so a run never stalls on its swarm; in a quiet spell faults come last, only when
 * nothing else is enabled.
 */
export function swarmTiers(swarm: readonly number[]): Tiers {
  const swarmed = swarmWeighting(swarm);
  return { loud: [swarmed, NEUTRAL], quiet: [withoutFaults(swarmed), QUIET_NEUTRAL, NEUTRAL] };
}

/**
 * The enabled action a choice picks in `state` under the first tier that weighs one of them (null when
 * nothing is enabled). Each tier lists only the kinds it can pick, in `enabledActions`' order, so it
 * picks what it would from the whole list.
 */
export function pick(state: State, choice: number, tiers: readonly Weighting[]): Action | null {
  for (const { weigh, kinds } of tiers) {
    const action = choose(enabledActions(state, kinds), choice, weigh);
    if (action !== null) return action;
  }
  return null;
}
