/**
 * One worker of a parallel exploration (parallel.ts): holds an expander over its share of the
 * frontier and answers the coordinator's requests one at a time. Shared memory carries the fingerprint
 * table, a halt flag (any worker's violation or limit stops the others' level early) and each worker's
 * queue length for the progress line.
 */
import { setAutoFreeze } from 'immer';
import { parentPort, workerData } from 'node:worker_threads';
import { initialState } from '../../spec/init.js';
import { invariantsFor, WITNESSES } from '../../properties/index.js';
import { Expander, limitReached, type LevelOutcome } from './expander.js';
import type { ExploreRequest, ExploreWorkerSetup, LevelReport } from './protocol.js';
import { StateTable } from './state-table.js';
import { forgettingFor } from './explore.js';

function serve(setup: ExploreWorkerSetup): void {
  setAutoFreeze(false);
  const table = new StateTable(setup.table);
  const stats = new Int32Array(setup.stats);
  const invariants = invariantsFor(setup.config, setup.invariants, setup.brokenOnly);
  const expander = new Expander({
    invariants,
    witnesses: WITNESSES.filter((w) => setup.witnesses.includes(w.name)),
    symmetric: setup.symmetric,
    reduce: setup.reduce,
    forgetting: forgettingFor({ invariants, forget: setup.forget }),
    table,
    worker: setup.worker,
    workers: setup.workers,
  });
  const tick = (): LevelOutcome['stopped'] => {
    Atomics.store(stats, 1 + setup.worker, expander.queued);
    if (Atomics.load(stats, 0) !== 0) return 'halted';
    return limitReached(setup.limits, table);
  };
  const report = (outcome: LevelOutcome): LevelReport => {
    if (outcome.found !== null || outcome.stopped !== null) Atomics.store(stats, 0, 1);
    return { ...outcome, queued: expander.queued, transitions: expander.transitions, reached: [...expander.reached] };
  };
  const handle = (request: ExploreRequest): unknown => {
    switch (request.type) {
      case 'root':
        return report({ found: expander.root(initialState(setup.config)), stopped: null });
      case 'expand':
        return report(expander.expand(tick));
      case 'give':
        return expander.give(request.count);
      case 'take':
        expander.take(request.entries);
        return null;
      case 'discovery':
        return expander.discovery(request.ref);
    }
  };
  parentPort?.on('message', (request: ExploreRequest) => parentPort?.postMessage(handle(request)));
}

serve((workerData as { data: ExploreWorkerSetup }).data);
