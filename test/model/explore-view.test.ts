/**
 * The explorer's symmetry respects placement: brokers are interchangeable only when they host the same
 * partitions, so a state and its image under a swap of two such brokers share a view, and a swap of
 * brokers placed differently does not. With many interchangeable brokers the view stays quick and
 * sound. And the view forgets the HW checkpoints only once no broker can stop again, which holds only
 * while every action that stops a broker spends one of STOPPING_BUDGETS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSchedule } from '../../model/check/runner.js';
import { schedules } from '../../model/check/schedule.js';
import { viewOf } from '../../model/explore/view.js';
import { STOPPING_BUDGETS } from '../../spec/broker.js';
import { actionSpec } from '../../spec/actions/index.js';
import { enabledActions, step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { DATA_PARTITION } from '../../spec/config.js';
import { act, config, edit, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

/** Data on b0..b2 (b0 leads), `__consumer_offsets` on b3..b5 (b3 leads). */
const APART = { ...CONSUMER, brokers: 6, replicationFactor: 3, offsetsTopicAssignment: [3, 4, 5] };
const crashed = (broker: number): string => viewOf(run(start(APART), [act.crash(broker), act.fence(broker)]), true);

describe('the symmetric view under placement', () => {
  it('merges a state with its image under a swap of two brokers that host the same partitions', () => {
    expect(crashed(1)).toBe(crashed(2));
    expect(crashed(4)).toBe(crashed(5));
  });

  it('keeps apart brokers that host different partitions, though they hold alike', () => {
    expect(crashed(1)).not.toBe(crashed(4));
    expect(crashed(0)).not.toBe(crashed(3));
  });

  it('keeps the preferred replica apart only where a preferred leader election can read it (rule 26)', () => {
    const preferring = (leaderMoves: number, assignment: number[]): string =>
      viewOf(edit(start({ budgets: { leaderMoves } }), (state) => {
        const data = state.partitions[DATA_PARTITION];
        if (data !== undefined) data.assignment = assignment;
      }), true);
    expect(preferring(1, [1, 0, 2])).not.toBe(preferring(1, [0, 1, 2]));
    expect(preferring(1, [0, 2, 1])).toBe(preferring(1, [0, 1, 2]));
    expect(preferring(0, [1, 0, 2])).toBe(preferring(0, [0, 1, 2]));
  });

  it("keeps the producer's requests, which name their brokers, under the relabelling", () => {
    const sentTo = (broker: number): string => viewOf(run(start({ budgets: { retries: 1 } }), [act.fence(0), act.elect(broker), act.metadata(broker), { kind: 'producerSendRequest', producer: 0, broker }]), true);
    // b1 and b2 are interchangeable: a request to the one is the image of a request to the other.
    expect(sentTo(1)).toBe(sentTo(2));
    const inFlight = run(start({ budgets: { retries: 1 } }), [{ kind: 'producerSendRequest', producer: 0, broker: 0 }]);
    const read = run(inFlight, [{ kind: 'leaderHandleProduce', producer: 0, broker: 0 }]);
    const timedOut = run(read, [{ kind: 'producerRequestTimeout', producer: 0, broker: 0 }]);
    expect(new Set([inFlight, read, timedOut].map((state) => viewOf(state, true))).size).toBe(3);
  });

  it('tells every broker apart without symmetry', () => {
    const plain = (broker: number): string => viewOf(run(start(APART), [act.crash(broker)]), false);
    expect(new Set([0, 1, 2, 3, 4, 5].map(plain)).size).toBe(6);
  });
});

