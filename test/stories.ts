/** Scripts several suites tell: each a short story of Kafka losing, or not losing, a record. */
import type { Action } from '../spec/actions/index.js';
import type { State } from '../spec/types.js';
import { act, committedWrite, run, start } from './builders.js';

/** min.insync.replicas=1 with unclean election: the settings of the Jepsen 2013 loss. */
export const UNCLEAN = { minInsyncReplicas: 1, uncleanLeaderElection: true } as const;

/**
 * Under UNCLEAN: the ISR shrinks to b0, which acknowledges (and exposes) w0 alone, crashes and is
 * fenced; b1, outside the ISR, is elected and learns it leads.
 */
export const uncleanElectionLosesW0: readonly Action[] = [
  ...act.shrinkCommitted(0, 1),
  ...act.shrinkCommitted(0, 2),
  act.send(0),
  act.crash(0),
  act.fence(0),
  act.elect(1),
  act.metadata(1),
];

/**
 * w0 committed on every replica; all three lose power, the controller fences them as their sessions
 * expire, and they reboot; b2, the last ISR member left, is elected. Needs a power-loss budget of 3.
 */
export const correlatedPowerLoss: readonly Action[] = [
  ...committedWrite(0, [1, 2]),
  act.powerLoss(0),
  act.powerLoss(1),
  act.powerLoss(2),
  act.fence(0),
  act.fence(1),
  act.fence(2),
  act.restart(0),
  act.restart(1),
  act.restart(2),
  act.metadata(2),
  act.unfence(2),
  act.elect(2),
  act.metadata(2),
];

/**
 * Last replica standing, in the `kraft` era: w0 is committed on all three replicas, both followers crash
 * and are fenced, so the ISR is [b0]; b0 loses power before the OS flushed w0 and, back up, is the only
 * clean candidate. Needs a power-loss budget of 1. (Under KIP-966 the election is refused: the ELR
 * members b1 and b2, which hold w0, are fenced, so the partition waits for them.)
 */
export const lastReplicaStanding: readonly Action[] = [
  ...committedWrite(0, [1, 2]),
  act.crash(1),
  act.fence(1),
  act.crash(2),
  act.fence(2),
  act.powerLoss(0),
  act.fence(0),
  act.restart(0),
  act.metadata(0),
  act.unfence(0),
  act.elect(0),
  act.metadata(0),
];

/**
 * The ISR shrinks to b0, which is fenced for lost heartbeats and, as the last member (or, under KIP-966,
 * the last known leader), elected again at epoch 2 once it is unfenced; b0 learns it leads.
 */
export const lastMemberReelected: readonly Action[] = [
  ...act.shrinkCommitted(0, 1),
  ...act.shrinkCommitted(0, 2),
  act.fence(0),
  act.metadata(0),
  act.unfence(0),
  act.elect(0),
  act.metadata(0),
];

/**
 * acks=1: b0 writes w0 and only b1 copies it; b0 dies and b2, which never had w0, leads epoch 2;
 * b1 learns of it, still holding w0 at offset 0.
 */
export const followerDiverges: readonly Action[] = [
  act.send(0, 1),
  ...act.fetch(1),
  act.crash(0),
  act.fence(0),
  act.elect(2),
  act.metadata(2),
  act.metadata(1),
];

/** A consumer with one commit budget: the consumer's settings of the offsets stories. */
export const CONSUMER = { budgets: { commits: 2, consumerRestarts: 1 } } as const;

/**
 * w0 committed on every data replica; the consumer starts (no commit yet: auto.offset.reset=earliest),
 * processes w0 and commits position 1 to its coordinator b0, the leader of `__consumer_offsets`.
 */
export const consumedAndCommitted: readonly Action[] = [
  ...committedWrite(0, [1, 2]),
  act.resume(0),
  act.read(0),
  act.read(0),
  act.commit(0),
];

/**
 * With offsets.topic.replication.factor=1: after consumedAndCommitted (the commit acknowledged at once,
 * the coordinator being the whole ISR), b0 loses power before the OS flushed the commit, reboots, is
 * re-elected for `__consumer_offsets` as its last known leader (KIP-966) with an empty log; b1 takes
 * over the data partition; the consumer restarts, finds no commit, and resets to the earliest offset.
 * Needs a power-loss budget of 1.
 */
