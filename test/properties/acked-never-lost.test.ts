import { describe, expect, it } from 'vitest';
import { ackedNeverLost } from '../../properties/acked-never-lost.js';
import { act, committedWrite, data, edit, ids, replica, run, start } from '../builders.js';

/** acks=1 write at b0, b0 dies before anyone copied it, the controller elects b1. */
const acks1Failover = [act.send(0, 1), act.crash(0), act.fence(0), act.elect(1)];

describe('acked-never-lost: holds', () => {
  it('in the initial state, where nothing was acknowledged', () => {
    expect(ackedNeverLost.check(start())).toBeNull();
  });

  it('once an acks=all record is copied by the whole ISR and acknowledged', () => {
    const end = run(start(), committedWrite(0, [1, 2]));
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: 0 });
    expect(ackedNeverLost.check(end)).toBeNull();
  });

  it('after a clean failover to a follower that holds the acknowledged record', () => {
    const end = run(start(), [...committedWrite(0, [1, 2]), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)]);
    expect(data(end).record.leader).toBe(1);
    expect(ids(end, 1)).toEqual([0]);
    expect(ackedNeverLost.check(end)).toBeNull();
  });

  it('for a write that was never acknowledged (failed when its leader died)', () => {
    const end = run(start(), [act.send(0), act.crash(0), act.fence(0), act.elect(1), act.metadata(1)]);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'failed', error: 'NOT_LEADER_OR_FOLLOWER' });
    expect(ids(end, 1)).toEqual([]);
    expect(ackedNeverLost.check(end)).toBeNull();
  });
});

describe('acked-never-lost: acks=1', () => {
  it('is violated once the new leader acts on its election, naming the write, offset and brokers', () => {
    const end = run(start({ acks: 1 }), [...acks1Failover, act.metadata(1)]);
    expect(ackedNeverLost.check(end)).toBe(
      'w0 (acks=1) was acknowledged at offset 0 by b0, but leader b1 (epoch 2) holds nothing there',
    );
  });

  it('ignores the period with no effective leader: elected b1 has not applied the metadata yet', () => {
    const end = run(start({ acks: 1 }), acks1Failover);
    expect(data(end).record.leader).toBe(1);
    expect(replica(end, 1)?.leader).toBeNull();
    expect(ackedNeverLost.check(end)).toBeNull();
  });

  it('ignores a leaderless partition (the leader was fenced, no election yet)', () => {
    const end = run(start({ acks: 1 }), [act.send(0, 1), act.crash(0), act.fence(0)]);
    expect(data(end).record.leader).toBeNull();
    expect(ackedNeverLost.check(end)).toBeNull();
  });

  it('ignores a deposed leader that still acts on its stale view, then judges the new one', () => {
    // b0 is fenced while alive: it keeps leading epoch 0 in its own eyes, holding w0.
    const elected = run(start({ acks: 1 }), [act.send(0, 1), act.fence(0), act.elect(1)]);
    expect(replica(elected, 0)?.leader).not.toBeNull();
    expect(ackedNeverLost.check(elected)).toBeNull();
    expect(ackedNeverLost.check(run(elected, [act.metadata(1)]))).toMatch(/^w0 \(acks=1\) .* leader b1 \(epoch 2\) holds nothing there$/);
  });

  it('checks the offset the producer learned, not just that the record exists', () => {
    const acked = run(start({ acks: 1 }), [act.send(0, 1), act.send(0, 1)]);
    expect(ackedNeverLost.check(acked)).toBeNull();
    // Hand-built: the leader holds both records, but w0 sits at offset 1, behind w1.
    const swapped = edit(acked, (draft) => {
      draft.partitions['data-0']!.replicas[0]!.log = [
        { offset: 0, epoch: 0, id: 1 },
        { offset: 1, epoch: 0, id: 0 },
      ];
    });
    expect(ackedNeverLost.check(swapped)).toBe(
      'w0 (acks=1) was acknowledged at offset 0 by b0, but leader b0 (epoch 0) holds w1@0 (epoch 0) there',
    );
  });
});

describe('acked-never-lost: acks=0 records are checked by id', () => {
  it('holds for an acks=0 record the leader appended', () => {
    const end = run(start({ acks: 0 }), [act.send(0, 0)]);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: null });
    expect(ackedNeverLost.check(end)).toBeNull();
  });

  it('is violated by an acks=0 record sent to a broker that does not lead', () => {
    const end = run(start({ acks: 0 }), [act.send(1, 0)]);
    expect(end.producer.attempts[0]).toMatchObject({ status: 'acknowledged', offset: null });
    expect(ids(end, 0)).toEqual([]);
    expect(ackedNeverLost.check(end)).toBe('w0 (acks=0, sent to b1) was acknowledged but leader b0 never got it');
  });

  it('finds an acks=0 record wherever the leader holds it', () => {
    const end = run(start({ acks: 0 }), [act.send(0, 0), act.send(0, 0)]);
    const moved = edit(end, (draft) => {
      draft.partitions['data-0']!.replicas[0]!.log = [
        { offset: 0, epoch: 0, id: 1 },
        { offset: 1, epoch: 0, id: 0 },
      ];
    });
    expect(ackedNeverLost.check(moved)).toBeNull();
  });

  it('is violated when a new leader lacks an acks=0 record the old one appended', () => {
    const end = run(start({ acks: 0 }), [act.send(0, 0), act.crash(0), act.fence(0), act.elect(2), act.metadata(2)]);
    expect(ackedNeverLost.check(end)).toBe('w0 (acks=0, sent to b0) was acknowledged but leader b2 never got it');
  });
});
