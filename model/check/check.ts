/**
 * The random checker: fast-check generates schedules, every schedule runs through `step` with the
 * selected invariants checked after every step, and a violation is shrunk (fast-check's shrinker,
 * then `minimize`) to a short trace.
 */
import fc from 'fast-check';
import type { Config } from '../../spec/config.js';
import type { Invariant } from '../../properties/index.js';
import { minimize } from './minimize.js';
import { explore, type ExploreOptions } from '../explore/explore.js';
import { runActions, runSchedule, type RunResult } from './runner.js';
import { schedules, type Schedule } from './schedule.js';

/**
 * fast-check's shrinker replays a whole schedule per candidate, so it is bounded by a count (not a
 * time, which would make results depend on the machine); `minimize` then drops what is left.
 */
export const DEFAULT_SHRINK_RUNS = 1000;

/** `npm run check`'s defaults: runs, and steps per run (the verdict rows and the bench use them too). */
export const DEFAULT_RUNS = 5000;
export const DEFAULT_MAX_STEPS = 50;

export interface CheckOptions {
  readonly config: Config;
  readonly invariants: readonly Invariant[];
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps: number;
  /** How many candidate schedules fast-check's shrinker may try before minimising takes over. */
  readonly shrinkRuns?: number;
  /** Called about once a second (or every `progressEveryMs`) while schedules run. */
  readonly onProgress?: (progress: Progress) => void;
  /** How often `onProgress` is called, in milliseconds (default 1000). */
  readonly progressEveryMs?: number;
  /** Called once, at the first failing schedule, before shrinking starts. */
  readonly onFailure?: (progress: Progress) => void;
  /** Called about once a second (`progressEveryMs`) while a failure is shrunk, minimised and shortened. */
  readonly onShrink?: (progress: ShrinkProgress) => void;
}

/**
 * Where shrinking stands: fast-check's shrinker trying schedules (up to `total`), then minimising
 * (traces tried so far, no total known: `shortest` is the shortest failing trace yet), then a bounded
 * search for a shorter counterexample (states, up to `total`).
 */
export interface ShrinkProgress {
  readonly stage: 'shrink' | 'minimise' | 'shorter';
  readonly done: number;
  readonly total: number | null;
  readonly shortest: number;
}

export interface Progress {
  readonly runs: number;
  readonly steps: number;
  readonly elapsedMs: number;
}

export interface Finding {
  /** The minimised counterexample. */
  readonly result: RunResult;
  /** Steps of the schedule as generated, after fast-check's shrinking, and after minimising. */
  readonly lengths: { readonly generated: number; readonly shrunk: number; readonly minimal: number };
  /** Runs until the first failing schedule, counting it. */
  readonly runsToFind: number;
  readonly msToFind: number;
}

export interface CheckResult extends Progress {
  readonly finding: Finding | null;
}

/**
 * A bounded breadth-first search below the trace's length, taking only the actions `only` accepts:
 * when a shorter counterexample of the same invariants is found within `maxStates` states, it is the
 * one returned (by construction the shortest of them), replayed.
 */
function shorterWithin(
  config: Config,
  invariants: readonly Invariant[],
  found: RunResult,
  maxStates: number,
  only: ExploreOptions['only'],
  report: (progress: ShrinkProgress) => void,
): RunResult {
  if (found.steps.length <= 1) return found;
  const search = explore({
    config,
    invariants,
    witnesses: [],
    maxDepth: found.steps.length - 1,
    maxStates,
    ...(only === undefined ? {} : { only }),
    onProgress: (p) => report({ stage: 'shorter', done: p.states, total: maxStates, shortest: found.steps.length }),
  });
  const shorter = search.violation === null ? null : runActions(config, search.violation.steps, invariants);
  return shorter?.violation == null ? found : shorter;
}

/**
 * Looks for a counterexample shorter than the minimised one: first among the trace's own actions (some
 * dropped, the rest in any order: delta debugging keeps the order, so it cannot reorder a fetch before
 * a shrink that it need not wait for), then among every action near the initial state.
 */
