import { describe, expect, it } from 'vitest';
import { noSkip } from '../../properties/no-skip.js';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { consistentRead } from '../../properties/consistent-read.js';
import { judge } from '../../properties/judge.js';
import { act, committedWrite, config, run, start } from '../builders.js';
import { CONSUMER } from '../stories.js';

const RETENTION = { ...CONSUMER, budgets: { ...CONSUMER.budgets, retention: 1 } };

/** w0 committed everywhere; retention deletes it on the leader before the consumer read it. */
const expiredUnread = [...committedWrite(0, [1, 2]), act.deleteSegments(0), act.resume(0), act.read(0)];

describe('no-skip: violated', () => {
  it('by a consumer slower than retention: loss allowed by the configuration, not protocol loss', () => {
    const end = run(start(RETENTION), expiredUnread);
    expect(noSkip.check(end)).toBe(
      'the consumer jumped from no position to 1 (reset-earliest) past w0@0 (deleted by retention), never processed',
    );
    expect(judge(config(RETENTION), 'no-skip', end)).toEqual({
      judged: 'allowed',
      reason: 'retention (log.retention.*) deleted records the consumer had not read yet',
    });
    // Expired, not lost: the replication invariants ignore offsets below the log start offset.
    expect(ackedNeverLost.check(end)).toBeNull();
    expect(consistentRead.check(end)).toBeNull();
  });

  it('by auto.offset.reset=latest, judged allowed by the configuration', () => {
    const overrides = { ...CONSUMER, autoOffsetReset: 'latest' as const };
    const end = run(start(overrides), [...committedWrite(0, [1, 2]), act.resume(0), act.read(0)]);
    expect(noSkip.check(end)).toContain('(reset-latest) past w0@0, never processed');
    expect(judge(config(overrides), 'no-skip', end).judged).toBe('allowed');
  });
});

describe('no-skip: holds', () => {
  it('when the consumer read the record before retention deleted it', () => {
    const end = run(start(RETENTION), [...committedWrite(0, [1, 2]), act.resume(0), act.read(0), act.read(0), act.deleteSegments(0)]);
    expect(end.consumer?.seen.map((r) => r.id)).toEqual([0]);
    expect(noSkip.check(end)).toBeNull();
  });
});
