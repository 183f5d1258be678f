import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { OFFSETS_PARTITION } from '../../../spec/config.js';
import { ENABLED, act, data, disabled, ids, offsets, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER, consumedAndCommitted } from '../../stories.js';

describe('brokerCrash', () => {
  it('kills the process: the page cache survives, memory and connections do not (rule 21)', () => {
    const s = run(start(), [act.send(0, 'all'), act.serve(1)]);
    expect(verdict(s, act.crash(0))).toEqual(ENABLED);
    const end = step(s, act.crash(0));
    const b0 = end.brokers[0];
    const r0 = replica(end, 0);
    expect(b0?.status).toBe('down');
    expect(ids(end, 0)).toEqual([0]); // unflushed, yet kept
    expect(r0?.flushed).toBe(0);
    expect(r0?.view).toBeNull();
    expect(r0?.leader).toBeNull();
    expect(b0?.cleanShutdownEpoch).toBeNull();
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(data(end).network.fetchResponses[1]).toBeNull(); // its answer to b1 is lost
    expect(end.budget.crashes).toBe(1);
    // The controller notices only when heartbeats stop (controllerFenceBroker).
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 1, fenced: false });
    expect(data(end).record).toEqual(data(s).record);
  });

  it('happens to every partition the broker hosts: __consumer_offsets loses its leader and its pending commit too', () => {
    // b0 leads both partitions; its commit of position 1 waits for acks=all, its answer to b1 in flight.
    const s = run(start(CONSUMER), [...consumedAndCommitted, act.offsets(act.serve(1))]);
    expect(s.consumer?.commits[0]).toMatchObject({ status: 'pending', position: 1 });
    const end = step(s, act.crash(0));
    const r0 = replica(end, 0, OFFSETS_PARTITION);
    expect(r0?.log).toEqual([{ offset: 0, epoch: 0, id: 0, commit: { offset: 1, leaderEpoch: 0 } }]); // unflushed, yet kept
    expect(r0?.view).toBeNull();
    expect(r0?.leader).toBeNull();
    expect(end.consumer?.commits[0]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER', position: 1 });
    expect(offsets(end).network.fetchResponses[1]).toBeNull();
    expect(offsets(end).record).toEqual(offsets(s).record);
    expect(end.budget.crashes).toBe(1); // one crash of one broker, whatever it hosts
  });

  it("drops the fetch response in flight to a crashed follower", () => {
    const end = run(start({ acks: 1 }), [act.send(0, 1), act.serve(1), act.crash(1)]);
    expect(data(end).network.fetchResponses[1]).toBeNull();
    expect(data(end).ghost.lastFetch[1]).toBeNull();
  });

  it('is refused once the crashes budget is spent, and for a broker already down', () => {
    expect(verdict(start({ budgets: { crashes: 0 } }), act.crash(0))).toEqual(disabled('the crashes budget is spent'));
    expect(verdict(run(start(), [act.crash(0)]), act.crash(0))).toEqual(disabled('b0 is down'));
  });
});
