/**
 * Settles matrix rows on worker threads, one row at a time per worker (rows differ a lot in cost, so
 * each worker takes the next row when it is free). Results come back in the rows' order.
 */
import { spawnWorker } from '../workers/spawn.js';
import type { MatrixRow } from './rows.js';
import type { MatrixResult } from './settle.js';

export interface MatrixWorkerSetup {
  readonly runs: number;
  readonly seed: number;
  readonly out: string;
}

export interface MatrixJob {
  readonly index: number;
  readonly row: MatrixRow;
}

export interface MatrixRunOptions extends MatrixWorkerSetup {
  readonly workers: number;
  /** Called after each settled row. */
  readonly onResult?: (result: MatrixResult, done: number) => void;
}

export async function runMatrix(jobs: readonly MatrixJob[], options: MatrixRunOptions): Promise<MatrixResult[]> {
  const queue = [...jobs];
  const results: MatrixResult[] = [];
  const setup: MatrixWorkerSetup = { runs: options.runs, seed: options.seed, out: options.out };
  const worker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const thread = spawnWorker(new URL('./matrix-worker.ts', import.meta.url), setup);
      const next = (): void => {
        thread.postMessage(queue.shift() ?? null);
      };
      thread.on('message', (message: MatrixResult | 'ready') => {
        if (message !== 'ready') {
          results.push(message);
          options.onResult?.(message, results.length);
        }
        next();
      });
      thread.on('error', reject);
      thread.on('exit', () => resolve());
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.workers, jobs.length)) }, worker));
  return results.sort((a, b) => a.index - b.index);
}
