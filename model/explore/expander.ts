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
import { applyEnabled, enabledActions } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { firstViolation, type Invariant, type Witness } from '../../properties/index.js';
import type { Violation } from '../trace/trace.js';
import { shareWith } from './share.js';
import type { StateTable } from './state-table.js';
import { forgottenIn, viewOf, type Forgetting } from './view.js';

export type StopReason = 'max-depth' | 'max-states' | 'time-limit' | 'memory';

export interface FrontierEntry {
  readonly state: State;
  readonly ref: number;
}

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
  /** What the view may forget once no recovery can read it (null: nothing). */
  readonly forgetting: Forgetting | null;
  readonly table: StateTable;
  readonly worker: number;
  readonly workers: number;
  readonly onState?: (state: State) => void;
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
    this.setup.table.add(this.viewOf(state));
    const ref = this.remember(-1, null);
    this.frontier.push({ state, ref });
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
      const { state, ref } = this.frontier[this.position] as FrontierEntry;
      const forgotten = forgottenIn(state, this.setup.forgetting);
      for (const action of enabledActions(state)) {
        // Leads to a state that looks the same: only a forgotten field changes.
        const only = actionSpec(action).writesOnly;
        if (only !== undefined && forgotten[only]) continue;
        const successor = applyEnabled(state, action);
        this.transitions += 1;
        if (!table.add(this.viewOf(successor))) continue;
        const child = this.remember(ref, action);
        const found = this.visit(successor, child);
        if (found !== null) return { found, stopped: null };
        // Kept for the next level: share what did not change with the parent (share.ts).
        this.next.push({ state: shareWith(successor, state), ref: child });
      }
    }
    this.frontier = this.next;
    this.next = [];
    this.position = 0;
    return { found: null, stopped: null };
  }

  private viewOf(state: State): string {
    return viewOf(state, this.setup.symmetric, { forgetting: this.setup.forgetting });
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
