/**
 * Settling one matrix row, cheapest evidence first:
 *
 * 1. a saved counterexample, of any era, that replays step for step under the row's own configuration
 *    (its own first; one of another configuration is carried over and saved under the row's, since a
 *    run the row allows is a run of the row, whichever era found it);
 * 2. the random checker at the checker's default budgets, with the row's fixed seed;
 * 3. the explorer, on the row's ladder of bounds (bounds.ts): each search that completes proves the
 *    question within its bounds, a violation it finds is a shortest counterexample within them.
 *
 * A row's result depends on nothing but the row, the seed, the runs, the state budget and the saved
 * traces, so rows may be settled in any order, on any worker or machine.
 */
import { basename } from 'node:path';
import type { Config } from '../../spec/config.js';
import { invariantNamed, WITNESSES, type Invariant } from '../../properties/index.js';
import { brokenOnly } from '../../properties/judgement.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../check/check.js';
import { runActions, type RunResult } from '../check/runner.js';
import { configFromArgs } from '../config/flags.js';
import { explore, type ExploreResult } from '../explore/explore.js';
import { findingTrace } from '../trace/finding.js';
import { expectation, replayTrace } from '../trace/replay.js';
import { saveTrace, type Provenance, type Trace } from '../trace/trace.js';
import { TOOL } from '../version.js';
import { ladder, type Bounds } from './bounds.js';
import { rowFlags, rowId, type MatrixRow, type Question } from './rows.js';

/** What the matrix asks of every producer's row: is an acknowledged write ever lost? */
export const MATRIX_INVARIANT = 'acked-never-lost';

/**
 * The invariants each question is checked by: a consumer misses a committed record when it reads on
 * past it, jumps past it, or resumes from a commit past it unprocessed; it sees two records at one
 * offset when nothing told it of the truncation between them.
 */
export const QUESTION_INVARIANTS: Readonly<Record<Question, readonly string[]>> = {
  'acked-lost': [MATRIX_INVARIANT],
  'consumer-misses': ['no-unseen', 'no-skip', 'processed-before-commit'],
  'consumer-sees-twice': ['consistent-offsets'],
  'operation-loses': [MATRIX_INVARIANT],
  'retry-duplicates': ['no-duplicates'],
  'retry-reorders': ['producer-order'],
};

/** The invariants a row's question is checked by. */
export function questionInvariants(row: MatrixRow): Invariant[] {
  return QUESTION_INVARIANTS[row.question].map(invariantNamed);
}

/** One exhaustive search of a row's question within `bounds`. */
export interface Search {
  readonly bounds: Bounds;
  readonly states: number;
  /** Every state within this many steps was seen: the deepest state, when the search completed. */
  readonly depth: number;
  /** Every state within the bounds was searched: a proof within them. */
  readonly complete: boolean;
  /** The witnesses these bounds make possible that the search reached, and those it did not. */
  readonly reached: readonly string[];
  readonly missed: readonly string[];
  /** It reached none of the witnesses possible within its bounds: a proof that exercised little. */
  readonly weak: boolean;
  readonly ms: number;
}

/** A run that violates the row's question under its configuration, as saved. */
export interface Counterexample {
  readonly trace: string;
  /** The invariant it violates (the question's first to fail). */
  readonly invariant: string;
  readonly length: number;
  /** How it was first found: by the explorer (shortest within its bounds), by random runs (shrunk), by hand. */
  readonly found: Provenance['by'];
  /** The saved counterexample of another configuration whose steps it replays. */
  readonly from?: string;
  /** Whether the run excuses the loss or it breaks Kafka's promise, and why (properties/judgement.ts). */
  readonly judged: 'allowed' | 'broken';
  readonly reason: string;
}

export interface MatrixResult {
  /** The row's place in the sweep it was selected from, so shards merge back in order. */
  readonly index: number;
  readonly id: string;
  readonly row: MatrixRow;
  readonly flags: readonly string[];
  /** holds: no loss found; allowed: every loss found is excused by its run; broken: Kafka's promise broken. */
  readonly verdict: 'holds' | 'allowed' | 'broken';
  /** What settled it in this run: a saved counterexample replayed, random runs, or the explorer (for a row that holds: whether it searched). */
  readonly by: 'replay' | 'random' | 'explorer';
  /** Random runs and steps searched (for a violation they found: until the first one). */
  readonly runs: number;
  readonly steps: number;
  /** The explorer's searches, smallest bounds first. */
  readonly searches: readonly Search[];
  readonly counterexample?: Counterexample;
  readonly ms: number;
}

