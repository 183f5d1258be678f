/**
 * One worker's share of a breadth-first level: expands the states of its frontier, keeps the successors
 * that are new to the shared state table, checks every invariant on each, and remembers how each was
 * first reached. The single-threaded explorer runs one expander; the parallel one runs one per worker
 * thread, all adding to the same table.
 *
 * A state's reference is `local * workers + worker`: unique across workers without coordination, and
 * it says which worker holds the parent pointer.
 */
import { getHeapStatistics } from 'node:v8';
import { actionSpec, type Action } from '../../spec/actions/index.js';
import { sameFlat, sharedWith } from '../../spec/clone.js';
import { independent, type Footprint } from '../../spec/footprint.js';
import { applyEnabled, enabledActions, footprintOf } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { firstViolation, type Invariant, type Witness } from '../../properties/index.js';
import type { Violation } from '../trace/trace.js';
import type { StateTable } from './state-table.js';
import { fingerprintOfState, forgottenIn, type Forgetting } from './view.js';

export type StopReason = 'max-depth' | 'max-states' | 'time-limit' | 'memory';

export interface FrontierEntry {
  readonly state: State;
  readonly ref: number;
  /**
   * The sleep set: enabled actions the search need not take from this state, because each leads
   * where a sibling's successor leads by the same action (see `Footprints`).
   */
  readonly sleep: readonly Action[];
}

const AWAKE: readonly Action[] = [];

/** A violation found in the state `ref`. */
export interface Found {
  readonly ref: number;
  readonly violation: Violation;
}

/** How a state was first reached: its parent's reference (-1 for the initial state) and the action. */
export interface Discovery {
  readonly parent: number;
  readonly action: Action | null;
}

export interface ExpanderSetup {
  readonly invariants: readonly Invariant[];
  readonly witnesses: readonly Witness[];
  readonly symmetric: boolean;
  /** What the view may forget because no step reads it (null: nothing). */
  readonly forgetting: Forgetting | null;
  readonly table: StateTable;
  readonly worker: number;
  readonly workers: number;
  /** Partial-order reduction by sleep sets (see `Footprints`). */
  readonly reduce: boolean;
  readonly onState?: (state: State) => void;
  /** Takes only the enabled actions this accepts (explore.ts `only`). */
  readonly only?: (action: Action) => boolean;
}

/** Limits every expander checks between frontier states. */
export interface Limits {
  readonly maxStates?: number;
  /** Epoch milliseconds. */
  readonly deadline?: number;
  /** Stop when this isolate's heap passes this fraction of its limit. */
  readonly heapFraction: number;
}

export function limitReached(limits: Limits, table: StateTable): StopReason | null {
  if (limits.maxStates !== undefined && table.size >= limits.maxStates) return 'max-states';
  if (limits.deadline !== undefined && Date.now() >= limits.deadline) return 'time-limit';
  const heap = getHeapStatistics();
  if (table.full || heap.used_heap_size > heap.heap_size_limit * limits.heapFraction) return 'memory';
  return null;
}

export interface LevelOutcome {
  readonly found: Found | null;
  /** A limit, or 'halted' when another worker's violation ended the search. */
  readonly stopped: StopReason | 'halted' | null;
}

export class Expander {
  frontier: FrontierEntry[] = [];
  next: FrontierEntry[] = [];
  /** Position in `frontier` of the next state to expand. */
  position = 0;
  transitions = 0;
  readonly reached = new Set<string>();
  private readonly parents: number[] = [];
  private readonly actions: (Action | null)[] = [];

  constructor(private readonly setup: ExpanderSetup) {}

  /** Frontier states not yet expanded plus successors kept so far. */
  get queued(): number {
    return this.frontier.length - this.position + this.next.length;
  }

  /** Registers the initial state; a violation there is found at once. */
  root(state: State): Found | null {
    this.setup.table.add(this.fingerprintOf(state));
    const ref = this.remember(-1, null);
    this.frontier.push({ state, ref, sleep: AWAKE });
    return this.visit(state, ref);
  }

