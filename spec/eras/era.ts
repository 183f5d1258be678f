/**
 * A protocol era: the Kafka versions it stands for, the fixes it ships, and its rule at each named
 * seam. The base era (`kraft`) defines every seam; another era is a small overlay that replaces only
 * the seams whose rule differs in its versions (see KAFKA-RULES.md for each rule's version range).
 */
import type { Draft } from 'immer';
import type { Config } from '../config.js';
import type { PartitionChange } from '../controller.js';
import type { SwitchName } from '../switches.js';
import type { Broker, BrokerId, EpochEndOffset, FollowerFetchState, LeaderEpoch, Offset, PartitionView, PartitionState } from '../types.js';
import type { EraName } from './names.js';

/** What a follower's fetch request tells the leader (rule 7). */
export interface FetchRequest {
  readonly fetchOffset: Offset;
  /** The epoch of the follower's latest leader-epoch cache entry (2.7+), or null. */
  readonly lastFetchedEpoch: number | null;
  /** The follower's current leader epoch (KIP-320, 2.1+). */
  readonly currentLeaderEpoch: number;
  /** The follower's broker epoch (KIP-903, 3.5+). */
  readonly brokerEpoch: number;
}

/** A replica the controller may elect, whether electing it is unclean, and the change it makes. */
export interface Candidate {
  readonly broker: BrokerId;
  readonly unclean: boolean;
  readonly change: PartitionChange;
}

export interface Era {
  readonly name: EraName;
  /** The Kafka versions whose rules this era takes. */
  readonly kafka: string;
  readonly summary: string;
  readonly source: string;
  /** The named fixes (switches.ts) shipped in these versions. */
  readonly fixes: readonly SwitchName[];
  /** KIP-497: AlterPartition keeps a maximal ISR (committed + pending additions); ZooKeeper eras do not. */
  readonly maximalIsr: boolean;
  /** KIP-966: eligible leader replicas, with which the ISR may become empty. */
  readonly eligibleLeaderReplicas: boolean;

  /** Truncation seam: what a replica does to its log when it becomes a follower (the record is applied). */
  readonly onBecomeFollower: (draft: Draft<PartitionState>, broker: BrokerId, previous: PartitionView | null) => void;
  /** Truncation seam: the divergence the leader reports in its fetch response, or null for none. */
  readonly fetchDivergence: (config: Config, leader: Broker, request: FetchRequest) => EpochEndOffset | null;
  /** Truncation seam: the leader's OffsetsForLeaderEpoch answer for the follower's latest epoch. */
  readonly epochEndAnswer: (config: Config, leader: Broker, requested: LeaderEpoch | null) => EpochEndOffset;
  /** ISR-expansion seam: whether a follower that just fetched may join the ISR. */
  readonly isrJoinEligible: (config: Config, leader: Broker, follower: FollowerFetchState) => boolean;
  /** ISR-change seam: how the leader's proposed ISR reaches the controller. */
  readonly proposeIsr: (draft: Draft<PartitionState>, leader: BrokerId, isr: readonly BrokerId[]) => void;
  /** Controller seam: the change when a broker is fenced or shut down, or null when nothing changes. */
  readonly removeFromPartition: (state: PartitionState, broker: BrokerId) => PartitionChange | null;
  /** Controller seam: completes every partition change (KIP-966 keeps the eligible leader replicas here). */
  readonly finishChange: (state: PartitionState, change: PartitionChange) => PartitionChange;
  /** Election seam: whom the controller may elect now (empty while the partition has a leader). */
  readonly electionCandidates: (state: PartitionState) => readonly Candidate[];
  /** Restart seam: log and HW recovery, and registration, when a broker starts again. */
  readonly onRestart: (draft: Draft<PartitionState>, broker: BrokerId) => void;
}