export interface SettleOptions {
  readonly runs: number;
  readonly seed: number;
  /** Distinct states the explorer may keep over each row's searches (0: no search); null: the row's ladder says. */
  readonly rowStates: number | null;
  /** Where findings are saved (counterexamples/ by default). */
  readonly out: string;
  /** The saved traces to try first. */
  readonly saved: readonly SavedTrace[];
}

export interface SavedTrace {
  readonly file: string;
  readonly trace: Trace;
}

/** The row as a configuration at the checker's default budgets. */
export function rowConfig(row: MatrixRow): Config {
  return configFromArgs(rowFlags(row));
}

/** The row's configuration with the budgets of a search. */
function boundedConfig(config: Config, bounds: Bounds): Config {
  return { ...config, budgets: { ...config.budgets, ...bounds } };
}

/** A saved counterexample, judged as its replay judges it: on the run's history, the steps of its story named. */
function counterexampleOf(trace: Trace, file: string, found: Provenance, invariant: string): Counterexample {
  const judgement = replayTrace(trace, [invariantNamed(invariant)]).judgements.find((j) => j.invariant === invariant);
  if (judgement === undefined) throw new Error(`${file} does not violate ${invariant}`);
  const { judged, reason } = judgement;
  return { trace: file, invariant, length: trace.steps.length, found: found.by, ...(found.from === undefined ? {} : { from: found.from }), judged, reason };
}

function save(out: string, config: Config, run: RunResult, provenance: Provenance): Counterexample {
  const violation = run.violation;
  if (violation === null) throw new Error('only a violating run is saved');
  const trace = findingTrace(config, { steps: run.steps, violation, provenance });
  return counterexampleOf(trace, saveTrace(out, trace).file, provenance, violation.invariant);
}

/**
 * The shortest saved counterexample that replays to a violation under the row's configuration (its
 * era's own rules), every step one the checkers could take there (so a send keeps the row's acks): one
 * saved for exactly this configuration if any does, else one of another, carried over (saved again
 * under this configuration, naming the one it came from). Null when none replays.
 */
export function fromSaved(config: Config, saved: readonly SavedTrace[], out: string, invariants: readonly Invariant[]): Counterexample | null {
  const names = invariants.map((invariant) => invariant.name);
  const replays = saved
    .filter(({ trace }) => names.includes(expectation(trace)?.invariant ?? ''))
    .map(({ file, trace }) => ({ file, trace, own: JSON.stringify(trace.config) === JSON.stringify(config), run: runActions(config, trace.steps, invariants, true) }))
    .filter((candidate): candidate is typeof candidate & { run: RunResult } => candidate.run?.violation != null)
    .sort((a, b) => Number(b.own) - Number(a.own) || a.run.steps.length - b.run.steps.length || a.file.localeCompare(b.file));
  const best = replays[0];
  if (best === undefined) return null;
  const found: Provenance = best.trace.found ?? { by: 'hand', tool: TOOL };
  const violated = best.run.violation?.invariant ?? '';
  if (best.own && expectation(best.trace)?.invariant === violated) return counterexampleOf(best.trace, best.file, found, violated);
  return save(out, config, best.run, { ...found, from: found.from ?? basename(best.file) });
}

function searchOf(bounds: Bounds, config: Config, result: ExploreResult): Search {
  const possible = WITNESSES.filter((witness) => witness.possible(config)).map((witness) => witness.name);
  const reached = possible.filter((name) => result.reached.includes(name));
  return {
    bounds,
    states: result.states,
    depth: result.depth,
    complete: result.stoppedBy === null && result.violation === null,
    reached,
    missed: possible.filter((name) => !reached.includes(name)),
    weak: possible.length > 0 && reached.length === 0,
    ms: result.elapsedMs,
  };
}

/**
 * The explorer on the row's ladder (or its first `rungs`): searches until one finds a violation of one
 * of `invariants` or the row's states run out.
 */
