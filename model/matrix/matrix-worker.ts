/**
 * One worker of the guarantee matrix (run.ts): settles the rows it is sent, one at a time, and
 * posts each result back; the saved traces are read once, here.
 */
import { setAutoFreeze } from 'immer';
import { parentPort, workerData } from 'node:worker_threads';
import { settleRow } from './settle.js';
import type { MatrixJob, MatrixWorkerSetup } from './run.js';
import { tracesIn } from '../trace/trace.js';

setAutoFreeze(false);
const setup = (workerData as { data: MatrixWorkerSetup }).data;
const saved = tracesIn(setup.out);
parentPort?.on('message', (job: MatrixJob | null) => {
  if (job === null) {
    parentPort?.close();
    return;
  }
  parentPort?.postMessage(settleRow(job.index, job.row, { ...setup, saved }));
});
parentPort?.postMessage('ready');
