/**
 * processed-before-commit: every record below a committed position the consumer resumes from was
 * processed. Committing before processing (at most once) breaks it with one consumer crash, in every
 * era, and the judgement names the choice; committing after processing keeps it.
 */
import { describe, expect, it } from 'vitest';
import { judgeViolation } from '../../properties/judgement.js';
import { processedBeforeCommit } from '../../properties/processed-before-commit.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { act, run, start } from '../builders.js';
import { CONSUMER, committedBeforeProcessing } from '../stories.js';

describe('processed-before-commit', () => {
  it('holds in the initial state', () => {
    expect(processedBeforeCommit.check(start(CONSUMER))).toBeNull();
  });

  it.each(ERA_NAMES)('fails in %s when the application commits before processing and the consumer crashes in between: allowed, at most once by choice', (era) => {
    const end = run(start({ ...CONSUMER, era, commitDiscipline: 'before-processing' }), committedBeforeProcessing);
    expect(end.consumer?.position).toBe(1);
    expect(processedBeforeCommit.check(end)).toBe(
      'the consumer resumed at 1 from a commit past w0@0, which it had polled and a restart took before the application processed it',
    );
    expect(judgeViolation(end.config, processedBeforeCommit, end)).toEqual({
      judged: 'allowed',
      reason: 'at most once by choice: the application commits before processing what it polled, so a crash between the two loses it',
    });
  });

  it('holds when the application processes before the restart', () => {
    const steps = committedBeforeProcessing.flatMap((a) => (a.kind === 'consumerRestart' ? [act.process(), a] : [a]));
    const end = run(start({ ...CONSUMER, commitDiscipline: 'before-processing' }), steps);
    expect(end.consumer?.dropped).toEqual([]);
    expect(processedBeforeCommit.check(end)).toBeNull();
  });

  it('committing after processing, the same steps process w0 as it is polled: the application never holds a record a restart could take', () => {
    const end = run(start({ ...CONSUMER, commitDiscipline: 'after-processing' }), committedBeforeProcessing);
    expect(end.consumer).toMatchObject({ polled: null, dropped: [], position: 1 });
    expect(end.consumer?.seen.map((r) => r.id)).toEqual([0]);
  });
});
