/**
 * Mutation tests: every guard tagged `// CHECK:` in spec/ is removed by its switch, and the checker must
 * then find a violation of the invariant the guard protects, and find none with the guard in place;
 * or the guard's entry says why the model cannot observe it (model/verdicts/mutations.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setAutoFreeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { invariantNamed } from '../properties/index.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../model/check/check.js';
import { configFromArgs } from '../model/config/flags.js';
import { MUTATIONS } from '../model/verdicts/mutations.js';
import { replayTrace } from '../model/trace/replay.js';
import { loadTrace } from '../model/trace/trace.js';

setAutoFreeze(false);

const specDir = join(import.meta.dirname, '..', 'spec');

/** The switch each `// CHECK:` tag guards: the first isOn(...) on the tag's line or the two after it. */
function checkTags(): { file: string; guard: string }[] {
  const files = readdirSync(specDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  return files.flatMap((file) => {
    const lines = readFileSync(join(specDir, file), 'utf8').split('\n');
    return lines.flatMap((line, index) => {
      if (!/^\s*\/\/ CHECK:/.test(line)) return [];
      const guard = lines.slice(index, index + 3).join('\n').match(/isOn\([^,]+, '([^']+)'\)/)?.[1];
      return [{ file, guard: guard ?? `(no switch after the CHECK tag at line ${index + 1})` }];
    });
  });
}

describe('every CHECK-tagged guard', () => {
  const tags = checkTags();
  it('exists, and each is a named switch', () => {
    expect(tags.length).toBeGreaterThanOrEqual(10);
  });
  it.each(tags)('$guard ($file) has a mutation entry', ({ guard }) => {
    expect(MUTATIONS.map((m) => m.guard)).toContain(guard);
  });
});

const config = configFromArgs;

describe.each(MUTATIONS)('removing $guard', (mutation) => {
  if (!('flags' in mutation)) {
    it('is unobservable, and says why', () => {
      expect(mutation.unobservable.length).toBeGreaterThan(40);
    });
    return;
  }
  const invariants = [invariantNamed(mutation.invariant)];
  const removed = config([...mutation.flags, '--without-fix', mutation.guard]);
  const { found, kept } = mutation;
  if ('trace' in found) {
    it(`lets the saved counterexample ${found.trace} violate ${mutation.invariant}, which the guard blocks`, () => {
      const trace = loadTrace(join(import.meta.dirname, '..', 'counterexamples', found.trace));
      expect(trace.config).toEqual(removed);
      expect(replayTrace(trace, invariants).firstViolations.map((v) => v.invariant)).toEqual([mutation.invariant]);
      expect(replayTrace({ ...trace, config: config(mutation.flags) }, invariants).firstViolations).toEqual([]);
    });
  } else {
    it(`lets the checker violate ${mutation.invariant}`, () => {
      const result = checkRandom({ config: removed, invariants, runs: found.runs, seed: found.seed, maxSteps: DEFAULT_MAX_STEPS });
      expect(result.finding?.result.violation?.invariant).toBe(mutation.invariant);
    });
  }
  it(`while with the guard in place ${mutation.invariant} holds`, () => {
    expect(checkRandom({ config: config(mutation.flags), invariants, runs: kept.runs, seed: kept.seed, maxSteps: DEFAULT_MAX_STEPS }).finding).toBeNull();
  });
});
