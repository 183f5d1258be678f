/**
 * The action registry: every action's spec, in the order `enabledActions` lists them, and the `Action`
 * union read off it. A new action is one file in this folder plus its line in ACTIONS.
 */
import type { ClusterActionSpec, PartitionActionSpec } from './action.js';
import type { PartitionName } from '../types.js';
import { brokerDeleteSegments } from './broker-delete-segments.js';
import { consumerCommit } from './consumer-commit.js';
import { consumerFetch } from './consumer-fetch.js';
import { consumerFetchOffset } from './consumer-fetch-offset.js';
import { consumerProcess } from './consumer-process.js';
import { consumerRestart } from './consumer-restart.js';
import { brokerApplyMetadata } from './broker-apply-metadata.js';
import { brokerCheckpointHw } from './broker-checkpoint-hw.js';
import { brokerCrash } from './broker-crash.js';
import { brokerFlush } from './broker-flush.js';
import { brokerPowerLoss } from './broker-power-loss.js';
import { brokerReplaceDisk } from './broker-replace-disk.js';
import { brokerRestart } from './broker-restart.js';
import { brokerShutdown } from './broker-shutdown.js';
import { adminAlterPartitionReassignments } from './admin-alter-partition-reassignments.js';
import { adminElectLeaders } from './admin-elect-leaders.js';
import { controllerCompleteReassignment } from './controller-complete-reassignment.js';
import { controllerElectLeader } from './controller-elect-leader.js';
import { controllerElectPreferredLeader } from './controller-elect-preferred-leader.js';
import { controllerFenceBroker } from './controller-fence-broker.js';
import { controllerHandleAlterPartition } from './controller-handle-alter-partition.js';
import { controllerUnfenceBroker } from './controller-unfence-broker.js';
import { followerApplyFetch } from './follower-apply-fetch.js';
import { leaderHandleAlterPartitionResponse } from './leader-handle-alter-partition-response.js';
import { leaderServeFetch } from './leader-serve-fetch.js';
import { leaderServeOffsetsForLeaderEpoch } from './leader-serve-offsets-for-leader-epoch.js';
import { followerApplyOffsetsForLeaderEpoch } from './follower-apply-offsets-for-leader-epoch.js';
import { leaderShrinkIsr } from './leader-shrink-isr.js';
import { producerSend } from './producer-send.js';
import { producerSendRequest } from './producer-send-request.js';
import { leaderHandleProduce } from './leader-handle-produce.js';
import { producerHandleResponse } from './producer-handle-response.js';
import { producerRequestTimeout } from './producer-request-timeout.js';
import { producerRetry } from './producer-retry.js';
import { producerGiveUp } from './producer-give-up.js';

/**
 * One step: an action and, for a partition action on another partition than the data partition (the
 * default, so traces that predate other partitions read as they always did), that partition's name.
 */
export type Action = ActionOf & { readonly partition?: PartitionName };

export type ActionKind = Action['kind'];

export const ACTIONS = {
  producerSend,
  leaderServeFetch,
  followerApplyFetch,
  leaderServeOffsetsForLeaderEpoch,
  followerApplyOffsetsForLeaderEpoch,
  leaderShrinkIsr,
  controllerHandleAlterPartition,
  leaderHandleAlterPartitionResponse,
  controllerElectLeader,
  adminElectLeaders,
  brokerApplyMetadata,
  brokerCheckpointHw,
  brokerFlush,
  brokerShutdown,
  brokerCrash,
  brokerPowerLoss,
  brokerRestart,
  controllerFenceBroker,
  controllerUnfenceBroker,
  brokerDeleteSegments,
  consumerFetchOffset,
  consumerFetch,
  consumerCommit,
  consumerRestart,
  // New actions go last: the order of enabled actions is part of what a seed means (schedule.ts).
  consumerProcess,
  controllerElectPreferredLeader,
  brokerReplaceDisk,
  adminAlterPartitionReassignments,
  controllerCompleteReassignment,
  producerSendRequest,
  leaderHandleProduce,
  producerHandleResponse,
  producerRequestTimeout,
  producerRetry,
  producerGiveUp,
} as const;

/** The action a spec takes: every action type is read off its spec in ACTIONS. */
type ActionOfSpec<S> = S extends PartitionActionSpec<infer A> ? A : S extends ClusterActionSpec<infer A> ? A : never;
type ActionOf = ActionOfSpec<(typeof ACTIONS)[keyof typeof ACTIONS]>;
type SpecOf<A extends ActionOf> = PartitionActionSpec<A> | ClusterActionSpec<A>;

export const ACTION_KINDS = Object.keys(ACTIONS) as ActionKind[];

/** The spec of an action's kind, typed for that action. */
export function actionSpec<A extends ActionOf>(action: A): SpecOf<A> {
  return ACTIONS[action.kind] as unknown as SpecOf<A>;
}
