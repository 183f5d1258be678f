/**
 * consumerProcess and the two commit disciplines: committing after processing, a poll processes its
 * record in the same step; committing before, the application holds it until it processes it, a commit
 * may come between, and a restart takes it.
 */
import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, committedWrite, disabled, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

const polled = (discipline: 'after-processing' | 'before-processing') =>
  run(start({ ...CONSUMER, commitDiscipline: discipline }), [...committedWrite(0, [1, 2]), act.resume(0), act.read(0), act.read(0)]);

describe('consumerProcess', () => {
  it('committing after processing, the poll processes its record at once: nothing is held', () => {
    const s = polled('after-processing');
    expect(s.consumer).toMatchObject({ position: 1, polled: null, seen: [{ id: 0, offset: 0 }] });
    expect(verdict(s, act.process())).toEqual(disabled('the application holds no polled record to process'));
  });

  it('committing before processing, the application holds the record; the next poll waits for its processing', () => {
    const s = polled('before-processing');
    expect(s.consumer).toMatchObject({ position: 1, polled: { id: 0, offset: 0 }, seen: [] });
    expect(verdict(s, act.read(0))).toEqual(disabled('the application is still processing w0@0, which the last poll returned'));
    expect(verdict(s, act.process())).toEqual(ENABLED);
    const processed = step(s, act.process());
    expect(processed.consumer).toMatchObject({ polled: null, seen: [{ id: 0, offset: 0 }] });
  });

  it('a commit before processing commits the position past the held record; a restart then takes it unprocessed', () => {
    const committed = run(polled('before-processing'), [act.commit(0)]);
    expect(committed.consumer?.commits[0]).toMatchObject({ position: 1 });
    const restarted = step(committed, act.consumerRestart());
    expect(restarted.consumer).toMatchObject({ polled: null, seen: [], dropped: [{ record: { id: 0, offset: 0 }, jumps: 1 }] });
  });
});
