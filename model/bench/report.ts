/** The bench's results, as one JSON document and as the human-readable tables printed before it. */
import type { BugFind } from './bugs.js';
import type { Load } from './load.js';
import type { Machine } from './machine.js';
import type { MemoryReport } from './memory.js';
import type { MicroResult } from './micro.js';
import { exploreStatus, randomStatus, ratioStatus, TARGETS, type LongSearches, type Target } from './targets.js';
import { fixed, heading, int, mebibytes, seconds, table } from './table.js';
import type { ExploreRun, ExploreThroughput, RandomThroughput } from './whole.js';

export interface BenchSettings {
  readonly mode: 'full' | 'quick';
  readonly micro: { readonly timeMs: number; readonly warmupMs: number };
  readonly random: { readonly seed: number; readonly runs: number };
  readonly exploreDepth: number;
  /** The time limit of each search without a depth cut; null when they are skipped (--quick). */
  readonly searchLimitMs: number | null;
  /** Null when the known bugs are skipped (--quick). */
  readonly bugExploreLimitMs: number | null;
}

export interface BenchResults {
  readonly machine: Machine;
  readonly settings: BenchSettings;
  readonly micro: readonly MicroResult[];
  readonly random: RandomThroughput;
  readonly explore: ExploreThroughput;
  readonly searches: LongSearches | null;
  readonly bugs: readonly BugFind[] | null;
  readonly memory: MemoryReport;
  /** Per phase: cores this process and other processes kept busy on average. */
  readonly load: Readonly<Record<string, Load>>;
  readonly targets: readonly Target[];
  readonly warnings: readonly string[];
  readonly totalMs: number;
}

const flagsText = (flags: readonly string[]): string => (flags.length === 0 ? '(defaults)' : flags.join(' '));

function machineLines(m: Machine, s: BenchSettings): string[] {
  return [
    `machine: ${m.cpu}, ${m.cores} cores (${m.availableParallelism} available), ${mebibytes(m.totalMemoryBytes)}; ${m.os}; Node ${m.node}`,
    `load average at start: ${m.loadAverage.join(' ')}; ${m.tool}, commit ${m.commit ?? 'unknown'}; ${m.startedAt}; mode ${s.mode}`,
  ];
}

function microLines(micro: readonly MicroResult[], s: BenchSettings): string[] {
  return [
    ...heading(`Micro-benchmarks (tinybench, ${s.micro.timeMs} ms per task after ${s.micro.warmupMs} ms warm-up; default config)`),
    ...table(
      ['operation', 'ops/s', 'mean µs', 'p50 µs', 'p99 µs', '± %', 'samples'],
      micro.map((m) => [m.name, int(m.opsPerSec), fixed(m.meanUs, 2), fixed(m.p50Us, 2), fixed(m.p99Us, 2), fixed(m.rmePercent, 1), int(m.samples)]),
    ),
  ];
}

function randomLines(r: RandomThroughput): string[] {
  return [
    ...heading('Random checker throughput (one core, every invariant)'),
    `config ${flagsText(r.flags)}, seed ${r.seed}, ${int(r.runs)} runs of up to ${r.maxSteps} steps: ${int(r.steps)} steps in ${seconds(r.ms)} = ${int(r.stepsPerSec)} steps/s` +
      (r.violation === null ? '' : `; VIOLATION ${r.violation} (the default configuration should hold)`),
    `cores busy on average: this process ${cores(r.load.ownCores)}, other processes ${cores(r.load.otherCores)}`,
  ];
}

const cores = (n: number | null): string => (n === null ? 'n/a' : fixed(n, 2));

function runRow(label: string, run: ExploreRun): string[] {
  return [
    label,
    String(run.workers),
    int(run.states),
    int(run.transitions),
    String(run.depth),
    fixed(run.ms / 1000, 1),
    int(run.statesPerSec),
    cores(run.load.ownCores),
    cores(run.load.otherCores),
    run.violation ?? run.stoppedBy ?? 'complete',
  ];
}

function exploreLines(e: ExploreThroughput): string[] {
  return [
    ...heading(`Explorer throughput (${flagsText(e.flags)}; every invariant and witness, symmetry on)`),
    ...table(RUN_COLUMNS, [runRow(`depth ${e.maxDepth}, one worker`, e.one), runRow(`depth ${e.maxDepth}, all workers`, e.all)]),
    `speed-up on ${e.all.workers} workers: ${fixed(e.speedup, 2)}x; distinct states ${e.countsEqual ? 'equal on one and all workers' : 'DIFFER between one and all workers'}`,
  ];
}

