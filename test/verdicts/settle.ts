/**
 * Settles one verdict row the way the command line does: its flags through the CLI's parser, the
 * random checker with the row's seed and runs, and, where the row names one, its saved trace replayed.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Config } from '../../spec/config.js';
import { INVARIANTS, invariantNamed, type Invariant } from '../../properties/index.js';
import { judge } from '../../properties/judge.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../../model/check/check.js';
import { configFromArgs } from '../../model/config/flags.js';
import { replayTrace } from '../../model/trace/replay.js';
import { loadTrace } from '../../model/trace/trace.js';
import { VERDICTS, verdictRow, type VerdictRow } from '../../model/verdicts/verdicts.js';

export function rowConfig(row: VerdictRow): Config {
  return configFromArgs(row.flags);
}

/** A verdict row's configuration and the invariant it asks about, for a search of its question. */
export function rowQuestion(id: string): { config: Config; invariants: Invariant[] } {
  const row = verdictRow(id);
  return { config: rowConfig(row), invariants: [invariantNamed(row.invariant)] };
}

/** One configuration per distinct set of flags among the verdict rows: every era, fault and client. */
export function verdictConfigs(): Config[] {
  return [...new Map(VERDICTS.map((row) => [row.flags.join(' '), row] as const)).values()].map(rowConfig);
}

/** The tests of one row: the random search agrees with it, and so does its saved trace. */
export function settle(row: VerdictRow): void {
  it('is settled by random runs or by a saved trace', () => {
    expect(row.check !== undefined || (row.expected === 'violated' && row.trace !== undefined)).toBe(true);
  });
  const runs = row.check;
  if (runs !== undefined) {
    it(`${row.id}: ${row.everyInvariant === true ? 'every invariant' : row.invariant} ${row.expected} (${row.flags.join(' ') || 'defaults'})`, () => {
      const config = rowConfig(row);
      const invariants = row.everyInvariant === true ? INVARIANTS : [invariantNamed(row.invariant)];
      const result = checkRandom({ config, invariants, runs: runs.runs, seed: runs.seed, maxSteps: DEFAULT_MAX_STEPS });
      if (row.expected === 'holds') {
        expect(result.finding, `found ${result.finding?.result.violation?.message}`).toBeNull();
        return;
      }
      const finding = result.finding;
      expect(finding?.result.violation?.invariant, 'no violation found').toBe(row.invariant);
      if (finding !== null && row.judged !== undefined) {
        expect(judge(config, row.invariant, finding.result.final).judged).toBe(row.judged);
      }
    });
  }
  if (row.trace === undefined) return;
  // A trace saved under wider budgets than the row's (the row's were cut to the smallest that show
  // it) is replayed under the row's own configuration: its steps must fit the row's budgets.
  it(`${row.id}: the saved trace ${row.trace} reproduces it within the row's budgets`, () => {
    const saved = loadTrace(join(import.meta.dirname, '..', '..', 'counterexamples', row.trace ?? ''));
    const config = rowConfig(row);
    expect({ ...saved.config, budgets: config.budgets }).toEqual(config);
    const result = replayTrace({ ...saved, config }, [invariantNamed(row.invariant)]);
    expect(result.reproduced).toBe(true);
    expect(result.firstViolations.map((v) => v.invariant)).toEqual([row.invariant]);
    const final = result.steps.at(-1)?.state;
    if (final !== undefined && row.judged !== undefined) expect(judge(config, row.invariant, final).judged).toBe(row.judged);
  });
}
