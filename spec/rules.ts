/**
 * What every rule, action and era seam is handed: the rules in force (the config, its era, the
 * switches on) and where it acts (the whole state and, for a partition's rules, that partition).
 *
 * The era reaches the rules as a value, resolved once per step from the config (`rulesOf` in
 * eras/index.ts): the rule modules never import the eras, so imports flow one way, from types and
 * config through the rules and the actions to the era overlays and `step`.
 */
import type { Draft } from 'immer';
import type { Config } from './config.js';
import type { EraName, EraVersion } from './eras/names.js';
import type { ProducerSettings } from './producer-settings.js';
import type { SwitchName } from './switches.js';
import type {
  BrokerId,
  EpochEndOffset,
  FollowerFetchState,
  LeaderEpoch,
  Offset,
  Partition,
  PartitionName,
  PartitionView,
  Replica,
  State,
  UncleanCause,
} from './types.js';

/** The rules a configuration runs under. */
export interface Rules {
  readonly config: Config;
  readonly era: Era;
  /** The switches on: every check, the era's fixes, minus `config.withoutFixes`. */
  readonly switches: ReadonlySet<SwitchName>;
  /** The producer's settings as its era's client resolves them. */
  readonly producer: ProducerSettings;
}

/** Whether a named fix or `check:` guard is on. */
export function isOn(rules: Rules, name: SwitchName): boolean {
  return rules.switches.has(name);
}

/** A broker event or consumer action's world: the whole state and the rules in force. */
export interface Site {
  readonly state: State;
  readonly rules: Rules;
}

/** The same, while an effect changes the state (an immer draft). */
export interface DraftSite {
  readonly state: Draft<State>;
  /**
   * The state the step started from. Where partitions live is read here: only a reassignment moves a
   * replica, and only its own partition's, which it reads from its draft; reading the draft would make
   * a draft of every partition it looked at.
   */
  readonly base: State;
  readonly rules: Rules;
}

/** A partition action's world: also the partition it addresses. */
export interface PartitionSite extends Site {
  readonly name: PartitionName;
  readonly partition: Partition;
}

export interface DraftPartitionSite extends DraftSite {
  readonly name: PartitionName;
  readonly partition: Draft<Partition>;
}

/** A change to a partition's record, as the controller proposes it (PartitionChangeBuilder's input). */
export interface PartitionChange {
  readonly leader?: BrokerId | null;
  readonly isr?: readonly BrokerId[];
  readonly elr?: readonly BrokerId[];
  /** ZooKeeper eras bump the leader epoch on a controller-driven ISR removal too (rule 15, 20). */
  readonly bumpLeaderEpoch?: boolean;
  /** KIP-966: brokers that restarted uncleanly, which may not enter the ELR. */
  readonly unclean?: readonly BrokerId[];
  /** KIP-966: the last known leader to record (null clears it). */
  readonly lastKnownLeader?: BrokerId | null;
}

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

/** A replica the controller may elect, what makes electing it unclean (null: clean), and the change it makes. */
export interface Candidate {
  readonly broker: BrokerId;
  readonly unclean: UncleanCause | null;
  readonly change: PartitionChange;
}

/**
 * A protocol era: the Kafka versions it stands for, the fixes it ships, and its rule at each named
 * seam. The base era (`kraft`) defines every seam; another era is a small overlay that replaces only
 * the seams whose rule differs in its versions (see KAFKA-RULES.md for each rule's version range).
 */
export interface Era extends EraVersion {
  readonly name: EraName;
  readonly summary: string;
  readonly source: string;
  /** The named fixes (switches.ts) shipped in these versions. */
  readonly fixes: readonly SwitchName[];
  /** KIP-497: AlterPartition keeps a maximal ISR (committed + pending additions); ZooKeeper eras do not. */
  readonly maximalIsr: boolean;
  /** KIP-966: eligible leader replicas, with which the ISR may become empty. */
  readonly eligibleLeaderReplicas: boolean;
  /**
   * The ZooKeeper controller sends every replica a LeaderAndIsr with a bumped leader epoch at each
   * step of a reassignment (KafkaController.onPartitionReassignment); KRaft's PartitionChangeRecord
   * bumps it only when the leader changes.
   */
  readonly reassignmentBumpsLeaderEpoch: boolean;

  /** Truncation seam: what a replica does to its log when it becomes a follower (the record is applied). */
  readonly onBecomeFollower: (at: DraftPartitionSite, broker: BrokerId, previous: PartitionView | null) => void;
  /** Truncation seam: the divergence the leader reports in its fetch response, or null for none. */
  readonly fetchDivergence: (rules: Rules, leader: Replica, request: FetchRequest) => EpochEndOffset | null;
  /** Truncation seam: the leader's OffsetsForLeaderEpoch answer for the follower's latest epoch. */
  readonly epochEndAnswer: (rules: Rules, leader: Replica, requested: LeaderEpoch | null) => EpochEndOffset;
  /** ISR-expansion seam: whether a follower that just fetched may join the ISR. */
  readonly isrJoinEligible: (rules: Rules, leader: Replica, follower: FollowerFetchState) => boolean;
  /** ISR-change seam: how the leader's proposed ISR reaches the controller. */
  readonly proposeIsr: (at: DraftPartitionSite, leader: BrokerId, isr: readonly BrokerId[]) => void;
  /** Controller seam: the change when a broker is fenced or shut down, or null when nothing changes. */
  readonly removeFromPartition: (partition: Partition, broker: BrokerId) => PartitionChange | null;
  /** Controller seam: completes every partition change (KIP-966 keeps the eligible leader replicas here). */
  readonly finishChange: (rules: Rules, partition: Partition, change: PartitionChange) => PartitionChange;
  /**
   * Election seam: whom the controller may elect now (empty while the partition has a leader);
   * `unclean` names what permits a pick from outside the ISR and ELR, or null when nothing does.
   */
  readonly electionCandidates: (at: PartitionSite, unclean: UncleanCause | null) => readonly Candidate[];
  /**
   * Restart seam: what a broker's start means for its registration and for every replica it hosts
   * (log and HW recovery; KIP-966's unclean-shutdown detection).
   */
  readonly onRestart: (at: DraftSite, broker: BrokerId) => void;
}
