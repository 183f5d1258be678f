/**
 * Worker threads running TypeScript modules: the checker's swarm (check/), the explorer's partitioned
 * frontier (explore/) and the matrix (matrix/) start their workers here, each worker's entry beside
 * its user, so the loader set-up lives in one place.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** Starts `entry` (a TypeScript module's URL) in a worker thread; `data` arrives as `workerData.data`. */
export function spawnWorker(entry: URL, data: unknown): Worker {
  return new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { entry: entry.href, data } });
}

/** The default number of workers: one per core the machine offers. */
export function defaultWorkers(): number {
  return availableParallelism();
}
