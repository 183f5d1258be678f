/**
 * `npm run check -- <flags>`: random checking of one configuration. Prints the config, the seed,
 * progress, and a summary; saves and prints the shrunk counterexample. When the random runs find
 * nothing, a bounded exhaustive pass follows at the same budgets: random walks rarely line up the
 * dozen exact steps of some losses (KAFKA-7128's needs a shrink, a crash, a quick restart and a fence
 * in one order), which breadth-first search over every state meets at their depth. `--help` lists
 * every flag.
 */
import { setAutoFreeze } from 'immer';
import { configWarnings, type Config } from '../../spec/config.js';
import { WITNESSES, type Invariant } from '../../properties/index.js';
import { brokenOnly } from '../../properties/judgement.js';
import { checkRandom, DEFAULT_MAX_STEPS, DEFAULT_RUNS, type CheckOptions, type CheckResult } from '../check/check.js';
import { checkSwarm, swarmSeeds } from '../check/swarm.js';
import type { ExploreResult } from '../explore/explore.js';
import { exploreOn } from '../explore/parallel.js';
import { erasTable, fixesList } from '../docs/eras-table.js';
import { MAX_TRACE_STEPS } from '../trace/trace.js';
import { TOOL } from '../version.js';
import { main, parseCommand, userPath, type CommandSpec } from '../config/command.js';
import { CONFIG_OPTIONS, integerFlag, loadConfig } from '../config/flags.js';
import { outputDir } from '../config/output.js';
import { tracker } from './progress.js';
import { COUNTEREXAMPLES, describeConfig, describeInvariants, FINDING_OPTIONS, saveAndShow, selectInvariants, type FindingSummary } from './search.js';

/** fast-check seeds are 32-bit integers: outside this range two seeds would be the same run. */
const SEED_RANGE = [-(2 ** 31), 2 ** 31 - 1] as const;
const MAX_WORKERS = 256;
/** fast-check counts runs in a 32-bit integer. */
const MAX_RUNS = 2 ** 31 - 1;
/**
 * The exhaustive pass's distinct states per random run asked for: at the default 5,000 runs, a
 * million states, about a minute and a half on one core, enough for KAFKA-7128's loss at one record,
 * crash, fence and ISR shrink with every invariant checked (kip-279: found at 809,894 states).
 */
const PASS_STATES_PER_RUN = 200;

const CHECK: CommandSpec = {
  name: 'check',
  summary: 'Random checking: runs random schedules of writes and faults, checks every invariant after every step, and saves a shrunk counterexample.',
  options: [
    ...CONFIG_OPTIONS,
    ...FINDING_OPTIONS,
    { flags: '--runs <n>', description: 'random schedules to run (per worker)', defaultText: String(DEFAULT_RUNS) },
    { flags: '--seed <n>', description: `the seed (printed on every run; a 32-bit integer, ${SEED_RANGE[0]} to ${SEED_RANGE[1]})`, defaultText: 'random' },
    { flags: '--max-steps <n>', description: `steps per schedule (at most ${MAX_TRACE_STEPS})`, defaultText: String(DEFAULT_MAX_STEPS) },
    { flags: '--workers <n>', description: 'a swarm of random walks, one per worker thread, seed S + i each (and the exhaustive pass on as many)', defaultText: '1' },
    {
      flags: '--pass-states <n>',
      description: 'when the random runs find nothing: an exhaustive pass at the same budgets keeps up to this many distinct states, breadth first, and its violation is a shortest one (0: no pass)',
      defaultText: `${PASS_STATES_PER_RUN} per run (${(PASS_STATES_PER_RUN * DEFAULT_RUNS).toLocaleString('en-US')})`,
    },
    {
      flags: '--broken-only',
      description: "stop only on a broken promise: a loss the run excuses (an unclean election, a power loss of the last in-sync copy, acks below all, retention) is passed over and the search goes on",
      default: false,
    },
    { flags: '--list-eras', description: 'list the protocol eras and the named fixes, and exit', default: false },
  ],
  examples: [
    'npm run check                                   # the safe setting: RF 3, min.insync.replicas 2, acks=all',
    'npm run check -- --acks 1                       # exit 1: an acknowledged record is lost',
    'npm run check -- --era kraft --power-losses 1 --crashes 0 --seed 2',
    'npm run check -- --server-properties examples/seed-server.properties --json',
  ],
  exits: '0 nothing violated (the last line says whether the exhaustive pass covered every state within the budgets); 1 a violation found and saved',
};

const rate = (steps: number, ms: number): string => Math.round(steps / Math.max(ms / 1000, 0.001)).toLocaleString('en-US');
const count = (n: number): string => n.toLocaleString('en-US');

