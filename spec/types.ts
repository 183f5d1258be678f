/**
 * The state of one Kafka partition, its brokers, the controller and the messages in flight.
 *
 * Plain data only (arrays, numbers, strings, null), so a state can be hashed, compared, printed and
 * serialised. Brokers are numbered 0..N-1, as Kafka's default `broker.id=0` numbers them, and every
 * per-broker array is indexed by broker id. Offsets are 0-based; LEO and HW are exclusive ("next offset").
 */
import type { Budgets, Config } from './config.js';

export type BrokerId = number;
export type Offset = number;
export type LeaderEpoch = number;

/** A record in a replica's log: where it sits, the leader epoch it was written in, the write that made it. */
export interface LogRecord {
  readonly offset: Offset;
  readonly epoch: LeaderEpoch;
  /** The producer's write attempt (`ghost.attempts[id]`); the protocol copies it, never reads it. */
  readonly id: number;
  /**
   * The value of an offset-commit record in `__consumer_offsets`: the consumer position committed
   * (OffsetCommitValue.offset). Absent on the data partition's records.
   */
  readonly commit?: Offset;
}

/** One entry of the leader-epoch cache (LeaderEpochFileCache): the first offset written in `epoch`. */
export interface EpochEntry {
  readonly epoch: LeaderEpoch;
  readonly startOffset: Offset;
}

/**
 * A PartitionRecord as the controller writes it to the metadata log (KRaft) or to ZooKeeper: what a
 * broker learns through metadata propagation. `leader: null` is Kafka's leader -1 (no leader).
 */
export interface PartitionView {
  readonly leader: BrokerId | null;
  readonly leaderEpoch: LeaderEpoch;
  readonly partitionEpoch: number;
  readonly isr: readonly BrokerId[];
  /** Eligible leader replicas (KIP-966); always empty in eras without ELR. */
  readonly elr: readonly BrokerId[];
}

/** What a leader knows of one follower, learned only from that follower's fetches (rule 7). */
export interface FollowerFetchState {
  /** The follower's LEO as of its last fetch in this leader epoch. */
  readonly leo: Offset;
  /** The broker epoch the fetch carried (KIP-903). */
  readonly brokerEpoch: number;
}

/** An acks=all produce request waiting in the leader's delayed-produce purgatory. */
export interface DelayedProduce {
  readonly id: number;
  /** Completes once the leader's HW passes this offset. */
  readonly offset: Offset;
}

/** State a broker holds only while it acts as the partition's leader. */
export interface LeaderState {
  /** The leader-epoch start offset: the leader's LEO when it took this epoch (rule 6). */
  readonly epochStartOffset: Offset;
  /** Per broker id; null until that follower fetched in this leader epoch. */
  readonly followers: readonly (FollowerFetchState | null)[];
  /** The ISR proposed in the one AlterPartition in flight (rule 12), or null. */
  readonly pendingIsr: readonly BrokerId[] | null;
  readonly delayedProduces: readonly DelayedProduce[];
}

export type BrokerStatus = 'running' | 'down';

/** A broker and its replica of the partition. */
export interface Broker {
  readonly id: BrokerId;
  readonly status: BrokerStatus;
  /**
   * The broker epoch of its current (or last) registration. Kafka's is the registration record's offset;
   * only comparisons for one broker matter, so a per-broker counter is equivalent.
   */
  readonly brokerEpoch: number;
  /** The log start offset: the first offset still in the log (retention advances it). */
  readonly logStartOffset: Offset;
  /** The records from the log start offset up, contiguous: record i has offset logStartOffset + i. */
  readonly log: readonly LogRecord[];
  /** The leader-epoch cache, ascending by epoch and start offset. */
  readonly epochs: readonly EpochEntry[];
  /** This replica's own high watermark: exact on the leader, learned lazily on a follower. */
  readonly hw: Offset;
  /** The prefix of the log on disk; everything above is page cache. */
  readonly flushed: Offset;
  /** The last value written to the replication-offset-checkpoint file. */
  readonly hwCheckpoint: Offset;
  /** Broker epoch recorded by the clean-shutdown marker, or null when the last stop was unclean. */
  readonly cleanShutdownEpoch: number | null;
  /** Down after a power loss: the machine reboots, which outlasts the controller's session timeout. */
  readonly lostPower: boolean;
  /** Its view of the partition from metadata; null after a restart until it has caught up (rule 19). */
  readonly view: PartitionView | null;
  /**
   * 0.11 to 2.7 (KIP-101, KIP-279): a new follower must learn where its log diverges through an
   * OffsetsForLeaderEpoch round trip before it fetches again. Always false in later eras.
   */
  readonly awaitingEpochEnd: boolean;
  readonly leader: LeaderState | null;
}