  /**
   * Expands the frontier; `tick` runs every 64 states and may stop the level early. At the end of a
   * complete level the successors become the frontier.
   */
  expand(tick: () => LevelOutcome['stopped']): LevelOutcome {
    const { table } = this.setup;
    for (; this.position < this.frontier.length; this.position++) {
      if ((this.position & 63) === 0) {
        const stopped = tick();
        if (stopped !== null) return { found: null, stopped };
      }
      const { state, ref, sleep } = this.frontier[this.position] as FrontierEntry;
      const forgotten = forgottenIn(state, this.setup.forgetting);
      const enabled = this.setup.only === undefined ? enabledActions(state) : enabledActions(state).filter(this.setup.only);
      const footprints = new Footprints(state, enabled);
      const taken: number[] = [];
      for (let i = 0; i < enabled.length; i++) {
        const action = enabled[i] as Action;
        if (sleep.length > 0 && sleep.some((asleep) => sameFlat(asleep, action))) continue;
        // Leads to a state that looks the same: only a forgotten field changes.
        const only = actionSpec(action).writesOnly;
        if (only !== undefined && forgotten[only]) continue;
        const successor = applyEnabled(state, action);
        this.transitions += 1;
        if (table.add(this.fingerprintOf(successor))) {
          const child = this.remember(ref, action);
          const found = this.visit(successor, child);
          if (found !== null) return { found, stopped: null };
          // Kept for the next level: share what did not change with the parent (spec/clone.ts).
          const asleep = this.setup.reduce ? footprints.sleepAfter(taken, i) : AWAKE;
          this.next.push({ state: sharedWith(successor, state), ref: child, sleep: asleep });
        }
        taken.push(i);
      }
    }
    this.frontier = this.next;
    this.next = [];
    this.position = 0;
    return { found: null, stopped: null };
  }

  private fingerprintOf(state: State): readonly [hi: number, lo: number] {
    return fingerprintOfState(state, this.setup.symmetric, { forgetting: this.setup.forgetting });
  }

  /** How the state `ref` (held by this worker) was first reached. */
  discovery(ref: number): Discovery {
    const local = Math.floor(ref / this.setup.workers);
    return { parent: this.parents[local] ?? -1, action: this.actions[local] ?? null };
  }

  /** Hands over up to `count` unexpanded frontier states (for balancing workers). */
  give(count: number): FrontierEntry[] {
    return this.frontier.splice(this.frontier.length - Math.min(count, this.frontier.length - this.position));
  }

  take(entries: readonly FrontierEntry[]): void {
    this.frontier.push(...entries);
  }

  private remember(parent: number, action: Action | null): number {
    const local = this.parents.push(parent) - 1;
    this.actions.push(action);
    return local * this.setup.workers + this.setup.worker;
  }

  private visit(state: State, ref: number): Found | null {
    this.setup.onState?.(state);
    for (const witness of this.setup.witnesses) if (!this.reached.has(witness.name) && witness.reached(state)) this.reached.add(witness.name);
    const found = firstViolation(state, this.setup.invariants);
    return found === null ? null : { ref, violation: { invariant: found.invariant.name, step: -1, message: found.message } };
  }
}

/**
 * Sleep sets, one level deep. When the search takes action `a` from state p into a new state w, every
 * action x it took from p before `a` and that is independent of `a` there (spec/footprint.ts) sleeps
 * in w: w·x is p·x·a, which the search reaches from p·x. Each state's sleep set is fixed when it is
 * first reached, so the search stores nothing more.
 *
 * Why no state is lost, and none is reached later than breadth-first order reaches it: suppose a
 * class of states at depth d were missed, and take, among the states at depth d-1 with an action x
 * into it, the one first added to the state table, w. The search did not take x from w (it would
 * have reached the class), so x sleeps in w: w was first reached as p·a, x was taken from p before
 * `a` (so p·x was added to the table, as itself or as a symmetric state, before w) and is independent
 * of `a`; so p·x·a is in the class, and from the state kept for p·x the action `a` (relabelled) leads
 * into it (that state may differ from p·x in what the view forgets, and simulates it step for step;
 * model/explore/view.ts): a state added before w, a contradiction. Symmetry needs nothing more (the
 * relabelled action is as independent), and the argument orders states by when the shared table took
 * them, so it holds for parallel workers too. Only transitions are saved: the distinct states, the
 * depth and the length of the shortest counterexample stay the same (test/model/reduction.test.ts
 * compares searches with and without on small configurations).
 */
class Footprints {
  private readonly known: (Footprint | null | undefined)[] = [];

  constructor(
    private readonly state: State,
    private readonly enabled: readonly Action[],
  ) {}

  private at(i: number): Footprint | null {
    let footprint = this.known[i];
    if (footprint === undefined) this.known[i] = footprint = footprintOf(this.state, this.enabled[i] as Action);
    return footprint;
  }

  /** The actions taken before the `i`th that are independent of it: the sleep set of its successor. */
  sleepAfter(taken: readonly number[], i: number): readonly Action[] {
    const own = taken.length === 0 ? null : this.at(i);
    if (own === null) return AWAKE;
    const asleep: Action[] = [];
    for (const j of taken) {
      const other = this.at(j);
      if (other !== null && independent(other, own)) asleep.push(this.enabled[j] as Action);
    }
    return asleep.length === 0 ? AWAKE : asleep;
  }
}

/** The actions from the initial state to `ref`, following parent pointers. */
export function pathTo(ref: number, lookup: (ref: number) => Discovery): Action[] {
  const steps: Action[] = [];
  for (let at = ref; at >= 0; ) {
    const { parent, action } = lookup(at);
    if (action !== null) steps.push(action);
    at = parent;
  }
  return steps.reverse();
}
