/**
 * Whole-checker throughput: the random checker on the default configuration (one core), and the
 * explorer on the anchor configuration, to a fixed depth on one worker and on all of them (the
 * two must count the same states), then without a depth cut under a time limit.
 */
import { INVARIANTS, WITNESSES } from '../../properties/index.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../check/check.js';
import { configFromArgs } from '../config/flags.js';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/explore.js';
import { exploreParallel } from '../explore/parallel.js';
import { defaultWorkers } from '../workers/spawn.js';
import { loadMeter, type Load } from './load.js';
import { sampleHeap, startSampler } from './memory.js';
import { perSecond } from './table.js';


/**
 * The anchor configuration for the explorer (default era kip-966, RF 3), as the issue set it:
 * the producer's model, without the consumer that came later (so figures stay comparable).
 */
export const ANCHOR_FLAGS = ['--records', '2', '--crashes', '1', '--fences', '1', '--shutdowns', '0', '--shrinks', '1', '--commits', '0'] as const;

export interface RandomThroughput {
  readonly flags: readonly string[];
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly steps: number;
  readonly ms: number;
  readonly stepsPerSec: number;
  /** A violation here would mean the default configuration is unsafe (or the model is wrong). */
  readonly violation: string | null;
  readonly load: Load;
}

/** `npm run check` with default flags, every invariant, a fixed seed and run count. */
export function randomThroughput(seed: number, runs: number): RandomThroughput {
  const meter = loadMeter();
  const result = checkRandom({ config: configFromArgs([]), invariants: INVARIANTS, runs, seed, maxSteps: DEFAULT_MAX_STEPS, onProgress: sampleHeap });
  sampleHeap();
  return {
    flags: [],
    seed,
    runs: result.runs,
    maxSteps: DEFAULT_MAX_STEPS,
    steps: result.steps,
    ms: result.elapsedMs,
    stepsPerSec: perSecond(result.steps, result.elapsedMs),
    violation: result.finding?.result.violation?.invariant ?? null,
    load: meter(),
  };
}

export interface ExploreRun {
  readonly workers: number;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly ms: number;
  readonly statesPerSec: number;
  readonly stoppedBy: ExploreResult['stoppedBy'];
  readonly violation: string | null;
  /** How busy this process and other processes kept the machine during the run. */
  readonly load: Load;
}

function exploreRun(result: ExploreResult, workers: number, load: Load): ExploreRun {
  return {
    workers,
    states: result.states,
    transitions: result.transitions,
    depth: result.depth,
    ms: result.elapsedMs,
    statesPerSec: perSecond(result.states, result.elapsedMs),
    stoppedBy: result.stoppedBy,
    violation: result.violation?.violation.invariant ?? null,
    load,
  };
}

/** The explorer as `npm run explore` runs it: every invariant and witness, symmetry on. */
function anchorOptions(maxDepth: number, timeLimitMs?: number): ExploreOptions {
  return {
    config: configFromArgs(ANCHOR_FLAGS),
    invariants: INVARIANTS,
    witnesses: WITNESSES,
    maxDepth,
    onProgress: sampleHeap,
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
  };
}

async function parallel(options: ExploreOptions, workers: number): Promise<ExploreResult> {
  const stop = startSampler();
  try {
    return await exploreParallel({ ...options, workers });
  } finally {
    stop();
    sampleHeap();
  }
}

export interface ExploreThroughput {
  readonly flags: readonly string[];
  readonly maxDepth: number;
  readonly one: ExploreRun;
  readonly all: ExploreRun;
  /** States per second on all workers over states per second on one. */
  readonly speedup: number;
  /** Whether both searches counted the same distinct states (they must). */
  readonly countsEqual: boolean;
}

export async function exploreThroughput(maxDepth: number): Promise<ExploreThroughput> {
  const meterOne = loadMeter();
  const one = exploreRun(explore(anchorOptions(maxDepth)), 1, meterOne());
  sampleHeap();
  const workers = defaultWorkers();
  const meterAll = loadMeter();
  const all = exploreRun(await parallel(anchorOptions(maxDepth), workers), workers, meterAll());
  return {
    flags: [...ANCHOR_FLAGS],
    maxDepth,
    one,
    all,
    speedup: all.statesPerSec / Math.max(one.statesPerSec, 1e-9),
    countsEqual: one.states === all.states && one.depth === all.depth,
  };
}

export interface FullRun extends ExploreRun {
  readonly flags: readonly string[];
  readonly timeLimitMs: number;
  /** Every reachable state within the budgets was explored, without a violation, before the time limit. */
  readonly completed: boolean;
}

/** The anchor configuration without a depth cut, on all workers, as `npm run explore` runs it. */
export async function fullRun(timeLimitMs: number): Promise<FullRun> {
  const workers = defaultWorkers();
  const meter = loadMeter();
  const result = await parallel(anchorOptions(Infinity, timeLimitMs), workers);
  return { ...exploreRun(result, workers, meter()), flags: [...ANCHOR_FLAGS], timeLimitMs, completed: result.stoppedBy === null && result.violation === null };
}
