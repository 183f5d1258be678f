/**
 * `npm run bench [-- --quick] [--json-out FILE] [--force]`: micro-benchmarks, the random checker's and
 * the explorer's throughput, searches without a depth cut (the question TLC answers in 80 s, on one
 * worker and all; the commit question on all), the time to find each known bug,
 * peak memory, and the targets next to the figures. Prints a table, then the results as JSON
 * (or writes the JSON to FILE). Progress goes to stderr. `--quick` runs the micro-benchmarks and short
 * throughput runs only (about 30 s); the full bench takes several minutes. Not part of `npm test`.
 */
import { setAutoFreeze } from 'immer';
import { main, parseCommand, userPath, type CommandSpec } from '../config/command.js';
import { outputFile, writeOutput } from '../config/output.js';
import { DEFAULT_RUNS } from '../check/check.js';
import { bugFinds } from './bugs.js';
import { machine } from './machine.js';
import { loadMeter, type Load } from './load.js';
import { defaultWorkers } from '../workers/spawn.js';
import { enterPhase, memoryReport } from './memory.js';
import { microBenchmarks } from './micro.js';
import { render, type BenchResults, type BenchSettings } from './report.js';
import { targets } from './targets.js';
import { COMMIT_QUESTION_FLAGS, exploreThroughput, randomThroughput, searchRun, TLC_QUESTION_CHECKS, TLC_QUESTION_FLAGS } from './whole.js';

const BENCH: CommandSpec = {
  name: 'bench',
  summary: "Measures speed: micro-benchmarks, the checkers' throughput, the question TLC answers and the commit question searched completely, the time to each known bug, memory; then the targets next to the figures.",
  options: [
    { flags: '--quick', description: 'micro-benchmarks and short throughput runs only (about 30 s)', default: false },
    { flags: '--json-out <file>', description: 'write the results as JSON here instead of printing them', defaultText: 'printed after the table' },
    { flags: '--force', description: 'replace an existing --json-out file', default: false },
  ],
  examples: ['npm run bench -- --quick', 'npm run bench -- --json-out bench.json'],
  exits: '0 measured (the targets are reported, not enforced)',
};

/**
 * Sized on a 2-core machine: the random run is `npm run check`'s default (5,000 runs, 4 to 6 s: the
 * rate a user sees, where 1,500 runs measured mostly the JIT's warm-up), the explorer's fixed depth
 * about 10 s on one worker, each search without a depth cut at most 90 s, each known bug at most 10 s
 * per checker.
 */
const FULL: BenchSettings = {
  mode: 'full',
  micro: { timeMs: 1000, warmupMs: 250 },
  random: { seed: 1, runs: DEFAULT_RUNS },
  exploreDepth: 8,
  searchLimitMs: 90_000,
  bugExploreLimitMs: 10_000,
};

const QUICK: BenchSettings = {
  mode: 'quick',
  micro: { timeMs: 200, warmupMs: 50 },
  random: { seed: 1, runs: 300 },
  exploreDepth: 7,
  searchLimitMs: null,
  bugExploreLimitMs: null,
};

/** Cores kept busy by other processes, on average over a phase, from which the bench warns. */
const BUSY_CORES = 0.25;

const progress = (line: string): void => {
  process.stderr.write(`bench: ${line}\n`);
};

