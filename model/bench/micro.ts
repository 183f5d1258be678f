/**
 * Micro-benchmarks (tinybench): the operations the checkers repeat millions of times, each on a fixed
 * representative state (states.ts): `step` for a few kinds of action, `enabledActions`, the explorer's
 * fingerprint of a state's view with and without symmetry reduction, and every invariant on a mid-run
 * state.
 */
import { Bench } from 'tinybench';
import { enabledActions, step } from '../../spec/step.js';
import { firstViolation, INVARIANTS } from '../../properties/index.js';
import { fingerprintOfState, viewOf } from '../explore/view.js';
import { sampleHeap } from './memory.js';
import { representativeStates } from './states.js';

export interface MicroResult {
  readonly name: string;
  /** 1e6 / meanUs: operations per second at the mean latency. */
  readonly opsPerSec: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Relative margin of error of the mean, in percent (95% confidence). */
  readonly rmePercent: number;
  readonly samples: number;
}

export interface MicroOptions {
  /** Time per task, in milliseconds (tinybench's `time`). */
  readonly timeMs: number;
  readonly warmupMs: number;
}

/** Keeps results alive so the optimiser cannot drop the calls being measured. */
let sink: unknown = null;

export async function microBenchmarks(options: MicroOptions): Promise<MicroResult[]> {
  const states = representativeStates();
  const mid = states.midRun;
  const midView = viewOf(mid, true);
  const violation = firstViolation(mid, INVARIANTS);
  if (violation !== null) throw new Error(`the mid-run state violates ${violation.invariant.name}; pick another seed`);
  const bench = new Bench({ time: options.timeMs, warmupTime: options.warmupMs, throws: true });
  for (const scenario of states.steps) bench.add(`step: ${scenario.name}`, () => (sink = step(scenario.state, scenario.action)));
  bench.add(`enabledActions (mid-run, ${states.midRunSteps} steps)`, () => (sink = enabledActions(mid)));
  bench.add(`fingerprintOfState(mid-run, symmetric; a code of ${midView.split(',').length} integers)`, () => (sink = fingerprintOfState(mid, true)));
  bench.add('fingerprintOfState(mid-run, not symmetric)', () => (sink = fingerprintOfState(mid, false)));
  bench.add('fingerprintOfState(initial, symmetric: 3 tied replicas)', () => (sink = fingerprintOfState(states.initial, true)));
  bench.add(`firstViolation(mid-run, all ${INVARIANTS.length} invariants)`, () => (sink = firstViolation(mid, INVARIANTS)));
  bench.addEventListener('cycle', sampleHeap);
  await bench.run();
  sampleHeap();
  if (sink === undefined) throw new Error('unreachable');
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`micro-benchmark "${task.name}" did not complete: ${result.state}`);
    const us = (ms: number): number => ms * 1000;
    return {
      name: task.name,
      opsPerSec: 1000 / result.latency.mean,
      meanUs: us(result.latency.mean),
      p50Us: us(result.latency.p50),
      p99Us: us(result.latency.p99),
      rmePercent: result.latency.rme,
      samples: result.latency.samplesCount,
    };
  });
}
