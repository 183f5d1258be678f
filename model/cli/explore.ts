/**
 * `npm run explore -- <flags> [--max-depth D]`: exhaustive breadth-first search of every state reachable
 * within the budgets. Prints progress every second; on a violation saves and prints the shortest
 * counterexample (exit 1); otherwise "no violation: N distinct states, depth D" and which witnesses were
 * reached (exit 0). `--max-states`, `--time-limit` (seconds) and the memory bound stop it early and say
 * how far it got.
 */
import { setAutoFreeze } from 'immer';
import { configWarnings, type Config } from '../../spec/config.js';
import { WITNESSES } from '../../properties/index.js';
import { collisionOdds } from '../explore/fingerprint.js';
import type { ExploreResult } from '../explore/explore.js';
import { exploreOn } from '../explore/parallel.js';
import { defaultWorkers } from '../workers/spawn.js';
import { TOOL } from '../version.js';
import { main, parseCommand, userPath, type CommandSpec } from '../config/command.js';
import { CONFIG_OPTIONS, integerFlag, loadConfig } from '../config/flags.js';
import { outputDir } from '../config/output.js';
import { MAX_TRACE_STEPS } from '../trace/trace.js';
import { tracker } from './progress.js';
import { COUNTEREXAMPLES, describeConfig, describeInvariants, FINDING_OPTIONS, saveAndShow, selectInvariants, type FindingSummary } from './search.js';

/** The exit code of a search a limit stopped: no violation found, and no proof either. */
const EXIT_LIMIT = 3;

const EXPLORE: CommandSpec = {
  name: 'explore',
  summary: 'Exhaustive exploration: every state reachable within the budgets, breadth first; the shortest counterexample, or the number of states searched.',
  options: [
    ...CONFIG_OPTIONS,
    ...FINDING_OPTIONS,
    { flags: '--max-depth <n>', description: `explore to this depth only (at most ${MAX_TRACE_STEPS})`, defaultText: 'none' },
    { flags: '--max-states <n>', description: 'stop after this many distinct states', defaultText: 'none' },
    { flags: '--time-limit <seconds>', description: 'stop after this long', defaultText: 'none' },
    { flags: '--no-symmetry', description: 'do not merge states that differ only by a permutation of brokers hosting the same partitions' },
    { flags: '--no-reduction', description: 'take every transition (no sleep sets): the same states, depth and shortest counterexample, more transitions' },
    { flags: '--workers <n>', description: 'worker threads sharing one state table', defaultText: 'one per core' },
  ],
  examples: [
    'npm run explore -- --brokers 2 --records 1 --crashes 1 --shutdowns 1 --fences 0 --shrinks 0 --commits 0',
    'npm run explore -- --era hw-truncation --brokers 2 --records 2 --crashes 1 --fences 0 --shutdowns 0 --shrinks 0 --commits 0 --json',
  ],
  exits: `0 no violation in the whole bounded space; 1 a violation found and saved; ${EXIT_LIMIT} no violation so far, but a limit (depth, states, time, memory) stopped the search before it covered the space`,
};

/** Limits that keep a search's numbers exact (a state count beyond 2^53 would not be). */
const MAX_LIMIT = Number.MAX_SAFE_INTEGER;

const STOPS: Record<NonNullable<ExploreResult['stoppedBy']>, string> = {
  'max-depth': 'the depth limit',
  'max-states': 'the state limit (--max-states)',
  'time-limit': 'the time limit (--time-limit)',
  memory: 'the memory bound (raise it with NODE_OPTIONS=--max-old-space-size=...)',
};

const perSecond = (n: number, ms: number): string => Math.round(n / Math.max(ms / 1000, 0.001)).toLocaleString('en-US');

/** What `--json` prints. */
interface Summary {
  readonly command: 'explore';
  readonly tool: string;
  readonly config: Config;
  readonly symmetric: boolean;
  /** Partial-order reduction by sleep sets. */
  readonly reduction: boolean;
  readonly workers: number;
  readonly states: number;
  readonly transitions: number;
  readonly depth: number;
  readonly elapsedMs: number;
  /** Whether every state within the budgets was searched; else `stoppedBy` says which limit stopped it. */
  readonly complete: boolean;
  readonly stoppedBy: ExploreResult['stoppedBy'];
  readonly queued: number;
  readonly collisionOdds: number;
  readonly witnesses: readonly { readonly name: string; readonly reached: boolean; readonly possible: boolean }[];
  readonly verdict: 'no violation' | 'violated';
  readonly finding: FindingSummary | null;
}

