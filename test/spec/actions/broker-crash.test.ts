import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, disabled, ids, run, start, verdict } from '../../builders.js';

describe('brokerCrash', () => {
  it('kills the process: the page cache survives, memory and connections do not (rule 21)', () => {
    const s = run(start(), [act.send(0, 'all'), act.serve(1)]);
    expect(verdict(s, act.crash(0))).toEqual(ENABLED);
    const end = step(s, act.crash(0));
    const b0 = end.brokers[0];
    expect(b0?.status).toBe('down');
    expect(ids(end, 0)).toEqual([0]); // unflushed, yet kept
    expect(b0?.flushed).toBe(0);
    expect(b0?.view).toBeNull();
    expect(b0?.leader).toBeNull();
    expect(b0?.cleanShutdownEpoch).toBeNull();
    expect(end.ghost.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(end.network.fetchResponses[1]).toBeNull(); // its answer to b1 is lost
    expect(end.budget.crashes).toBe(1);
    // The controller notices only when heartbeats stop (controllerFenceBroker).
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 1, fenced: false });
    expect(end.controller.partition).toEqual(s.controller.partition);
  });

  it("drops the fetch response in flight to a crashed follower", () => {
    const end = run(start({ acks: 1 }), [act.send(0, 1), act.serve(1), act.crash(1)]);
    expect(end.network.fetchResponses[1]).toBeNull();
    expect(end.ghost.lastFetch[1]).toBeNull();
  });

  it('is refused once the crashes budget is spent, and for a broker already down', () => {
    expect(verdict(start({ budgets: { crashes: 0 } }), act.crash(0))).toEqual(disabled('the crashes budget is spent'));
    expect(verdict(run(start(), [act.crash(0)]), act.crash(0))).toEqual(disabled('b0 is down'));
  });
});
