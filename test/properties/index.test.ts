import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { consistentRead } from '../../properties/consistent-read.js';
import { flushedWithinLog } from '../../properties/flushed-within-log.js';
import {
  INVARIANT_NAMES,
  INVARIANTS,
  WITNESSES,
  firstViolation,
  invariantNamed,
  judgeViolation,
} from '../../properties/index.js';
import { leaderInIsr } from '../../properties/leader-in-isr.js';
import { judgeViolation as judgementFromFile } from '../../properties/judgement.js';
import { edit, run, start } from '../builders.js';
import { UNCLEAN, uncleanElectionLosesW0 } from '../stories.js';

/** The `.ts` files of a folder of properties/, without extension. */
function modules(folder: string): string[] {
  const dir = fileURLToPath(new URL(`../../properties/${folder}`, import.meta.url));
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length));
}

/** The registry's helper modules, which define no invariant. */
const NOT_INVARIANTS = ['delivery', 'index', 'invariant', 'judge', 'judgement', 'leader'];

describe('the registry', () => {
  it('names every invariant once', () => {
    expect(new Set(INVARIANT_NAMES).size).toBe(INVARIANTS.length);
    expect(INVARIANT_NAMES).toEqual(INVARIANTS.map((invariant) => invariant.name));
  });

  it('names every witness once', () => {
    const names = WITNESSES.map((witness) => witness.name);
    expect(new Set(names).size).toBe(WITNESSES.length);
  });

  it('registers one invariant per file of properties/, named after it', () => {
    const files = modules('').filter((name) => !NOT_INVARIANTS.includes(name));
    expect([...INVARIANT_NAMES].sort()).toEqual(files.sort());
  });

  it('registers one witness per file of properties/witnesses/, named after it', () => {
    const files = modules('witnesses').filter((name) => name !== 'witness');
    expect(WITNESSES.map((witness) => witness.name).sort()).toEqual(files.sort());
  });

  it('gives every invariant a statement and a source, and sanity ones are promised always', () => {
    for (const invariant of INVARIANTS) {
      expect(invariant.statement, invariant.name).not.toBe('');
      expect(invariant.source, invariant.name).not.toBe('');
      if (invariant.kind === 'sanity') expect(invariant.promised, invariant.name).toBe('always');
    }
  });

  it('re-exports the judgement', () => {
    expect(judgeViolation).toBe(judgementFromFile);
  });
});

describe('invariantNamed', () => {
  it('finds an invariant by name', () => {
    expect(invariantNamed('acked-never-lost')).toBe(ackedNeverLost);
    expect(invariantNamed('consistent-read')).toBe(consistentRead);
  });

  it('throws for an unknown name, naming the known ones', () => {
    expect(() => invariantNamed('acked-never-lots')).toThrow(
      `unknown invariant "acked-never-lots" (known: ${INVARIANT_NAMES.join(', ')})`,
    );
    expect(() => invariantNamed('')).toThrow(/known: acked-never-lost, log-matching, .*flushed-within-log\)$/);
  });
});

describe('firstViolation', () => {
  /** Hand-built: leader b2 outside the ISR, and b1 claiming a flushed record it does not hold. */
  const twoSanityViolations = edit(start(), (draft) => {
    draft.partitions['data-0']!.record.leader = 2;
    draft.partitions['data-0']!.record.isr = [0, 1];
    draft.partitions['data-0']!.replicas[1]!.flushed = 1;
  });

  it('is null when every invariant holds', () => {
    expect(firstViolation(start())).toBeNull();
  });

  it('returns the first violated invariant in registry order, with its message', () => {
    expect(firstViolation(twoSanityViolations)).toEqual({
      invariant: leaderInIsr,
      message: 'leader b2 is not in the ISR [0, 1]',
    });
  });

  it('follows the order of the list it is given', () => {
    expect(firstViolation(twoSanityViolations, [flushedWithinLog, leaderInIsr])).toEqual({
      invariant: flushedWithinLog,
      message: 'b1 has flushed 1 above its LEO 0',
    });
  });

  it('checks only the invariants it is given', () => {
    expect(firstViolation(twoSanityViolations, [ackedNeverLost, consistentRead])).toBeNull();
  });

  it('reports acked-never-lost before consistent-read after an unclean election', () => {
    const end = run(start(UNCLEAN), uncleanElectionLosesW0);
    expect(consistentRead.check(end)).not.toBeNull();
    expect(firstViolation(end)?.invariant).toBe(ackedNeverLost);
    expect(firstViolation(end)?.message).toMatch(/^w0 \(acks=all\) was acknowledged at offset 0 by b0, but leader b1/);
  });
});
