/**
 * Named switches: the Kafka fixes each era ships, and the guards that carry safety (`// CHECK:`).
 * Every switch can be removed from a configuration (`--without-fix NAME`), so a test can show what a
 * fix or guard protects: with it removed, the checker must find a violation of the invariant it names.
 */
export interface SwitchInfo {
  /** 'fix': a change Kafka shipped in `since`; 'check': a guard every era has. */
  readonly kind: 'fix' | 'check';
  readonly since: string;
  /**
   * The invariant a violation of which shows the switch's purpose; for a fix of availability rather
   * than safety, what it keeps available.
   */
  readonly protects: string;
  readonly summary: string;
  readonly source: string;
}

export const SWITCHES = {
  'KAFKA-7128': {
    kind: 'fix',
    since: '2.0.1',
    protects: 'acked-never-lost',
    summary: 'a follower joins the ISR only once its LEO reaches the leader-epoch start offset',
    source: 'https://issues.apache.org/jira/browse/KAFKA-7128',
  },
  'KAFKA-7152': {
    kind: 'fix',
    since: '2.1.0',
    protects: 'availability: a caught-up follower that stopped fetching stays in the ISR, so acks=all writes are not refused for it',
    summary: 'the leader drops a follower from the ISR only when it is not caught up: its LEO, as the leader last saw it, is below the leader LEO (Partition.isCaughtUp)',
    source: 'https://issues.apache.org/jira/browse/KAFKA-7152',
  },
  'KAFKA-7747': {
    kind: 'fix',
    since: '2.3.0',
    protects: "what the consumer reads: after a leader change it asks the new leader where its position's epoch ends and moves back on truncation",
    summary: 'the consumer validates its position after a leader change (OffsetsForLeaderEpoch) and, on truncation below it, moves back to the divergence or stops with LogTruncationException (auto.offset.reset=none)',
    source: 'https://issues.apache.org/jira/browse/KAFKA-7747',
  },
  'KAFKA-7164': {
    kind: 'fix',
    since: '2.0.1',
    protects: 'log-matching',
    summary: 'a follower re-checks divergence when the same leader returns more than one epoch later (from 2.1 KIP-320 re-checks on every epoch change)',
    source: 'https://issues.apache.org/jira/browse/KAFKA-7164',
  },
  'KAFKA-7415': {
    kind: 'fix',
    since: '2.0.1',
    protects: 'log-matching',
    summary: 'a new leader writes its epoch into its epoch cache at election; an epoch below the first cached one is answered with the first start offset',
    source: 'https://issues.apache.org/jira/browse/KAFKA-7415',
  },
  'KIP-320': {
    kind: 'fix',
    since: '2.1.0',
    protects: 'log-matching',
    summary: 'fetches carry the current leader epoch; another epoch is refused (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH)',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-320%3A+Allow+fetchers+to+detect+and+handle+log+truncation',
  },
  'KIP-841': {
    kind: 'fix',
    since: '3.3.0',
    protects: 'acked-never-lost',
    summary: 'the controller refuses an AlterPartition that adds a fenced or shutting-down broker to the ISR',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-841%3A+Fenced+replicas+should+not+be+allowed+to+join+the+ISR+in+KRaft',
  },
  'KIP-903': {
    kind: 'fix',
    since: '3.5.0',
    protects: 'acked-never-lost',
    summary: 'fetches carry the broker epoch; AlterPartition is refused for a member at a stale epoch',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-903%3A+Replicas+with+stale+broker+epoch+should+not+be+allowed+to+join+the+ISR',
  },
  'KAFKA-14704': {
    kind: 'fix',
    since: '3.5.0',
    protects: 'consistent-read',
    summary: 'a follower truncates on a diverging epoch before it applies the leader HW',
    source: 'https://issues.apache.org/jira/browse/KAFKA-14704',
  },
  'KAFKA-15583': {
    kind: 'fix',
    since: '3.7.0',
    protects: 'consistent-read',
    summary: 'the HW does not advance while the ISR is below min.insync.replicas; effective minimum is min(min.insync.replicas, RF)',
    source: 'https://issues.apache.org/jira/browse/KAFKA-15583',
  },
  'KAFKA-19522': {
    kind: 'fix',
    since: '4.1.0',
    protects: 'acked-never-lost',
    summary: 'KIP-966 elects the last known leader only once it is unfenced',
    source: 'https://issues.apache.org/jira/browse/KAFKA-19522',
  },
  'check:acks-all-admission': {
    kind: 'check',
    since: '0.9.0',
    protects: 'acked-never-lost',
    summary: 'acks=all is refused with NOT_ENOUGH_REPLICAS while the committed ISR is below min.insync.replicas',
    source: 'https://kafka.apache.org/documentation/#topicconfigs_min.insync.replicas',
  },
  'check:acks-all-completion': {
    kind: 'check',
    since: '0.9.0',
    protects: 'acked-never-lost',
    summary: 'acks=all completes with NOT_ENOUGH_REPLICAS_AFTER_APPEND when the maximal ISR fell below min.insync.replicas (KIP-497)',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-497%3A+Add+inter-broker+API+to+alter+ISR',
  },
  'check:hw-min-isr-leo': {
    kind: 'check',
    since: '0.8.0',
    protects: 'acked-never-lost',
    summary: 'the leader HW is the minimum LEO over the maximal ISR',
    source: 'https://kafka.apache.org/documentation/#replication',
  },
  'check:isr-join-caught-up': {
    kind: 'check',
    since: '0.8.0',
    protects: 'acked-never-lost',
    summary: 'a follower joins the ISR only once its LEO reaches the leader HW',
    source: 'https://kafka.apache.org/documentation/#replication',
  },
  'check:clean-election-from-isr': {
    kind: 'check',
    since: '0.8.0',
    protects: 'acked-never-lost',
    summary: 'with unclean.leader.election.enable=false the controller elects only ISR members',
    source: 'https://kafka.apache.org/documentation/#brokerconfigs_unclean.leader.election.enable',
  },
  'check:preferred-in-isr': {
    kind: 'check',
    since: '0.8.0',
    protects: 'acked-never-lost',
    summary: 'a preferred leader election moves leadership only to a preferred replica that is in the ISR',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-460%3A+Admin+Leader+Election+RPC',
  },
  'check:reassignment-caught-up': {
    kind: 'check',
    since: '0.8.0',
    protects: 'isr-within-replicas',
    summary: 'a reassignment completes only once every added replica is in the ISR, so the ISR without the leaving replicas is never empty',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-455%3A+Create+an+Administrative+API+for+Replica+Reassignment',
  },
  'check:alter-partition-epochs': {
    kind: 'check',
    since: '2.7.0',
    protects: 'acked-never-lost',
    summary: 'the controller accepts AlterPartition only from the current leader at the current leader and partition epochs (KIP-497, KIP-841)',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-841%3A+Fenced+replicas+should+not+be+allowed+to+join+the+ISR+in+KRaft',
  },
  'check:stale-fetch-dropped': {
    kind: 'check',
    since: '0.8.0',
    protects: 'log-matching',
    summary: 'a fetch response is dropped when the follower moved its fetch offset or its leader since the request',
    source: 'https://github.com/apache/kafka/blob/trunk/core/src/main/scala/kafka/server/AbstractFetcherThread.scala',
  },
  'check:truncate-on-divergence': {
    kind: 'check',
    since: '0.11.0',
    protects: 'log-matching',
    summary: 'a follower truncates its log to the divergence point the leader reports (KIP-101, KIP-279)',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-101+-+Alter+Replication+Protocol+to+use+Leader+Epoch+rather+than+High+Watermark+for+Truncation',
  },
  'check:resume-without-position': {
    kind: 'check',
    since: '0.9.0',
    protects: 'monotonic-poll',
    summary: 'the consumer asks its group coordinator where to resume (OffsetFetch) only while it has no position, so a running consumer never jumps back to its last commit',
    source: 'https://kafka.apache.org/documentation/#consumerconfigs_auto.offset.reset',
  },
  'check:retention-below-hw': {
    kind: 'check',
    since: '0.11.0',
    protects: 'acked-never-lost',
    summary: 'retention deletes only segments wholly below the HW, so it never takes a record some ISR member lacks',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-107%3A+Add+deleteRecordsBefore%28%29+API+in+AdminClient',
  },
  'check:idempotent-duplicate': {
    kind: 'check',
    since: '0.11.0',
    protects: 'no-duplicates',
    summary: "an idempotent producer's batch whose sequence is one of the last batches the leader holds from it is answered with the original offset, not appended again",
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-98+-+Exactly+Once+Delivery+and+Transactional+Messaging',
  },
  'check:retry-before-new-batch': {
    kind: 'check',
    since: '0.8.2',
    protects: 'producer-order',
    summary: "the producer's accumulator sends a batch awaiting its retry before any new batch of the partition (a retried batch goes back to the front of its queue)",
    source: 'https://kafka.apache.org/documentation/#producerconfigs_max.in.flight.requests.per.connection',
  },
} as const satisfies Record<string, SwitchInfo>;

export type SwitchName = keyof typeof SWITCHES;

export const SWITCH_NAMES = Object.keys(SWITCHES) as SwitchName[];

export function isSwitchName(name: string): name is SwitchName {
  return Object.hasOwn(SWITCHES, name);
}
