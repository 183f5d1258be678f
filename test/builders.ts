/**
 * State builders for tests: a config with overrides, the initial state, scripted runs through `step`,
 * and immer edits of a state, so that a test's setup is one line.
 */
import { isDeepStrictEqual } from 'node:util';
import { produce, type Draft } from 'immer';
import type { Action } from '../spec/actions/index.js';
import { DATA_PARTITION, OFFSETS_PARTITION, validateConfig, type Config } from '../spec/config.js';
import { initialState } from '../spec/init.js';
import { ActionRefused, enabledActions, refusal, step } from '../spec/step.js';
import type { Partition, PartitionName, Replica, State } from '../spec/types.js';

type ConfigInput = Omit<Partial<Config>, 'budgets'> & { budgets?: Partial<Config['budgets']> };

/**
 * A validated config: the safe default with overrides. Scripts address the data partition, so a
 * test's config leaves the consumer (and `__consumer_offsets`) out unless it gives a commits budget.
 */
export function config(overrides: ConfigInput = {}): Config {
  return validateConfig({ ...overrides, budgets: { commits: 0, ...overrides.budgets } });
}

/** The initial state of a config given by overrides. */
export function start(overrides: ConfigInput = {}): State {
  return initialState(config(overrides));
}

/** Applies actions in order through `step` (each must be enabled). */
export function run(state: State, actions: readonly Action[]): State {
  return actions.reduce(step, state);
}

/** An immer edit of a state, for hand-built situations. */
export function edit(state: State, recipe: (draft: Draft<State>) => void): State {
  return produce(state, recipe);
}

/** Action constructors, so scripts read like traces. */
export const act = {
  send: (broker: number, acks: 0 | 1 | 'all' = 'all'): Action => ({ kind: 'producerSend', broker, acks }),
  serve: (follower: number): Action => ({ kind: 'leaderServeFetch', follower }),
  apply: (follower: number): Action => ({ kind: 'followerApplyFetch', follower }),
  /** A whole fetch round trip: the leader serves, the follower applies. */
  fetch: (follower: number): Action[] => [act.serve(follower), act.apply(follower)],
  shrink: (leader: number, follower: number): Action => ({ kind: 'leaderShrinkIsr', leader, follower }),
  handleAlter: (leader: number): Action => ({ kind: 'controllerHandleAlterPartition', leader }),
  alterResponse: (leader: number): Action => ({ kind: 'leaderHandleAlterPartitionResponse', leader }),
  /** A whole ISR shrink: proposed, accepted by the controller, committed by the leader. */
  shrinkCommitted: (leader: number, follower: number): Action[] => [
    act.shrink(leader, follower),
    act.handleAlter(leader),
    act.alterResponse(leader),
  ],
  elect: (broker: number): Action => ({ kind: 'controllerElectLeader', broker }),
  /** kafka-leader-election.sh --election-type unclean (ElectLeaders, KIP-460). */
  operatorElect: (broker: number): Action => ({ kind: 'adminElectLeaders', broker }),
  /** The controller moves leadership back to the preferred replica (rule 26). */
  preferred: (broker: number): Action => ({ kind: 'controllerElectPreferredLeader', broker }),
  metadata: (broker: number): Action => ({ kind: 'brokerApplyMetadata', broker }),
  checkpoint: (broker: number): Action => ({ kind: 'brokerCheckpointHw', broker }),
  flush: (broker: number): Action => ({ kind: 'brokerFlush', broker }),
  shutdown: (broker: number): Action => ({ kind: 'brokerShutdown', broker }),
  crash: (broker: number): Action => ({ kind: 'brokerCrash', broker }),
  powerLoss: (broker: number): Action => ({ kind: 'brokerPowerLoss', broker }),
  restart: (broker: number): Action => ({ kind: 'brokerRestart', broker }),
  /** The broker starts again on an empty disk (rule 32). */
  replaceDisk: (broker: number): Action => ({ kind: 'brokerReplaceDisk', broker }),
  fence: (broker: number): Action => ({ kind: 'controllerFenceBroker', broker }),
  unfence: (broker: number): Action => ({ kind: 'controllerUnfenceBroker', broker }),
  deleteSegments: (broker: number): Action => ({ kind: 'brokerDeleteSegments', broker }),
  /** A partition action on `__consumer_offsets` instead of the data partition. */
  offsets: (action: Action): Action => ({ ...action, partition: OFFSETS_PARTITION }),
  resume: (coordinator: number): Action => ({ kind: 'consumerFetchOffset', broker: coordinator }),
  read: (leader: number): Action => ({ kind: 'consumerFetch', broker: leader }),
  commit: (coordinator: number): Action => ({ kind: 'consumerCommit', broker: coordinator }),
  consumerRestart: (): Action => ({ kind: 'consumerRestart' }),
  process: (): Action => ({ kind: 'consumerProcess' }),
};

/** A partition of the state: the data partition unless named. Throws when the state has none of that name. */
export function partition(state: State, name: PartitionName = DATA_PARTITION): Partition {
  const found = state.partitions[name];
  if (found === undefined) throw new Error(`the state has no partition ${name}`);
  return found;
}

/** The data partition of a state. */
export function data(state: State): Partition {
  return partition(state, DATA_PARTITION);
}

/** The group's `__consumer_offsets` partition of a state (with a consumer modelled). */
export function offsets(state: State): Partition {
  return partition(state, OFFSETS_PARTITION);
}

/** A broker's replica of a partition (the data partition unless named), or undefined where it hosts none. */
export function replica(state: State, broker: number, name: PartitionName = DATA_PARTITION): Replica | undefined {
  return state.partitions[name]?.replicas[broker];
}

/** The ids of a state's log records at one broker: `[w0, w1]` as numbers. */
export function ids(state: State, broker: number, name: PartitionName = DATA_PARTITION): number[] {
  return replica(state, broker, name)?.log.map((record) => record.id) ?? [];
}

/**
 * Fetch round trips for each follower, twice over: the first brings the records, the second tells the
 * leader the followers' new LEOs, so a leader whose whole ISR is listed ends with HW = LEO.
 */
export function catchUp(...followers: number[]): Action[] {
  const round = followers.flatMap((follower) => act.fetch(follower));
  return [...round, ...round];
}

/** How the three entry points judge one action in one state; they must agree. */
export interface Verdict {
  /** enabledActions(state) lists the action. */
  readonly listed: boolean;
  /** refusal(state, action): null when enabled. */
  readonly reason: string | null;
  /** The reason of the ActionRefused that step throws, or null when step accepts the action. */
  readonly thrown: string | null;
}

export function verdict(state: State, action: Action): Verdict {
  let thrown: string | null = null;
  try {
    step(state, action);
  } catch (error) {
    if (!(error instanceof ActionRefused)) throw error;
    thrown = error.reason;
  }
  return {
    listed: enabledActions(state).some((listed) => isDeepStrictEqual(listed, action)),
    reason: refusal(state, action),
    thrown,
  };
}

/** The verdict of an enabled action. */
export const ENABLED: Verdict = { listed: true, reason: null, thrown: null };

/** The verdict of an action refused for `reason`. */
export function disabled(reason: string): Verdict {
  return { listed: false, reason, thrown: reason };
}

/**
 * One acks=all write at `leader`, copied by every follower and acknowledged: the send, a fetch round
 * trip per follower, then one more serve each so the leader learns their LEOs and the HW passes it.
 */
export function committedWrite(leader: number, followers: readonly number[]): Action[] {
  return [act.send(leader, 'all'), ...followers.flatMap(act.fetch), ...followers.map(act.serve)];
}
