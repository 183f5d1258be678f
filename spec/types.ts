/**
 * The state of a Kafka cluster as the model sees it: its brokers, each once; its partitions, each with
 * its assignment, the controller's record of it, one replica per hosting broker, its messages in
 * flight and its ghost history; the clients (a producer and, when modelled, a consumer); and the
 * perturbation budgets used so far.
 *
 * Plain data only (arrays, records, numbers, strings, null), so a state can be hashed, compared,
 * printed and serialised. Brokers are numbered 0..N-1, as Kafka's default `broker.id=0` numbers them;
 * per-broker arrays are indexed by broker id and per-replica records are keyed by it. Offsets are
 * 0-based; LEO and HW are exclusive ("next offset").
 */
import type { Budgets, Config } from './config.js';

export type BrokerId = number;
export type Offset = number;
export type LeaderEpoch = number;

/** A partition's name as Kafka writes it: `<topic>-<index>`, e.g. `__consumer_offsets-0`. */
export type PartitionName = `${string}-${number}`;

/** A record in a replica's log: where it sits, the leader epoch it was written in, the write that made it. */
export interface LogRecord {
  readonly offset: Offset;
  readonly epoch: LeaderEpoch;
  /**
   * The produce attempt that wrote it: `producer.attempts[id]` on a data partition, `consumer.commits[id]`
   * for an offset commit. The protocol copies it, never reads it.
   */
  readonly id: number;
  /** The value of an offset-commit record in `__consumer_offsets`. Absent on the data partition's records. */
  readonly commit?: OffsetCommitValue;
  /**
   * The batch's producer id and sequence number from an idempotent producer (KIP-98 batch metadata,
   * which followers copy with the record): the producer's index, and the write's place among its writes.
   * Absent otherwise.
   */
  readonly producer?: number;
  readonly sequence?: number;
}

/**
 * What an offset commit stores (OffsetCommitValue): the consumer position committed and, from 2.1
 * (KIP-320, OffsetCommit v6), the leader epoch of the last record consumed, null when the application
 * commits without one (the two-argument `OffsetAndMetadata`) or the consumer had none.
 */
