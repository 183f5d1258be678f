import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { ENABLED, act, data, disabled, ids, replica, run, start, verdict } from '../../builders.js';

describe('brokerApplyMetadata', () => {
  it('makes the elected broker lead: epoch start offset at its LEO, fresh follower states (rule 6)', () => {
    const s = run(start({ acks: 1 }), [act.send(0, 1), ...act.fetch(1), act.fence(0), act.elect(1)]);
    expect(verdict(s, act.metadata(1))).toEqual(ENABLED);
    const end = step(s, act.metadata(1));
    expect(replica(end, 1)?.view).toEqual(data(end).record);
    expect(replica(end, 1)?.leader).toEqual({
      epochStartOffset: 1,
      followers: {},
      pendingIsr: null,
      delayedProduces: [],
    });
    expect(replica(end, 1)?.epochs).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 2, startOffset: 1 },
    ]);
    expect(verdict(end, act.send(1, 1))).toEqual(ENABLED);
  });

  it('deposes a leader: its waiting acks=all writes fail NOT_LEADER_OR_FOLLOWER, its log stays (rule 3)', () => {
    const s = run(start(), [act.send(0, 'all'), act.fence(0)]);
    const end = step(s, act.metadata(0));
    expect(replica(end, 0)?.leader).toBeNull();
    expect(replica(end, 0)?.view?.leader).toBeNull();
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(ids(end, 0)).toEqual([0]);
  });

  it('keeps what a re-confirmed leader knows of its followers and drops its pending proposal (rule 13)', () => {
    const s = run(start(), [...act.fetch(1), act.shrink(0, 2), act.handleAlter(0)]);
    const end = step(s, act.metadata(0));
    expect(replica(end, 0)?.view).toMatchObject({ partitionEpoch: 1, isr: [0, 1] });
    expect(replica(end, 0)?.leader?.pendingIsr).toBeNull();
    expect(replica(end, 0)?.leader?.followers[1]).toEqual({ leo: 0, brokerEpoch: 1 });
  });

  it('gives a restarted broker its view of the partition (rule 19)', () => {
    const s = run(start(), [act.crash(2), act.restart(2)]);
    expect(replica(s, 2)?.view).toBeNull();
    const end = step(s, act.metadata(2));
    expect(replica(end, 2)?.view).toEqual(data(s).record);
    expect(replica(end, 2)?.leader).toBeNull();
  });

  it('is refused for a broker that has the latest record, is down, or hosts no replica', () => {
    expect(verdict(start(), act.metadata(0))).toEqual(disabled('b0 has the latest partition record'));
    expect(verdict(run(start(), [act.crash(1), act.fence(1)]), act.metadata(1))).toEqual(disabled('b1 is down'));
    expect(verdict(start({ brokers: 4, replicationFactor: 3 }), act.metadata(3))).toEqual(disabled('b3 hosts no replica'));
  });
});