async function run(args: readonly string[]): Promise<number> {
  const parsed = parseCommand(BENCH, args);
  if (parsed === null) return 0;
  const { values } = parsed;
  const settings = values.quick === true ? QUICK : FULL;
  const force = values.force === true;
  const jsonFile = typeof values['json-out'] === 'string' ? outputFile('--json-out', userPath(values['json-out']), force) : undefined;
  setAutoFreeze(false);
  const started = Date.now();
  const host = machine();
  const total = loadMeter();
  const loads: Record<string, Load> = {};

  enterPhase('micro-benchmarks');
  progress('micro-benchmarks');
  const microLoad = loadMeter();
  const micro = await microBenchmarks(settings.micro);
  loads.micro = microLoad();

  enterPhase('random throughput');
  progress(`random checker, default config, seed ${settings.random.seed}, ${settings.random.runs} runs`);
  const random = randomThroughput(settings.random.seed, settings.random.runs);
  loads.random = random.load;

  enterPhase('explore throughput');
  progress(`explorer, anchor config to depth ${settings.exploreDepth}, one worker then all`);
  const exploring = await exploreThroughput(settings.exploreDepth);
  loads['explore, one worker'] = exploring.one.load;
  loads['explore, all workers'] = exploring.all.load;

  let searches = null;
  if (settings.searchLimitMs !== null) {
    const limit = settings.searchLimitMs;
    const workers = defaultWorkers();
    enterPhase('the TLC question');
    progress(`explorer, the TLC question (${TLC_QUESTION_FLAGS.join(' ')}, checking strong-isr), one worker then ${workers}, limit ${limit / 1000} s each`);
    const tlcOne = await searchRun(TLC_QUESTION_FLAGS, 1, limit, TLC_QUESTION_CHECKS);
    loads['the TLC question, one worker'] = tlcOne.load;
    const tlcAll = await searchRun(TLC_QUESTION_FLAGS, workers, limit, TLC_QUESTION_CHECKS);
    loads['the TLC question, all workers'] = tlcAll.load;
    enterPhase('the commit question');
    progress(`explorer, the commit question (${COMMIT_QUESTION_FLAGS.join(' ')}), ${workers} workers, limit ${limit / 1000} s`);
    const commit = await searchRun(COMMIT_QUESTION_FLAGS, workers, limit);
    loads['the commit question'] = commit.load;
    searches = { tlcOne, tlcAll, commit };
  }

  let bugs = null;
  if (settings.bugExploreLimitMs !== null) {
    enterPhase('known bugs');
    const bugsLoad = loadMeter();
    bugs = bugFinds(settings.bugExploreLimitMs, (row) => progress(`known bug ${row}`));
    loads['known bugs'] = bugsLoad();
  }
  loads.total = total();

  const warnings: string[] = [];
  if (!exploring.countsEqual) {
    warnings.push(
      `one worker counted ${exploring.one.states} states to depth ${exploring.one.depth}, ${exploring.all.workers} workers ${exploring.all.states} to depth ${exploring.all.depth}: the parallel explorer must count exactly the same`,
    );
  }
  const busiest = Object.entries(loads).reduce<[string, Load] | null>((most, entry) => ((entry[1].otherCores ?? 0) > (most?.[1].otherCores ?? 0) ? entry : most), null);
  if (busiest !== null && (busiest[1].otherCores ?? 0) >= BUSY_CORES) {
    warnings.push(
      `other processes kept ${loads.total?.otherCores ?? '?'} of ${host.cores} cores busy on average (${busiest[1].otherCores} during ${busiest[0]}): ` +
        'every figure is understated, the parallel speed-up most',
    );
  }
  if (random.violation !== null) warnings.push(`the random checker found ${random.violation} violated in the default configuration`);
  const results: BenchResults = {
    machine: host,
    settings,
    micro,
    random,
    explore: exploring,
    searches,
    bugs,
    memory: memoryReport(),
    load: loads,
    targets: targets(random, exploring, searches, bugs),
    warnings,
    totalMs: Date.now() - started,
  };
  for (const warning of warnings) process.stderr.write(`\n!!! WARNING: ${warning}\n\n`);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  render(results).forEach(out);
  const json = JSON.stringify(results, null, 2);
  if (jsonFile === undefined) {
    out('');
    out(json);
  } else {
    writeOutput('--json-out', jsonFile, `${json}\n`, force);
    out(`results written to ${jsonFile}`);
  }
  return 0;
}

await main(() => run(process.argv.slice(2)));
