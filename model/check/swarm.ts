/**
 * The random checker as a swarm: N worker threads each run `checkRandom` on the same configuration and
 * invariants with its own seed (the base seed + the worker's index) and its own `runs`. The first worker
 * to meet a failing schedule wins: the others are terminated at once, and the winner shrinks and
 * minimises its finding alone and sends it back. The finding reproduces with one worker and the winner's
 * seed, since `checkRandom` depends on nothing else. Workers post their counts five times a second; the
 * progress and the result sum them (a terminated worker's as of its last post).
 */
import type { Worker } from 'node:worker_threads';
import type { Config } from '../../spec/config.js';
import type { Invariant } from '../../properties/index.js';
import type { CheckOptions, CheckResult, Finding, Progress } from './check.js';
import { spawnWorker } from '../workers/spawn.js';

export interface SwarmOptions extends CheckOptions {
  /** Worker threads, each with its own seed and `runs` runs. */
  readonly workers: number;
}

export interface SwarmResult extends CheckResult {
  /** Each worker's seed, by index. */
  readonly seeds: readonly number[];
  /** The worker whose finding this is, with its seed (null when nothing was found). */
  readonly winner: { readonly worker: number; readonly seed: number } | null;
}

/** What a worker is given: plain data only (invariants by name). */
export interface SwarmWorkerSetup {
  readonly config: Config;
  readonly invariants: readonly string[];
  /** The invariants are searches for broken promises only (properties/judgement.ts). */
  readonly brokenOnly: boolean;
  readonly runs: number;
  readonly seed: number;
  readonly maxSteps: number;
  readonly shrinkRuns?: number;
  readonly progressEveryMs: number;
}

/** What a worker posts: its counts so far, that it met a failing schedule (then shrinks it), its result. */
export type SwarmMessage =
  | { readonly type: 'progress'; readonly runs: number; readonly steps: number }
  | { readonly type: 'found'; readonly runs: number; readonly steps: number }
  | { readonly type: 'done'; readonly result: CheckResult; readonly startedAt: number };

/** How often a worker posts its counts: well under the one-second progress line, so that line is current. */
const WORKER_PROGRESS_MS = 200;

/** The seed of each worker: the base seed plus the worker's index. */
export function swarmSeeds(base: number, workers: number): number[] {
  return Array.from({ length: workers }, (_, i) => base + i);
}

export async function checkSwarm(options: SwarmOptions): Promise<SwarmResult> {
  const started = Date.now();
  const seeds = swarmSeeds(options.seed, options.workers);
  const counts = seeds.map(() => ({ runs: 0, steps: 0 }));
  const total = (): { runs: number; steps: number } =>
    counts.reduce((sum, c) => ({ runs: sum.runs + c.runs, steps: sum.steps + c.steps }), { runs: 0, steps: 0 });
  const setup = (seed: number): SwarmWorkerSetup => ({
    config: options.config,
    invariants: options.invariants.map((i: Invariant) => i.name),
    brokenOnly: options.invariants.some((i) => i.brokenOnly === true),
    runs: options.runs,
    seed,
    maxSteps: options.maxSteps,
    ...(options.shrinkRuns === undefined ? {} : { shrinkRuns: options.shrinkRuns }),
    progressEveryMs: WORKER_PROGRESS_MS,
  });
  const workers: Worker[] = seeds.map((seed) => spawnWorker(new URL('./check-worker.ts', import.meta.url), setup(seed)));
  const progress = setInterval(() => {
    const sum = total();
    if (sum.runs > 0) options.onProgress?.({ ...sum, elapsedMs: Date.now() - started } satisfies Progress);
  }, 1000);
  try {
    const winner = await new Promise<{ worker: number; finding: Finding; startedAt: number } | null>((resolve, reject) => {
      let first: number | null = null;
      let finished = 0;
      workers.forEach((worker, index) => {
        let done = false;
        worker.on('message', (message: SwarmMessage) => {
          if (message.type !== 'done') {
            counts[index] = { runs: message.runs, steps: message.steps };
            if (message.type === 'found' && first === null) {
              first = index;
              for (const [i, other] of workers.entries()) if (i !== index) void other.terminate();
            }
            return;
          }
          done = true;
          counts[index] = { runs: message.result.runs, steps: message.result.steps };
          const finding = message.result.finding;
          if (first !== null && index !== first) return;
          if (finding !== null) resolve({ worker: index, finding, startedAt: message.startedAt });
          else if (first !== null) reject(new Error(`check worker ${index} (seed ${seeds[index]}) met a failing schedule but reported no finding`));
          else if (++finished === workers.length) resolve(null);
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (!done && (first === null || first === index)) reject(new Error(`check worker ${index} (seed ${seeds[index]}) exited with code ${code} before reporting`));
        });
      });
    });
    const sum = total();
    const elapsedMs = Date.now() - started;
    if (winner === null) return { ...sum, elapsedMs, finding: null, seeds, winner: null };
    return {
      ...sum,
      elapsedMs,
      // Time to find counts from the swarm's start, the workers' start-up included.
      finding: { ...winner.finding, msToFind: winner.finding.msToFind + (winner.startedAt - started) },
      seeds,
      winner: { worker: winner.worker, seed: seeds[winner.worker] ?? options.seed },
    };
  } finally {
    clearInterval(progress);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
