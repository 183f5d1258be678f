import { describe, expect, it } from 'vitest';
import type { Action } from '../../../spec/actions/index.js';
import { step } from '../../../spec/step.js';
import { ENABLED, act, committedWrite, config, data, disabled, ids, replica, run, start, verdict } from '../../builders.js';

const reassign = (adding: number, removing: number): Action => ({ kind: 'adminAlterPartitionReassignments', adding, removing });
const complete: Action = { kind: 'controllerCompleteReassignment' };
const fourBrokers = { brokers: 4, replicationFactor: 3, budgets: { reassignments: 1 } };

/**
 * w0 committed on b0..b2, then b1's replica moves to b3, which learns the record and catches up; the
 * leader proposes it with the partition epoch it learned from the reassignment's record.
 */
const catchingUp = [...committedWrite(0, [1, 2]), reassign(3, 1), act.metadata(0), act.metadata(3), ...act.fetch(3), act.serve(3)];

describe('adminAlterPartitionReassignments: kafka-reassign-partitions.sh (KIP-455, rule 31)', () => {
  it('adds the new replica empty, keeps the leaving one until completion, and moves only the partition epoch in KRaft', () => {
    const s = run(start({ era: 'kraft', ...fourBrokers }), committedWrite(0, [1, 2]));
    expect(verdict(s, reassign(3, 1))).toEqual(ENABLED);
    const end = step(s, reassign(3, 1));
    expect(data(end)).toMatchObject({ assignment: [0, 3, 2, 1], reassignment: { adding: [3], removing: [1] } });
    expect(replica(end, 3)).toMatchObject({ log: [], view: null });
    expect(data(end).record).toMatchObject({ leaderEpoch: 0, partitionEpoch: data(s).record.partitionEpoch + 1, isr: [0, 1, 2] });
    expect(end.budget.reassignments).toBe(1);
  });

  it('bumps the leader epoch in a ZooKeeper era (LeaderAndIsr to every replica)', () => {
    const end = run(start({ era: 'kip-320', ...fourBrokers }), [reassign(3, 1)]);
    expect(data(end).record.leaderEpoch).toBe(1);
  });

  it('is refused for a broker that already hosts a replica or is not in the cluster, while one is in progress, and without a budget', () => {
    const s = start({ era: 'kraft', ...fourBrokers });
    expect(verdict(s, reassign(2, 1))).toEqual(disabled('b2 already hosts a replica'));
    expect(verdict(s, reassign(4, 1))).toEqual(disabled('b4 is not a broker of the cluster'));
    expect(verdict(step(s, reassign(3, 1)), reassign(3, 2))).toEqual(disabled('the reassignments budget is spent'));
    const two = start({ era: 'kraft', ...fourBrokers, budgets: { reassignments: 2 } });
    expect(verdict(step(two, reassign(3, 1)), reassign(3, 2))).toEqual(disabled('a reassignment of the partition is already in progress'));
  });

  it('needs a broker outside the assignment: refused as bad input otherwise', () => {
    expect(() => config({ budgets: { reassignments: 1 } })).toThrow(/budgets\.reassignments: a reassignment needs a broker outside the partition's assignment/);
  });
});

describe('controllerCompleteReassignment (rule 31)', () => {
  it('waits for the added replica to join the ISR, then removes the leaving one from ISR, assignment and disk', () => {
    const s = run(start({ era: 'kraft', ...fourBrokers }), catchingUp);
    expect(ids(s, 3)).toEqual([0]);
    expect(verdict(s, complete)).toEqual(disabled('b3, being added, is not in the ISR yet'));
    const joined = step(s, act.handleAlter(0));
    expect(data(joined).record.isr).toEqual([0, 1, 2, 3]);
    expect(data(joined).ghost.events.reassignedReplicaJoined).toBe(true);
    expect(verdict(joined, complete)).toEqual(ENABLED);
    const end = step(joined, complete);
    expect(data(end)).toMatchObject({ assignment: [0, 3, 2], reassignment: null });
    expect(data(end).record).toMatchObject({ leader: 0, isr: [0, 2, 3] });
    expect(replica(end, 1)).toBeUndefined();
    expect(data(end).network.fetchResponses).not.toHaveProperty('1');
  });

  it('leaves the partition leaderless when the leader leaves: the controller elects a member of the new ISR', () => {
    const moved = run(start({ era: 'kraft', ...fourBrokers }), [...committedWrite(0, [1, 2]), reassign(3, 0), act.metadata(0), act.metadata(3), ...act.fetch(3), act.serve(3), act.handleAlter(0)]);
    const end = step(moved, complete);
    expect(data(end).record).toMatchObject({ leader: null, isr: [1, 2, 3] });
    expect(data(end).record.leaderEpoch).toBe(data(moved).record.leaderEpoch + 1);
    expect(verdict(end, act.elect(3))).toEqual(ENABLED);
    expect(ids(step(end, act.elect(3)), 3)).toEqual([0]);
  });

  it('is refused with no reassignment in progress', () => {
    expect(verdict(start({ era: 'kraft', ...fourBrokers }), complete)).toEqual(disabled('no reassignment is in progress'));
  });
});
