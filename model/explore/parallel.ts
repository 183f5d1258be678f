/**
 * The explorer on several worker threads: the same breadth-first levels as explore.ts, each level's
 * frontier split across workers that all de-duplicate against one shared fingerprint table
 * (state-table.ts). A successor stays with the worker that found it first, so no state crosses threads
 * except to even out the frontiers between levels. Levels are synchronised, so a complete run counts
 * exactly the distinct states one worker counts, a depth-limited run the same states to that depth, and
 * a violation is still a shortest counterexample: every violation found at one level has the same length.
 */
import type { Worker } from 'node:worker_threads';
import type { Action } from '../../spec/actions/index.js';
import { spawnWorker } from '../workers/spawn.js';
import type { Discovery, FrontierEntry, Found, LevelOutcome, StopReason } from './expander.js';
import { explore, limitsOf, resultOf, traceOf, type ExploreOptions, type ExploreResult } from './explore.js';
import { StateTable } from './state-table.js';
import { statsSlots, type ExploreRequest, type ExploreWorkerSetup, type LevelReport } from './protocol.js';

/** Frontiers within this many states of each other are left as they are. */
const BALANCE_SLACK = 64;

function call<T>(worker: Worker, request: ExploreRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error): void => reject(error);
    worker.once('error', fail);
    worker.once('message', (reply: T) => {
      worker.off('error', fail);
      resolve(reply);
    });
    worker.postMessage(request);
  });
}

/** Moves frontier states from the fullest workers to the emptiest until they are within the slack. */
async function balance(workers: readonly Worker[], sizes: number[]): Promise<void> {
  const total = sizes.reduce((a, b) => a + b, 0);
  const target = Math.ceil(total / workers.length);
  for (;;) {
    const donor = sizes.indexOf(Math.max(...sizes));
    const receiver = sizes.indexOf(Math.min(...sizes));
    const count = Math.min((sizes[donor] ?? 0) - target, target - (sizes[receiver] ?? 0));
    if ((sizes[donor] ?? 0) - (sizes[receiver] ?? 0) <= BALANCE_SLACK || count <= 0) return;
    const entries = await call<FrontierEntry[]>(workers[donor] as Worker, { type: 'give', count });
    await call<null>(workers[receiver] as Worker, { type: 'take', entries });
    sizes[donor] = (sizes[donor] ?? 0) - entries.length;
    sizes[receiver] = (sizes[receiver] ?? 0) + entries.length;
  }
}

async function pathFrom(workers: readonly Worker[], found: Found): Promise<Action[]> {
  const steps: Action[] = [];
  for (let at = found.ref; at >= 0; ) {
    const { parent, action } = await call<Discovery>(workers[at % workers.length] as Worker, { type: 'discovery', ref: at });
    if (action !== null) steps.push(action);
    at = parent;
  }
  return steps.reverse();
}

export async function exploreParallel(options: ExploreOptions & { readonly workers: number }): Promise<ExploreResult> {
  const started = Date.now();
  const table = StateTable.create(options.maxStates);
  const stats = new Int32Array(new SharedArrayBuffer(4 * statsSlots(options.workers)));
  const setup = (worker: number): ExploreWorkerSetup => ({
    config: options.config,
    invariants: options.invariants.map((i) => i.name),
    brokenOnly: options.invariants.some((i) => i.brokenOnly === true),
    forget: options.forget ?? true,
    witnesses: options.witnesses.map((w) => w.name),
    symmetric: options.symmetric ?? true,
    reduce: options.reduce ?? true,
    table: table.buffer,
    stats: stats.buffer as SharedArrayBuffer,
    worker,
    workers: options.workers,
    limits: limitsOf(options, started),
  });
  const workers = Array.from({ length: options.workers }, (_, i) => spawnWorker(new URL('./explore-worker.ts', import.meta.url), setup(i)));
  let depth = 0;
  let reports: LevelReport[] = [];
  const end = async (stoppedBy: StopReason | null, found: Found | null = null): Promise<ExploreResult> => {
    const violation = found === null ? null : traceOf(await pathFrom(workers, found), found);
    return resultOf(options, {
      table,
      started,
      depth,
      queue: reports.reduce((sum, r) => sum + r.queued, 0),
      transitions: reports.reduce((sum, r) => sum + r.transitions, 0),
      reached: new Set(reports.flatMap((r) => r.reached)),
      stoppedBy,
      violation,
    });
  };
  const progress = setInterval(() => {
    let queue = 0;
    for (let w = 0; w < options.workers; w++) queue += stats[1 + w] ?? 0;
    options.onProgress?.({ states: table.size, queue, depth, elapsedMs: Date.now() - started });
  }, 1000);
  try {
    const atRoot = await call<LevelOutcome>(workers[0] as Worker, { type: 'root' });
    if (atRoot.found !== null) return await end(null, atRoot.found);
    let sizes: number[] = workers.map((_, i) => (i === 0 ? 1 : 0));
    for (; sizes.some((n) => n > 0); depth++) {
      if (depth >= options.maxDepth) return await end('max-depth');
      await balance(workers, sizes);
      reports = await Promise.all(workers.map((w) => call<LevelReport>(w, { type: 'expand' })));
      const found = reports.find((r) => r.found !== null)?.found ?? null;
      if (found !== null) {
        depth += 1;
        return await end(null, found);
      }
      const limit = reports.map((r) => r.stopped).find((s): s is StopReason => s !== null && s !== 'halted');
      if (limit !== undefined) return await end(limit);
      sizes = reports.map((r) => r.queued);
    }
    depth = Math.max(0, depth - 1);
    return await end(null);
  } finally {
    clearInterval(progress);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The explorer on `workers` threads: one runs in this thread, more run in parallel. */
export function exploreOn(workers: number, options: ExploreOptions): Promise<ExploreResult> {
  return workers === 1 ? Promise.resolve(explore(options)) : exploreParallel({ ...options, workers });
}
