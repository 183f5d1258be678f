/** The known bugs: each present where Kafka had it, absent where it was fixed (model/verdicts/verdicts.ts). */
import { setAutoFreeze } from 'immer';
import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS, verdictRow } from '../../model/verdicts/verdicts.js';
import { settle } from './settle.js';

setAutoFreeze(false);

describe.each(KNOWN_BUGS)('$title', (bug) => {
  it('is shown present by a violated row and fixed by holding or allowed rows', () => {
    expect(verdictRow(bug.present).expected).toBe('violated');
    for (const id of bug.fixed) {
      const row = verdictRow(id);
      expect(row.expected === 'holds' || row.judged === 'allowed' || row.flags.includes('--without-fix')).toBe(true);
    }
  });
  settle(verdictRow(bug.present));
  for (const id of bug.fixed) settle(verdictRow(id));
});
