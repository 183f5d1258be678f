/**
 * `npm run check -- <flags>`: random checking of one configuration. Prints the config, the seed,
 * progress, and a summary; saves and prints the shrunk counterexample. Exit 0 when nothing is violated,
 * 1 when a violation was found and saved, 2 on bad input.
 */
import { setAutoFreeze } from 'immer';
import { configWarnings, type Config } from '../../spec/config.js';
import type { Invariant } from '../../properties/index.js';
import { checkRandom, DEFAULT_MAX_STEPS, DEFAULT_RUNS, type CheckOptions, type CheckResult } from '../check/check.js';
import { erasTable, fixesList } from '../docs/eras-table.js';
import { checkSwarm, swarmSeeds } from '../check/swarm.js';
import { TOOL } from '../version.js';
import { CONFIG_OPTIONS, integerFlag, loadConfig } from '../config/flags.js';
import { main, parse } from '../config/usage.js';
import { describeConfig, describeInvariants, FINDING_OPTIONS, saveAndShow, selectInvariants, verdictLine } from './search.js';

const OPTIONS = {
  ...CONFIG_OPTIONS,
  ...FINDING_OPTIONS,
  runs: { type: 'string' },
  seed: { type: 'string' },
  'max-steps': { type: 'string' },
  workers: { type: 'string' },
  'list-eras': { type: 'boolean', default: false },
} as const;


const rate = (steps: number, ms: number): string => Math.round(steps / Math.max(ms / 1000, 0.001)).toLocaleString('en-US');

function report(config: Config, invariants: readonly Invariant[], seeds: string, workers: number, result: CheckResult): string[] {
  const lines = [`summary: ${result.runs.toLocaleString('en-US')} runs, ${result.steps.toLocaleString('en-US')} steps in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate(result.steps, result.elapsedMs)} steps/s)${workers === 1 ? '' : ` across ${workers} workers`}`];
  const violation = result.finding?.result.violation ?? null;
  const width = Math.max(...invariants.map((i) => i.name.length));
  for (const invariant of invariants) {
    lines.push(`  ${invariant.name.padEnd(width)}  ${invariant.name === violation?.invariant ? 'VIOLATED' : `not violated in ${result.runs.toLocaleString('en-US')} runs`}`);
  }
  if (violation === null || result.finding === null) {
    lines.push(`verdict: no violation found (${seeds})`);
    return lines;
  }
  lines.push(verdictLine(config, violation, result.finding.result.final));
  return lines;
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

async function run(args: readonly string[]): Promise<number> {
  const { values } = parse(args, OPTIONS);
  if (values['list-eras'] === true) {
    process.stdout.write(`${erasTable()}\n\n${fixesList()}\n`);
    return 0;
  }
  const { config, sources } = loadConfig(values);
  const invariants = selectInvariants(values.invariant as string[] | undefined);
  const runs = integerFlag('runs', values.runs as string | undefined, 1) ?? DEFAULT_RUNS;
  const maxSteps = integerFlag('max-steps', values['max-steps'] as string | undefined, 1) ?? DEFAULT_MAX_STEPS;
  const seed = integerFlag('seed', values.seed as string | undefined, -(2 ** 31)) ?? Math.floor(Math.random() * 2 ** 31);
  const workers = integerFlag('workers', values.workers as string | undefined, 1) ?? 1;
  for (const warning of configWarnings(config)) process.stderr.write(`warning: ${warning}\n`);
  setAutoFreeze(false);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`${TOOL}: random check`);
  [...describeConfig(config), ...sources].forEach(out);
  out(describeInvariants(invariants));
  out(workers === 1 ? `seed ${seed}, runs ${runs}, max steps ${maxSteps}` : `seed ${seed}, runs ${runs} per worker, max steps ${maxSteps}, ${workers} workers`);
  const seeds = swarmSeeds(seed, workers);
  if (workers > 1) seeds.forEach((s, i) => out(`worker ${i}: seed ${s}`));
  const options: CheckOptions = {
    config,
    invariants,
    runs,
    seed,
    maxSteps,
    onProgress: (p) => {
      const eta = p.runs > 0 ? ((runs * workers - p.runs) * p.elapsedMs) / p.runs / 1000 : 0;
      process.stderr.write(`  ... ${p.runs.toLocaleString('en-US')}/${(runs * workers).toLocaleString('en-US')} runs, ${rate(p.steps, p.elapsedMs)} steps/s, eta ${eta.toFixed(0)} s\n`);
    },
  };
  const swarm = workers === 1 ? null : await checkSwarm({ ...options, workers });
  const result: CheckResult = swarm ?? checkRandom(options);
  report(config, invariants, workers === 1 ? `seed ${seed}` : `seeds ${seeds[0]} to ${seeds.at(-1)}`, workers, result).forEach(out);
  const finding = result.finding;
  if (finding === null || finding.result.violation === null) return 0;
  const winner = swarm?.winner ?? { worker: 0, seed };
  const trace = `trace length: generated ${finding.lengths.generated}, shrunk ${finding.lengths.shrunk}, minimal ${finding.lengths.minimal}`;
  if (swarm === null) {
    out(`found after ${finding.runsToFind} runs (${(finding.msToFind / 1000).toFixed(2)} s); ${trace}`);
  } else {
    out(`found by worker ${winner.worker} (seed ${winner.seed}) after ${finding.runsToFind} of its runs (${(finding.msToFind / 1000).toFixed(2)} s); ${trace}`);
    out(`reproduce with one worker: npm run check -- ${[...withoutFlags(args, ['seed', 'workers']), '--seed', String(winner.seed), '--workers', '1'].map(shellWord).join(' ')}`);
  }
  saveAndShow(out, values.out as string, config, {
    steps: finding.result.steps,
    violation: finding.result.violation,
    provenance: { by: 'check', seed: winner.seed, runs: finding.runsToFind, tool: TOOL },
  }, invariants);
  return 1;
}

await main(() => run(process.argv.slice(2)));
