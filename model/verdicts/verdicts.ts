/**
 * Expected verdicts as data: era x configuration x budgets x invariant -> holds / violated, each with
 * its source and the smallest budgets that show it. `test/verdicts/` enforces every row both
 * ways with deterministic runs, and `npm run check -- <flags> --invariant <name> --seed S --runs R`
 * reproduces each one from the command line (exit 1 for a violated row, 0 for one that holds).
 *
 * A bug's "present" row runs the era that had it, or the default era with that one fix removed; its
 * "fixed" row runs the default era, with the same settings where Kafka's promise covers them, and
 * otherwise with the settings under which the fix matters, checking the invariant the bug broke.
 */

export interface VerdictRow {
  readonly id: string;
  readonly claim: string;
  /** The configuration and budgets, as `check` and `explore` take them (defaults for the rest). */
  readonly flags: readonly string[];
  readonly invariant: string;
  /** A holding row that claims every invariant holds, not only the one it is about (its search checks them all). */
  readonly everyInvariant?: true;
  readonly expected: 'holds' | 'violated';
  /** For a violated row, how the judgement (properties/judgement.ts) labels it: a loss its run excuses, or a broken promise. */
  readonly judged?: 'allowed' | 'broken';
  readonly source: string;
  /** The random runs that settle the row: a violated row is found within them, a holding row is not. */
  readonly check?: { readonly seed: number; readonly runs: number };
  /**
   * A saved counterexample (in counterexamples/) that shows a violated row step by step; where random
   * search is too weak to find the row in reasonable time, it is the row's evidence (found by
   * `npm run explore`, or written by hand from the bug report). It may have been saved under wider
   * budgets than the row's, as long as its steps fit the row's (test/verdicts/settle.ts replays it so).
   */
  readonly trace?: string;
}

/** Minimal budgets: every perturbation off, to be turned on one by one. */
const QUIET = ['--records', '1', '--crashes', '0', '--power-losses', '0', '--fences', '0', '--shutdowns', '0', '--shrinks', '0', '--commits', '0'];

/**
 * The producer's rows leave the consumer out (a commits budget of 0): they are about the data
 * partition's writes, and a consumer's reads and commits would only dilute their search.
 */
const PRODUCER_ONLY = ['--commits', '0'];

/** Flags with some budgets raised from QUIET (the verdict rows and the mutation tests use them). */
export function budgets(raised: Readonly<Record<string, number>>): string[] {
  const flags = [...QUIET];
  for (const [flag, value] of Object.entries(raised)) flags[flags.indexOf(`--${flag}`) + 1] = String(value);
  return flags;
}

const DOCS = 'https://kafka.apache.org/documentation/#design_replicatedlog';
const KIP_101 = 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-101+-+Alter+Replication+Protocol+to+use+Leader+Epoch+rather+than+High+Watermark+for+Truncation';
const KIP_279 = 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-279%3A+Fix+log+divergence+between+leader+and+follower+after+fast+leader+fail+over';
const KIP_966 = 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-966%3A+Eligible+Leader+Replicas';
const OFFSETS_TOPIC_DOCS = 'https://kafka.apache.org/documentation/#brokerconfigs_offsets.topic.replication.factor';
const RETENTION_DOCS = 'https://kafka.apache.org/documentation/#brokerconfigs_log.retention.hours';
const JEPSEN = 'https://aphyr.com/posts/293-jepsen-kafka';
const CONSUMER_DOCS = 'https://kafka.apache.org/documentation/#consumerapi';
const JIRA = (key: string): string => `https://issues.apache.org/jira/browse/${key}`;

const KIP_101_S1 = ['--brokers', '2', ...budgets({ crashes: 1, shutdowns: 1 })];
const KIP_101_S2 = ['--brokers', '2', '--acks', '1', ...budgets({ records: 2, 'power-losses': 2 })];
const FAST_FAILOVERS = ['--brokers', '2', '--min-isr', '1', '--unclean', 'true', ...budgets({ records: 2, fences: 2 })];
const SAME_LEADER_RETURNS = ['--acks', '1', ...budgets({ records: 2, crashes: 1, fences: 1 })];
const KAFKA_7128 = ['--brokers', '4', ...budgets({ crashes: 1, fences: 1, shrinks: 1 })];
const KIP_903 = budgets({ fences: 1, shrinks: 1, 'power-losses': 1 });
const LAST_REPLICA = budgets({ fences: 1, shutdowns: 1, 'power-losses': 1 });
const NERAA = ['--brokers', '2', ...budgets({ shrinks: 1, 'power-losses': 1 })];
const ROLLING_RESTART = ['--scenario', 'rolling-restart', ...PRODUCER_ONLY];
/** A preferred leader election twice, and one replica moved to a fourth broker, around at most one crash. */
const OPERATIONS = ['--brokers', '4', '--rf', '3', '--reassignments', '1', '--leader-moves', '2', '--crashes', '1', ...PRODUCER_ONLY];
/** One committed record and one replaced disk, nothing else. */
const DISK_LOSS = ['--disk-losses', '1', ...QUIET];
/** The last ISR member (min.insync.replicas=1 after two shrinks) loses its disk while down and is re-elected. */
const LAST_MEMBER_DISK_LOSS = ['--min-isr', '1', '--disk-losses', '1', ...budgets({ crashes: 1, fences: 1, shrinks: 2 })];
const ROLLING_UPGRADE_DOCS = 'https://kafka.apache.org/documentation/#upgrade';
const REASSIGNMENT = 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-455%3A+Create+an+Administrative+API+for+Replica+Reassignment';

const KIP_98 = 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-98+-+Exactly+Once+Delivery+and+Transactional+Messaging';
const MAX_IN_FLIGHT_DOCS = 'https://kafka.apache.org/documentation/#producerconfigs_max.in.flight.requests.per.connection';

