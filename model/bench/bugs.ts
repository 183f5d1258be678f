/**
 * How fast each known bug is found: its "present" row (model/verdicts/verdicts.ts, KNOWN_BUGS) by the random
 * checker with the row's own seed and runs, as `test/verdicts/` settles it, and by the explorer on one
 * worker under a time limit, whose first violation is a shortest counterexample. Rows settled by a saved
 * trace alone have no seed: they get the explorer's measurement only.
 */
import { invariantNamed } from '../../properties/index.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../check/check.js';
import { explore } from '../explore/explore.js';
import { runActions } from '../check/runner.js';
import { loadTrace } from '../trace/trace.js';
import { KNOWN_BUGS, verdictRow } from '../verdicts/verdicts.js';
import { sampleHeap } from './memory.js';
import { configFromArgs } from '../config/flags.js';

export interface RandomFind {
  readonly seed: number;
  readonly runs: number;
  /** Null when no violation was found within the row's runs. */
  readonly found: {
    readonly runsToFind: number;
    readonly msToFind: number;
    /** Until the minimal trace was ready: finding, shrinking, minimising. */
    readonly msTotal: number;
    readonly lengths: { readonly generated: number; readonly shrunk: number; readonly minimal: number };
  } | null;
  readonly ms: number;
}

export interface ExploreFind {
  readonly timeLimitMs: number;
  /** Length of the shortest counterexample, or null when none was found. */
  readonly shortest: number | null;
  readonly states: number;
  readonly depth: number;
  readonly ms: number;
  /** Why the search ended without a counterexample: a limit, or null when it covered everything. */
  readonly stoppedBy: string | null;
}

export interface BugFind {
  readonly bug: string;
  readonly row: string;
  readonly flags: readonly string[];
  readonly invariant: string;
  /** Null for a row with no check seed (settled by its saved trace). */
  readonly random: RandomFind | null;
  readonly explore: ExploreFind;
  /** The random checker's minimal length over the explorer's shortest, when both found one. */
  readonly ratio: number | null;
  /** The row's saved counterexample and the steps to its violation, when the row names one. */
  readonly trace: { readonly file: string; readonly steps: number } | null;
}

const COUNTEREXAMPLES = new URL('../../counterexamples/', import.meta.url);

/** Steps of a saved trace up to its first violation of the invariants (all of them when none). */
function savedTraceSteps(file: string, invariants: Parameters<typeof runActions>[2]): number {
  const trace = loadTrace(new URL(file, COUNTEREXAMPLES).pathname);
  const run = runActions(trace.config, trace.steps, invariants);
  return run?.violation == null ? trace.steps.length : run.steps.length;
}

export function bugFinds(exploreLimitMs: number, onRow: (row: string) => void = () => {}): BugFind[] {
  return KNOWN_BUGS.map((bug) => {
    const row = verdictRow(bug.present);
    onRow(row.id);
    const config = configFromArgs(row.flags);
    const invariants = [invariantNamed(row.invariant)];
    let random: RandomFind | null = null;
    if (row.check !== undefined) {
      const result = checkRandom({ config, invariants, runs: row.check.runs, seed: row.check.seed, maxSteps: DEFAULT_MAX_STEPS, onProgress: sampleHeap });
      const finding = result.finding;
      random = {
        ...row.check,
        found: finding === null ? null : { runsToFind: finding.runsToFind, msToFind: finding.msToFind, msTotal: result.elapsedMs, lengths: finding.lengths },
        ms: result.elapsedMs,
      };
      sampleHeap();
    }
    const search = explore({ config, invariants, witnesses: [], maxDepth: Infinity, timeLimitMs: exploreLimitMs, onProgress: sampleHeap });
    sampleHeap();
    const shortest = search.violation?.steps.length ?? null;
    const minimal = random?.found?.lengths.minimal ?? null;
    return {
      bug: bug.id,
      row: row.id,
      flags: row.flags,
      invariant: row.invariant,
      random,
      explore: { timeLimitMs: exploreLimitMs, shortest, states: search.states, depth: search.depth, ms: search.elapsedMs, stoppedBy: search.stoppedBy },
      ratio: minimal === null || shortest === null || shortest === 0 ? null : minimal / shortest,
      trace: row.trace === undefined ? null : { file: row.trace, steps: savedTraceSteps(row.trace, invariants) },
    };
  });
}
