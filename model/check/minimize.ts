/**
 * Minimises a failing trace after fast-check's own shrinking, in the manner of delta debugging
 * (Zeller, "Simplifying and Isolating Failure-Inducing Input"): drops windows of consecutive steps,
 * halving their size, then single steps, then pairs of steps (a fetch's serve and apply, an
 * AlterPartition's request and answer), as long as every remaining step is still enabled and the same
 * invariant still fails. The result is 1- and 2-minimal.
 */
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import type { Invariant } from '../../properties/index.js';
import { runActions, type RunResult } from './runner.js';

/** Called with every candidate trace tried, and the length of the shortest failing one so far. */
export type OnTry = (tried: number, shortest: number) => void;

/** One minimisation: its config, invariants, the invariant that must keep failing, and the count of tries. */
interface Search {
  readonly config: Config;
  readonly invariants: readonly Invariant[];
  readonly name: string;
  tried: number;
  shortest: number;
  readonly onTry: OnTry | undefined;
}

function stillFails(search: Search, steps: readonly Action[]): RunResult | null {
  search.tried += 1;
  search.onTry?.(search.tried, search.shortest);
  const result = runActions(search.config, steps, search.invariants);
  return result?.violation?.invariant === search.name ? result : null;
}

function dropWindow(search: Search, best: RunResult): RunResult | null {
  for (let size = Math.floor(best.steps.length / 2); size >= 2; size = Math.floor(size / 2)) {
    for (let start = best.steps.length - size; start >= 0; start--) {
      const result = stillFails(search, [...best.steps.slice(0, start), ...best.steps.slice(start + size)]);
      if (result !== null) return result;
    }
  }
  return null;
}

function dropOne(search: Search, best: RunResult): RunResult | null {
  for (let i = best.steps.length - 1; i >= 0; i--) {
    const result = stillFails(search, best.steps.filter((_, j) => j !== i));
    if (result !== null) return result;
  }
  return null;
}

function dropTwo(search: Search, best: RunResult): RunResult | null {
  for (let i = best.steps.length - 1; i >= 0; i--) {
    for (let j = i - 1; j >= 0; j--) {
      const result = stillFails(search, best.steps.filter((_, k) => k !== i && k !== j));
      if (result !== null) return result;
    }
  }
  return null;
}

export function minimize(config: Config, failing: RunResult, invariants: readonly Invariant[], onTry?: OnTry): RunResult {
  const name = failing.violation?.invariant;
  if (name === undefined) return failing;
  const search: Search = { config, invariants, name, tried: 0, shortest: failing.steps.length, onTry };
  let best = failing;
  for (;;) {
    const smaller = dropWindow(search, best) ?? dropOne(search, best) ?? dropTwo(search, best);
    if (smaller === null) return best;
    best = smaller;
    search.shortest = best.steps.length;
  }
}