function report(invariants: readonly Invariant[], workers: number, result: CheckResult): string[] {
  const lines = [`summary: ${count(result.runs)} runs, ${count(result.steps)} steps in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate(result.steps, result.elapsedMs)} steps/s)${workers === 1 ? '' : ` across ${workers} workers`}`];
  const violation = result.finding?.result.violation ?? null;
  const width = Math.max(...invariants.map((i) => i.name.length));
  for (const invariant of invariants) {
    lines.push(`  ${invariant.name.padEnd(width)}  ${invariant.name === violation?.invariant ? 'VIOLATED' : `not violated in ${count(result.runs)} runs`}`);
  }
  return lines;
}

/** What the exhaustive pass covered, in the words of the verdict line. */
function coverage(pass: ExploreResult | null): string {
  if (pass === null) return '(random runs only: --pass-states 0)';
  if (pass.stoppedBy === null) return `and none in any of the ${count(pass.states)} states within the budgets: proved within them`;
  const why = pass.stoppedBy === 'memory' ? 'the memory bound' : 'the --pass-states limit';
  return `and none in every state within ${pass.depth} steps (${count(pass.states)} states; ${why} stopped the exhaustive pass)`;
}

/** The arguments without the named flags (`--flag value` and `--flag=value`). */
function withoutFlags(args: readonly string[], flags: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (flags.some((flag) => arg === `--${flag}`)) i += 1;
    else if (!flags.some((flag) => arg.startsWith(`--${flag}=`))) kept.push(arg);
  }
  return kept;
}

const shellWord = (word: string): string => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** What `--json` prints. */
interface Summary {
  readonly command: 'check';
  readonly tool: string;
  readonly config: Config;
  readonly seed: number;
  readonly workers: number;
  readonly runs: number;
  readonly steps: number;
  readonly elapsedMs: number;
  readonly invariants: readonly string[];
  /** The exhaustive pass, when the random runs found nothing and it ran. */
  readonly pass: { readonly states: number; readonly depth: number; readonly complete: boolean; readonly stoppedBy: ExploreResult['stoppedBy']; readonly elapsedMs: number } | null;
  readonly verdict: 'no violation' | 'violated';
  readonly finding:
    | (FindingSummary & { readonly by: 'check'; readonly runsToFind: number; readonly lengths: { readonly generated: number; readonly shrunk: number; readonly minimal: number } })
    | (FindingSummary & { readonly by: 'explore' })
    | null;
}