/** The controller's record of one broker's registration (heartbeats, fencing). */
export interface Registration {
  readonly brokerEpoch: number;
  readonly fenced: boolean;
}

export interface Controller {
  readonly partition: PartitionView;
  readonly registrations: readonly Registration[];
  /** KIP-966: the last ISR member when the ISR became empty, electable as a last resort. */
  readonly lastKnownLeader: BrokerId | null;
}

/** A fetch response in flight from the leader to a follower (the leader's state as of serving it). */
export interface FetchResponse {
  readonly leader: BrokerId;
  readonly leaderEpoch: LeaderEpoch;
  /** The fetch offset of the request this answers (the follower's LEO when it asked). */
  readonly fetchOffset: Offset;
  readonly records: readonly LogRecord[];
  /** The leader's HW when it read the log for this fetch, before it recorded the follower's LEO. */
  readonly hw: Offset;
  /** KAFKA-10554 (2.8): the diverging epoch and its end offset on the leader, sent with no records. */
  readonly diverging: EpochEndOffset | null;
  /** The leader's log start offset (FetchResponse log_start_offset): followers delete below it too. */
  readonly logStartOffset: Offset;
  /** OFFSET_OUT_OF_RANGE: the fetch offset is below the leader's log start offset (retention). */
  readonly outOfRange: boolean;
}

/** The answer to "where does epoch E end?" (OffsetsForLeaderEpoch; the diverging epoch of a fetch). */
export interface EpochEndOffset {
  /** The largest epoch <= the one asked about, or null when the answering log has none (UNDEFINED). */
  readonly epoch: LeaderEpoch | null;
  readonly endOffset: Offset;
}

/** An AlterPartition request in flight from a leader to the controller (KIP-497). */
export interface AlterPartitionRequest {
  readonly from: BrokerId;
  readonly brokerEpoch: number;
  readonly leaderEpoch: LeaderEpoch;
  readonly partitionEpoch: number;
  readonly isr: readonly BrokerId[];
  /** For each member of `isr`, the broker epoch the leader saw in its fetches (KIP-903). */
  readonly memberEpochs: readonly number[];
}

export interface AlterPartitionResponse {
  readonly to: BrokerId;
  /** The committed partition state on acceptance, or null when the controller rejected the change. */
  readonly accepted: PartitionView | null;
  /** The controller's error on rejection (INELIGIBLE_REPLICA, FENCED_LEADER_EPOCH, ...). */
  readonly error: string | null;
}

/** An OffsetsForLeaderEpoch answer in flight from the leader to a follower (KIP-101, KIP-279). */
export interface EpochEndResponse {
  readonly leader: BrokerId;
  readonly leaderEpoch: LeaderEpoch;
  /** The follower's leader epoch when it asked: an answer to an older reconciliation is discarded. */
  readonly requestEpoch: LeaderEpoch;
  readonly answer: EpochEndOffset;
}

export interface Network {
  /** Per follower: the one fetch response in flight to it, or null. */
  readonly fetchResponses: readonly (FetchResponse | null)[];
  /** Per follower: the one OffsetsForLeaderEpoch answer in flight to it, or null. */
  readonly epochEndResponses: readonly (EpochEndResponse | null)[];
  readonly alterPartitionRequests: readonly AlterPartitionRequest[];
  readonly alterPartitionResponses: readonly AlterPartitionResponse[];
}

export type Acks = 0 | 1 | 'all';

export type ProduceError =
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'NOT_LEADER_OR_FOLLOWER';

/** A produce attempt as its producer saw it. Ghost: never read by a protocol guard. */
export type ProduceAttempt =
  | { readonly id: number; readonly acks: Acks; readonly broker: BrokerId; readonly status: 'pending' }
  | {
      readonly id: number;
      readonly acks: Acks;
      readonly broker: BrokerId;
      readonly status: 'acknowledged';
      /** The offset the producer learned, or null under acks=0 (Kafka returns -1). */
      readonly offset: Offset | null;
    }
  | {
      readonly id: number;
      readonly acks: Acks;
      readonly broker: BrokerId;
      readonly status: 'failed';
      readonly error: ProduceError;
    };

