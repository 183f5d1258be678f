import { describe, expect, it } from 'vitest';
import { WITNESSES } from '../../properties/index.js';
import type { Witness } from '../../properties/invariant.js';
import { isrShrinkAndReexpand } from '../../properties/witnesses/isr-shrink-and-reexpand.js';
import { notEnoughReplicas } from '../../properties/witnesses/not-enough-replicas.js';
import { staleFetchDropped } from '../../properties/witnesses/stale-fetch-dropped.js';
import { truncationAfterLeaderChange } from '../../properties/witnesses/truncation-after-leader-change.js';
import { uncleanElection } from '../../properties/witnesses/unclean-election.js';
import { appendedWriteResent } from '../../properties/witnesses/appended-write-resent.js';
import { duplicateAnswered } from '../../properties/witnesses/duplicate-answered.js';
import { emptyLogReturned } from '../../properties/witnesses/empty-log-returned.js';
import { leaderMoved } from '../../properties/witnesses/leader-moved.js';
import { reassignedReplicaJoined } from '../../properties/witnesses/reassigned-replica-joined.js';
import type { Action } from '../../spec/actions/index.js';
import { act, config, run, start } from '../builders.js';

type Overrides = Parameters<typeof config>[0];

interface Case {
  readonly witness: Witness;
  readonly overrides: Overrides;
  /** A short story whose last step reaches it. */
  readonly script: readonly Action[];
  /** Configurations that rule the event out. */
  readonly impossible: Record<string, Overrides>;
}

/** A write b0 appended, whose answer the producer stopped waiting for, sent again. */
const resend: readonly Action[] = [
  { kind: 'producerSendRequest', producer: 0, broker: 0 },
  { kind: 'leaderHandleProduce', producer: 0, broker: 0 },
  { kind: 'producerRequestTimeout', producer: 0, broker: 0 },
  { kind: 'producerRetry', write: 0, broker: 0 },
];

const CASES: readonly Case[] = [
  {
    witness: uncleanElection,
    overrides: { minInsyncReplicas: 1, uncleanLeaderElection: true },
    script: [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), act.crash(0), act.fence(0), act.elect(1)],
    impossible: {
      'unclean.leader.election.enable=false': { uncleanLeaderElection: false },
      'a single replica': { uncleanLeaderElection: true, brokers: 1, replicationFactor: 1, minInsyncReplicas: 1 },
    },
  },
  {
    witness: truncationAfterLeaderChange,
    overrides: { acks: 1 },
    script: [act.send(0, 1), ...act.fetch(1), act.crash(0), act.fence(0), act.elect(2), act.metadata(2), act.metadata(1), ...act.fetch(1)],
    impossible: {
      'a single replica': { brokers: 1, replicationFactor: 1, minInsyncReplicas: 1 },
      'no records': { budgets: { records: 0 } },
    },
  },
  {
    witness: isrShrinkAndReexpand,
    overrides: {},
    script: [...act.shrinkCommitted(0, 1), act.serve(1), act.handleAlter(0)],
    impossible: {
      'a single replica': { brokers: 1, replicationFactor: 1, minInsyncReplicas: 1 },
      'no shrinks': { budgets: { shrinks: 0 } },
    },
  },
  {
    witness: notEnoughReplicas,
    overrides: {},
    script: [...act.shrinkCommitted(0, 1), ...act.shrinkCommitted(0, 2), act.send(0)],
    impossible: {
      'acks=1': { acks: 1 },
      'acks=0': { acks: 0 },
      'min.insync.replicas=1': { minInsyncReplicas: 1 },
      'no records': { budgets: { records: 0 } },
    },
  },
  {
    witness: staleFetchDropped,
    overrides: {},
    script: [act.serve(1), act.fence(0), act.elect(2), act.metadata(1), act.apply(1)],
    impossible: { 'a single replica': { brokers: 1, replicationFactor: 1, minInsyncReplicas: 1 } },
  },
  {
    witness: leaderMoved,
    overrides: { budgets: { leaderMoves: 1 } },
    // b0 loses leadership to a fence, comes back, rejoins the ISR under b1, and takes leadership back.
    script: [act.fence(0), act.elect(1), act.metadata(1), act.metadata(2), act.metadata(0), act.unfence(0), ...act.fetch(2), ...act.fetch(0), act.serve(0), act.handleAlter(1), act.preferred(0)],
    impossible: {
      'no leader moves': { budgets: { leaderMoves: 0 } },
      'a single replica': { brokers: 1, replicationFactor: 1, minInsyncReplicas: 1, budgets: { leaderMoves: 1 } },
      'no fault that moves leadership first': { budgets: { leaderMoves: 1, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0 } },
    },
  },
  {
    witness: emptyLogReturned,
    overrides: { budgets: { diskLosses: 1 } },
    script: [act.send(0), act.replaceDisk(1)],
    impossible: { 'no disk losses': { budgets: { diskLosses: 0 } } },
  },
  {
    witness: reassignedReplicaJoined,
    overrides: { era: 'kraft', brokers: 4, replicationFactor: 3, budgets: { reassignments: 1 } },
    // b1's replica moves to b3, which learns the new record, catches up and is proposed into the ISR.
    script: [{ kind: 'adminAlterPartitionReassignments', adding: 3, removing: 1 }, act.metadata(0), act.metadata(3), ...act.fetch(3), act.serve(3), act.handleAlter(0)],
    impossible: { 'no reassignments': { brokers: 4, replicationFactor: 3, budgets: { reassignments: 0 } } },
  },
  {
    witness: appendedWriteResent,
    overrides: { era: 'kip-320', budgets: { retries: 1 } },
    // b0 appends w0, the producer's connection times out before the answer comes, and w0 goes again.
    script: resend,
    impossible: {
      'no retries budget': { era: 'kip-320', budgets: { retries: 0 } },
      'retries=0, the default before 2.1': { era: 'kip-279', budgets: { retries: 1 } },
      'acks=0': { era: 'kip-320', acks: 0, budgets: { retries: 1 } },
    },
  },
  {
    witness: duplicateAnswered,
    overrides: { era: 'kraft', budgets: { retries: 1 } },
    script: [...resend, { kind: 'leaderHandleProduce', producer: 0, broker: 0 }],
    impossible: {
      'idempotence off': { era: 'kraft', producer: { enableIdempotence: false, retries: null, maxInFlight: null }, budgets: { retries: 1 } },
      'before 3.0.1 without enable.idempotence=true': { era: 'kip-320', budgets: { retries: 1 } },
      'no retries budget': { era: 'kraft', budgets: { retries: 0 } },
    },
  },
];

