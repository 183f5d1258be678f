/**
 * The action registry: the `Action` union and every action's spec, in the order `enabledActions`
 * lists them. A new action is one file in this folder plus its line in the union and in ACTIONS.
 */
import type { ActionSpec, ConsumerActionSpec } from './action.js';
import { brokerDeleteSegments, type BrokerDeleteSegments } from './broker-delete-segments.js';
import { consumerCommit, type ConsumerCommit } from './consumer-commit.js';
import { consumerFetch, type ConsumerFetch } from './consumer-fetch.js';
import { consumerFetchOffset, type ConsumerFetchOffset } from './consumer-fetch-offset.js';
import { consumerRestart, type ConsumerRestart } from './consumer-restart.js';
import { brokerApplyMetadata, type BrokerApplyMetadata } from './broker-apply-metadata.js';
import { brokerCheckpointHw, type BrokerCheckpointHw } from './broker-checkpoint-hw.js';
import { brokerCrash, type BrokerCrash } from './broker-crash.js';
import { brokerFlush, type BrokerFlush } from './broker-flush.js';
import { brokerPowerLoss, type BrokerPowerLoss } from './broker-power-loss.js';
import { brokerRestart, type BrokerRestart } from './broker-restart.js';
import { brokerShutdown, type BrokerShutdown } from './broker-shutdown.js';
import { controllerElectLeader, type ControllerElectLeader } from './controller-elect-leader.js';
import { controllerFenceBroker, type ControllerFenceBroker } from './controller-fence-broker.js';
import { controllerHandleAlterPartition, type ControllerHandleAlterPartition } from './controller-handle-alter-partition.js';
import { controllerUnfenceBroker, type ControllerUnfenceBroker } from './controller-unfence-broker.js';
import { followerApplyFetch, type FollowerApplyFetch } from './follower-apply-fetch.js';
import { leaderHandleAlterPartitionResponse, type LeaderHandleAlterPartitionResponse } from './leader-handle-alter-partition-response.js';
import { leaderServeFetch, type LeaderServeFetch } from './leader-serve-fetch.js';
import { leaderServeOffsetsForLeaderEpoch, type LeaderServeOffsetsForLeaderEpoch } from './leader-serve-offsets-for-leader-epoch.js';
import { followerApplyOffsetsForLeaderEpoch, type FollowerApplyOffsetsForLeaderEpoch } from './follower-apply-offsets-for-leader-epoch.js';
import { leaderShrinkIsr, type LeaderShrinkIsr } from './leader-shrink-isr.js';
import { producerSend, type ProducerSend } from './producer-send.js';

type ActionOf =
  | ProducerSend
  | LeaderServeFetch
  | FollowerApplyFetch
  | LeaderServeOffsetsForLeaderEpoch
  | FollowerApplyOffsetsForLeaderEpoch
  | LeaderShrinkIsr
  | ControllerHandleAlterPartition
  | LeaderHandleAlterPartitionResponse
  | ControllerElectLeader
  | BrokerApplyMetadata
  | BrokerCheckpointHw
  | BrokerFlush
  | BrokerShutdown
  | BrokerCrash
  | BrokerPowerLoss
  | BrokerRestart
  | ControllerFenceBroker
  | ControllerUnfenceBroker
  | BrokerDeleteSegments
  | ConsumerFetchOffset
  | ConsumerFetch
  | ConsumerCommit
  | ConsumerRestart;

/** The internal topic of a consumer group's commits, the one other partition the model replicates. */
export const OFFSETS_TOPIC = '__consumer_offsets' as const;

/**
 * One step: an action and, for a partition action on `__consumer_offsets`, that topic (the data
 * partition is the default, so traces that predate the offsets partition read as they always did).
 */
export type Action = ActionOf & { readonly topic?: typeof OFFSETS_TOPIC };

export type ActionKind = Action['kind'];

type SpecOf<A extends ActionOf> = ActionSpec<A> | ConsumerActionSpec<A>;
type Registry = { readonly [K in ActionKind]: SpecOf<Extract<ActionOf, { kind: K }>> };

export const ACTIONS: Registry = {
  producerSend,
  leaderServeFetch,
  followerApplyFetch,
  leaderServeOffsetsForLeaderEpoch,
  followerApplyOffsetsForLeaderEpoch,
  leaderShrinkIsr,
  controllerHandleAlterPartition,
  leaderHandleAlterPartitionResponse,
  controllerElectLeader,
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
};

export const ACTION_KINDS = Object.keys(ACTIONS) as ActionKind[];

/** The spec of an action's kind, typed for that action. */
export function actionSpec<A extends ActionOf>(action: A): SpecOf<A> {
  return ACTIONS[action.kind] as unknown as SpecOf<A>;
}