/** Events the witnesses ask about: each must be reachable, or the model is too weak. */
export interface WitnessEvents {
  readonly uncleanElection: boolean;
  readonly truncationAfterLeaderChange: boolean;
  readonly isrShrink: boolean;
  readonly isrReexpand: boolean;
  readonly notEnoughReplicas: boolean;
  readonly staleFetchDropped: boolean;
}

/** Ghost state: what the properties need to know about the history. Never read by a protocol guard. */
export interface Ghost {
  readonly attempts: readonly ProduceAttempt[];
  /** Every record some leader exposed below its HW, in exposure order: what a consumer could have read. */
  readonly exposed: readonly LogRecord[];
  /** Writes of exposed records an unclean election gave up: leader-completeness no longer expects them. */
  readonly forfeited: readonly number[];
  /** Per broker: the leader and epoch of the last fetch response it applied (for log-matching). */
  readonly lastFetch: readonly ({ readonly leader: BrokerId; readonly epoch: LeaderEpoch } | null)[];
  /** Whether the controller's current leader was elected cleanly (from the ISR). */
  readonly cleanLeader: boolean;
  /**
   * Unclean shutdowns (process crashes and power losses) since the ISR last held min.insync.replicas
   * members, and the most it has ever been: KIP-966 promises no loss while it stays below
   * min.insync.replicas (rule 22).
   */
  readonly uncleanShutdowns: number;
  readonly maxUncleanShutdowns: number;
  /**
   * Writes whose record retention deleted before it was ever below the HW: not expired but lost (only
   * reachable with the retention guard removed).
   */
  readonly deletedUncommitted: readonly number[];
  /** Brokers an accepted AlterPartition removed from the ISR (for the shrink-and-re-expand witness). */
  readonly shrunk: readonly BrokerId[];
  readonly events: WitnessEvents;
}

/** Perturbations used so far, counted like the limits in `config.budgets`. */
export type BudgetUse = Budgets;

/**
 * One partition's replication: its replica on every broker (brokers beyond its replication factor host
 * none), the controller's record of it, the messages in flight for it, and its ghost state. Broker-level
 * fields (status, broker epoch, registration) are the same in every partition of a State: only broker
 * actions change them, and step applies those to every partition alike.
 */
export interface PartitionState {
  readonly config: Config;
  readonly brokers: readonly Broker[];
  readonly controller: Controller;
  readonly network: Network;
  readonly ghost: Ghost;
  readonly budget: BudgetUse;
}

/** `auto.offset.reset`: where a consumer with no valid position starts. */
export type AutoOffsetReset = 'earliest' | 'latest' | 'none';

/**
 * The consumer's position: the next offset to fetch; `null` after a (re)start until its group
 * coordinator answered OffsetFetch; `reset` when the coordinator had no commit or the position was out
 * of range, so `auto.offset.reset` decides; `failed` when that is `none` (NoOffsetForPartition or
 * OffsetOutOfRange reaches the application, which stops).
 */
export type ConsumerPosition = Offset | null | 'reset' | 'failed';

/** A commit the consumer sent to its group coordinator, as the consumer saw it. Ghost. */
export interface CommitAttempt {
  /** The produce attempt in `offsetsTopic.ghost.attempts` that carries it. */
  readonly attempt: number;
  /** The position committed. */
  readonly offset: Offset;
}

/** How the consumer's position moved without reading: a resume or an `auto.offset.reset`. Ghost. */
export interface PositionJump {
  readonly from: Offset | null;
  readonly to: Offset;
  readonly cause: 'resume' | 'reset-earliest' | 'reset-latest';
  /** The highest acknowledged commit when it resumed (offsets-never-regress), or null. */
  readonly acknowledged: Offset | null;
  /** Records the consumer never saw that the jump passed (no-skip), with why they were gone. */
  readonly skipped: readonly { readonly offset: Offset; readonly id: number; readonly expired: boolean }[];
}

/** The checker's consumer group member (one member, one partition). */
export interface Consumer {
  readonly position: ConsumerPosition;
  /** Ghost: every record it processed, in order (a record seen twice was re-processed). */
  readonly seen: readonly LogRecord[];
  readonly commits: readonly CommitAttempt[];
  readonly jumps: readonly PositionJump[];
}

/**
 * The whole model: the data partition's replication at the top level (what every replication action,
 * invariant and trace has always addressed), plus the consumer and its group's `__consumer_offsets`
 * partition when a consumer is modelled (a commits budget above 0).
 */
export interface State extends PartitionState {
  readonly offsetsTopic: PartitionState | null;
  readonly consumer: Consumer | null;
}