function fromExplorer(row: MatrixRow, config: Config, options: SettleOptions, invariants: readonly Invariant[], rungCount = Infinity): { searches: Search[]; counterexample: Counterexample | null } {
  const searches: Search[] = [];
  const { states, ...ladderOf } = ladder(row);
  const rungs = ladderOf.rungs.slice(0, rungCount);
  let left = options.rowStates ?? states;
  for (const bounds of rungs) {
    if (left <= 0) break;
    const bounded = boundedConfig(config, bounds);
    const result = explore({ config: bounded, invariants, witnesses: WITNESSES, maxDepth: Infinity, maxStates: left });
    left -= result.states;
    searches.push(searchOf(bounds, bounded, result));
    if (result.violation !== null) {
      // Saved under the row's configuration: the row's budgets contain the search's, so the run is the row's.
      const run = runActions(config, result.violation.steps, invariants);
      if (run?.violation == null) throw new Error(`the explorer's counterexample for ${rowId(row)} does not replay`);
      return { searches, counterexample: save(options.out, config, run, { by: 'explore', tool: TOOL }) };
    }
    if (result.stoppedBy !== null) break;
  }
  return { searches, counterexample: null };
}

/** A violation of one of `invariants` found by random runs, shrunk and saved; null when none was. */
function fromRandom(config: Config, options: SettleOptions, invariants: readonly Invariant[]): { runs: number; steps: number; counterexample: Counterexample | null } {
  const random = checkRandom({ config, invariants, runs: options.runs, seed: options.seed, maxSteps: DEFAULT_MAX_STEPS });
  const finding = random.finding;
  if (finding === null || finding.result.violation === null) return { runs: random.runs, steps: random.steps, counterexample: null };
  const provenance: Provenance = { by: 'check', seed: options.seed, runs: finding.runsToFind, tool: TOOL };
  return { runs: finding.runsToFind, steps: random.steps, counterexample: save(options.out, config, finding.result, provenance) };
}

interface Evidence {
  readonly by: MatrixResult['by'];
  readonly runs: number;
  readonly steps: number;
  readonly searches: readonly Search[];
  readonly counterexample: Counterexample | null;
}

/** Cheapest evidence first: a saved trace, random runs, the explorer (its first `rungs`). */
function evidenceOf(row: MatrixRow, config: Config, options: SettleOptions, invariants: readonly Invariant[], rungs = Infinity): Evidence {
  const saved = fromSaved(config, options.saved, options.out, invariants);
  if (saved !== null) return { by: 'replay', runs: 0, steps: 0, searches: [], counterexample: saved };
  const random = fromRandom(config, options, invariants);
  if (random.counterexample !== null) return { by: 'random', ...random, searches: [] };
  const { searches, counterexample } = fromExplorer(row, config, options, invariants, rungs);
  return { by: searches.length === 0 ? 'random' : 'explorer', runs: random.runs, steps: random.steps, searches, counterexample };
}

/**
 * A row settles on a loss, or holds. A loss the run excuses does not end the search (a cell is broken
 * when any run breaks the promise): the saved traces, random runs and the first rung of the explorer's
 * ladder then look for a broken one.
 */
export function settleRow(index: number, row: MatrixRow, options: SettleOptions): MatrixResult {
  const started = Date.now();
  const config = rowConfig(row);
  const invariants = questionInvariants(row);
  const loss = evidenceOf(row, config, options, invariants);
  const broken = loss.counterexample?.judged === 'allowed' ? evidenceOf(row, config, options, invariants.map((invariant) => brokenOnly(config, invariant)), 1) : null;
  const found = broken?.counterexample == null ? loss : broken;
  const counterexample = found.counterexample;
  return {
    index,
    id: rowId(row),
    row,
    flags: rowFlags(row),
    verdict: counterexample?.judged ?? 'holds',
    by: found.by,
    runs: loss.runs + (broken?.runs ?? 0),
    steps: loss.steps + (broken?.steps ?? 0),
    searches: [...loss.searches, ...(broken?.searches ?? [])],
    ...(counterexample === null ? {} : { counterexample }),
    ms: Date.now() - started,
  };
}
