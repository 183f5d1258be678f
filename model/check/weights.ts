/**
 * How often the random schedule picks each kind of action, relative to the others, when it is enabled.
 * Faults and elections are weighted up so that short schedules reach them often enough to matter;
 * recovery (restart, unfence, metadata) is weighted up so that a fault is usually followed by the
 * leader change that makes it dangerous.
 */
import type { ActionKind } from '../../spec/actions/index.js';

export const WEIGHTS: Readonly<Record<ActionKind, number>> = {
  producerSend: 5,
  leaderServeFetch: 4,
  followerApplyFetch: 4,
  leaderServeOffsetsForLeaderEpoch: 4,
  followerApplyOffsetsForLeaderEpoch: 4,
  leaderShrinkIsr: 2,
  controllerHandleAlterPartition: 3,
  leaderHandleAlterPartitionResponse: 3,
  controllerElectLeader: 6,
  adminElectLeaders: 4,
  brokerApplyMetadata: 5,
  brokerCheckpointHw: 1,
  brokerFlush: 1,
  brokerShutdown: 2,
  brokerCrash: 3,
  brokerPowerLoss: 3,
  brokerRestart: 3,
  controllerFenceBroker: 3,
  controllerUnfenceBroker: 3,
  brokerDeleteSegments: 3,
  consumerFetchOffset: 8,
  consumerFetch: 8,
  consumerCommit: 6,
  consumerRestart: 6,
  // Processing is slow beside a poll: a commit or a crash between the two is what the discipline decides.
  consumerProcess: 2,
  controllerElectPreferredLeader: 4,
  brokerReplaceDisk: 3,
  adminAlterPartitionReassignments: 3,
  controllerCompleteReassignment: 4,
  producerSendRequest: 5,
  leaderHandleProduce: 5,
  producerHandleResponse: 5,
  producerRequestTimeout: 2,
  producerRetry: 5,
  // delivery.timeout.ms (2 minutes) is long beside a retry's backoff (100 ms).
  producerGiveUp: 1,
};

/** The perturbations a schedule's quiet spell holds back (schedule.ts). */
export const FAULTS: ReadonlySet<ActionKind> = new Set<ActionKind>([
  'leaderShrinkIsr',
  'brokerShutdown',
  'brokerCrash',
  'brokerPowerLoss',
  'controllerFenceBroker',
  'adminElectLeaders',
  'brokerDeleteSegments',
  'consumerRestart',
  'controllerElectPreferredLeader',
  'brokerReplaceDisk',
  'adminAlterPartitionReassignments',
  'producerRequestTimeout',
]);
