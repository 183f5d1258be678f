/**
 * Every saved counterexample, found by glob, replays to the verdict it records, and the label of every
 * saved loss is re-derived from its run: an excuse names something the run did, and a broken promise
 * needs a fix missing from the run. A new file in counterexamples/ is picked up without touching this suite.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayTrace } from '../model/trace/replay.js';
import { loadTrace } from '../model/trace/trace.js';
import { invariantNamed } from '../properties/index.js';
import { judge } from '../properties/judge.js';
import { ERAS } from '../spec/eras/index.js';
import { DEFAULT_ERA } from '../spec/eras/names.js';

const dir = join(import.meta.dirname, '..', 'counterexamples');
const files = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

describe('saved counterexamples', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  it.each(files)('%s reproduces its recorded verdict', (name) => {
    const trace = loadTrace(join(dir, name));
    const result = replayTrace(trace);
    expect(result.verdict).toMatch(/^(reproduced|holds)/);
    expect(result.reproduced).toBe(true);
  });
});

/**
 * Each saved trace's first violation of each durability invariant, judged on the state there; `recorded`
 * marks the one the trace records (its loss).
 */
const judged = files.flatMap((name) => {
  const trace = loadTrace(join(dir, name));
  const recorded = trace.violation?.invariant ?? (trace.expect?.verdict === 'violated' ? trace.expect.invariant : undefined);
  const replayed = replayTrace(trace);
  return replayed.firstViolations.flatMap(({ invariant, step }) => {
    if (invariantNamed(invariant).promised !== 'durability') return [];
    const state = step === -1 ? replayed.initial : replayed.steps[step]?.state;
    return state === undefined ? [] : [{ name, invariant, recorded: invariant === recorded, trace, judgement: judge(trace.config, invariant, state), state }];
  });
});

/** The saved traces that end in a violation of a durability invariant, at that step. */
const losses = judged.filter((j) => j.recorded);

/** The fixes the run lacks: an older era's, or one it removed. */
function missingFixes(trace: (typeof judged)[number]['trace']): string[] {
  return [...ERAS[DEFAULT_ERA].fixes.filter((fix) => !ERAS[trace.config.era].fixes.includes(fix)), ...trace.config.withoutFixes];
}

describe('the label of every saved loss, re-derived from its run', () => {
  it('covers losses of both kinds', () => {
    expect(losses.filter((l) => l.judgement.judged === 'allowed').length).toBeGreaterThan(10);
    expect(losses.filter((l) => l.judgement.judged === 'broken').length).toBeGreaterThan(5);
  });

  it.each(losses.map((l) => [l.name, l] as const))('%s', (_, { trace, judgement, state }) => {
    const steps = trace.steps.map((step) => JSON.stringify(step));
    const took = (kind: string, broker: string): boolean => steps.some((s) => s.includes(`"kind":"${kind}"`) && s.includes(`"broker":${broker}`));
    if (judgement.judged === 'broken') {
      // Kafka breaks its promise only where a fix is missing: an older era's, or one the run removed.
      expect(missingFixes(trace), judgement.reason).not.toEqual([]);
      return;
    }
    const unclean = /unclean election of b(\d+)/.exec(judgement.reason);
    const powerLoss = /b(\d+)'s power loss/.exec(judgement.reason);
    const diskLoss = /b(\d+)'s replaced disk/.exec(judgement.reason);
    const acks = /acknowledged under acks=([01])/.exec(judgement.reason);
    if (unclean !== null) {
      expect(took('controllerElectLeader', unclean[1] ?? '') || took('adminElectLeaders', unclean[1] ?? '')).toBe(true);
      expect(Object.values(state.partitions).some((p) => p.ghost.events.uncleanElection)).toBe(true);
    } else if (powerLoss !== null) {
      expect(took('brokerPowerLoss', powerLoss[1] ?? '')).toBe(true);
    } else if (diskLoss !== null) {
      expect(took('brokerReplaceDisk', diskLoss[1] ?? '')).toBe(true);
    } else if (acks !== null) {
      expect(steps.some((s) => s.includes('"kind":"producerSend"') && s.includes(`"acks":${acks[1]}`))).toBe(true);
    } else if (judgement.reason.startsWith('at most once by choice')) {
      expect(trace.config.commitDiscipline).toBe('before-processing');
      expect(steps.some((s) => s.includes('"kind":"consumerRestart"'))).toBe(true);
    } else {
      expect(judgement.reason).toMatch(/retention|auto\.offset\.reset=latest/);
      expect(trace.config.budgets.retention > 0 || trace.config.autoOffsetReset === 'latest').toBe(true);
    }
  });
});

describe('every durability invariant a saved trace violates, judged at its first violation', () => {
  it('covers strong-isr’s gaps of both kinds', () => {
    const gaps = judged.filter((j) => j.invariant === 'strong-isr');
    expect(gaps.filter((j) => j.judgement.judged === 'allowed').length).toBeGreaterThan(5);
    expect(gaps.filter((j) => j.judgement.judged === 'broken').length).toBeGreaterThan(5);
  });

  it('breaks a promise only where a fix is missing from the run', () => {
    const unexplained = judged.filter(({ trace, judgement }) => judgement.judged === 'broken' && missingFixes(trace).length === 0);
    expect(unexplained.map((j) => `${j.name}: ${j.invariant}: ${j.judgement.reason}`)).toEqual([]);
  });
});