async function run(args: readonly string[]): Promise<number> {
  const parsed = parseCommand(CHECK, args);
  if (parsed === null) return 0;
  const { values } = parsed;
  if (values['list-eras'] === true) {
    process.stdout.write(`${erasTable()}\n\n${fixesList()}\n`);
    return 0;
  }
  const { config, sources, warnings } = loadConfig(values);
  const selected = selectInvariants(values.invariant as string[] | undefined);
  const invariants = values['broken-only'] === true ? selected.map((invariant) => brokenOnly(config, invariant)) : selected;
  const runs = integerFlag('runs', values.runs as string | undefined, 1, MAX_RUNS) ?? DEFAULT_RUNS;
  const maxSteps = integerFlag('max-steps', values['max-steps'] as string | undefined, 1, MAX_TRACE_STEPS) ?? DEFAULT_MAX_STEPS;
  const seed = integerFlag('seed', values.seed as string | undefined, SEED_RANGE[0], SEED_RANGE[1]) ?? Math.floor(Math.random() * 2 ** 31);
  const workers = integerFlag('workers', values.workers as string | undefined, 1, MAX_WORKERS) ?? 1;
  const passStates = integerFlag('pass-states', values['pass-states'] as string | undefined, 0, Number.MAX_SAFE_INTEGER) ?? PASS_STATES_PER_RUN * runs;
  // Before any search: a finding must have somewhere to go.
  const out = outputDir('--out', values.out === undefined ? COUNTEREXAMPLES : userPath(values.out as string));
  const json = values.json === true;
  for (const warning of [...warnings, ...configWarnings(config)]) process.stderr.write(`warning: ${warning}\n`);
  setAutoFreeze(false);
  const say = (line: string): void => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  say(`${TOOL}: random check`);
  [...describeConfig(config), ...sources].forEach(say);
  say(describeInvariants(invariants));
  say(workers === 1 ? `seed ${seed}, runs ${runs}, max steps ${maxSteps}` : `seed ${seed}, runs ${runs} per worker, max steps ${maxSteps}, ${workers} workers`);
  const seeds = swarmSeeds(seed, workers);
  if (workers > 1) seeds.forEach((s, i) => say(`worker ${i}: seed ${s}`));
  const searching = tracker('searching');
  const shrinking = tracker('shrinking');
  const options: CheckOptions = {
    config,
    invariants,
    runs,
    seed,
    maxSteps,
    onProgress: (p) => searching.update(p.runs, runs * workers, `${rate(p.steps, p.elapsedMs)} steps/s`),
    onFailure: (p) => {
      searching.stop();
      process.stderr.write(`  found a violation at run ${count(p.runs)}; shrinking it\n`);
    },
    onShrink: (p) =>
      shrinking.update(p.done, p.total, p.stage === 'shrink' ? 'shrinking the schedule' : p.stage === 'minimise' ? `minimising: ${p.shortest} steps so far` : `looking for a shorter one: states`),
  };
  const swarm = workers === 1 ? null : await checkSwarm({ ...options, workers });
  const result: CheckResult = swarm ?? checkRandom(options);
  searching.stop();
  shrinking.stop();
  report(invariants, workers, result).forEach(say);
  const finding = result.finding;
  const pass = finding === null && passStates > 0 ? await exhaustivePass(config, invariants, workers, passStates, say) : null;
  const summary = (found: Summary['finding']): Summary => ({
    command: 'check',
    tool: TOOL,
    config,
    seed,
    workers,
    runs: result.runs,
    steps: result.steps,
    elapsedMs: result.elapsedMs,
    invariants: invariants.map((i) => i.name),
    pass: pass === null ? null : { states: pass.states, depth: pass.depth, complete: pass.stoppedBy === null && pass.violation === null, stoppedBy: pass.stoppedBy, elapsedMs: pass.elapsedMs },
    verdict: found === null ? 'no violation' : 'violated',
    finding: found,
  });
  if (pass?.violation != null) {
    const { steps, violation } = pass.violation;
    say(`the exhaustive pass found what the random runs did not: a shortest counterexample, ${steps.length} steps, after ${count(pass.states)} states`);
    const saved = saveAndShow(say, out, config, { steps, violation, provenance: { by: 'explore', tool: TOOL } }, invariants, json);
    if (json) process.stdout.write(`${JSON.stringify(summary({ ...saved, by: 'explore' }), null, 2)}\n`);
    return 1;
  }
  if (finding === null || finding.result.violation === null) {
    say(`verdict: no violation found (${workers === 1 ? `seed ${seed}` : `seeds ${seeds[0]} to ${seeds.at(-1)}`}) ${coverage(pass)}`);
    if (json) process.stdout.write(`${JSON.stringify(summary(null), null, 2)}\n`);
    return 0;
  }
  const winner = swarm?.winner ?? { worker: 0, seed };
  const lengths = `${finding.lengths.generated} steps as first found; ${finding.lengths.shrunk} after fast-check shrank the schedule's choices (which can lengthen it); ${finding.lengths.minimal} minimal`;
  if (swarm === null) {
    say(`found at run ${finding.runsToFind} of ${runs} (${(finding.msToFind / 1000).toFixed(2)} s); trace: ${lengths}`);
  } else {
    say(`found by worker ${winner.worker} (seed ${winner.seed}) at its run ${finding.runsToFind} (${(finding.msToFind / 1000).toFixed(2)} s); trace: ${lengths}`);
    say(`reproduce with one worker: npm run check -- ${[...withoutFlags(args, ['seed', 'workers']), '--seed', String(winner.seed), '--workers', '1'].map(shellWord).join(' ')}`);
  }
  const saved = saveAndShow(say, out, config, {
    steps: finding.result.steps,
    violation: finding.result.violation,
    provenance: { by: 'check', seed: winner.seed, runs: finding.runsToFind, tool: TOOL },
  }, invariants, json);
  if (json) process.stdout.write(`${JSON.stringify(summary({ ...saved, by: 'check', runsToFind: finding.runsToFind, lengths: finding.lengths }), null, 2)}\n`);
  return 1;
}

/** Breadth first over every state within the budgets, up to `states` of them, on `workers` threads. */
async function exhaustivePass(config: Config, invariants: readonly Invariant[], workers: number, states: number, say: (line: string) => void): Promise<ExploreResult> {
  say(`no violation in the random runs; exhaustive pass at the same budgets, up to ${count(states)} states`);
  const progress = tracker('exploring');
  const pass = await exploreOn(workers, {
    config,
    invariants,
    witnesses: WITNESSES,
    maxDepth: Infinity,
    maxStates: states,
    onProgress: (p) => progress.update(p.states, states, `states; depth ${p.depth}, ${rate(p.states, p.elapsedMs)} states/s`),
  });
  progress.stop();
  say(`exhaustive pass: ${count(pass.states)} distinct states to depth ${pass.depth} in ${(pass.elapsedMs / 1000).toFixed(1)} s (${rate(pass.states, pass.elapsedMs)} states/s)`);
  return pass;
}

await main(() => run(process.argv.slice(2)));
