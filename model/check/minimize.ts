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

function stillFails(config: Config, steps: readonly Action[], invariants: readonly Invariant[], name: string): RunResult | null {
  const result = runActions(config, steps, invariants);
  return result?.violation?.invariant === name ? result : null;
}

function dropWindow(config: Config, best: RunResult, invariants: readonly Invariant[], name: string): RunResult | null {
  for (let size = Math.floor(best.steps.length / 2); size >= 2; size = Math.floor(size / 2)) {
    for (let start = best.steps.length - size; start >= 0; start--) {
      const result = stillFails(config, [...best.steps.slice(0, start), ...best.steps.slice(start + size)], invariants, name);
      if (result !== null) return result;
    }
  }
  return null;
}

function dropOne(config: Config, best: RunResult, invariants: readonly Invariant[], name: string): RunResult | null {
  for (let i = best.steps.length - 1; i >= 0; i--) {
    const result = stillFails(config, best.steps.filter((_, j) => j !== i), invariants, name);
    if (result !== null) return result;
  }
  return null;
}

function dropTwo(config: Config, best: RunResult, invariants: readonly Invariant[], name: string): RunResult | null {
  for (let i = best.steps.length - 1; i >= 0; i--) {
    for (let j = i - 1; j >= 0; j--) {
      const result = stillFails(config, best.steps.filter((_, k) => k !== i && k !== j), invariants, name);
      if (result !== null) return result;
    }
  }
  return null;
}

export function minimize(config: Config, failing: RunResult, invariants: readonly Invariant[]): RunResult {
  const name = failing.violation?.invariant;
  if (name === undefined) return failing;
  let best = failing;
  for (;;) {
    const smaller =
      dropWindow(config, best, invariants, name) ?? dropOne(config, best, invariants, name) ?? dropTwo(config, best, invariants, name);
    if (smaller === null) return best;
    best = smaller;
  }
}
