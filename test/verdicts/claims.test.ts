/** The verdict rows that are not a known bug's: the seed's claims in the default era. */
import { setAutoFreeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS, VERDICTS } from '../../model/verdicts/verdicts.js';
import { settle } from './settle.js';

setAutoFreeze(false);

const ofBugs = new Set(KNOWN_BUGS.flatMap((bug) => [bug.present, ...bug.fixed]));

describe('the seed’s claims', () => {
  for (const row of VERDICTS.filter((candidate) => !ofBugs.has(candidate.id))) settle(row);
});

describe('the verdict table', () => {
  it('has unique row ids, each a violated row with a judgement, each with its source', () => {
    expect(new Set(VERDICTS.map((row) => row.id)).size).toBe(VERDICTS.length);
    for (const row of VERDICTS) {
      expect(row.source).toMatch(/^https:\/\//);
      expect(row.expected === 'violated' ? row.judged : 'none').not.toBeUndefined();
      expect(row.everyInvariant === undefined || row.expected === 'holds').toBe(true);
    }
  });
});
