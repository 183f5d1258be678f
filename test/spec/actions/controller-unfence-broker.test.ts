import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, offsets, run, start, verdict } from '../../builders.js';
import { CONSUMER } from '../../stories.js';

describe('controllerUnfenceBroker', () => {
  it('unfences a restarted broker once it has caught up with metadata, keeping its new epoch', () => {
    const s = run(start(), [act.crash(1), act.restart(1), act.metadata(1)]);
    expect(s.controller.registrations[1]).toEqual({ brokerEpoch: 2, fenced: true });
    expect(verdict(s, act.unfence(1))).toEqual(ENABLED);
    const end = step(s, act.unfence(1));
    expect(end.controller.registrations[1]).toEqual({ brokerEpoch: 2, fenced: false });
    expect(data(end).record).toEqual(data(s).record); // rejoining the ISR is the leader's job
  });

  it('happens to the whole broker: it waits until every partition it hosts has caught up, __consumer_offsets too', () => {
    const s = run(start(CONSUMER), [act.crash(1), act.restart(1), act.metadata(1)]);
    expect(verdict(s, act.unfence(1))).toEqual(disabled('b1 has not caught up with the metadata log'));
    const caughtUp = run(s, [act.offsets(act.metadata(1))]);
    expect(verdict(caughtUp, act.unfence(1))).toEqual(ENABLED);
    const end = step(caughtUp, act.unfence(1));
    expect(end.controller.registrations[1]).toEqual({ brokerEpoch: 2, fenced: false });
    expect(data(end).record).toEqual(data(caughtUp).record);
    expect(offsets(end).record).toEqual(offsets(caughtUp).record);
  });

  it('refuses a restarted broker that has not caught up with the metadata log', () => {
    const s = run(start(), [act.crash(1), act.restart(1)]);
    expect(verdict(s, act.unfence(1))).toEqual(disabled('b1 has not caught up with the metadata log'));
  });

  it('refuses a live fenced broker whose view is stale until it applies the latest record', () => {
    const s = run(start(), [act.fence(1)]);
    expect(verdict(s, act.unfence(1))).toEqual(disabled('b1 has not caught up with the metadata log'));
    expect(verdict(run(s, [act.metadata(1)]), act.unfence(1))).toEqual(ENABLED);
  });

  it('refuses a broker that is not fenced, or is down', () => {
    expect(verdict(start(), act.unfence(1))).toEqual(disabled('b1 is not fenced'));
    expect(verdict(run(start(), [act.crash(1), act.fence(1)]), act.unfence(1))).toEqual(disabled('b1 is down'));
  });
});
