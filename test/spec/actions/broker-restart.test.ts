import { describe, expect, it } from 'vitest';
import { step } from '../../../spec/step.js';
import { OFFSETS_PARTITION } from '../../../spec/config.js';
import { ENABLED, act, catchUp, data, disabled, ids, offsets, replica, run, start, verdict } from '../../builders.js';
import { CONSUMER, consumedAndCommitted } from '../../stories.js';

/** w0 committed: b0 (leader) has HW 1, its checkpoint still says 0. */
const committed = [act.send(0, 1), ...catchUp(1, 2)];

describe('brokerRestart', () => {
  it('after a crash: HW from the (stale) checkpoint, the log kept, a new fenced registration (rule 5, 15)', () => {
    const s = run(start({ acks: 1 }), [...committed, act.crash(0)]);
    expect(verdict(s, act.restart(0))).toEqual(ENABLED);
    const end = step(s, act.restart(0));
    expect(end.brokers[0]).toMatchObject({ status: 'running', brokerEpoch: 2, cleanShutdownEpoch: null });
    expect(replica(end, 0)).toMatchObject({ hw: 0, view: null, leader: null });
    expect(ids(end, 0)).toEqual([0]);
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 2, fenced: true });
    // The controller had not fenced the old incarnation: it does now, out of the ISR and leadership.
    expect(data(end).record).toMatchObject({ leader: null, leaderEpoch: 1, isr: [1, 2] });
    expect(end.budget).toEqual(s.budget);
  });

  it('happens to every partition the broker hosts: __consumer_offsets too, its HW from its own (stale) checkpoint', () => {
    // offsets.topic.replication.factor=1: b0 acknowledged the commit at once (HW 1), its checkpoint still says 0.
    const s = run(start({ ...CONSUMER, offsetsTopicReplicationFactor: 1 }), [...consumedAndCommitted, act.crash(0)]);
    expect(replica(s, 0, OFFSETS_PARTITION)).toMatchObject({ hw: 1, hwCheckpoint: 0 });
    const end = step(s, act.restart(0));
    expect(end.brokers[0]).toMatchObject({ status: 'running', brokerEpoch: 2, cleanShutdownEpoch: null });
    expect(replica(end, 0, OFFSETS_PARTITION)).toMatchObject({ hw: 0, view: null, leader: null });
    expect(ids(end, 0, OFFSETS_PARTITION)).toEqual([0]);
    expect(replica(end, 0)).toMatchObject({ hw: 0, view: null, leader: null });
    // One registration for the broker, whatever it hosts; fenced out of both partitions' leadership.
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 2, fenced: true });
    expect(offsets(end).record.leader).toBeNull();
    expect(data(end).record.leader).toBeNull();
  });

  it('takes the HW from a newer checkpoint', () => {
    const end = run(start({ acks: 1 }), [...committed, act.checkpoint(0), act.crash(0), act.restart(0)]);
    expect(replica(end, 0)?.hw).toBe(1);
  });

  it('clamps the checkpointed HW to the log that survived a power loss (rule 5)', () => {
    const s = run(start({ acks: 1, budgets: { powerLosses: 1 } }), [...committed, act.checkpoint(0), act.powerLoss(0), act.fence(0)]);
    expect(replica(s, 0)?.log).toEqual([]);
    const end = step(s, act.restart(0));
    expect(replica(end, 0)?.hwCheckpoint).toBe(1);
    expect(replica(end, 0)?.hw).toBe(0);
  });

  it('after a clean shutdown: the HW checkpointed at shutdown, the partition untouched, the marker consumed', () => {
    const s = run(start({ acks: 1 }), [...committed, act.shutdown(0)]);
    const end = step(s, act.restart(0));
    expect(end.brokers[0]).toMatchObject({ brokerEpoch: 2, cleanShutdownEpoch: null });
    expect(replica(end, 0)?.hw).toBe(1);
    expect(data(end).record).toEqual(data(s).record);
    expect(end.controller.registrations[0]).toEqual({ brokerEpoch: 2, fenced: true });
  });

  it('neither serves nor fetches nor takes writes before it has caught up with metadata (rule 19)', () => {
    const end = run(start({ acks: 1 }), [act.crash(1), act.restart(1)]);
    expect(verdict(end, act.serve(1))).toEqual(disabled('b1 has no metadata yet'));
    expect(verdict(end, act.send(1, 1))).toEqual(disabled('b1 does not believe it leads (NOT_LEADER_OR_FOLLOWER)'));
  });

  it('is refused for a running broker and a broker with no replica', () => {
    expect(verdict(start(), act.restart(0))).toEqual(disabled('b0 is running'));
    expect(verdict(start({ brokers: 4, replicationFactor: 3 }), act.restart(3))).toEqual(disabled('b3 hosts no replica'));
  });
});
