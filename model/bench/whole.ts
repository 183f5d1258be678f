/**
 * Whole-checker throughput: the random checker on the default configuration (one core), and the
 * explorer on the anchor configuration, to a fixed depth on one worker and on all of them (the
 * two must count the same states), then without a depth cut under a time limit.
 */
import { INVARIANTS, WITNESSES } from '../../properties/index.js';
import { strongIsr } from '../../properties/strong-isr.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../check/check.js';
import { configFromArgs } from '../config/flags.js';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/explore.js';
import { exploreOn } from '../explore/parallel.js';
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

/** What a search checks in every state. */
export type Checks = Pick<ExploreOptions, 'invariants' | 'witnesses'>;

/** As `npm run explore` checks: every invariant and witness. */
const EVERYTHING: Checks = { invariants: INVARIANTS, witnesses: WITNESSES };

/** The explorer as `npm run explore` runs it (symmetry on), checking `checks`. */
function searchOptions(flags: readonly string[], maxDepth: number, timeLimitMs?: number, checks: Checks = EVERYTHING): ExploreOptions {
  return {
    config: configFromArgs(flags),
    ...checks,
    maxDepth,
    onProgress: sampleHeap,
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
  };
}

/** The explorer on `workers` threads, the heap sampled while it runs. */
async function sampled(options: ExploreOptions, workers: number): Promise<ExploreResult> {
  const stop = startSampler();
  try {
    return await exploreOn(workers, options);
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
  const one = exploreRun(explore(searchOptions(ANCHOR_FLAGS, maxDepth)), 1, meterOne());
  sampleHeap();
  const workers = defaultWorkers();
  const meterAll = loadMeter();
  const all = exploreRun(await sampled(searchOptions(ANCHOR_FLAGS, maxDepth), workers), workers, meterAll());
  return {
    flags: [...ANCHOR_FLAGS],
    maxDepth,
    one,
    all,
    speedup: all.statesPerSec / Math.max(one.statesPerSec, 1e-9),
    countsEqual: one.states === all.states && one.depth === all.depth,
  };
}

/**
 * The question for the explorer's speed on 2 workers: the default era with the consumer and
 * one commit beside the producer, a crash, a fence and a lag-driven shrink, every other budget 0.
 */
export const COMMIT_QUESTION_FLAGS = [
  '--records', '2', '--crashes', '1', '--fences', '1', '--shrinks', '1', '--shutdowns', '0',
  '--power-losses', '0', '--commits', '1', '--consumer-restarts', '0',
] as const;

/**
 * The same question as TLC's: TLC 2.20 proves the public TLA+ specification of the KIP-320 era
 * (hachikuji's kafka-specification, module Kip320, invariant StrongIsr) in 80 s on one worker: 737,794
 * distinct states, depth 26. How its constants map to our budgets:
 *
 * - Replicas = 3 brokers, each hosting a replica (`--brokers 3`, RF 3); every record is produced once:
 *   MaxRecords 2 is `--records 2`.
 * - Leader epochs 0..2: the specification starts with no leader, and every controller update (an
 *   election, or a controller-driven ISR shrink) takes an epoch, so at most three updates, counting the
 *   first election. Ours starts with a leader elected (epoch 0) and elects on a failure: two crashes
 *   (`--crashes 2`, the process restarts, nothing is lost: the page cache survives) give at most two
 *   more elections, and one lag-driven shrink (`--shrinks 1`) the ISR change the specification's
 *   controller makes. Fences, clean shutdowns, power losses and the consumer are 0 (the specification
 *   has no crash that loses data and no consumer).
 * - The specification lets LeaderAndIsr requests be lost, duplicated and reordered; ours lets each
 *   broker learn the latest record at a time the search chooses (brokerApplyMetadata), so it may skip
 *   records a newer one superseded (a loss) and act late; a broker ignores a request older than what it
 *   knows (its leader epoch check), so a reordered or duplicated request changes nothing there.
 * - TLC checks StrongIsr (and its type invariant, which our types are); we check strong-isr, the same
 *   property (properties/strong-isr.ts), and no witness (`TLC_QUESTION_CHECKS`). Our state is richer
 *   (fetches and AlterPartition in flight, metadata views, HW checkpoints, restarts).
 */
export const TLC_QUESTION_FLAGS = [
  '--era', 'kip-320', '--brokers', '3', '--records', '2', '--crashes', '2', '--shrinks', '1',
  '--fences', '0', '--shutdowns', '0', '--power-losses', '0', '--commits', '0', '--consumer-restarts', '0',
] as const;

/** What TLC checks on its question. */
export const TLC_QUESTION_CHECKS: Checks = { invariants: [strongIsr], witnesses: [] };

/** TLC's figures for the same question on one worker (the measurement on a 2-core machine). */
export const TLC_REFERENCE = { ms: 80_000, states: 737_794, depth: 26 } as const;

export interface SearchRun extends ExploreRun {
  readonly flags: readonly string[];
  readonly timeLimitMs: number;
  /** Every reachable state within the budgets was explored, without a violation, before the time limit. */
  readonly completed: boolean;
}

/** A configuration without a depth cut, on `workers` workers, as `npm run explore` runs it. */
export async function searchRun(flags: readonly string[], workers: number, timeLimitMs: number, checks: Checks = EVERYTHING): Promise<SearchRun> {
  const meter = loadMeter();
  const options = searchOptions(flags, Infinity, timeLimitMs, checks);
  const result = await sampled(options, workers);
  sampleHeap();
  return { ...exploreRun(result, workers, meter()), flags: [...flags], timeLimitMs, completed: result.stoppedBy === null && result.violation === null };
}
