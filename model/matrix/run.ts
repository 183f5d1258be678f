/**
 * Settles matrix rows on worker threads, one row at a time per worker (rows differ a lot in cost, so
 * each worker takes the next row when it is free). Results come back in the rows' order.
 */
import { spawnWorker } from '../workers/spawn.js';
import { loadTrace } from '../trace/trace.js';
import type { MatrixRow } from './rows.js';
import { brokenOnly } from '../../properties/judgement.js';
import { fromSaved, questionInvariants, rowConfig, type MatrixResult, type SettleOptions } from './settle.js';

export type MatrixWorkerSetup = Pick<SettleOptions, 'runs' | 'seed' | 'rowStates' | 'out'>;

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
  // Rows that may need the explorer's whole ladder (acks=all, clean elections) first, so the workers finish together.
  const queue = [...jobs].sort((a, b) => Number(mayExplore(b.row)) - Number(mayExplore(a.row)));
  const results: MatrixResult[] = [];
  const setup: MatrixWorkerSetup = { runs: options.runs, seed: options.seed, rowStates: options.rowStates, out: options.out };
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
  return carryOver(results.sort((a, b) => a.index - b.index), options.out);
}

function mayExplore(row: MatrixRow): boolean {
  return row.question !== 'acked-lost' || (row.acks === 'all' && !row.unclean);
}

/**
 * After every row: a row that held may replay a loss another row found in this run, and a row with an
 * excused loss a broken one (they ran side by side, so it could not see it then), as it would replay it
 * from the saved traces next time. Its random runs and searches stay in its result: they searched what
 * they searched.
 */
export function carryOver(results: readonly MatrixResult[], out: string): MatrixResult[] {
  const found = results.flatMap((r) => (r.counterexample !== undefined && r.by !== 'replay' ? [r.counterexample.trace] : []));
  const saved = found.map((file) => ({ file, trace: loadTrace(file) }));
  return results.map((result) => {
    if (result.verdict === 'broken' || saved.length === 0) return result;
    const config = rowConfig(result.row);
    const invariants = questionInvariants(result.row);
    const counterexample = fromSaved(config, saved, out, result.verdict === 'holds' ? invariants : invariants.map((invariant) => brokenOnly(config, invariant)));
    return counterexample === null ? result : { ...result, verdict: counterexample.judged, by: 'replay', counterexample };
  });
}
