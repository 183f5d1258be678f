/**
 * The explorer's view forgets what no step and no checked invariant reads, and nothing else
 * (model/explore/view.ts; spec/types.ts, ForgettableField). On random runs over the configuration of
 * every verdict row:
 *
 * - a twin of each state that differs only in what the view forgets at every step (the ISR, ELR and
 *   partition epoch of a follower's view, on the same side of the controller's record; the last fetch
 *   of a past leader epoch) has the same view, the same invariant outcomes, the same enabled actions
 *   (but a follower catching up with the controller, a step that leaves it in the same view) and
 *   successors with the same views: the two simulate each other step for step;
 * - a twin that differs in what the view keeps (a follower's leader epoch, a last fetch of the current
 *   epoch, a leader's ISR) has another view, so the check above would fail if the view forgot them.
 */
import fc from 'fast-check';
import { setAutoFreeze } from 'immer';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasBudget } from '../../spec/actions/action.js';
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import { applyEnabled, enabledActions } from '../../spec/step.js';
import type { Partition, PartitionView, Replica, State } from '../../spec/types.js';
import { INVARIANTS } from '../../properties/index.js';
import { forgettingOf, viewOf } from '../../model/explore/view.js';
import { verdictConfigs } from '../verdicts/settle.js';

beforeAll(() => setAutoFreeze(false));

const forgetting = forgettingOf(INVARIANTS);
const view = (state: State): string => viewOf(state, true, { forgetting });

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

/** Whether the replica follows: it has a view naming another leader (or none), and no leader state. */
const follows = (replica: Replica): boolean => replica.view !== null && replica.leader === null && replica.view.leader !== replica.broker;

/** Whether the controller may unfence the broker (only once it caught up): it is fenced, or a fence is left in the budget. */
const mayUnfence = (state: State, broker: number): boolean => state.controller.registrations[broker]?.fenced === true || hasBudget(state, 'fences');

/** A deep copy of `state` with `change` made to its partition `name`. */
function twin(state: State, name: string, change: (partition: Mutable<Partition>) => void): State {
  const copy = structuredClone(state) as Mutable<State>;
  change(copy.partitions[name as keyof State['partitions']] as Mutable<Partition>);
  return copy as State;
}

/** The same state but for what the view forgets: followers' ISR, ELR and partition epochs, past last fetches. */
function forgettableTwin(state: State): State {
  return Object.keys(state.partitions).reduce((result, name) => twin(result, name, (partition) => {
    const record = partition.record;
    for (const replica of Object.values(partition.replicas)) {
      if (!follows(replica as Replica)) continue;
      const { leader, leaderEpoch, partitionEpoch, isr } = replica.view as PartitionView;
      // Ahead of the record stays ahead and behind stays behind; level may fall behind unless the
      // controller may still unfence the broker.
      const unfencing = mayUnfence(state, replica.broker);
      const level = partitionEpoch === record.partitionEpoch;
      // A new object: a view may be the record itself, shared.
      replica.view = {
        leader,
        leaderEpoch,
        partitionEpoch: partitionEpoch > record.partitionEpoch ? partitionEpoch + 1 : level && unfencing ? partitionEpoch : Math.max(0, partitionEpoch - 1),
        isr: isr.slice(1),
        elr: isr.length <= 1 ? [replica.broker] : [],
      } as Mutable<PartitionView>;
    }
    for (const broker of partition.assignment) {
      const fetched = partition.ghost.lastFetch[broker];
      const past = fetched == null || fetched.epoch < record.leaderEpoch;
      if (past && record.leaderEpoch > 0) partition.ghost.lastFetch[broker] = fetched == null ? { leader: broker, epoch: record.leaderEpoch - 1 } : null;
    }
  }), state);
}

/** Twins that differ in what the view keeps, one per kept field of this kind the state has. */
function keptTwins(state: State): State[] {
  const twins: State[] = [];
  for (const [name, partition] of Object.entries(state.partitions)) {
    for (const replica of Object.values(partition.replicas)) {
      const { view } = replica;
      if (view === null) continue;
      // A new view object: a view may be the record itself, shared.
      const withView = (changed: PartitionView) => twin(state, name, (p) => ((p.replicas[replica.broker] as Mutable<Replica>).view = changed as Mutable<PartitionView>));
      if (follows(replica)) twins.push(withView({ ...view, leaderEpoch: view.leaderEpoch + 1 }));
      // Level with the record, falling behind while the controller may unfence the broker only once it caught up.
      if (follows(replica) && mayUnfence(state, replica.broker) && view.partitionEpoch === partition.record.partitionEpoch) twins.push(withView({ ...view, partitionEpoch: view.partitionEpoch - 1 }));
      if (replica.leader !== null) twins.push(withView({ ...view, isr: view.isr.length === 1 ? [] : [replica.broker] }));
    }
    for (const broker of partition.assignment) {
      const fetched = partition.ghost.lastFetch[broker];
      if (fetched != null && fetched.epoch >= partition.record.leaderEpoch) twins.push(twin(state, name, (p) => (p.ghost.lastFetch[broker] = null)));
    }
  }
  return twins;
}

const key = (action: Action): string => JSON.stringify(action);

/** Checks that `a` and `b` (with the same view) simulate each other for one step; returns the actions compared. */
function simulate(a: State, b: State): number {
  const enabledA = new Map(enabledActions(a).map((action) => [key(action), action]));
  const enabledB = new Map(enabledActions(b).map((action) => [key(action), action]));
  let compared = 0;
  for (const [k, action] of enabledA) {
    if (!enabledB.has(k)) {
      // Only a follower catching up with a record of the same leader and epoch: the same view after.
      expect(action.kind, `${k} is enabled in one twin only`).toBe('brokerApplyMetadata');
      expect(view(applyEnabled(a, action))).toBe(view(b));
      continue;
    }
    expect(view(applyEnabled(a, action)), k).toBe(view(applyEnabled(b, action)));
    compared += 1;
  }
  for (const [k, action] of enabledB) {
    if (enabledA.has(k)) continue;
    expect(action.kind, `${k} is enabled in one twin only`).toBe('brokerApplyMetadata');
    expect(view(applyEnabled(b, action))).toBe(view(a));
  }
  return compared;
}

describe("the explorer's view forgets what no step reads, and keeps the rest", () => {
  const configs = verdictConfigs();

  it('on random runs over every verdict row\'s configuration', () => {
    let twins = 0;
    let differing = 0;
    let steps = 0;
    let kept = 0;
    fc.assert(
      fc.property(fc.nat({ max: configs.length - 1 }), fc.array(fc.nat(), { minLength: 30, maxLength: 30 }), (index, choices) => {
        let state = initialState(configs[index] as Config);
        for (const choice of choices) {
          const other = forgettableTwin(state);
          expect(view(other)).toBe(view(state));
          for (const invariant of INVARIANTS) expect(invariant.check(other), invariant.name).toBe(invariant.check(state));
          twins += 1;
          if (JSON.stringify(other) !== JSON.stringify(state)) differing += 1;
          steps += simulate(state, other);
          for (const changed of keptTwins(state)) {
            expect(view(changed)).not.toBe(view(state));
            kept += 1;
          }
          const enabled = enabledActions(state);
          if (enabled.length === 0) break;
          state = applyEnabled(state, enabled[choice % enabled.length] as Action);
        }
      }),
      { seed: 966, numRuns: 300 },
    );
    // Most states have something to forget, and the checks compared many steps and kept fields.
    expect(differing).toBeGreaterThan(twins / 2);
    expect(steps).toBeGreaterThan(40_000);
    expect(kept).toBeGreaterThan(10_000);
  });
});
