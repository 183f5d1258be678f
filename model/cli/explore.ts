/**
 * `npm run explore -- <flags> [--max-depth D]`: exhaustive breadth-first search of every state reachable
 * within the budgets. Prints progress every second; on a violation saves and prints the shortest
 * counterexample (exit 1); otherwise "no violation: N distinct states, depth D" and which witnesses were
 * reached (exit 0). `--max-states`, `--time-limit` (seconds) and the memory bound stop it early and say
 * how far it got.
 */
import { setAutoFreeze } from 'immer';
import { configWarnings } from '../../spec/config.js';
import { WITNESSES } from '../../properties/index.js';
import { collisionOdds } from '../explore/fingerprint.js';
import { explore, type ExploreOptions, type ExploreResult } from '../explore/explore.js';
import { exploreParallel } from '../explore/parallel.js';
import { defaultWorkers } from '../workers/spawn.js';
import { TOOL } from '../version.js';
import { CONFIG_OPTIONS, integerFlag, loadConfig } from '../config/flags.js';
import { main, parse } from '../config/usage.js';
import { describeConfig, describeInvariants, FINDING_OPTIONS, saveAndShow, selectInvariants, verdictLine } from './search.js';
import { replayTrace } from '../trace/replay.js';
import { TRACE_FORMAT } from '../trace/trace.js';

const OPTIONS = {
  ...CONFIG_OPTIONS,
  ...FINDING_OPTIONS,
  'max-depth': { type: 'string' },
  'max-states': { type: 'string' },
  'time-limit': { type: 'string' },
  'no-symmetry': { type: 'boolean', default: false },
  workers: { type: 'string' },
} as const;

const STOPS: Record<NonNullable<ExploreResult['stoppedBy']>, string> = {
  'max-depth': 'the depth limit',
  'max-states': 'the state limit (--max-states)',
  'time-limit': 'the time limit (--time-limit)',
  memory: 'the memory bound (raise it with NODE_OPTIONS=--max-old-space-size=...)',
};

const perSecond = (n: number, ms: number): string => Math.round(n / Math.max(ms / 1000, 0.001)).toLocaleString('en-US');

/** One worker runs in this thread; more run as worker threads over a shared state table. */
function search(options: ExploreOptions, workers: number): Promise<ExploreResult> {
  return workers === 1 ? Promise.resolve(explore(options)) : exploreParallel({ ...options, workers });
}

async function run(args: readonly string[]): Promise<number> {
  const { values } = parse(args, OPTIONS);
  const { config, sources } = loadConfig(values);
  const invariants = selectInvariants(values.invariant as string[] | undefined);
  const maxDepth = integerFlag('max-depth', values['max-depth'] as string | undefined, 0) ?? Infinity;
  const maxStates = integerFlag('max-states', values['max-states'] as string | undefined, 1);
  const timeLimit = integerFlag('time-limit', values['time-limit'] as string | undefined, 1);
  const symmetric = values['no-symmetry'] !== true;
  const workers = integerFlag('workers', values.workers as string | undefined, 1) ?? defaultWorkers();
  for (const warning of configWarnings(config)) process.stderr.write(`warning: ${warning}\n`);
  setAutoFreeze(false);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`${TOOL}: exhaustive exploration`);
  [...describeConfig(config), ...sources].forEach(out);
  out(describeInvariants(invariants));
  out(`max depth ${maxDepth === Infinity ? 'none' : maxDepth}, symmetry reduction ${symmetric ? 'on' : 'off'}, ${workers} worker${workers === 1 ? '' : 's'}`);
  const result = await search({
    config,
    invariants,
    witnesses: WITNESSES,
    maxDepth,
    symmetric,
    ...(maxStates === undefined ? {} : { maxStates }),
    ...(timeLimit === undefined ? {} : { timeLimitMs: timeLimit * 1000 }),
    onProgress: (p) =>
      process.stderr.write(`  ... ${p.states.toLocaleString('en-US')} states, queue ${p.queue.toLocaleString('en-US')}, depth ${p.depth}, ${perSecond(p.states, p.elapsedMs)} states/s\n`),
  }, workers);
  out(`explored ${result.states.toLocaleString('en-US')} distinct states (${result.transitions.toLocaleString('en-US')} transitions) to depth ${result.depth} in ${(result.elapsedMs / 1000).toFixed(1)} s (${perSecond(result.states, result.elapsedMs)} states/s)`);
  if (result.violation !== null) {
    const { steps, violation } = result.violation;
    const final = replayTrace({ format: TRACE_FORMAT, config, steps, story: '' }, []).steps.at(-1)?.state;
    out(`shortest counterexample: ${steps.length} steps`);
    if (final !== undefined) out(verdictLine(config, violation, final));
    saveAndShow(out, values.out as string, config, { steps, violation, provenance: { by: 'explore', tool: TOOL } }, invariants);
    return 1;
  }
  const complete = result.stoppedBy === null;
  out(complete
    ? `no violation: ${result.states.toLocaleString('en-US')} distinct states, depth ${result.depth}, every state within the budgets (64-bit fingerprints: collision odds ${collisionOdds(result.states).toExponential(1)})`
    : `no violation so far: stopped by ${STOPS[result.stoppedBy]} at depth ${result.depth} with ${result.queue.toLocaleString('en-US')} states still queued`);
  for (const witness of WITNESSES) {
    const reached = result.reached.includes(witness.name);
    const note = reached ? 'reached' : witness.possible(config) ? 'NOT reached: a weakness of these bounds' : 'not possible in this configuration';
    out(`  witness ${witness.name}: ${note}`);
  }
  return 0;
}

await main(() => run(process.argv.slice(2)));