async function run(args: readonly string[]): Promise<number> {
  const parsed = parseCommand(EXPLORE, args);
  if (parsed === null) return 0;
  const { values } = parsed;
  const { config, sources, warnings } = loadConfig(values);
  const invariants = selectInvariants(values.invariant as string[] | undefined);
  const maxDepth = integerFlag('max-depth', values['max-depth'] as string | undefined, 0, MAX_TRACE_STEPS) ?? Infinity;
  const maxStates = integerFlag('max-states', values['max-states'] as string | undefined, 1, MAX_LIMIT);
  const timeLimit = integerFlag('time-limit', values['time-limit'] as string | undefined, 1, MAX_LIMIT / 1000);
  const symmetric = values['no-symmetry'] !== true;
  const reduce = values['no-reduction'] !== true;
  const workers = integerFlag('workers', values.workers as string | undefined, 1, 256) ?? defaultWorkers();
  // Before any search: a finding must have somewhere to go.
  const dir = outputDir('--out', values.out === undefined ? COUNTEREXAMPLES : userPath(values.out as string));
  const json = values.json === true;
  for (const warning of [...warnings, ...configWarnings(config)]) process.stderr.write(`warning: ${warning}\n`);
  setAutoFreeze(false);
  const out = (line: string): void => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  out(`${TOOL}: exhaustive exploration`);
  [...describeConfig(config), ...sources].forEach(out);
  out(describeInvariants(invariants));
  out(`max depth ${maxDepth === Infinity ? 'none' : maxDepth}, symmetry reduction ${symmetric ? 'on' : 'off'}, sleep sets ${reduce ? 'on' : 'off'}, ${workers} worker${workers === 1 ? '' : 's'}`);
  const progress = tracker('exploring');
  const result = await exploreOn(workers, {
    config,
    invariants,
    witnesses: WITNESSES,
    maxDepth,
    symmetric,
    reduce,
    ...(maxStates === undefined ? {} : { maxStates }),
    ...(timeLimit === undefined ? {} : { timeLimitMs: timeLimit * 1000 }),
    onProgress: (p) => progress.update(p.states, null, `states; queue ${p.queue.toLocaleString('en-US')}, depth ${p.depth}, ${perSecond(p.states, p.elapsedMs)} states/s`),
  });
  progress.stop();
  const summary = (finding: FindingSummary | null): Summary => ({
    command: 'explore',
    tool: TOOL,
    config,
    symmetric,
    reduction: reduce,
    workers,
    states: result.states,
    transitions: result.transitions,
    depth: result.depth,
    elapsedMs: result.elapsedMs,
    complete: result.stoppedBy === null && finding === null,
    stoppedBy: result.stoppedBy,
    queued: result.queue,
    collisionOdds: collisionOdds(result.states),
    witnesses: WITNESSES.map((w) => ({ name: w.name, reached: result.reached.includes(w.name), possible: w.possible(config) })),
    verdict: finding === null ? 'no violation' : 'violated',
    finding,
  });
  out(`explored ${result.states.toLocaleString('en-US')} distinct states (${result.transitions.toLocaleString('en-US')} transitions) to depth ${result.depth} in ${(result.elapsedMs / 1000).toFixed(1)} s (${perSecond(result.states, result.elapsedMs)} states/s)`);
  if (result.violation !== null) {
    const { steps, violation } = result.violation;
    out(`shortest counterexample: ${steps.length} steps`);
    const saved = saveAndShow(out, dir, config, { steps, violation, provenance: { by: 'explore', tool: TOOL } }, invariants, json);
    if (json) process.stdout.write(`${JSON.stringify(summary(saved), null, 2)}\n`);
    return 1;
  }
  for (const witness of WITNESSES) {
    const reached = result.reached.includes(witness.name);
    const note = reached ? 'reached' : witness.possible(config) ? 'NOT reached: a weakness of these bounds' : 'not possible in this configuration';
    out(`  witness ${witness.name}: ${note}`);
  }
  // The last line says whether this is a proof within the budgets, or how far a limit let it get.
  out(result.stoppedBy === null
    ? `no violation: ${result.states.toLocaleString('en-US')} distinct states, depth ${result.depth}, every state within the budgets (64-bit fingerprints: collision odds ${collisionOdds(result.states).toExponential(1)})`
    : `NOT A PROOF: stopped by ${STOPS[result.stoppedBy]} with every state within depth ${result.depth} seen; ${result.queue.toLocaleString('en-US')} states still queued, ${result.states.toLocaleString('en-US')} seen; no violation among them`);
  if (json) process.stdout.write(`${JSON.stringify(summary(null), null, 2)}\n`);
  return result.stoppedBy === null ? 0 : EXIT_LIMIT;
}

await main(() => run(process.argv.slice(2)));
