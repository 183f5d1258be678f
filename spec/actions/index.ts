/**
 * The action registry: the `Action` union and every action's spec, in the order `enabledActions`
 * lists them. A new action is one file in this folder plus its line in the union and in ACTIONS.
 */
import type { ActionSpec } from './action.js';
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

export type Action =
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
  | ControllerUnfenceBroker;

export type ActionKind = Action['kind'];

type Registry = { readonly [K in ActionKind]: ActionSpec<Extract<Action, { kind: K }>> };

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
};

export const ACTION_KINDS = Object.keys(ACTIONS) as ActionKind[];

/** The spec of an action's kind, typed for that action. */
export function actionSpec<A extends Action>(action: A): ActionSpec<A> {
  return ACTIONS[action.kind] as unknown as ActionSpec<A>;
}
