import { describe, expect, it } from 'vitest';
import { ACTION_KINDS, ACTIONS, type Action } from '../../spec/actions/index.js';
import type { ParamType } from '../../spec/actions/action.js';
import { describeAction } from '../../spec/actions/describe.js';
import { DATA_PARTITION, OFFSETS_PARTITION } from '../../spec/config.js';
import { ActionRefused, enabledActions, refusal, step } from '../../spec/step.js';
import type { PartitionName, State } from '../../spec/types.js';
import { act, start } from '../builders.js';

/** A deterministic walk: at each state the enabled action picked by a fixed linear congruential sequence. */
function walk(initial: State, length: number, seed: number): State[] {
  const states = [initial];
  let state = initial;
  let x = seed;
  for (let i = 0; i < length; i++) {
    const enabled = enabledActions(state);
    if (enabled.length === 0) break;
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const action = enabled[x % enabled.length];
    if (action === undefined) break;
    state = step(state, action);
    states.push(state);
  }
  return states;
}

/** An action's parameters in a fixed order, whatever order its object was built in. */
const keyOf = (action: Action): string => JSON.stringify(Object.entries(action).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Every value a parameter of `type` can take in `state`, and a little past it; but a send's acks is
 * the configuration's (a hand-written trace may send with another, the checkers never do).
 */
function valuesOf(type: ParamType, state: State): readonly unknown[] {
  const upTo = (n: number): number[] => Array.from({ length: n + 1 }, (_, i) => i);
  switch (type) {
    case 'broker':
      return upTo(state.config.brokers);
    case 'acks':
      return [state.config.acks];
    case 'write':
      return upTo(state.producer.attempts.length + 1);
    case 'producer':
      return upTo(state.config.producers);
  }
}

/** Every parameterisation of every action kind, on every partition for partition actions: a brute-force superset of `candidates`. */
function everyAction(state: State): Action[] {
  const all: Action[] = [];
  for (const kind of ACTION_KINDS) {
    const spec = ACTIONS[kind];
    let partial: Record<string, unknown>[] = [{ kind }];
    for (const [name, { type }] of Object.entries(spec.params) as [string, { type: ParamType }][]) {
      partial = partial.flatMap((action) => valuesOf(type, state).map((value) => ({ ...action, [name]: value })));
    }
    const partitions = spec.scope === 'partition' ? (Object.keys(state.partitions) as PartitionName[]) : [DATA_PARTITION];
    for (const name of partitions) for (const action of partial) all.push((name === DATA_PARTITION ? action : { ...action, partition: name }) as unknown as Action);
  }
  return all;
}

const big = { records: 4, crashes: 2, powerLosses: 2, fences: 2, shutdowns: 2, shrinks: 3 };
const WALKS = [
  walk(start({ budgets: big }), 80, 1),
  walk(start({ acks: 1, uncleanLeaderElection: true, budgets: big }), 80, 7),
  walk(start({ acks: 0, minInsyncReplicas: 1, flushIntervalMessages: 1, budgets: big }), 80, 42),
  // A consumer, so two partitions: __consumer_offsets-0 (on b0..b1) beside the data partition.
  walk(start({ offsetsTopicReplicationFactor: 2, budgets: { ...big, commits: 2, consumerRestarts: 1, retention: 1 } }), 80, 19),
  // Produce requests on the network (two producers, retries), a reassignment to a fourth broker,
  // leader moves and a replaced disk.
  walk(start({ brokers: 4, replicationFactor: 3, producers: 2, budgets: { ...big, retries: 2, reassignments: 1, leaderMoves: 2, diskLosses: 1, uncleanElections: 1 } }), 150, 5),
  walk(start({ era: 'kip-320', producers: 2, uncleanLeaderElection: true, budgets: { ...big, retries: 3, leaderMoves: 2 } }), 150, 11),
];
const STATES = WALKS.flat();

describe('enabledActions', () => {
  it('walks long enough to be meaningful', () => {
    for (const states of WALKS) expect(states.length).toBeGreaterThan(40);
    const kinds = new Set(STATES.flatMap((state) => enabledActions(state).map((action) => action.kind)));
    expect(kinds.size).toBeGreaterThanOrEqual(30);
    const onOffsets = STATES.flatMap((state) => enabledActions(state)).filter(
      (action) => 'partition' in action && action.partition === OFFSETS_PARTITION,
    );
    expect(new Set(onOffsets.map((action) => action.kind)).size).toBeGreaterThanOrEqual(7);
    expect(STATES.some((state) => (state.consumer?.commits.length ?? 0) > 0)).toBe(true);
  });

  it('is deterministic: the same list, in the same order, for equal states', () => {
    for (const state of STATES) {
      expect(enabledActions(state)).toEqual(enabledActions(state));
      expect(enabledActions(structuredClone(state))).toEqual(enabledActions(state));
    }
  });

  it('lists only actions that refusal accepts and that step applies', () => {
    for (const state of STATES) {
      for (const action of enabledActions(state)) {
        expect(refusal(state, action)).toBeNull();
        expect(() => step(state, action)).not.toThrow();
      }
    }
  });

  it('lists every action its guard accepts: candidates may leave out only what the guard refuses', () => {
    let accepted = 0;
    for (const state of STATES) {
      const listed = new Set(enabledActions(state).map(keyOf));
      for (const action of everyAction(state)) {
        if (refusal(state, action) !== null) continue;
        accepted += 1;
        expect(listed, describeAction(action)).toContain(keyOf(action));
      }
    }
    expect(accepted).toBeGreaterThan(STATES.length * 4);
  });

  it('lists no duplicates', () => {
    for (const state of STATES) {
      const keys = enabledActions(state).map((action) => JSON.stringify(action));
      expect(new Set(keys).size).toBe(keys.length);
    }
  });
});

describe('step', () => {
  it('refuses a disabled action with ActionRefused naming the action and the reason', () => {
    const action: Action = act.elect(1);
    let thrown: unknown;
    try {
      step(start(), action);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ActionRefused);
    const refused = thrown as ActionRefused;
    expect(refused.action).toEqual(action);
    expect(refused.reason).toBe('the partition already has leader b0');
    expect(refused.message).toBe('controllerElectLeader broker=b1 is not enabled: the partition already has leader b0');
  });

  it('names parameters as traces print them', () => {
    expect(() => step(start(), act.send(1, 'all'))).toThrow(
      'producerSend broker=b1 acks=all is not enabled: b1 does not believe it leads (NOT_LEADER_OR_FOLLOWER)',
    );
  });

  it('never mutates its input state, frozen or not', () => {
    for (const state of STATES.filter((_, index) => index % 4 === 0)) {
      const before = JSON.stringify(state);
      for (const action of enabledActions(state)) {
        const thawed = structuredClone(state);
        const after = step(thawed, action);
        expect(JSON.stringify(thawed)).toBe(before);
        expect(after).not.toBe(thawed);
      }
      expect(JSON.stringify(state)).toBe(before);
    }
  });
});
