/**
 * The representative states the micro-benchmarks run on, built the same way every time: short scripted
 * histories in the default configuration for single actions, and a fixed random schedule (fixed seed)
 * for a state in the middle of a run.
 */
import fc from 'fast-check';
import type { Action } from '../../spec/actions/index.js';
import { DEFAULT_CONFIG, type Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import { step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { runSchedule } from '../check/runner.js';
import { schedules } from '../check/schedule.js';

/** A state and the action benchmarked on it. */
export interface Scenario {
  readonly name: string;
  readonly state: State;
  readonly action: Action;
}

/** The state the actions lead to from the initial state; throws, with the guard's reason, on a refused one. */
function after(config: Config, actions: readonly Action[]): State {
  return actions.reduce(step, initialState(config));
}

/** The seed and length of the schedule that leads to the mid-run state (seed 4: two logs of three records, leader epoch 2, a fetch response in flight). */
export const MID_RUN = { seed: 4, steps: 25 } as const;

export interface Representative {
  readonly config: Config;
  readonly initial: State;
  /** A state some way into a random run: several records, a leader change or a fault, messages in flight. */
  readonly midRun: State;
  readonly midRunSteps: number;
  readonly steps: readonly Scenario[];
}

export function representativeStates(config: Config = DEFAULT_CONFIG): Representative {
  const produce: Action = { kind: 'producerSend', broker: 0, acks: 'all' };
  const serve: Action = { kind: 'leaderServeFetch', follower: 1 };
  const fence: Action = { kind: 'controllerFenceBroker', broker: 0 };
  const scenarios: Scenario[] = [
    { name: 'produce (acks=all to the leader)', state: initialState(config), action: produce },
    { name: 'leader serves a fetch', state: after(config, [produce]), action: serve },
    { name: 'follower applies a fetch', state: after(config, [produce, serve]), action: { kind: 'followerApplyFetch', follower: 1 } },
    { name: 'controller elects a leader', state: after(config, [produce, fence]), action: { kind: 'controllerElectLeader', broker: 1 } },
  ];
  const [schedule] = fc.sample(schedules(MID_RUN.steps), { seed: MID_RUN.seed, numRuns: 1 });
  if (schedule === undefined) throw new Error('fast-check sampled no schedule');
  const mid = runSchedule(config, schedule, []);
  return { config, initial: initialState(config), midRun: mid.final, midRunSteps: mid.steps.length, steps: scenarios };
}