export const commitLostToPowerLoss: readonly Action[] = [
  ...consumedAndCommitted,
  act.powerLoss(0),
  act.fence(0),
  act.restart(0),
  act.metadata(0),
  act.offsets(act.metadata(0)),
  act.unfence(0),
  act.offsets(act.elect(0)),
  act.offsets(act.metadata(0)),
  act.elect(1),
  act.metadata(1),
  act.consumerRestart(),
  act.resume(0),
  act.read(1),
];

export type Overrides = Parameters<typeof start>[0];

/**
 * min.insync.replicas=1: the ISR shrinks to b0, which acknowledges w0 alone; the consumer reads it
 * (position 1, epoch 0); b0 crashes and is fenced, and b1, which lacks w0, is elected uncleanly.
 */
export function consumerPastTheNewEnd(overrides: Overrides, zookeeper: boolean): State {
  const shrink = (follower: number): Action[] => (zookeeper ? [act.shrink(0, follower)] : act.shrinkCommitted(0, follower));
  const elect = zookeeper ? act.elect(1) : act.operatorElect(1);
  return run(start({ minInsyncReplicas: 1, ...overrides, budgets: { ...CONSUMER.budgets, ...overrides?.budgets } }), [
    ...shrink(1),
    ...shrink(2),
    act.send(0),
    act.resume(0),
    act.read(0),
    act.read(0),
    act.crash(0),
    act.fence(0),
    elect,
    act.metadata(1),
  ]);
}

/**
 * KRaft, min.insync.replicas=1: the consumer reads w0, which b0 committed alone, commits position 1
 * (with w0's leader epoch 0, unless the run commits without epochs; replicated to b1 and b2) and
 * restarts; b0 crashes and is fenced, an operator elects b1 uncleanly (without w0), b1 coordinates the
 * group now and takes `newWrites` records (w1@0 and w2@1 by default); the consumer resumes from its
 * commit at b1: position 1, past w1.
 */
export function resumedPastRewrittenOffsets(overrides: Overrides, newWrites = 2): State {
  const budgets = { ...CONSUMER.budgets, uncleanElections: 1, ...overrides?.budgets };
  return run(start({ era: 'kraft', minInsyncReplicas: 1, ...overrides, budgets }), resumingPastRewrittenOffsets(newWrites));
}

/** The steps of resumedPastRewrittenOffsets. */
export function resumingPastRewrittenOffsets(newWrites = 2): Action[] {
  return [
    ...act.shrinkCommitted(0, 1),
    ...act.shrinkCommitted(0, 2),
    act.send(0),
    act.resume(0),
    act.read(0),
    act.read(0),
    act.commit(0),
    ...[...act.fetch(1), ...act.fetch(2), ...act.fetch(1)].map(act.offsets),
    act.consumerRestart(),
    act.crash(0),
    act.fence(0),
    act.operatorElect(1),
    act.metadata(1),
    ...[act.elect(1), act.metadata(1), act.metadata(2), ...act.fetch(2), act.serve(2)].map(act.offsets),
    ...Array.from({ length: newWrites }, () => act.send(1)),
    act.resume(1),
  ];
}

/** The coordinator b0's commit replicated to b1 and b2 and acknowledged: its HW covers it. */
export const commitReplicated: readonly Action[] = [act.serve(1), act.apply(1), act.serve(2), act.apply(2), act.serve(1), act.serve(2)].map(act.offsets);

/**
 * Under commit-before-processing (at most once): w0 committed; the consumer polls it, commits position 1
 * before the application processed it, and restarts; it resumes from its commit, past w0.
 */
export const committedBeforeProcessing: readonly Action[] = [
  ...committedWrite(0, [1, 2]),
  act.resume(0),
  act.read(0),
  act.read(0),
  act.commit(0),
  ...commitReplicated,
  act.consumerRestart(),
  act.resume(0),
];