/** A producer that retries: two writes and two retries over the network, the default faults, no consumer. */
const RETRYING = ['--records', '2', '--retries', '2', ...PRODUCER_ONLY];

/** The eras with an idempotent producer to switch off (KIP-98, 0.11); `retries` is set, since it is 0 by default before 2.1. */
const RETRY_ERAS = ['kip-101', 'kip-279', 'kip-320', 'kraft', 'kip-966'] as const;

/**
 * Three writes whose order can break: ISR shrinks (a NOT_ENOUGH_REPLICAS refusal) and request timeouts
 * are the faults, so a random search meets a retry overtaking a later batch within a few hundred runs.
 */
const ORDERING = ['--records', '3', '--retries', '2', '--crashes', '0', '--fences', '0', '--shutdowns', '0', ...PRODUCER_ONLY];

/** Without idempotence, retrying (`retries` above 0), with `inFlight` requests per connection, over `budgets`. */
const PLAIN_RETRIES = (era: string, inFlight: number, budgets: readonly string[]): string[] => ['--era', era, '--idempotence', 'false', '--producer-retries', '5', '--max-in-flight', String(inFlight), ...budgets];

export const VERDICTS: readonly VerdictRow[] = [
  // The seed's claims, in the default era.
  { id: 'default-acked', claim: 'the safe setting loses no acknowledged record', flags: PRODUCER_ONLY, invariant: 'acked-never-lost', expected: 'holds', source: DOCS, check: { seed: 1, runs: 1000 } },
  { id: 'default-consistent-read', claim: 'the safe setting never takes back a record a consumer could read', flags: PRODUCER_ONLY, invariant: 'consistent-read', expected: 'holds', source: JIRA('KAFKA-15583'), check: { seed: 2, runs: 1000 } },
  { id: 'default-log-matching', claim: 'replicas never diverge in the safe setting', flags: PRODUCER_ONLY, invariant: 'log-matching', expected: 'holds', source: KIP_279, check: { seed: 3, runs: 1000 } },
  { id: 'acks-1', claim: 'acks=1 loses a record the leader acknowledged alone', flags: ['--acks', '1', ...budgets({ fences: 1 })], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: 'https://kafka.apache.org/documentation/#producerconfigs_acks', check: { seed: 1, runs: 200 } },
  { id: 'kraft-acks-1', claim: 'in KRaft 3.6 too, acks=1 loses a record the leader acknowledged before any follower fetched it: never committed', flags: ['--era', 'kraft', '--acks', '1', ...budgets({ fences: 1 })], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: 'https://kafka.apache.org/documentation/#producerconfigs_acks', check: { seed: 1, runs: 200 } },
  { id: 'acks-0', claim: 'acks=0 acknowledges a record no leader ever appends', flags: ['--acks', '0', ...QUIET], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: 'https://kafka.apache.org/documentation/#producerconfigs_acks', check: { seed: 1, runs: 200 } },
  { id: 'flush-per-message', claim: 'two power losses lose nothing when every message is fsynced', flags: ['--power-losses', '2', '--flush-messages', '1', ...PRODUCER_ONLY], invariant: 'acked-never-lost', expected: 'holds', source: 'https://kafka.apache.org/documentation/#brokerconfigs_log.flush.interval.messages', check: { seed: 4, runs: 1000 } },
  { id: 'min-isr-above-rf', claim: 'min.insync.replicas above RF is legal and loses nothing', flags: ['--min-isr', '4', ...PRODUCER_ONLY], invariant: 'acked-never-lost', expected: 'holds', source: JIRA('KAFKA-15583'), check: { seed: 5, runs: 1000 } },
  // The consumer's claims: committed offsets replicated in __consumer_offsets, and retention.
  { id: 'offsets-rf-3', claim: 'a commit to three replicas with min.insync.replicas=2 is never lost', flags: [], invariant: 'offsets-never-regress', expected: 'holds', source: OFFSETS_TOPIC_DOCS, check: { seed: 1, runs: 300 } },
  { id: 'offsets-rf-3-power-loss', claim: 'not even to one power loss (KIP-966)', flags: ['--power-losses', '1', '--crashes', '0'], invariant: 'offsets-never-regress', expected: 'holds', source: OFFSETS_TOPIC_DOCS, check: { seed: 1, runs: 300 } },
  { id: 'offsets-rf-1-power-loss', claim: 'with offsets.topic.replication.factor=1 a power loss takes an acknowledged commit: records are processed again', flags: ['--offsets-rf', '1', '--power-losses', '1', '--crashes', '0'], invariant: 'offsets-never-regress', expected: 'violated', judged: 'allowed', source: OFFSETS_TOPIC_DOCS, check: { seed: 1, runs: 1000 }, trace: 'offsets-never-regress--kip-966-acksall-rf3-isr2-offsetsrf1-crashes0-powerLosses1--a1be230d.json' },
  { id: 'retention-skips', claim: 'a consumer slower than retention skips records it never read', flags: ['--retention', '1'], invariant: 'no-skip', expected: 'violated', judged: 'allowed', source: RETENTION_DOCS, check: { seed: 1, runs: 1000 }, trace: 'no-skip--kip-966-acksall-rf3-isr2-retention1--6015e106.json' },
  { id: 'retention-expires-not-loses', claim: 'records deleted by retention are expired, not lost', flags: ['--retention', '2'], invariant: 'acked-never-lost', expected: 'holds', source: RETENTION_DOCS, check: { seed: 1, runs: 300 } },

  // Jepsen 2013: the ISR shrinks to the leader, an out-of-sync replica is elected uncleanly.
  { id: 'jepsen-2013-present', claim: 'min.insync.replicas=1 with unclean election loses acknowledged writes', flags: ['--min-isr', '1', '--unclean', 'true', ...budgets({ crashes: 1, shrinks: 2 })], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: JEPSEN, check: { seed: 1, runs: 2000 } },
  { id: 'jepsen-2013-fixed', claim: 'min.insync.replicas=2 and clean elections lose nothing under the same faults', flags: budgets({ crashes: 1, shrinks: 2 }), invariant: 'acked-never-lost', expected: 'holds', source: JEPSEN, check: { seed: 1, runs: 2000 } },

  // KAFKA-7747 (2.3): the consumer validates its position after a leader change.
  { id: 'kafka-7747-present', claim: 'in 2.1, after an unclean election a consumer past the new log end is reset and reads a rewritten offset with no notice', flags: ['--era', 'kip-320', '--min-isr', '1', '--unclean', 'true'], invariant: 'consistent-offsets', expected: 'violated', judged: 'allowed', source: JIRA('KAFKA-7747'), check: { seed: 3, runs: 3000 }, trace: 'consistent-offsets--kip-320-acksall-rf3-isr1-unclean--59d32db2.json' },
  { id: 'kafka-7747-fixed', claim: 'in 3.6 the consumer validates its position and is told of the truncation first', flags: ['--era', 'kraft', '--min-isr', '1', '--unclean-elections', '1'], invariant: 'consistent-offsets', expected: 'holds', source: JIRA('KAFKA-7747'), check: { seed: 1, runs: 1000 } },

  // What a consumer can miss (KAFKA-7747's other half; the commit's leader epoch, KIP-320 and KAFKA-19902).
  { id: 'kafka-7747-unseen-present', claim: 'in 2.1, after an unclean election truncated the log below its position, a consumer reads on past the records the new leader wrote there', flags: ['--era', 'kip-320', '--min-isr', '1', '--unclean', 'true'], invariant: 'no-unseen', expected: 'violated', judged: 'allowed', source: JIRA('KAFKA-7747'), check: { seed: 1, runs: 1000 }, trace: 'no-unseen--kip-320-acksall-rf3-isr1-unclean--70391698.json' },
  { id: 'operator-election-unseen', claim: "in 3.6, after an operator's unclean election, position validation moves the consumer back (a commit carries its epoch): nothing committed after the election goes unseen", flags: ['--era', 'kraft', '--min-isr', '1', '--unclean-elections', '1'], invariant: 'no-unseen', expected: 'holds', source: JIRA('KAFKA-7747'), check: { seed: 1, runs: 2000 } },
  { id: 'commits-without-epochs', claim: 'in 3.6, a commit without a leader epoch (the two-argument OffsetAndMetadata) cannot be validated: after an unclean election the resumed consumer reads on past a rewritten offset', flags: ['--era', 'kraft', '--min-isr', '1', '--unclean-elections', '1', '--commit-epochs', 'false'], invariant: 'no-unseen', expected: 'violated', judged: 'allowed', source: JIRA('KAFKA-19902'), check: { seed: 2, runs: 8000 }, trace: 'kafka-19902.json' },
  { id: 'kraft-consumer-safe', claim: 'in 3.6 with acks=all, min.insync.replicas=2, clean elections and commits after processing, broker and consumer crashes break no invariant', flags: ['--era', 'kraft', '--consumer-restarts', '2'], invariant: 'no-unseen', everyInvariant: true, expected: 'holds', source: CONSUMER_DOCS, check: { seed: 1, runs: 2000 } },
  { id: 'commit-before-processing', claim: 'committing before processing, a consumer crash between the two leaves a record committed and never processed: at most once, by choice', flags: ['--commit-discipline', 'before-processing', ...budgets({ commits: 1 })], invariant: 'processed-before-commit', expected: 'violated', judged: 'allowed', source: CONSUMER_DOCS, check: { seed: 5, runs: 4000 }, trace: 'processed-before-commit--kip-966-acksall-rf3-isr2-commit-before-processing--4d06f829.json' },
  { id: 'resume-without-position-removed', claim: 'a running consumer that fetches its commit again jumps back, and its polls go backwards in one incarnation', flags: ['--without-fix', 'check:resume-without-position', '--consumer-restarts', '0', ...budgets({ commits: 1 })], invariant: 'monotonic-poll', expected: 'violated', judged: 'broken', source: CONSUMER_DOCS, check: { seed: 3, runs: 1000 }, trace: 'monotonic-poll--kip-966-acksall-rf3-isr2-without-check-resume-without-position--a334a5b6.json' },
  { id: 'monotonic-poll', claim: "a consumer polls forward within each incarnation, even where truncation notices move it back (3.6, an operator's unclean election)", flags: ['--era', 'kraft', '--min-isr', '1', '--unclean-elections', '1'], invariant: 'monotonic-poll', expected: 'holds', source: CONSUMER_DOCS, check: { seed: 1, runs: 1000 } },

  // KRaft 3.6 to 3.8 ignore unclean.leader.election.enable (KAFKA-12670); an operator can still force one (KIP-460).
  { id: 'kraft-unclean-flag-ignored', claim: 'in KRaft 3.6 the unclean flag changes nothing: the same faults lose nothing with min.insync.replicas=2', flags: ['--era', 'kraft', '--unclean', 'true', ...budgets({ crashes: 1, shrinks: 2 })], invariant: 'acked-never-lost', expected: 'holds', source: JIRA('KAFKA-12670'), check: { seed: 1, runs: 2000 } },
  { id: 'kraft-unclean-flag-ignored-min-isr-1', claim: 'nor with min.insync.replicas=1: the controller never elects outside the ISR by itself', flags: ['--era', 'kraft', '--min-isr', '1', '--unclean', 'true', ...budgets({ crashes: 1, shrinks: 2 })], invariant: 'acked-never-lost', expected: 'holds', source: JIRA('KAFKA-12670'), check: { seed: 1, runs: 2000 } },
  { id: 'operator-unclean-election', claim: "an operator's unclean election (kafka-leader-election.sh --election-type unclean) loses committed records, allowed", flags: ['--era', 'kraft', '--min-isr', '1', '--unclean-elections', '1', ...budgets({ crashes: 1, shrinks: 2 })], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-460%3A+Admin+Leader+Election+RPC', check: { seed: 1, runs: 2000 } },

  // KIP-101: truncating to the follower's own high watermark.
  { id: 'kip-101-scenario-1-present', claim: 'a restarted follower truncates to its stale HW and is elected without an acknowledged record', flags: ['--era', 'hw-truncation', ...KIP_101_S1], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: KIP_101, check: { seed: 1, runs: 3000 } },
  { id: 'kip-101-min-isr-1', claim: 'with min.insync.replicas=1 the same truncation loses a committed record: a Kafka bug, not the price of the setting', flags: ['--era', 'hw-truncation', '--min-isr', '1', ...KIP_101_S1], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: KIP_101, check: { seed: 1, runs: 3000 } },
  { id: 'kip-101-scenario-1-fixed', claim: 'leader epochs keep the record', flags: KIP_101_S1, invariant: 'acked-never-lost', expected: 'holds', source: KIP_101, check: { seed: 6, runs: 3000 } },
  { id: 'kip-101-scenario-2-present', claim: 'after both replicas lose power, their logs diverge', flags: ['--era', 'hw-truncation', ...KIP_101_S2], invariant: 'log-matching', expected: 'violated', judged: 'broken', source: KIP_101, check: { seed: 3, runs: 5000 } },
  { id: 'kip-101-scenario-2-fixed', claim: 'leader epochs truncate the divergent record', flags: KIP_101_S2, invariant: 'log-matching', expected: 'holds', source: KIP_101, check: { seed: 1, runs: 5000 } },

  // KAFKA-6361 (KIP-279): an end offset alone after back-to-back leader changes.
  { id: 'kafka-6361-present', claim: 'fast back-to-back leader changes leave the logs diverged', flags: ['--era', 'kip-101', ...FAST_FAILOVERS], invariant: 'log-matching', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-6361'), check: { seed: 1, runs: 5000 } },
  { id: 'kafka-6361-fixed', claim: 'the (epoch, end offset) answer makes them agree', flags: FAST_FAILOVERS, invariant: 'log-matching', expected: 'holds', source: KIP_279, check: { seed: 1, runs: 5000 } },
  { id: 'kafka-7415-present', claim: 'an epoch below the new leader’s first one is answered UNDEFINED: the follower keeps its divergent log', flags: ['--era', 'kip-279', ...FAST_FAILOVERS], invariant: 'log-matching', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-7415'), check: { seed: 1, runs: 5000 } },
  { id: 'kafka-7415-fixed', claim: 'the new leader records its epoch at election and answers with its first offset', flags: ['--era', 'kip-320', ...FAST_FAILOVERS], invariant: 'log-matching', expected: 'holds', source: JIRA('KAFKA-7415'), check: { seed: 1, runs: 5000 } },

  // KAFKA-7164: the same leader returning more than one epoch later.
  { id: 'kafka-7164-present', claim: 'a follower that missed an epoch skips truncation when the same leader returns', flags: ['--era', 'kip-320', '--without-fix', 'KAFKA-7164', '--without-fix', 'KIP-320', ...SAME_LEADER_RETURNS], invariant: 'log-matching', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-7164'), trace: 'kafka-7164.json' },
  { id: 'kafka-7164-fixed', claim: 'every epoch change makes the follower reconcile', flags: ['--era', 'kip-320', ...SAME_LEADER_RETURNS], invariant: 'log-matching', expected: 'holds', source: JIRA('KAFKA-7164'), check: { seed: 1, runs: 5000 } },

  // KAFKA-7128: a lagging follower joins the ISR below the leader-epoch start offset.
  { id: 'kafka-7128-min-isr-1', claim: 'in 2.0.0, with min.insync.replicas=1, the leader that restarts with a HW of 0 lets a lagging follower back into the ISR, which is elected without the committed record', flags: ['--era', 'kip-279', '--min-isr', '1', ...PRODUCER_ONLY], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-7128'), trace: 'acked-never-lost--kip-279-acksall-rf3-isr1-commits0--037d03c1.json' },
  { id: 'kafka-7128-present', claim: 'a follower joins the ISR at a new leader’s stale HW and is elected without committed records', flags: ['--without-fix', 'KAFKA-7128', ...KAFKA_7128], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-7128'), trace: 'kafka-7128.json' },
  { id: 'kafka-7128-fixed', claim: 'it must first reach the leader-epoch start offset', flags: KAFKA_7128, invariant: 'acked-never-lost', expected: 'holds', source: JIRA('KAFKA-7128'), check: { seed: 1, runs: 3000 } },

  // KIP-903: a restarted broker joins the ISR on a stale AlterPartition.
  { id: 'kip-903-present', claim: 'an AlterPartition sent before the follower lost its disk adds its new, empty incarnation', flags: ['--without-fix', 'KIP-903', ...KIP_903], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-903%3A+Replicas+with+stale+broker+epoch+should+not+be+allowed+to+join+the+ISR', trace: 'kip-903.json' },
  { id: 'kip-903-fixed', claim: 'the broker epoch in the fetch makes the controller refuse it', flags: KIP_903, invariant: 'acked-never-lost', expected: 'holds', source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-903%3A+Replicas+with+stale+broker+epoch+should+not+be+allowed+to+join+the+ISR', check: { seed: 1, runs: 3000 } },

  // Last replica standing (KIP-966).
  { id: 'last-replica-standing-present', claim: 'KRaft re-elects the last ISR member after a power loss took committed records', flags: ['--era', 'kraft', ...LAST_REPLICA], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: KIP_966, check: { seed: 1, runs: 5000 } },
  { id: 'last-replica-standing-fixed', claim: 'with ELR an eligible leader replica that holds them is elected instead', flags: LAST_REPLICA, invariant: 'acked-never-lost', expected: 'holds', source: KIP_966, check: { seed: 1, runs: 5000 } },
  { id: 'kip-966-two-power-losses', claim: 'two unclean shutdowns (two power losses) can lose data, as KIP-966 documents', flags: ['--power-losses', '2', ...PRODUCER_ONLY], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: KIP_966, check: { seed: 1, runs: 3000 } },
  { id: 'kip-966-power-loss-and-crash', claim: 'so can a power loss and a process crash, both unclean', flags: ['--power-losses', '1', '--crashes', '1', ...PRODUCER_ONLY], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: KIP_966, check: { seed: 1, runs: 5000 } },

  // Operations: rolling restarts, preferred leader elections, reassignments, replaced disks (rules 26, 27, 31, 32).
  { id: 'rolling-restart-hw-truncation', claim: 'before 0.11, a rolling restart of three replicas loses an acknowledged record: at each leader move the followers truncate to their lagging HW, and the next controlled shutdown elects one of them before it refetches', flags: ['--era', 'hw-truncation', ...ROLLING_RESTART, '--records', '1', '--shrinks', '0'], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: KIP_101, check: { seed: 1, runs: 2000 }, trace: 'acked-never-lost--hw-truncation-acksall-rf3-isr2-rolling-restart-crashes0-fences0-shutdowns3-commits0--6722b304.json' },
  { id: 'rolling-restart-hw-truncation-2-replicas', claim: 'with two replicas it cannot: the one left in the ISR leads, and the restarting one leaves the ISR before it truncates', flags: ['--era', 'hw-truncation', '--brokers', '2', ...ROLLING_RESTART], invariant: 'acked-never-lost', expected: 'holds', source: KIP_101, check: { seed: 1, runs: 3000 } },
  { id: 'rolling-restart-kraft', claim: 'in 3.6, a rolling restart waiting for the ISR loses nothing with acks=all and min.insync.replicas=2', flags: ['--era', 'kraft', ...ROLLING_RESTART], invariant: 'acked-never-lost', expected: 'holds', source: ROLLING_UPGRADE_DOCS, check: { seed: 1, runs: 3000 } },
  { id: 'rolling-restart-kip-966', claim: 'nor with ELR (4.1)', flags: ROLLING_RESTART, invariant: 'acked-never-lost', expected: 'holds', source: ROLLING_UPGRADE_DOCS, check: { seed: 1, runs: 3000 } },
  { id: 'operations-kraft', claim: 'in 3.6, two preferred leader elections and a reassignment replacing one replica lose nothing around a process crash', flags: ['--era', 'kraft', ...OPERATIONS], invariant: 'acked-never-lost', expected: 'holds', source: REASSIGNMENT, check: { seed: 1, runs: 3000 } },
  { id: 'operations-kip-966', claim: 'nor with ELR (4.1)', flags: OPERATIONS, invariant: 'acked-never-lost', expected: 'holds', source: REASSIGNMENT, check: { seed: 1, runs: 3000 } },
  ...(['hw-truncation', 'kip-101', 'kip-279', 'kip-320'] as const).map((era): VerdictRow => ({ id: `kafka-1120-${era}`, claim: `in ${era}, a broker that bounces on an empty disk before its ZooKeeper session expires is still in the ISR (and here still leads): committed records are lost while in-sync replicas hold them`, flags: ['--era', era, ...DISK_LOSS], invariant: 'acked-never-lost', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-1120'), check: { seed: 1, runs: 500 } })),
  { id: 'zookeeper-last-member-empty-disk', claim: 'in 2.1, the last ISR member returns on an empty disk and is re-elected: the committed record is lost, but no in-sync replica kept it', flags: ['--era', 'kip-320', ...LAST_MEMBER_DISK_LOSS], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: 'https://kafka.apache.org/documentation/#design_uncleanleader', trace: 'zookeeper-last-member-empty-disk.json' },
  { id: 'kraft-empty-disk', claim: 'in 3.6 the returning broker is a new registration: the old incarnation is fenced and leaves the ISR before the empty replica can lead', flags: ['--era', 'kraft', ...DISK_LOSS], invariant: 'acked-never-lost', expected: 'holds', source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-858%3A+Handle+JBOD+broker+disk+failure+in+KRaft', check: { seed: 1, runs: 2000 } },
  { id: 'kraft-last-member-empty-disk', claim: 'in 3.6 the last ISR member stays in the ISR when it returns on an empty disk and is re-elected once unfenced: committed records are lost, but no in-sync replica kept them', flags: ['--era', 'kraft', '--disk-losses', '1', '--crashes', '0', '--fences', '0', '--shutdowns', '0', ...PRODUCER_ONLY], invariant: 'acked-never-lost', expected: 'violated', judged: 'allowed', source: KIP_966, trace: 'kraft-last-member-empty-disk.json' },
  { id: 'kip-966-empty-disk', claim: 'with ELR (4.1) the return is unclean (no clean-shutdown marker on the new disk): out of ISR and ELR', flags: DISK_LOSS, invariant: 'acked-never-lost', expected: 'holds', source: KIP_966, check: { seed: 1, runs: 2000 } },

  // Producers that retry (rule 29): duplicates and order, without and with idempotence.
  ...RETRY_ERAS.map((era): VerdictRow => ({ id: `retry-duplicates-${era}`, claim: `in ${era}, without idempotence a batch whose answer was lost is appended again by its retry`, flags: PLAIN_RETRIES(era, 5, RETRYING), invariant: 'no-duplicates', expected: 'violated', judged: 'allowed', source: KIP_98, check: { seed: 1, runs: 1000 } })),
  ...RETRY_ERAS.map((era): VerdictRow => ({ id: `retry-reorders-${era}`, claim: `in ${era}, without idempotence and with 5 requests in flight a retried batch can land behind one sent after it`, flags: PLAIN_RETRIES(era, 5, ORDERING), invariant: 'producer-order', expected: 'violated', judged: 'allowed', source: MAX_IN_FLIGHT_DOCS, check: { seed: 1, runs: 2000 } })),
  ...RETRY_ERAS.map((era): VerdictRow => ({ id: `one-in-flight-keeps-order-${era}`, claim: `in ${era}, with one request in flight a retry goes out before any later batch: order holds without idempotence`, flags: PLAIN_RETRIES(era, 1, ORDERING), invariant: 'producer-order', expected: 'holds', source: MAX_IN_FLIGHT_DOCS, check: { seed: 1, runs: 2000 } })),
  ...(['kraft', 'kip-966'] as const).map((era): VerdictRow => ({ id: `idempotent-retries-${era}`, claim: `in ${era}, the default producer (idempotent, acks=all) with min.insync.replicas=2 and no power loss neither duplicates nor reorders across leader changes and retries`, flags: ['--era', era, ...RETRYING], invariant: 'no-duplicates', everyInvariant: true, expected: 'holds', source: KIP_98, check: { seed: 1, runs: 2000 } })),
  { id: 'retry-duplicate-story', claim: 'in 3.6 without idempotence: the leader crashes after a follower copied the batch, and the retry reaches the new leader, which appends it again', flags: ['--era', 'kraft', '--idempotence', 'false', '--records', '1', '--crashes', '1', '--fences', '1', '--shutdowns', '0', '--shrinks', '0', '--retries', '1', ...PRODUCER_ONLY], invariant: 'no-duplicates', expected: 'violated', judged: 'allowed', source: KIP_98, check: { seed: 1, runs: 500 }, trace: 'retry-duplicate-after-leader-change.json' },
  { id: 'retry-reorder-story', claim: 'in 2.1 without idempotence: the first batch is refused (NOT_ENOUGH_REPLICAS), the second, already in flight, is appended, and the first is retried behind it', flags: ['--era', 'kip-320', '--idempotence', 'false', '--records', '2', '--crashes', '0', '--fences', '0', '--shutdowns', '0', '--shrinks', '2', '--retries', '1', ...PRODUCER_ONLY], invariant: 'producer-order', expected: 'violated', judged: 'allowed', source: MAX_IN_FLIGHT_DOCS, check: { seed: 2, runs: 4000 }, trace: 'retry-reorders-five-in-flight.json' },

  // KAFKA-15583: a NOT_ENOUGH_REPLICAS_AFTER_APPEND record that consumers read and that vanishes.
  { id: 'kafka-15583-present', claim: 'a lone leader exposes a record refused with NOT_ENOUGH_REPLICAS_AFTER_APPEND; a power loss takes it back', flags: ['--era', 'kraft', ...NERAA], invariant: 'consistent-read', expected: 'violated', judged: 'allowed', source: JIRA('KAFKA-15583'), check: { seed: 1, runs: 3000 } },
  { id: 'kafka-15583-removed', claim: 'the same in the default era with KAFKA-15583 removed', flags: ['--without-fix', 'KAFKA-15583', ...NERAA], invariant: 'consistent-read', expected: 'violated', judged: 'broken', source: JIRA('KAFKA-15583'), check: { seed: 1, runs: 3000 } },
  { id: 'kafka-15583-fixed', claim: 'the HW stays below the record while the ISR is below min.insync.replicas', flags: NERAA, invariant: 'consistent-read', expected: 'holds', source: JIRA('KAFKA-15583'), check: { seed: 1, runs: 3000 } },
];

/** One bug Kafka had: the story, the rows that show it present and fixed, and what closed it. */
export interface KnownBug {
  readonly id: string;
  readonly title: string;
  readonly story: string;
  readonly closedBy: string;
  readonly source: string;
  readonly present: string;
  readonly fixed: readonly string[];
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    id: 'kip-101-scenario-1',
    title: 'KIP-101 scenario 1: an acknowledged record lost to high-watermark truncation',
    story:
      'A follower learns the leader’s high watermark one fetch late. It restarts, truncates its log to its own stale HW (dropping a record the leader already acknowledged), and is elected when the leader goes away.',
    closedBy: 'leader epochs and OffsetsForLeaderEpoch (KIP-101, 0.11; the `kip-101` era on)',
    source: KIP_101,
    present: 'kip-101-scenario-1-present',
    fixed: ['kip-101-scenario-1-fixed'],
  },
  {
    id: 'kip-101-scenario-2',
    title: 'KIP-101 scenario 2: replicas diverge after both lose power',
    story:
      'Both replicas lose unflushed records; the one that restarts first leads and takes new writes at the offsets the other still holds. The other truncates only to its own HW and keeps its old records: the logs differ at the same offset for good.',
    closedBy: 'leader epochs (KIP-101, 0.11)',
    source: KIP_101,
    present: 'kip-101-scenario-2-present',
    fixed: ['kip-101-scenario-2-fixed'],
  },
  {
    id: 'kafka-6361',
    title: 'KAFKA-6361: divergence after fast back-to-back leader changes',
    story:
      'A follower asks where its latest epoch ends; a leader that never had that epoch answers with the start of a later one, an offset from another lineage. The follower keeps records the leader never had.',
    closedBy: 'KIP-279 (2.0): the answer carries (epoch, end offset) and truncation repeats until the logs agree',
    source: JIRA('KAFKA-6361'),
    present: 'kafka-6361-present',
    fixed: ['kafka-6361-fixed'],
  },
  {
    id: 'kafka-7415',
    title: 'KAFKA-7415: an UNDEFINED answer sends the follower back to HW truncation',
    story:
      'In 2.0.0 a new leader wrote its epoch into its cache only with its first record, and answered UNDEFINED for an epoch older than its first entry. The follower then truncated to its own HW, keeping records the new leader overwrote.',
    closedBy: 'KAFKA-7415 (2.0.1)',
    source: JIRA('KAFKA-7415'),
    present: 'kafka-7415-present',
    fixed: ['kafka-7415-fixed'],
  },
  {
    id: 'kafka-7164',
    title: 'KAFKA-7164: the same leader returns more than one epoch later',
    story:
      'A follower misses an epoch in which another broker led and wrote. When its old leader leads again, epochs later, the follower sees "same leader" and skips reconciling: it keeps a record the leader no longer has.',
    closedBy: 'KAFKA-7164 (2.0.1); from 2.1 KIP-320 reconciles on every epoch change',
    source: JIRA('KAFKA-7164'),
    present: 'kafka-7164-present',
    fixed: ['kafka-7164-fixed'],
  },
  {
    id: 'kafka-7128',
    title: 'KAFKA-7128: a lagging follower joins the ISR at a new leader’s stale HW',
    story:
      'A new leader starts with a stale high watermark. A far-behind follower that reaches it is added to the ISR while it still lacks committed records; the leader dies and that follower is elected.',
    closedBy: 'KAFKA-7128 (2.0.1): a follower joins only once it reaches the leader-epoch start offset',
    source: JIRA('KAFKA-7128'),
    present: 'kafka-7128-present',
    fixed: ['kafka-7128-fixed'],
  },
  {
    id: 'kip-903',
    title: 'KIP-903: a broker that lost its disk joins the ISR on a stale request',
    story:
      'The leader asks to add a caught-up follower; before the controller answers, the follower loses power and comes back empty with a new broker epoch. The controller accepts the old request for the new incarnation, which is then elected.',
    closedBy: 'KIP-903 (3.5): fetches carry the broker epoch; the controller refuses a stale one',
    source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-903%3A+Replicas+with+stale+broker+epoch+should+not+be+allowed+to+join+the+ISR',
    present: 'kip-903-present',
    fixed: ['kip-903-fixed'],
  },
  {
    id: 'kafka-7747',
    title: 'KAFKA-7747: a consumer reads a rewritten offset and is never told',
    story:
      'The ISR shrinks to the leader, which exposes a record; a consumer reads it. An unclean election makes a replica without it the leader, which writes another record at that offset. The consumer, past the new log end, gets OFFSET_OUT_OF_RANGE, is reset to the earliest offset and reads the new record at the old offset: nothing told it the log was truncated.',
    closedBy: 'KAFKA-7747 (2.3): the consumer validates its position with OffsetsForLeaderEpoch after a leader change and moves back with a truncation notice (or stops with auto.offset.reset=none)',
    source: JIRA('KAFKA-7747'),
    present: 'kafka-7747-present',
    fixed: ['kafka-7747-fixed'],
  },
  {
    id: 'kafka-7747-unseen',
    title: 'KAFKA-7747, the other half: a consumer reads on past records it never saw',
    story:
      'The ISR shrinks to the leader, which commits a record alone; a consumer reads it. An unclean election makes a replica without it the leader, which writes new records at the offsets the consumer had passed. Before 2.3 nothing checks the position: the consumer reads on from where it was and never sees the records now below it.',
    closedBy: 'KAFKA-7747 (2.3): position validation moves the consumer back to where its epoch ends on the new leader (a truncation notice)',
    source: JIRA('KAFKA-7747'),
    present: 'kafka-7747-unseen-present',
    fixed: ['operator-election-unseen'],
  },
  {
    id: 'kafka-19902',
    title: 'KAFKA-19902: a commit without a leader epoch cannot be validated',
    story:
      'Validation needs the leader epoch of the last record consumed; the consumer commits it (OffsetAndMetadata, KIP-320), but an application that commits through the two-argument constructor does not. After an unclean election rewrote the offsets below its commit, a consumer that resumes from such a commit reads on past the rewritten records (or, past the new log end, falls back to auto.offset.reset).',
    closedBy: 'committing with the leader epoch: the consumer’s own commits, or the three-argument OffsetAndMetadata with the record’s leaderEpoch()',
    source: JIRA('KAFKA-19902'),
    present: 'commits-without-epochs',
    fixed: ['operator-election-unseen'],
  },
  {
    id: 'at-most-once',
    title: 'At most once, by choice: a commit placed before processing',
    story:
      'The application commits its position before it has processed what poll returned (enable.auto.commit with records handed to another thread, or a manual commit placed first). The consumer crashes in between; it resumes from the commit, past a record it never processed. Kafka documents this as at-most-once delivery.',
    closedBy: 'committing after processing (at least once: a crash then re-delivers instead); the model then processes in the poll’s own step, so nothing is ever committed unprocessed, and every invariant holds in 3.6 with broker and consumer crashes',
    source: CONSUMER_DOCS,
    present: 'commit-before-processing',
    fixed: ['kraft-consumer-safe'],
  },
  {
    id: 'backwards-poll',
    title: 'Polls that go backwards: a running consumer that fetches its commit again',
    story:
      'Kafka’s consumer asks its group coordinator for the committed offset only while it has no position. Without that guard, a running consumer that has read past its last commit jumps back to it and polls the same offsets again in one incarnation, with no truncation notice or reset to explain it (what Jepsen calls a nonmonotonic poll).',
    closedBy: 'the guard every release keeps: committed offsets are fetched only for partitions awaiting a position',
    source: CONSUMER_DOCS,
    present: 'resume-without-position-removed',
    fixed: ['monotonic-poll'],
  },
  {
    id: 'jepsen-2013',
    title: 'Jepsen 2013: unclean election after the ISR shrank to the leader',
    story:
      'The followers fall out of the ISR, so the leader alone acknowledges acks=all writes; it is cut off, and an out-of-sync replica is elected: the acknowledged writes vanish.',
    closedBy: 'min.insync.replicas=2 and unclean.leader.election.enable=false (KAFKA-1555, KIP-106)',
    source: JEPSEN,
    present: 'jepsen-2013-present',
    fixed: ['jepsen-2013-fixed'],
  },
  {
    id: 'last-replica-standing',
    title: 'Last replica standing: one power loss under KRaft 3.6',
    story:
      'The ISR shrinks to the leader; it loses power before the OS flushed committed records and, as the last ISR member, is elected again without them, while followers that hold them wait outside the ISR.',
    closedBy: 'KIP-966 (4.1): eligible leader replicas and unclean-shutdown detection; two unclean shutdowns can still lose data, as documented',
    source: KIP_966,
    present: 'last-replica-standing-present',
    fixed: ['last-replica-standing-fixed', 'kip-966-two-power-losses', 'kip-966-power-loss-and-crash'],
  },
  {
    id: 'kafka-15583',
    title: 'KAFKA-15583: a record refused with NOT_ENOUGH_REPLICAS_AFTER_APPEND is read, then lost',
    story:
      'The ISR shrinks to the leader while an acks=all write waits; the lone leader advances the HW over it, so consumers read it while the producer is told it failed; then the leader loses it.',
    closedBy: 'KAFKA-15583 (3.7): the HW does not advance while the ISR is below min.insync.replicas',
    source: JIRA('KAFKA-15583'),
    present: 'kafka-15583-present',
    fixed: ['kafka-15583-fixed', 'kafka-15583-removed'],
  },
  {
    id: 'rolling-restart-hw-truncation',
    title: 'A rolling restart before 0.11 loses an acknowledged record (KIP-101)',
    story:
      'Each controlled shutdown moves leadership, and every follower that stays in the ISR truncates its log to its own high watermark, which lags the leader’s by a fetch. The operator, waiting for the ISR to be whole, shuts down the next broker; the controller elects a follower that truncated a committed record and has not fetched it back. Three replicas are needed: with two, the one left in the ISR is the old leader.',
    closedBy: 'leader epochs (KIP-101, 0.11): a new follower truncates only where its log diverges from the leader’s',
    source: KIP_101,
    present: 'rolling-restart-hw-truncation',
    fixed: ['rolling-restart-kraft', 'rolling-restart-kip-966'],
  },
  {
    id: 'kafka-1120',
    title: 'KAFKA-1120: a broker that bounces on an empty disk stays in the ISR',
    story:
      'A broker loses its disk and comes back with the same id before its ZooKeeper session expires. The controller never saw it go, so it is still in the ISR, here still the leader, with an empty log: followers that hold the committed records truncate to it. Nothing in Kafka checks that a replica kept its data (rule 32).',
    closedBy: 'KAFKA-7235 (2.2): the controller notices the new ZooKeeper session of a bounced broker (broker epochs, KIP-380); KRaft fences the old incarnation at re-registration, and KIP-966 treats a return without a clean-shutdown marker as unclean',
    source: JIRA('KAFKA-1120'),
    present: 'kafka-1120-kip-320',
    fixed: ['kraft-empty-disk', 'kip-966-empty-disk', 'zookeeper-last-member-empty-disk', 'kraft-last-member-empty-disk'],
  },
  {
    id: 'retry-duplicates',
    title: 'At least once, by default before 3.0: a retry after a lost answer writes the record twice',
    story:
      'The leader appends the batch and a follower copies it, but the answer never reaches the producer: the leader crashes before the high watermark passes the record, and the connection closes. The outcome is unknown, so the producer sends the same batch again, now to the new leader, which already holds it from the follower and appends it a second time. Without idempotence nothing tells the two apart (enable.idempotence was off by default until 3.0.1).',
    closedBy: 'the idempotent producer (KIP-98, 0.11; on by default from 3.0.1, KIP-679): each batch carries its producer id and sequence, and the new leader, which copied them with the record, answers the retry with the original offset',
    source: KIP_98,
    present: 'retry-duplicate-story',
    fixed: ['idempotent-retries-kraft', 'idempotent-retries-kip-966'],
  },
  {
    id: 'retry-reorders',
    title: 'Five requests in flight without idempotence: a retried batch lands behind a later one',
    story:
      'The ISR has shrunk to the leader, so the first batch is refused with NOT_ENOUGH_REPLICAS; a follower catches up and rejoins before the leader reads the second batch, already in flight behind the first on the same connection, which is appended. The producer retries the first batch, and it lands after the second. Kafka documents it: with max.in.flight.requests.per.connection above 1 and retries, order holds only with idempotence.',
    closedBy: 'one request in flight (a retry goes out before any later batch), or the idempotent producer (KIP-98), whose leader refuses a batch whose sequence does not follow the last one it holds',
    source: MAX_IN_FLIGHT_DOCS,
    present: 'retry-reorder-story',
    fixed: ['one-in-flight-keeps-order-kip-320', 'idempotent-retries-kraft'],
  },
];

export function verdictRow(id: string): VerdictRow {
  const row = VERDICTS.find((candidate) => candidate.id === id);
  if (row === undefined) throw new Error(`no verdict row ${id}`);
  return row;
}