function shorterByExploring(config: Config, invariants: readonly Invariant[], found: RunResult, report: (progress: ShrinkProgress) => void): RunResult {
  const own = new Set(found.steps.map((action) => JSON.stringify(action)));
  const reordered = shorterWithin(config, invariants, found, GUIDED_SEARCH_STATES, (action) => own.has(JSON.stringify(action)), report);
  return shorterWithin(config, invariants, reordered, SHORTER_SEARCH_STATES, undefined, report);
}

/** The states the search among a trace's own actions may visit. */
export const GUIDED_SEARCH_STATES = 40_000;

/** The states the search for a shorter counterexample among every action may visit. */
export const SHORTER_SEARCH_STATES = 5000;

export function checkRandom(options: CheckOptions): CheckResult {
  const { config, invariants, maxSteps, onProgress } = options;
  const started = Date.now();
  let runs = 0;
  let steps = 0;
  let lastReport = started;
  let firstFailure: { length: number; runs: number; ms: number; schedule: Schedule } | null = null;
  const shrinkBudget = options.shrinkRuns ?? DEFAULT_SHRINK_RUNS;
  const progressEvery = options.progressEveryMs ?? 1000;
  let lastShrinkReport = started;
  /** Reports shrinking progress at most once per `progressEvery`. */
  const reportShrink = (progress: ShrinkProgress): void => {
    const now = Date.now();
    if (options.onShrink === undefined || now - lastShrinkReport < progressEvery) return;
    lastShrinkReport = now;
    options.onShrink(progress);
  };
  let shrinkRuns = 0;
  const property = fc.property(schedules(maxSteps), (schedule) => {
    // Past the shrink budget every candidate passes, so fast-check keeps the smallest failure so far.
    if (firstFailure !== null && ++shrinkRuns > shrinkBudget) return true;
    const result = runSchedule(config, schedule, invariants);
    if (firstFailure !== null) {
      reportShrink({ stage: 'shrink', done: shrinkRuns, total: shrinkBudget, shortest: result.steps.length });
      return result.violation === null;
    }
    runs += 1;
    steps += result.steps.length;
    if (result.violation !== null && firstFailure === null) {
      firstFailure = { length: result.steps.length, runs, ms: Date.now() - started, schedule };
      options.onFailure?.({ runs, steps, elapsedMs: firstFailure.ms });
    }
    const now = Date.now();
    if (onProgress !== undefined && now - lastReport >= progressEvery) {
      lastReport = now;
      onProgress({ runs, steps, elapsedMs: now - started });
    }
    return result.violation === null;
  });
  const details = fc.check(property, { seed: options.seed, numRuns: options.runs });
  const elapsed = (): number => Date.now() - started;
  const schedule = details.counterexample?.[0];
  if (!details.failed || schedule === undefined || firstFailure === null) {
    return { runs, steps, elapsedMs: elapsed(), finding: null };
  }
  const found: { length: number; runs: number; ms: number; schedule: Schedule } = firstFailure;
  const shrunk = runSchedule(config, schedule, invariants);
  // Shrinking the choices changes the path; keep whichever of the two minimises shorter.
  let tried = 0;
  const onTry = (_: number, shortest: number): void => reportShrink({ stage: 'minimise', done: ++tried, total: null, shortest });
  const candidates = [minimize(config, shrunk, invariants, onTry), minimize(config, runSchedule(config, found.schedule, invariants), invariants, onTry)];
  const minimised = candidates.reduce((a, b) => (b.steps.length < a.steps.length ? b : a));
  const minimal = shorterByExploring(config, invariants, minimised, reportShrink);
  return {
    runs,
    steps,
    elapsedMs: elapsed(),
    finding: {
      result: minimal,
      lengths: { generated: found.length, shrunk: shrunk.steps.length, minimal: minimal.steps.length },
      runsToFind: found.runs,
      msToFind: found.ms,
    },
  };
}
