/**
 * One worker of the random checker's swarm (swarm.ts): runs `checkRandom` with its own seed, posting
 * its counts as it goes, word of its first failing schedule (so the others can be stopped), and then its
 * result, finding included (shrunk and minimised here, the final state structured-cloned with it). Invariants arrive by name and are looked up again in this thread.
 */
import { setAutoFreeze } from 'immer';
import { parentPort, workerData } from 'node:worker_threads';
import { invariantsFor } from '../../properties/index.js';
import { checkRandom } from './check.js';
import type { SwarmMessage, SwarmWorkerSetup } from './swarm.js';

function post(message: SwarmMessage): void {
  parentPort?.postMessage(message);
}

function run(setup: SwarmWorkerSetup): void {
  setAutoFreeze(false);
  const startedAt = Date.now();
  const result = checkRandom({
    config: setup.config,
    invariants: invariantsFor(setup.config, setup.invariants, setup.brokenOnly),
    runs: setup.runs,
    seed: setup.seed,
    maxSteps: setup.maxSteps,
    ...(setup.shrinkRuns === undefined ? {} : { shrinkRuns: setup.shrinkRuns }),
    progressEveryMs: setup.progressEveryMs,
    onProgress: (p) => post({ type: 'progress', runs: p.runs, steps: p.steps }),
    onFailure: (p) => post({ type: 'found', runs: p.runs, steps: p.steps }),
  });
  post({ type: 'done', result, startedAt });
}

run((workerData as { data: SwarmWorkerSetup }).data);