export interface OffsetCommitValue {
  readonly offset: Offset;
  readonly leaderEpoch: LeaderEpoch | null;
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

/**
 * Whose produce request an append answers: the application's producer, or the consumer, whose offset
 * commit its group coordinator appends to `__consumer_offsets` as a produce request of its own.
 */
export type Client = 'producer' | 'consumer';

/** An acks=all produce request waiting in the leader's delayed-produce purgatory. */
export interface DelayedProduce {
  readonly id: number;
  /** Completes once the leader's HW passes this offset. */
  readonly offset: Offset;
  /** Who is answered when it completes. */
  readonly from: Client;
  /** The producer's send it answers, when produce requests travel the network (`ProduceRequest.send`). */
  readonly send?: number;
}

/** State a replica holds only while its broker acts as the partition's leader. */
export interface LeaderState {
  /** The leader-epoch start offset: the leader's LEO when it took this epoch (rule 6). */
  readonly epochStartOffset: Offset;
  /** Per follower broker id, once that follower fetched in this leader epoch. */
  readonly followers: Readonly<Partial<Record<BrokerId, FollowerFetchState>>>;
  /** The ISR proposed in the one AlterPartition in flight (rule 12), or null. */
  readonly pendingIsr: readonly BrokerId[] | null;
  readonly delayedProduces: readonly DelayedProduce[];
}

export type BrokerStatus = 'running' | 'down';

/**
 * A broker: one process on one machine, hosting replicas of many partitions. It has one broker epoch,
 * one page cache and power supply, and one clean-shutdown marker, whatever it hosts.
 */
export interface Broker {
  readonly id: BrokerId;
  readonly status: BrokerStatus;
  /**
   * The broker epoch of its current (or last) registration. Kafka's is the registration record's offset;
   * only comparisons for one broker matter, so a per-broker counter is equivalent.
   */
  readonly brokerEpoch: number;
  /** Broker epoch recorded by the clean-shutdown marker, or null when the last stop was unclean. */
  readonly cleanShutdownEpoch: number | null;
  /** Down after a power loss: the machine reboots, which outlasts the controller's session timeout. */
  readonly lostPower: boolean;
}

/**
 * Replica fields that only a broker's recovery reads: the flushed offset (what a power loss keeps) and
 * the HW checkpoint (what a restart reads). The explorer forgets them once no recovery can come.
 */
export type RecoveryField = 'flushed' | 'hwCheckpoint';

/**
 * What the explorer's view may leave out because no step reads it (model/explore/view.ts), unless a
 * checked invariant declares that it reads it: the recovery fields once no recovery can come; the ISR,
 * ELR and partition epoch of a follower's view (`followerView`: a follower acts on the leader and leader
 * epoch it knows, and catches up when behind); the leader and epoch of a follower's last fetch once the
 * controller's leader epoch has passed them (`staleLastFetch`: log-matching reads a fetch of the current
 * epoch only, and epochs only grow).
 */
export type ForgettableField = RecoveryField | 'followerView' | 'staleLastFetch';

/** A broker's replica of one partition: its log and what it knows of the partition. */
export interface Replica {
  /** The broker hosting it. */
  readonly broker: BrokerId;
  /** The log start offset: the first offset still in the log (retention advances it). */
  readonly logStartOffset: Offset;
  /** The records from the log start offset up, contiguous: record i has offset logStartOffset + i. */
  readonly log: readonly LogRecord[];
  /** The leader-epoch cache, ascending by epoch and start offset. */
  readonly epochs: readonly EpochEntry[];
  /** This replica's own high watermark: exact on the leader, learned lazily on a follower. */
  readonly hw: Offset;
  /** The prefix of the log on disk; everything above is in the broker's page cache. */
  readonly flushed: Offset;
  /** The last value written for this partition to the broker's replication-offset-checkpoint file. */
  readonly hwCheckpoint: Offset;
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

/** The controller's cluster-wide state; its record of each partition lives with the partition. */
export interface Controller {
  /** Per broker id. */
  readonly registrations: readonly Registration[];
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

/** One partition's messages in flight. */
export interface Network {
  /** Per replica: the one fetch response in flight to it, or null. */
  readonly fetchResponses: Readonly<Record<BrokerId, FetchResponse | null>>;
  /** Per replica: the one OffsetsForLeaderEpoch answer in flight to it, or null. */
  readonly epochEndResponses: Readonly<Record<BrokerId, EpochEndResponse | null>>;
  readonly alterPartitionRequests: readonly AlterPartitionRequest[];
  readonly alterPartitionResponses: readonly AlterPartitionResponse[];
}

export type Acks = 0 | 1 | 'all';

export type ProduceError =
  | 'NOT_ENOUGH_REPLICAS'
  | 'NOT_ENOUGH_REPLICAS_AFTER_APPEND'
  | 'NOT_LEADER_OR_FOLLOWER'
  /** An idempotent producer's batch whose sequence leaves a gap after the last one the leader holds (KIP-98). */
  | 'OUT_OF_ORDER_SEQUENCE_NUMBER'
  /** 1.0 to 2.4: the leader holds no state for the producer and the sequence is not 0 (KAFKA-5793). */
  | 'UNKNOWN_PRODUCER_ID'
  /** The producer's own: request.timeout.ms passed or the connection closed, so the outcome is unknown. */
  | 'REQUEST_TIMED_OUT'
  /** The producer's own: delivery.timeout.ms passed with the batch still unsent or failed (KIP-91). */
  | 'DELIVERY_TIMEOUT';

interface AttemptBase {
  readonly id: number;
  readonly acks: Acks;
  /** The broker the request was sent to. */
  readonly broker: BrokerId;
  readonly partition: PartitionName;
}

/** A produce attempt as its client saw it. Ghost: never read by a protocol guard. */
export type ProduceAttempt =
  | (AttemptBase & { readonly status: 'pending' })
  | (AttemptBase & {
      readonly status: 'acknowledged';
      /** The offset the client learned, or null under acks=0 (Kafka returns -1). */
      readonly offset: Offset | null;
    })
  | (AttemptBase & { readonly status: 'failed'; readonly error: ProduceError });

/** Events the witnesses ask about: each must be reachable, or the model is too weak. */
export interface WitnessEvents {
  readonly uncleanElection: boolean;
  readonly truncationAfterLeaderChange: boolean;
  readonly isrShrink: boolean;
  readonly isrReexpand: boolean;
  readonly notEnoughReplicas: boolean;
  readonly staleFetchDropped: boolean;
  /** Leadership moved from a live leader to another live ISR member (a preferred leader election). */
  readonly leaderMoved: boolean;
  /** A broker hosting a replica started again with an empty log (a replaced disk). */
  readonly emptyLogReturned: boolean;
  /** A replica a reassignment added joined the ISR. */
  readonly reassignedReplicaJoined: boolean;
  /** The producer sent again a write some replica had already appended (its answer was lost or an error). */
  readonly appendedWriteResent: boolean;
  /** An idempotent leader answered a retried batch with its original offset instead of appending it again. */
  readonly duplicateAnswered: boolean;
}

/**
 * What took a committed record from a replica, noted when it happened, for the judgement of a loss
 * (properties/judgement.ts):
 * - `unclean-election`: a leader was elected from outside the ISR (and ELR) without it, through
 *   `unclean.leader.election.enable` or KIP-966's recovery of the last known leader;
 * - `power-loss`: `broker` lost it with its page cache; `uncleanShutdowns` counts the unclean shutdowns
 *   since the ISR last held min.insync.replicas members (KIP-966, rule 22);
 * - `disk-loss`: `broker` started again on a replaced disk, an unclean shutdown that lost everything
 *   (rule 32), counted the same way.
 */
/**
 * What made an election unclean (a leader from outside the ISR and ELR): the controller honouring
 * `unclean.leader.election.enable`, KIP-966's recovery of the last known leader, or an operator's
 * ElectLeaders request of type UNCLEAN (`kafka-leader-election.sh --election-type unclean`, KIP-460).
 */
export type UncleanCause = 'flag' | 'last-known-leader' | 'operator';

export type LossExcuse =
  | { readonly id: number; readonly cause: 'unclean-election'; readonly broker: BrokerId; readonly epoch: LeaderEpoch; readonly via: UncleanCause }
  | { readonly id: number; readonly cause: LostCopyCause; readonly broker: BrokerId; readonly uncleanShutdowns: number };

/** What took a replica's copy of its records with the broker's storage: its page cache, or its whole disk. */
export type LostCopyCause = 'power-loss' | 'disk-loss';

/** A partition's ghost history: what the properties need to know. Never read by a protocol guard. */
export interface PartitionGhost {
  /** Every record some leader exposed below its HW, in exposure order: what a consumer could have read. */
  readonly exposed: readonly LogRecord[];
  /** Writes of exposed records an unclean election gave up: leader-completeness no longer expects them. */
  readonly forfeited: readonly number[];
  /** What took each exposed record from a replica: unclean elections (the first per record) and power losses (per replica). */
  readonly excuses: readonly LossExcuse[];
  /** Per replica: the leader and epoch of the last fetch response it applied (for log-matching). */
  readonly lastFetch: Readonly<Record<BrokerId, { readonly leader: BrokerId; readonly epoch: LeaderEpoch } | null>>;
  /** What made the controller's current leader's election unclean, or null when it was clean (from the ISR or ELR). */
  readonly uncleanLeader: UncleanCause | null;
  /**
   * Unclean shutdowns (process crashes and power losses) of its replicas since its ISR last held
   * min.insync.replicas members, and the most it has ever been: KIP-966 promises no loss while it
   * stays below min.insync.replicas (rule 22).
   */
  readonly uncleanShutdowns: number;
  readonly maxUncleanShutdowns: number;
  /**
   * Writes whose record retention deleted before it was ever below the HW: not expired but lost (only
   * reachable with the retention guard removed).
   */
  readonly deletedUncommitted: readonly number[];
  /** Brokers an accepted ISR change removed from the ISR (for the shrink-and-re-expand witness). */
  readonly shrunk: readonly BrokerId[];
  readonly events: WitnessEvents;
}

/** `cleanup.policy`: retention deletes old segments, or compaction keeps the latest value per key. */
export type CleanupPolicy = 'delete' | 'compact';

/**
 * A reassignment in progress (AlterPartitionReassignments, KIP-455; the ZooKeeper controller's
 * /admin/reassign_partitions before it): the replicas being added, which start empty and catch up,
 * and those that leave once every added one is in the ISR. Meanwhile the assignment holds both
 * (KRaft's PartitionRecord addingReplicas and removingReplicas; rule 31).
 */
export interface Reassignment {
  readonly adding: readonly BrokerId[];
  readonly removing: readonly BrokerId[];
}

/** One partition: where it lives, the controller's record of it, its replicas, its traffic and its history. */
export interface Partition {
  /** Its topic's `cleanup.policy` (`__consumer_offsets` is compacted: retention deletes nothing there). */
  readonly cleanupPolicy: CleanupPolicy;
  /** An internal topic (`__consumer_offsets`): clients cannot produce to it, only its coordinator writes. */
  readonly internal: boolean;
  /** The brokers hosting a replica, in assignment order (the first is the preferred leader). */
  readonly assignment: readonly BrokerId[];
  /** The reassignment in progress, or null. */
  readonly reassignment: Reassignment | null;
  /** The controller's latest PartitionRecord of it. */
  readonly record: PartitionView;
  /** KIP-966: the last ISR member when the ISR became empty, electable as a last resort. */
  readonly lastKnownLeader: BrokerId | null;
  /** Lag-driven ISR shrinks used on this partition: the `shrinks` budget bounds each partition's. */
  readonly shrinks: number;
  /** One replica per broker in the assignment, keyed by broker id. */
  readonly replicas: Readonly<Record<BrokerId, Replica>>;
  readonly network: Network;
  readonly ghost: PartitionGhost;
}

/**
 * The answer a leader sends to a produce request: the offset the batch was appended at (acks=1, or
 * acks=all once the HW passed it), or an error.
 */
export type ProduceAnswer = { readonly offset: Offset } | { readonly error: ProduceError };

/**
 * One produce request of a producer's on its connection to `broker` (one connection per producer and
 * broker, as the Java client's NetworkClient keeps one per node): in flight to the broker (`request`), held by the leader
 * in its delayed-produce purgatory (`purgatory`), or its answer in flight back (`response`). The broker
 * reads one request per connection at a time and answers it before the next (its channel is muted
 * meanwhile), and TCP keeps each direction in order, so a connection's requests are read and answered
 * in the order sent.
 */
export type ProduceRequest =
  | (ProduceRequestBase & { readonly stage: 'request' | 'purgatory' })
  | (ProduceRequestBase & { readonly stage: 'response'; readonly answer: ProduceAnswer });

interface ProduceRequestBase {
  /** The producer that sent it (0-based, `Config.producers`): whose connection it travels on. */
  readonly producer: number;
  /** The write (batch) it carries: `producer.attempts[write]`. */
  readonly write: number;
  /** Its send number: its place in `ProducerNetwork.sends`, which names it to the leader's purgatory. */
  readonly send: number;
  readonly broker: BrokerId;
}

/**
 * The producer's side of the network, modelled when it may retry (a retries budget above 0): its
 * requests in flight, in the order sent, and every send of a batch in order, retries included.
 */
export interface ProducerNetwork {
  readonly requests: readonly ProduceRequest[];
  /** Per write id, the producer that sent it. */
  readonly writers: readonly number[];
  /** The write each send carried, in send order: a write listed twice was retried. Ghost and client. */
  readonly sends: readonly number[];
}

/**
 * The application's producer. Ghost: every write it attempted (a batch of one record, however often
 * sent), with its outcome as the application saw it; and, when it may retry, its requests in flight.
 */
export interface Producer {
  readonly attempts: readonly ProduceAttempt[];
  /** Null when produces are atomic (no retries budget): a request and its answer are one step. */
  readonly network: ProducerNetwork | null;
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

/**
 * A commit the consumer sent to its group coordinator (OffsetCommit): the position it committed, and
 * the outcome of the coordinator's acks=all append of it, as the consumer saw it. Ghost.
 */
export type CommitAttempt = ProduceAttempt & { readonly position: Offset };

/**
 * How the consumer's position moved without reading: a resume, an `auto.offset.reset`, or a truncation
 * its position validation detected (the truncation notice, KAFKA-7747). Ghost.
 */
export interface PositionJump {
  readonly from: Offset | null;
  readonly to: Offset;
  readonly cause: 'resume' | 'reset-earliest' | 'reset-latest' | 'truncation';
  /** How many records the consumer had processed when it jumped: orders the jump among its reads. */
  readonly seen: number;
  /** The highest acknowledged commit when it resumed (offsets-never-regress), or null. */
  readonly acknowledged: Offset | null;
  /** Records the consumer never saw that the jump passed (no-skip), with why they were gone. */
  readonly skipped: readonly { readonly offset: Offset; readonly id: number; readonly expired: boolean }[];
}

/**
 * The leader epochs of a consumer's position (SubscriptionState.FetchPosition, KIP-320's client side):
 * the epoch of the last record it consumed, and the leader epoch it last fetched at or validated against;
 * null for a position resumed from a commit's epoch, which awaits validation (AWAIT_VALIDATION).
 */
export interface PositionEpochs {
  readonly offsetEpoch: LeaderEpoch;
  readonly leaderEpoch: LeaderEpoch | null;
}

/**
 * How the application commits relative to processing what `poll` returned: after (at least once: a
 * crash re-delivers), or before (at most once: `enable.auto.commit` with records handed to another
 * thread, or a manual commit placed first; a crash loses what was polled but not yet processed).
 */
export type CommitDiscipline = 'after-processing' | 'before-processing';

/** A record the application held, unprocessed, when a restart took it; `jumps` orders the restart among the position's jumps. Ghost. */
export interface DroppedRecord {
  readonly record: LogRecord;
  readonly jumps: number;
}

/** The checker's consumer group member (one member, one partition). */
export interface Consumer {
  readonly position: ConsumerPosition;
  /** With position validation (KAFKA-7747, 2.3), the epochs of its position; null for a position with none (not validated). */
  readonly epochs: PositionEpochs | null;
  /**
   * The record the last poll returned that the application has not processed yet; only under
   * commit-before-processing, where a commit may come between the two (after processing, poll and
   * processing are one step: a crash between them is one before the poll as far as commits can tell).
   */
  readonly polled: LogRecord | null;
  /** Ghost: every record it processed, in order (a record seen twice was re-processed). */
  readonly seen: readonly LogRecord[];
  readonly commits: readonly CommitAttempt[];
  readonly jumps: readonly PositionJump[];
  /** Ghost: polled records a restart took before the application processed them. */
  readonly dropped: readonly DroppedRecord[];
  /**
   * Ghost: committed records the consumer read on past (no-unseen): when it polled at a position, the
   * leader's log below it held them, from where it first started, and it had never processed them.
   */
  readonly unseen: readonly { readonly offset: Offset; readonly id: number }[];
}

/**
 * Perturbations used so far in the cluster, counted like the limits in `config.budgets`; lag-driven ISR
 * shrinks are counted per partition (`Partition.shrinks`), so modelling `__consumer_offsets` does not
 * take shrinks from the data partition.
 */
export type BudgetUse = Omit<Budgets, 'shrinks'>;

/**
 * An operator's rolling restart in progress (`--scenario rolling-restart`): the brokers it has shut
 * down so far. Each is shut down cleanly once, after the previous one is running again.
 */
export interface RollingRestart {
  readonly rolled: readonly BrokerId[];
}

/** The whole model: one record per broker, one per partition, and the clients. */
export interface State {
  readonly config: Config;
  /** Per broker id. */
  readonly brokers: readonly Broker[];
  readonly controller: Controller;
  /** Keyed by partition name, in the order the config lays them out (the data partition first). */
  readonly partitions: Readonly<Record<PartitionName, Partition>>;
  readonly producer: Producer;
  /** The consumer and its group, when modelled (a commits budget above 0). */
  readonly consumer: Consumer | null;
  /** The rolling restart the run follows, or null. */
  readonly rollingRestart: RollingRestart | null;
  readonly budget: BudgetUse;
}