const RUN_COLUMNS = ['run', 'workers', 'states', 'transitions', 'depth', 's', 'states/s', 'own cores', 'other cores', 'ended by'];

function searchLines(searches: LongSearches | null, s: BenchSettings): string[] {
  const title = 'Searches without a depth cut (every invariant and witness, symmetry on)';
  if (searches === null) return [...heading(title), 'skipped (--quick)'];
  return [
    ...heading(`${title}, limit ${seconds(s.searchLimitMs ?? 0)} each`),
    ...table(RUN_COLUMNS, [
      runRow('the TLC question, one worker', searches.tlcOne),
      runRow('the TLC question, all workers', searches.tlcAll),
      runRow('the commit question, all workers', searches.commit),
    ]),
    `the TLC question: ${flagsText(searches.tlcOne.flags)}`,
    `the commit question: ${flagsText(searches.commit.flags)}`,
  ];
}

function bugRow(b: BugFind): string[] {
  const r = b.random;
  const found = r?.found ?? null;
  const randomCells =
    r === null
      ? [`trace only${b.trace === null ? '' : ` (${b.trace.steps} steps)`}`, '-', '-', '-']
      : found === null
        ? [`none in ${int(r.runs)} runs`, '-', seconds(r.ms), '-']
        : [`${int(found.runsToFind)}/${int(r.runs)}`, seconds(found.msToFind), seconds(found.msTotal), `${found.lengths.generated}/${found.lengths.shrunk}/${found.lengths.minimal}`];
  const e = b.explore;
  const exploreCells =
    e.shortest === null
      ? [e.stoppedBy === 'time-limit' ? `not found within ${seconds(e.timeLimitMs)}` : `not found (${e.stoppedBy ?? 'complete'})`, int(e.states), seconds(e.ms)]
      : [String(e.shortest), int(e.states), seconds(e.ms)];
  return [b.bug, b.invariant, ...randomCells, ...exploreCells, b.ratio === null ? '-' : fixed(b.ratio, 2), randomStatus(b), exploreStatus(b), ratioStatus(b)];
}

function bugLines(bugs: readonly BugFind[] | null, s: BenchSettings): string[] {
  const title = 'Known bugs: time to the first counterexample';
  if (bugs === null) return [...heading(title), 'skipped (--quick)'];
  return [
    ...heading(`${title} (random: the row's seed and runs; explore: one worker, limit ${seconds(s.bugExploreLimitMs ?? 0)})`),
    ...table(
      ['bug', 'invariant', 'random runs', 'find', 'total', 'gen/shrunk/min', 'shortest', 'states', 'explore', 'min/short', `rnd<${TARGETS.bugRandomMs / 1000}s`, `exp<${TARGETS.bugExploreMs / 1000}s`, `<=${TARGETS.lengthRatio}x`],
      bugs.map(bugRow),
    ),
    'random: runs to the first failure / the row\'s runs; find = time to it; total = with shrinking and minimising; lengths generated/shrunk/minimal.',
  ];
}

function memoryLines(m: MemoryReport): string[] {
  return [
    ...heading('Memory'),
    `peak RSS (process, all threads): ${mebibytes(m.maxRssBytes)}; peak heap used (main thread, sampled): ${mebibytes(m.peakHeapUsedBytes)} during ${m.peakHeapPhase}`,
  ];
}

function loadLines(load: Readonly<Record<string, Load>>): string[] {
  return [
    ...heading('Load (cores kept busy on average; other processes skew every figure)'),
    ...table(['phase', 's', 'this process', 'other processes'], Object.entries(load).map(([name, l]) => [name, fixed(l.wallMs / 1000, 1), cores(l.ownCores), cores(l.otherCores)])),
  ];
}

function targetLines(targets: readonly Target[]): string[] {
  return [...heading('Targets'), ...table(['target', 'required', 'measured', 'status'], targets.map((t) => [t.name, t.required, t.measured, t.status]))];
}

export function render(results: BenchResults): string[] {
  return [
    ...machineLines(results.machine, results.settings),
    ...microLines(results.micro, results.settings),
    ...randomLines(results.random),
    ...exploreLines(results.explore),
    ...searchLines(results.searches, results.settings),
    ...bugLines(results.bugs, results.settings),
    ...memoryLines(results.memory),
    ...loadLines(results.load),
    ...targetLines(results.targets),
    ...results.warnings.flatMap((w) => ['', `!!! WARNING: ${w}`]),
    '',
    `bench finished in ${seconds(results.totalMs)}`,
  ];
}
