/**
 * The exhaustive explorer: breadth-first search of every state reachable within the budgets (and an
 * optional depth), from the same `enabledActions`/`step` as the random checker, de-duplicated by the
 * fingerprint of each state's view (view.ts, fingerprint.ts). Every invariant is checked on every new
 * state; the first violation found is a shortest counterexample by construction. Without one, the
 * result is the proof within bounds: the number of distinct states, the depth, and which witnesses were
 * reached. This is the single-threaded search; parallel.ts spreads the same levels over workers.
 */
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import type { State } from '../../spec/types.js';
import type { Invariant, Witness } from '../../properties/index.js';
import type { Violation } from '../trace/trace.js';
import { Expander, limitReached, pathTo, type Found, type Limits, type StopReason } from './expander.js';
import { StateTable } from './state-table.js';
import { forgettingOf, type Forgetting } from './view.js';

export type { StopReason } from './expander.js';

export interface ExploreOptions {
  readonly config: Config;
  readonly invariants: readonly Invariant[];
  readonly witnesses: readonly Witness[];
  /** Stop expanding at this depth (steps from the initial state); Infinity for none. */
  readonly maxDepth: number;
  readonly maxStates?: number;
  readonly timeLimitMs?: number;
  /** Stop when the heap passes this fraction of its limit (default 0.85). */
  readonly heapFraction?: number;
  /** Canonicalise broker identities (default true). */
  readonly symmetric?: boolean;
  /** Forget what no step reads (default true; view.ts): fewer states, the same verdicts and shortest counterexample lengths. */
  readonly forget?: boolean;
  /**
   * Partial-order reduction by sleep sets (default true; expander.ts): fewer transitions, the same
   * distinct states, depth and shortest counterexample length.
   */
  readonly reduce?: boolean;
  /**
   * Takes only the enabled actions this accepts (default: every one). A search restricted so is not a
   * proof; the minimiser uses it to look for a shorter counterexample among a trace's own actions.
   */
  readonly only?: (action: Action) => boolean;
  readonly onProgress?: (progress: ExploreProgress) => void;
  /** Called once for every distinct state, the initial one included (cross-checks use it). */
  readonly onState?: (state: State) => void;
}

export interface ExploreProgress {
  readonly states: number;
  readonly queue: number;
  readonly depth: number;
  readonly elapsedMs: number;
}

export interface ExploreResult extends ExploreProgress {
  /** Successor states computed (transitions), including ones already seen. */
  readonly transitions: number;
  /** Why the search did not cover every reachable state, or null when it did. */
  readonly stoppedBy: StopReason | null;
  readonly violation: { readonly steps: readonly Action[]; readonly violation: Violation } | null;
  /** Witness names reached in some explored state. */
  readonly reached: readonly string[];
}

export const DEFAULT_HEAP_FRACTION = 0.85;

export function forgettingFor(options: Pick<ExploreOptions, 'invariants' | 'forget'>): Forgetting | null {
  return options.forget === false ? null : forgettingOf(options.invariants);
}

export function limitsOf(options: ExploreOptions, started: number): Limits {
  return {
    heapFraction: options.heapFraction ?? DEFAULT_HEAP_FRACTION,
    ...(options.maxStates === undefined ? {} : { maxStates: options.maxStates }),
    ...(options.timeLimitMs === undefined ? {} : { deadline: started + options.timeLimitMs }),
  };
}

/** What every explorer reports, given how it ended. */
export interface Ending {
  readonly table: StateTable;
  readonly started: number;
  readonly depth: number;
  readonly queue: number;
  readonly transitions: number;
  readonly reached: ReadonlySet<string>;
  readonly stoppedBy: StopReason | null;
  readonly violation: ExploreResult['violation'];
}

export function resultOf(options: ExploreOptions, ending: Ending): ExploreResult {
  return {
    states: ending.table.size,
    queue: ending.queue,
    depth: ending.depth,
    elapsedMs: Date.now() - ending.started,
    transitions: ending.transitions,
    stoppedBy: ending.stoppedBy,
    violation: ending.violation,
    reached: options.witnesses.map((w) => w.name).filter((name) => ending.reached.has(name)),
  };
}

/** The trace of a violation: the path to it, with the step index filled in. */
export function traceOf(steps: readonly Action[], found: Found): NonNullable<ExploreResult['violation']> {
  return { steps, violation: { ...found.violation, step: steps.length - 1 } };
}

export function explore(options: ExploreOptions): ExploreResult {
  const started = Date.now();
  const table = StateTable.growing(options.maxStates);
  const expander = new Expander({
    invariants: options.invariants,
    witnesses: options.witnesses,
    symmetric: options.symmetric ?? true,
    reduce: options.reduce ?? true,
    forgetting: forgettingFor(options),
    table,
    worker: 0,
    workers: 1,
    ...(options.onState === undefined ? {} : { onState: options.onState }),
    ...(options.only === undefined ? {} : { only: options.only }),
  });
  const limits = limitsOf(options, started);
  let lastReport = started;
  let depth = 0;
  const end = (stoppedBy: StopReason | null, found: Found | null = null): ExploreResult =>
    resultOf(options, {
      table,
      started,
      depth,
      queue: expander.queued,
      transitions: expander.transitions,
      reached: expander.reached,
      stoppedBy,
      violation: found === null ? null : traceOf(pathTo(found.ref, (ref) => expander.discovery(ref)), found),
    });
  const atRoot = expander.root(initialState(options.config));
  if (atRoot !== null) return end(null, atRoot);
  const tick = (): StopReason | null => {
    const stop = limitReached(limits, table);
    const now = Date.now();
    if (stop === null && options.onProgress !== undefined && now - lastReport >= 1000) {
      lastReport = now;
      options.onProgress({ states: table.size, queue: expander.queued, depth, elapsedMs: now - started });
    }
    return stop;
  };
  for (; expander.frontier.length > 0; depth++) {
    if (depth >= options.maxDepth) return end('max-depth');
    const { found, stopped } = expander.expand(tick);
    if (found !== null) {
      depth += 1;
      return end(null, found);
    }
    if (stopped !== null && stopped !== 'halted') return end(stopped);
  }
  // The last level kept nothing new: the deepest state is one level up.
  depth = Math.max(0, depth - 1);
  return end(null);
}
