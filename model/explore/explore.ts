/**
 * The exhaustive explorer: breadth-first search of every state reachable within the budgets (and an
 * optional depth), from the same `enabledActions`/`step` as the random checker, de-duplicated by the
 * view (view.ts). Every invariant is checked on every new state; the first violation found is a
 * shortest counterexample by construction. Without one, the result is the proof within bounds: the
 * number of distinct states, the depth, and which witnesses were reached.
 */
import { getHeapStatistics } from 'node:v8';
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import { enabledActions, step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { firstViolation, type Invariant, type Witness } from '../../properties/index.js';
import type { Violation } from '../runner.js';
import { viewOf } from './view.js';

export interface ExploreOptions {
  readonly config: Config;
  readonly invariants: readonly Invariant[];
  readonly witnesses: readonly Witness[];
  /** Stop expanding at this depth (steps from the initial state); Infinity for none. */
  readonly maxDepth: number;
  readonly maxStates?: number;
  readonly timeLimitMs?: number;
  /** Stop when the heap passes this many bytes (default: 85% of the heap limit). */
  readonly memoryLimitBytes?: number;
  /** Canonicalise broker identities (default true). */
  readonly symmetric?: boolean;
  readonly onProgress?: (progress: ExploreProgress) => void;
}

export interface ExploreProgress {
  readonly states: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

export type StopReason = 'max-depth' | 'max-states' | 'time-limit' | 'memory';

export interface ExploreResult extends ExploreProgress {
  /** Successor states computed (transitions), including ones already seen. */
  readonly transitions: number;
  /** Why the search did not cover every reachable state, or null when it did. */
  readonly stoppedBy: StopReason | null;
  readonly violation: { readonly steps: readonly Action[]; readonly violation: Violation } | null;
  /** Witness names reached in some explored state. */
  readonly reached: readonly string[];
}

/** Parent pointers: how each distinct state was first reached. */
interface Discovery {
  readonly parents: number[];
  readonly actions: (Action | null)[];
}

function pathTo(discovery: Discovery, index: number): Action[] {
  const steps: Action[] = [];
  for (let i = index; i > 0; i = discovery.parents[i] ?? 0) {
    const action = discovery.actions[i];
    if (action != null) steps.push(action);
  }
  return steps.reverse();
}

export function explore(options: ExploreOptions): ExploreResult {
  const { config, invariants, witnesses, maxDepth } = options;
  const symmetric = options.symmetric ?? true;
  const memoryLimit = options.memoryLimitBytes ?? getHeapStatistics().heap_size_limit * 0.85;
  const started = Date.now();
  let lastReport = started;
  const reached = new Set<string>();
  const seen = new Set<string>();
  const discovery: Discovery = { parents: [0], actions: [null] };
  let transitions = 0;
  let deepest = 0;
  const initial = initialState(config);
  seen.add(viewOf(initial, symmetric));

  const visit = (state: State): Violation | null => {
    for (const witness of witnesses) if (!reached.has(witness.name) && witness.reached(state)) reached.add(witness.name);
    const found = firstViolation(state, invariants);
    return found === null ? null : { invariant: found.invariant.name, step: -1, message: found.message };
  };
  const finish = (depth: number, queue: number, stoppedBy: StopReason | null, violation: ExploreResult['violation'] = null): ExploreResult => ({
    states: seen.size,
    queue,
    depth,
    elapsedMs: Date.now() - started,
    transitions,
    stoppedBy,
    violation,
    reached: witnesses.map((w) => w.name).filter((name) => reached.has(name)),
  });

  const atStart = visit(initial);
  if (atStart !== null) return finish(0, 0, null, { steps: [], violation: atStart });
  let frontier: { state: State; index: number }[] = [{ state: initial, index: 0 }];
  for (let depth = 0; frontier.length > 0; depth++) {
    if (depth >= maxDepth) return finish(depth, frontier.length, 'max-depth');
    const next: { state: State; index: number }[] = [];
    for (const [position, { state, index }] of frontier.entries()) {
      for (const action of enabledActions(state)) {
        const successor = step(state, action);
        transitions += 1;
        const view = viewOf(successor, symmetric);
        if (seen.has(view)) continue;
        seen.add(view);
        const child = discovery.parents.push(index) - 1;
        discovery.actions.push(action);
        deepest = depth + 1;
        const violation = visit(successor);
        if (violation !== null) {
          const steps = pathTo(discovery, child);
          return finish(depth + 1, next.length, null, { steps, violation: { ...violation, step: steps.length - 1 } });
        }
        next.push({ state: successor, index: child });
      }
      if ((position & 63) === 0) {
        const now = Date.now();
        const queue = frontier.length - position + next.length;
        if (options.maxStates !== undefined && seen.size >= options.maxStates) return finish(depth, queue, 'max-states');
        if (options.timeLimitMs !== undefined && now - started >= options.timeLimitMs) return finish(depth, queue, 'time-limit');
        if (process.memoryUsage().heapUsed > memoryLimit) return finish(depth, queue, 'memory');
        if (options.onProgress !== undefined && now - lastReport >= 1000) {
          lastReport = now;
          options.onProgress({ states: seen.size, queue, depth, elapsedMs: now - started });
        }
      }
    }
    frontier = next;
  }
  return finish(deepest, 0, null);
}
