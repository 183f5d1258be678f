/**
 * Settling one matrix row: first the saved counterexamples of exactly its configuration (instant), then
 * the random checker with the row's fixed seed. A row's result depends on nothing but the row, the seed,
 * the runs and the saved traces, so rows may be settled in any order, on any worker or machine.
 */
import { isDeepStrictEqual } from 'node:util';
import { judge } from '../../properties/judge.js';
import { invariantNamed } from '../../properties/index.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../check/check.js';
import { configFromArgs } from '../config/flags.js';
import { findingTrace } from '../trace/finding.js';
import { replayTrace } from '../trace/replay.js';
import { saveTrace, type Trace } from '../trace/trace.js';
import { TOOL } from '../version.js';
import { rowFlags, rowId, type MatrixRow } from './rows.js';

/** What the matrix asks of every row: is an acknowledged write ever lost? */
export const MATRIX_INVARIANT = 'acked-never-lost';

export interface MatrixResult {
  /** The row's place in the sweep it was selected from, so shards merge back in order. */
  readonly index: number;
  readonly id: string;
  readonly row: MatrixRow;
  readonly flags: readonly string[];
  /** holds: nothing found; allowed: loss the configuration allows; broken: Kafka's promise broken. */
  readonly verdict: 'holds' | 'allowed' | 'broken';
  /** How it was settled: a saved counterexample replayed, or random runs. */
  readonly by: 'replay' | 'random';
  /** Runs and steps searched (for a violation: until the first one). */
  readonly runs: number;
  readonly steps: number;
  /** For a violation: why it is allowed or broken, the trace file, and its length in steps. */
  readonly reason?: string;
  readonly trace?: string;
  readonly length?: number;
  readonly ms: number;
}

export interface SettleOptions {
  readonly runs: number;
  readonly seed: number;
  /** Where findings are saved (counterexamples/ by default). */
  readonly out: string;
  /** The saved traces to try first. */
  readonly saved: readonly { readonly file: string; readonly trace: Trace }[];
}

export function settleRow(index: number, row: MatrixRow, options: SettleOptions): MatrixResult {
  const started = Date.now();
  const flags = rowFlags(row);
  const config = configFromArgs(flags);
  const base = { index, id: rowId(row), row, flags };
  const invariant = invariantNamed(MATRIX_INVARIANT);
  for (const { file, trace } of options.saved) {
    if (trace.violation?.invariant !== MATRIX_INVARIANT || !isDeepStrictEqual(trace.config, config)) continue;
    const replayed = replayTrace(trace, [invariant]);
    const violation = replayed.firstViolations[0];
    const final = violation === undefined ? undefined : replayed.steps[violation.step]?.state;
    if (violation === undefined || final === undefined) continue;
    const { judged, reason } = judge(config, MATRIX_INVARIANT, final);
    return { ...base, verdict: judged, by: 'replay', runs: 0, steps: 0, reason, trace: file, length: violation.step + 1, ms: Date.now() - started };
  }
  const result = checkRandom({ config, invariants: [invariant], runs: options.runs, seed: options.seed, maxSteps: DEFAULT_MAX_STEPS });
  const finding = result.finding;
  const violation = finding?.result.violation;
  if (finding === null || violation == null) {
    return { ...base, verdict: 'holds', by: 'random', runs: result.runs, steps: result.steps, ms: Date.now() - started };
  }
  const provenance = { by: 'check', seed: options.seed, runs: finding.runsToFind, tool: TOOL } as const;
  const saved = saveTrace(options.out, findingTrace(config, { steps: finding.result.steps, violation, provenance }));
  const { judged, reason } = judge(config, MATRIX_INVARIANT, finding.result.final);
  return {
    ...base,
    verdict: judged,
    by: 'random',
    runs: finding.runsToFind,
    steps: result.steps,
    reason,
    trace: saved.file,
    length: finding.result.steps.length,
    ms: Date.now() - started,
  };
}
