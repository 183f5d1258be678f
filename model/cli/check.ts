/**
 * `npm run check -- <flags>`: random checking of one configuration. Prints the config, the seed,
 * progress, and a summary; saves and prints the shrunk counterexample. Exit 0 when nothing is violated,
 * 1 when a violation was found and saved, 2 on bad input.
 */
import { setAutoFreeze } from 'immer';
import { configWarnings, type Config } from '../../spec/config.js';
import type { Invariant } from '../../properties/index.js';
import { checkRandom, type CheckResult } from '../check.js';
import { erasTable, fixesList } from '../eras-table.js';
import { TOOL } from '../version.js';
import { describeInvariants, FINDING_OPTIONS, saveAndShow, selectInvariants, verdictLine } from './finding.js';
import { CONFIG_OPTIONS, configFromFlags, describeConfig, integerFlag, main, parse } from './options.js';

const OPTIONS = {
  ...CONFIG_OPTIONS,
  ...FINDING_OPTIONS,
  runs: { type: 'string' },
  seed: { type: 'string' },
  'max-steps': { type: 'string' },
  'list-eras': { type: 'boolean', default: false },
} as const;

export const DEFAULT_RUNS = 5000;
export const DEFAULT_MAX_STEPS = 50;

const rate = (steps: number, ms: number): string => Math.round(steps / Math.max(ms / 1000, 0.001)).toLocaleString('en-US');

function report(config: Config, invariants: readonly Invariant[], seed: number, result: CheckResult): string[] {
  const lines = [`summary: ${result.runs.toLocaleString('en-US')} runs, ${result.steps.toLocaleString('en-US')} steps in ${(result.elapsedMs / 1000).toFixed(1)} s (${rate(result.steps, result.elapsedMs)} steps/s)`];
  const violation = result.finding?.result.violation ?? null;
  const width = Math.max(...invariants.map((i) => i.name.length));
  for (const invariant of invariants) {
    lines.push(`  ${invariant.name.padEnd(width)}  ${invariant.name === violation?.invariant ? 'VIOLATED' : `not violated in ${result.runs.toLocaleString('en-US')} runs`}`);
  }
  if (violation === null || result.finding === null) {
    lines.push(`verdict: no violation found (seed ${seed})`);
    return lines;
  }
  lines.push(verdictLine(config, violation, result.finding.result.final));
  return lines;
}

async function run(args: readonly string[]): Promise<number> {
  const { values } = parse(args, OPTIONS);
  if (values['list-eras'] === true) {
    process.stdout.write(`${erasTable()}\n\n${fixesList()}\n`);
    return 0;
  }
  const config = configFromFlags(values);
  const invariants = selectInvariants(values.invariant as string[] | undefined);
  const runs = integerFlag('runs', values.runs as string | undefined, 1) ?? DEFAULT_RUNS;
  const maxSteps = integerFlag('max-steps', values['max-steps'] as string | undefined, 1) ?? DEFAULT_MAX_STEPS;
  const seed = integerFlag('seed', values.seed as string | undefined, -(2 ** 31)) ?? Math.floor(Math.random() * 2 ** 31);
  for (const warning of configWarnings(config)) process.stderr.write(`warning: ${warning}\n`);
  setAutoFreeze(false);
  const out = (line: string): boolean => process.stdout.write(`${line}\n`);
  out(`${TOOL}: random check`);
  describeConfig(config).forEach(out);
  out(describeInvariants(invariants));
  out(`seed ${seed}, runs ${runs}, max steps ${maxSteps}`);
  const result = checkRandom({
    config,
    invariants,
    runs,
    seed,
    maxSteps,
    onProgress: (p) => {
      const eta = p.runs > 0 ? ((runs - p.runs) * p.elapsedMs) / p.runs / 1000 : 0;
      process.stderr.write(`  ... ${p.runs.toLocaleString('en-US')}/${runs.toLocaleString('en-US')} runs, ${rate(p.steps, p.elapsedMs)} steps/s, eta ${eta.toFixed(0)} s\n`);
    },
  });
  report(config, invariants, seed, result).forEach(out);
  const finding = result.finding;
  if (finding === null || finding.result.violation === null) return 0;
  out(`found after ${finding.runsToFind} runs (${(finding.msToFind / 1000).toFixed(2)} s); trace length: generated ${finding.lengths.generated}, shrunk ${finding.lengths.shrunk}, minimal ${finding.lengths.minimal}`);
  saveAndShow(out, values.out as string, config, {
    steps: finding.result.steps,
    violation: finding.result.violation,
    provenance: { by: 'check', seed, runs: finding.runsToFind, tool: TOOL },
  }, invariants);
  return 1;
}

await main(() => run(process.argv.slice(2)));
