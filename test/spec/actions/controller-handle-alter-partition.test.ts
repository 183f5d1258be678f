import { describe, expect, it } from 'vitest';
import { alterPartitionError } from '../../../spec/actions/controller-handle-alter-partition.js';
import { partitionSite } from '../../../spec/cluster.js';
import { DATA_PARTITION } from '../../../spec/config.js';
import { rulesOf } from '../../../spec/eras/index.js';
import { step } from '../../../spec/step.js';
import type { State } from '../../../spec/types.js';
import { ENABLED, act, data, disabled, replica, run, start, verdict } from '../../builders.js';

/** The controller's verdict on the one request in flight. */
function error(state: State): string | null {
  const request = data(state).network.alterPartitionRequests[0];
  if (request === undefined) throw new Error('no AlterPartition request in flight');
  const at = partitionSite({ state, rules: rulesOf(state.config) }, DATA_PARTITION);
  if (at === null) throw new Error('no data partition');
  return alterPartitionError(at, request);
}

/** Handles the request in flight and checks that it was rejected with `code`, leaving the partition as it was. */
function rejected(state: State, leader: number, code: string): State {
  expect(error(state)).toBe(code);
  const end = step(state, act.handleAlter(leader));
  expect(data(end).network.alterPartitionRequests).toEqual([]);
  expect(data(end).network.alterPartitionResponses).toEqual([{ to: leader, accepted: null, error: code }]);
  expect(data(end).record).toEqual(data(state).record);
  return end;
}

describe('controllerHandleAlterPartition: accepted', () => {
  it('commits a shrink: new partition epoch, same leader epoch (KAFKA-15021), answer to the leader', () => {
    const s = run(start(), [act.shrink(0, 2)]);
    expect(verdict(s, act.handleAlter(0))).toEqual(ENABLED);
    const end = step(s, act.handleAlter(0));
    const committed = { leader: 0, leaderEpoch: 0, partitionEpoch: 1, isr: [0, 1], elr: [] };
    expect(data(end).record).toEqual(committed);
    expect(data(end).network.alterPartitionRequests).toEqual([]);
    expect(data(end).network.alterPartitionResponses).toEqual([{ to: 0, accepted: committed, error: null }]);
    expect(data(end).ghost.events.isrShrink).toBe(true);
    expect(data(end).ghost.shrunk).toEqual([2]);
    expect(replica(end, 0)?.view?.isr).toEqual([0, 1, 2]); // the leader learns from the answer
  });

  it('commits the re-expansion of a shrunk follower (isrReexpand witness)', () => {
    const end = run(start(), [...act.shrinkCommitted(0, 2), act.serve(2), act.handleAlter(0)]);
    expect(data(end).record).toMatchObject({ isr: [0, 1, 2], partitionEpoch: 2 });
    expect(data(end).ghost.events.isrReexpand).toBe(true);
  });

  it('is refused with no request in flight', () => {
    expect(verdict(start(), act.handleAlter(0))).toEqual(disabled('no AlterPartition request from b0 in flight'));
  });
});

describe('controllerHandleAlterPartition: rejected (rule 14)', () => {
  it('rejects a stale partition epoch: INVALID_UPDATE_VERSION', () => {
    const s = run(start(), [act.shrink(0, 1), act.fence(1)]); // the controller removed b1 meanwhile
    expect(data(s).record).toMatchObject({ partitionEpoch: 1, isr: [0, 2] });
    rejected(s, 0, 'INVALID_UPDATE_VERSION');
  });

  it('rejects a stale leader epoch: FENCED_LEADER_EPOCH', () => {
    // b0 proposed b1 at epoch 0, then was fenced and re-elected at epoch 2 as the last ISR member.
    const s = run(start(), [
      ...act.shrinkCommitted(0, 1),
      ...act.shrinkCommitted(0, 2),
      act.serve(1),
      act.fence(0),
      act.metadata(0),
      act.unfence(0),
      act.elect(0),
    ]);
    expect(data(s).network.alterPartitionRequests[0]).toMatchObject({ leaderEpoch: 0, isr: [0, 1] });
    expect(data(s).record).toMatchObject({ leader: 0, leaderEpoch: 2 });
    rejected(s, 0, 'FENCED_LEADER_EPOCH');
  });

  it('rejects a sender that no longer leads: NOT_LEADER_OR_FOLLOWER', () => {
    const s = run(start(), [act.shrink(0, 1), act.fence(0), act.metadata(0), act.unfence(0)]);
    expect(data(s).record.leader).toBeNull();
    rejected(s, 0, 'NOT_LEADER_OR_FOLLOWER');
  });

  it("rejects a sender's previous incarnation: STALE_BROKER_EPOCH", () => {
    const s = run(start(), [act.shrink(0, 1), act.crash(0), act.restart(0)]);
    expect(s.controller.registrations[0]?.brokerEpoch).toBe(2);
    rejected(s, 0, 'STALE_BROKER_EPOCH');
  });

  it('rejects adding a fenced follower: INELIGIBLE_REPLICA (KIP-841)', () => {
    // b1 is out of the ISR, lost its heartbeats (fenced) but still fetches with its old view.
    const script = [...act.shrinkCommitted(0, 1), act.fence(1), act.serve(1)];
    const s = run(start(), script);
    expect(data(s).network.alterPartitionRequests[0]).toMatchObject({ isr: [0, 1, 2], memberEpochs: [1, 1, -1] });
    rejected(s, 0, 'INELIGIBLE_REPLICA');

    const before = run(start({ withoutFixes: ['KIP-841'] }), [...script, act.handleAlter(0)]);
    expect(data(before).record.isr).toEqual([0, 1, 2]);
  });

  it('rejects a follower seen at a stale broker epoch: INELIGIBLE_REPLICA (KIP-903)', () => {
    // b1 fetched with broker epoch 1, restarted (epoch 2) and was unfenced before the controller decided.
    const script = [
      ...act.shrinkCommitted(0, 1),
      act.serve(1),
      act.crash(1),
      act.restart(1),
      act.metadata(1),
      act.unfence(1),
    ];
    const s = run(start(), script);
    expect(data(s).network.alterPartitionRequests[0]).toMatchObject({ isr: [0, 1, 2], memberEpochs: [1, 1, -1] });
    expect(s.controller.registrations[1]).toEqual({ brokerEpoch: 2, fenced: false });
    rejected(s, 0, 'INELIGIBLE_REPLICA');

    const before = run(start({ withoutFixes: ['KIP-903'] }), [...script, act.handleAlter(0)]);
    expect(data(before).record.isr).toEqual([0, 1, 2]);
  });
});