it('covers every registered witness', () => {
  expect(CASES.map((c) => c.witness.name).sort()).toEqual(WITNESSES.map((w) => w.name).sort());
});

describe.each(CASES.map((c) => [c.witness.name, c] as const))('%s', (_name, { witness, overrides, script, impossible }) => {
  it('is not reached in the initial state', () => {
    expect(witness.reached(start(overrides))).toBe(false);
  });

  it('is not reached one step before the script ends', () => {
    expect(witness.reached(run(start(overrides), script.slice(0, -1)))).toBe(false);
  });

  it('is reached by its script', () => {
    expect(witness.reached(run(start(overrides), script))).toBe(true);
  });

  it('is possible in the configuration of its script', () => {
    expect(witness.possible(config(overrides))).toBe(true);
  });

  it.each(Object.entries(impossible))('is impossible with %s', (_why, ruledOut) => {
    expect(witness.possible(config(ruledOut))).toBe(false);
  });
});

/**
 * With no crash, power loss, fence, shutdown or shrink allowed, the leader never changes, the ISR never
 * shrinks and no fetch response goes stale: `possible` must say so, or a search would blame the model
 * for being too weak.
 */
describe('possible() with every perturbation budget at zero', () => {
  const still = { crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, shrinks: 0 };
  const stillCases: readonly (readonly [Witness, Overrides])[] = [
    [uncleanElection, { minInsyncReplicas: 1, uncleanLeaderElection: true, budgets: still }],
    [truncationAfterLeaderChange, { budgets: still }],
    [notEnoughReplicas, { budgets: still }],
    [staleFetchDropped, { budgets: still }],
  ];
  for (const [witness, overrides] of stillCases) {
    it(`${witness.name} is impossible`, () => {
      expect(witness.possible(config(overrides))).toBe(false);
    });
  }

  it('isr-shrink-and-reexpand already says so', () => {
    expect(isrShrinkAndReexpand.possible(config({ budgets: still }))).toBe(false);
  });
});