describe('the symmetric view with many interchangeable brokers', () => {
  /** Six replicas of the data partition: five followers tie at the start, 120 orderings, past MAX_ORDERINGS. */
  const SIX = { brokers: 6, budgets: { records: 2, crashes: 1, powerLosses: 0, fences: 1, shutdowns: 0, shrinks: 1, commits: 0 } };

  it('is computed without enumerating every ordering, and merges only relabellings of one state', () => {
    const states: State[] = [];
    fc.assert(
      fc.property(schedules(40), (schedule) => {
        let state = start(SIX);
        states.push(state);
        for (const action of runSchedule(config(SIX), schedule, []).steps) {
          state = step(state, action);
          states.push(state);
        }
      }),
      { seed: 20261204, numRuns: 40 },
    );
    const byView = new Map<string, string>();
    let merged = 0;
    for (const state of states) {
      const view = viewOf(state, true);
      // The complete canonical form: the least rendering over every ordering of the ties.
      const canonical = viewOf(state, true, { maxOrderings: Infinity });
      const known = byView.get(view);
      if (known !== undefined) {
        // Sound: two states share a view only if they are relabellings of one another.
        expect(canonical).toBe(known);
        merged += 1;
      } else byView.set(view, canonical);
    }
    expect(states.length).toBeGreaterThan(1000);
    expect(merged).toBeGreaterThan(100);
  });

  it('with few ties, refines them and still gives every relabelling of a state one view', () => {
    /** Four replicas: three followers tie at the start, six orderings, refined before any is rendered. */
    const FOUR = { ...SIX, brokers: 4 };
    const byCanonical = new Map<string, { view: string; plain: string }>();
    let relabellings = 0;
    fc.assert(
      fc.property(schedules(40), (schedule) => {
        let state = start(FOUR);
        for (const action of runSchedule(config(FOUR), schedule, []).steps) {
          state = step(state, action);
          const [view, plain, canonical] = [viewOf(state, true), viewOf(state, false), viewOf(state, true, { maxOrderings: Infinity })];
          const known = byCanonical.get(canonical);
          if (known === undefined) byCanonical.set(canonical, { view, plain });
          else {
            // Complete and sound: the same view exactly when the same state up to relabelling.
            expect(view).toBe(known.view);
            if (plain !== known.plain) relabellings += 1;
          }
        }
      }),
      { seed: 20261206, numRuns: 40 },
    );
    expect(new Set([...byCanonical.values()].map(({ view }) => view)).size).toBe(byCanonical.size);
    expect(relabellings).toBeGreaterThan(20);
  });

  it('keeps the view of 20 brokers quick: no 19! orderings', () => {
    const started = Date.now();
    const twenty = run(start({ brokers: 20, budgets: { commits: 0 } }), [act.send(0)]);
    for (let i = 0; i < 100; i++) viewOf(twenty, true);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('what the explorer forgets', () => {
  const FAULTY = { budgets: { records: 2, crashes: 2, powerLosses: 2, fences: 1, shutdowns: 2, shrinks: 1, commits: 1 } };
  const spent = (state: State): number => STOPPING_BUDGETS.reduce((sum, budget) => sum + state.budget[budget], 0);

  it('are spent by every step that takes a running broker down', () => {
    let stops = 0;
    fc.assert(
      fc.property(schedules(40), (schedule) => {
        let state = start(FAULTY);
        for (const action of runSchedule(config(FAULTY), schedule, []).steps) {
          const next = step(state, action);
          const stopped = next.brokers.filter((b) => b.status === 'down' && state.brokers[b.id]?.status === 'running');
          if (stopped.length > 0) {
            stops += 1;
            expect(spent(next), `${action.kind} stopped b${stopped[0]?.id} without spending a stopping budget`).toBe(spent(state) + 1);
          }
          state = next;
        }
      }),
      { seed: 20261205, numRuns: 100 },
    );
    expect(stops).toBeGreaterThan(100);
  });

  it('is all an action declaring writesOnly changes, so skipping it where the field is forgotten loses nothing', () => {
    const without = (state: State, field: string): string => JSON.stringify(state, (key, value: unknown) => (key === field ? undefined : value));
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(schedules(40), (schedule) => {
        let state = start(FAULTY);
        for (const action of runSchedule(config(FAULTY), schedule, []).steps) {
          for (const enabled of enabledActions(state)) {
            const only = actionSpec(enabled).writesOnly;
            if (only === undefined) continue;
            seen.set(enabled.kind, (seen.get(enabled.kind) ?? 0) + 1);
            expect(without(step(state, enabled), only), `${enabled.kind} changed more than ${only}`).toBe(without(state, only));
          }
          state = step(state, action);
        }
      }),
      { seed: 20261207, numRuns: 40 },
    );
    expect([...seen.keys()].sort()).toEqual(['brokerCheckpointHw', 'brokerFlush']);
  });
});
