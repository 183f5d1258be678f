/**
 * The knobs of the seed, as Kafka names them, plus the perturbation budgets of the checker.
 * One validation function turns untrusted input into a Config or fails naming the field.
 */
import type { Acks, AutoOffsetReset, BrokerId, CleanupPolicy, CommitDiscipline, PartitionName } from './types.js';
import { ERA_NAMES, ERA_VERSIONS, DEFAULT_ERA, type EraName } from './eras/names.js';
import { isConflict, MAX_RETRIES, resolveProducer, type ProducerProperties } from './producer-settings.js';
import { isSwitchName, type SwitchName } from './switches.js';

/** Bounds on perturbations only; recovery (restart, unfence, flush, fetch) is never budgeted. */
export interface Budgets {
  /** Produce attempts. */
  readonly records: number;
  /** Process crashes (kill -9: the page cache survives). */
  readonly crashes: number;
  /** Power losses, counted per broker: everything above the flushed offset is gone. */
  readonly powerLosses: number;
  /** Fencings of a live broker whose heartbeats were lost. */
  readonly fences: number;
  /** Clean (controlled) shutdowns. */
  readonly shutdowns: number;
  /** Lag-driven ISR shrinks (`replica.lag.time.max.ms` expiring). */
  readonly shrinks: number;
  /** Offset commits by the consumer; 0 leaves the consumer and `__consumer_offsets` out of the model. */
  readonly commits: number;
  /** Consumer restarts (a crash or a rebalance: it resumes from its group coordinator's answer). */
  readonly consumerRestarts: number;
  /** Segment deletions by retention (`log.retention.*`) on the data partition. */
  readonly retention: number;
  /**
   * Unclean elections an operator forces through the ElectLeaders API (`kafka-leader-election.sh
   * --election-type unclean`, KIP-460, 2.4); 0 in a trace that predates them.
   */
  readonly uncleanElections: number;
  /**
   * Preferred leader elections: the controller moves leadership back to the first replica of the
   * assignment (`auto.leader.rebalance.enable`, or `kafka-leader-election.sh --election-type
   * preferred`, rule 26); 0 in a trace that predates them.
   */
  readonly leaderMoves: number;
  /**
   * Replaced disks: a broker starts again with every log directory empty and the same broker id
   * (rule 32); 0 in a trace that predates them.
   */
  readonly diskLosses: number;
  /**
   * Partition reassignments replacing one replica by a broker outside the assignment
   * (kafka-reassign-partitions.sh, rule 31); 0 in a trace that predates them.
   */
  readonly reassignments: number;
  /**
   * Producer retries: resends of a batch whose answer was an error or never came (rule 29). Above 0,
   * produce requests and their answers travel the network; 0 in a trace that predates them.
   */
  readonly retries: number;
}

export interface Config {
  readonly era: EraName;
  /** Brokers in the cluster; the data partition's replicas are brokers 0..replicationFactor-1. */
  readonly brokers: number;
  /** `replication.factor` of the partition. */
  readonly replicationFactor: number;
  /** `min.insync.replicas`. */
  readonly minInsyncReplicas: number;
  /** Producer `acks` for the writes the checker generates. */
  readonly acks: Acks;
  /** `unclean.leader.election.enable`. */
  readonly uncleanLeaderElection: boolean;
  /** `log.flush.interval.messages`; null is Kafka's default: never forced, the OS flushes lazily. */
  readonly flushIntervalMessages: number | null;
  /** `offsets.topic.replication.factor`: replicas of the group's `__consumer_offsets` partition. */
  readonly offsetsTopicReplicationFactor: number;
  /**
   * The brokers hosting the group's `__consumer_offsets` partition, in assignment order (as
   * `kafka-topics.sh --replica-assignment` gives it); by default brokers 0..offsetsTopicReplicationFactor-1.
   */
  readonly offsetsTopicAssignment: readonly BrokerId[];
  /** The consumer's `auto.offset.reset`. */
  readonly autoOffsetReset: AutoOffsetReset;
  /** Whether the application commits after processing what it polled (at least once) or before (at most once). */
  readonly commitDiscipline: CommitDiscipline;
  /**
   * Whether commits carry the leader epoch of the last record consumed (the consumer's own commits and
   * the three-argument `OffsetAndMetadata` do from 2.1); false as for the two-argument one, whose
   * position a resuming consumer cannot validate (KAFKA-19902).
   */
  readonly commitLeaderEpoch: boolean;
  /** `log.segment.bytes` as a record count: retention deletes whole segments only. */
  readonly segmentRecords: number;
  /** Fixes and guards removed from the era (`--without-fix`). */
  readonly withoutFixes: readonly SwitchName[];
  /**
   * An operator's procedure the run follows, or null: `rolling-restart` shuts each broker down cleanly
   * once, in any order, each after the previous one is running again.
   */
  readonly scenario: ScenarioName | null;
  /** In a rolling restart, whether the operator also waits for every ISR to be whole before the next broker. */
  readonly waitForIsr: boolean;
  /** The producer's delivery settings as given (`producer.properties`); resolved per era in producer-settings.ts. */
  readonly producer: ProducerProperties;
  /**
   * Producers writing the data partition, each with its own connections, producer id and sequence
   * numbers, all with the same settings; more than one only when produce requests travel the network.
   */
  readonly producers: number;
  readonly budgets: Budgets;
}

/** The operators' procedures a run can follow (`--scenario`). */
export const SCENARIO_NAMES = ['rolling-restart'] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const DEFAULT_BUDGETS: Budgets = {
  records: 3,
  crashes: 2,
  powerLosses: 0,
  fences: 1,
  shutdowns: 1,
  shrinks: 2,
  commits: 2,
  consumerRestarts: 1,
  retention: 0,
  uncleanElections: 0,
  leaderMoves: 0,
  diskLosses: 0,
  reassignments: 0,
  retries: 0,
};

/** The safe setting the seed's reasoning leads to. */
export const DEFAULT_CONFIG: Config = {
  era: DEFAULT_ERA,
  brokers: 3,
  replicationFactor: 3,
  minInsyncReplicas: 2,
  acks: 'all',
  uncleanLeaderElection: false,
  flushIntervalMessages: null,
  offsetsTopicReplicationFactor: 3,
  offsetsTopicAssignment: [0, 1, 2],
  autoOffsetReset: 'earliest',
  commitDiscipline: 'after-processing',
  commitLeaderEpoch: true,
  segmentRecords: 1,
  withoutFixes: [],
  scenario: null,
  waitForIsr: true,
  producer: { enableIdempotence: null, retries: null, maxInFlight: null },
  producers: 1,
  budgets: DEFAULT_BUDGETS,
};

/** Bad input: names the offending field, so the CLI can print one clear line and exit 2. */
export class ConfigError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ConfigError';
  }
}

const BUDGET_FIELDS = Object.keys(DEFAULT_BUDGETS) as (keyof Budgets)[];
const CONFIG_FIELDS = Object.keys(DEFAULT_CONFIG) as (keyof Config)[];

/**
 * What the tool accepts, refused up front rather than met as an out-of-memory crash. A state holds a
 * record per broker and, per partition, a replica per assigned broker with its log (a record per
 * produce attempt or commit) and its leader's record of each follower: `stateBytes` estimates it from
 * those counts, and the limit keeps one state a small fraction of the heap, since a run holds its
 * states and the explorer a whole frontier of them. 20 brokers with replication factor 20 and the
 * default budgets take about 80 KiB.
 */
export const LIMITS = {
  /** Brokers in the cluster: each one is a record in every state, and its registration. */
  brokers: 1000,
  /** Each perturbation budget: a run is at most a few times longer than their sum. */
  budget: 1000,
  /** Producers: each has its connections and sequence numbers in every state. */
  producers: 10,
  /** One state, estimated by `stateBytes`. */
  stateBytes: 32 * 2 ** 20,
} as const;

function integer(field: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ConfigError(field, `must be an integer, got ${JSON.stringify(value)}`);
  }
  if (value < min) throw new ConfigError(field, `must be at least ${min}, got ${value}`);
  if (value > max) throw new ConfigError(field, `must be at most ${max} (the tool's limit), got ${value}`);
  return value;
}

/** Producer `acks` as Kafka spells it (-1 is all), from a number or from text; null if it is none. */
export function acksOf(value: unknown): Acks | null {
  if (value === 'all' || value === -1 || value === '-1') return 'all';
  if (value === 0 || value === '0') return 0;
  if (value === 1 || value === '1') return 1;
  return null;
}

function acks(value: unknown): Acks {
  const parsed = acksOf(value);
  if (parsed === null) throw new ConfigError('acks', `must be 0, 1, all or -1, got ${JSON.stringify(value)}`);
  return parsed;
}

function record(field: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(field, 'must be an object');
  }
  return value as Record<string, unknown>;
}

function noUnknownKeys(field: string, value: Record<string, unknown>, known: readonly string[]): void {
  const unknown = Object.keys(value).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new ConfigError(`${field}${field ? '.' : ''}${unknown}`, `unknown field (known: ${known.join(', ')})`);
  }
}

function budgets(value: unknown): Budgets {
  const input = record('budgets', value);
  noUnknownKeys('budgets', input, BUDGET_FIELDS);
  const read = (key: keyof Budgets): number =>
    integer(`budgets.${key}`, input[key] ?? DEFAULT_BUDGETS[key], 0, LIMITS.budget);
  return {
    records: read('records'),
    crashes: read('crashes'),
    powerLosses: read('powerLosses'),
    fences: read('fences'),
    shutdowns: read('shutdowns'),
    shrinks: read('shrinks'),
    commits: read('commits'),
    consumerRestarts: read('consumerRestarts'),
    retention: read('retention'),
    uncleanElections: read('uncleanElections'),
    leaderMoves: read('leaderMoves'),
    diskLosses: read('diskLosses'),
    reassignments: read('reassignments'),
    retries: read('retries'),
  };
}

function era(value: unknown): EraName {
  const name = ERA_NAMES.find((known) => known === value);
  if (name === undefined) {
    throw new ConfigError('era', `unknown era ${JSON.stringify(value)} (known: ${ERA_NAMES.join(', ')})`);
  }
  return name;
}

function withoutFixes(value: unknown): SwitchName[] {
  if (!Array.isArray(value)) throw new ConfigError('withoutFixes', 'must be a list of fix names');
  return value.map((name: unknown) => {
    if (typeof name !== 'string' || !isSwitchName(name)) {
      throw new ConfigError('withoutFixes', `unknown fix or guard ${JSON.stringify(name)}`);
    }
    return name;
  });
}

/**
 * Turns untrusted input (CLI flags, a trace file) into a Config. Missing fields take the defaults;
 * an impossible value (RF above the broker count, an unknown acks value, a count below 1) throws a
 * ConfigError naming the field. `min.insync.replicas` above RF is legal in Kafka (rule 24): see
 * configWarnings.
 */
export function validateConfig(input: unknown): Config {
  const raw = record('', input ?? {});
  noUnknownKeys('', raw, CONFIG_FIELDS);
  const brokers = integer('brokers', raw.brokers ?? DEFAULT_CONFIG.brokers, 1, LIMITS.brokers);
  const replicationFactor = integer('replicationFactor', raw.replicationFactor ?? brokers, 1);
  if (replicationFactor > brokers) {
    throw new ConfigError(
      'replicationFactor',
      `replication factor ${replicationFactor} is larger than the ${brokers} available brokers (Kafka: INVALID_REPLICATION_FACTOR)`,
    );
  }
  const flush = raw.flushIntervalMessages ?? null;
  const offsets = offsetsPlacement(raw, brokers);
  return withProducer(withReassignmentRoom(withElectLeaders(withinStateLimit({
    era: era(raw.era ?? DEFAULT_CONFIG.era),
    brokers,
    replicationFactor,
    minInsyncReplicas: integer('minInsyncReplicas', raw.minInsyncReplicas ?? DEFAULT_CONFIG.minInsyncReplicas, 1),
    acks: acks(raw.acks ?? DEFAULT_CONFIG.acks),
    uncleanLeaderElection: boolean('uncleanLeaderElection', raw.uncleanLeaderElection ?? false),
    flushIntervalMessages: flush === null ? null : integer('flushIntervalMessages', flush, 1),
    offsetsTopicReplicationFactor: offsets.length,
    offsetsTopicAssignment: offsets,
    autoOffsetReset: oneOf('autoOffsetReset', raw.autoOffsetReset ?? DEFAULT_CONFIG.autoOffsetReset, AUTO_OFFSET_RESETS),
    commitDiscipline: oneOf('commitDiscipline', raw.commitDiscipline ?? DEFAULT_CONFIG.commitDiscipline, COMMIT_DISCIPLINES),
    commitLeaderEpoch: boolean('commitLeaderEpoch', raw.commitLeaderEpoch ?? DEFAULT_CONFIG.commitLeaderEpoch),
    segmentRecords: integer('segmentRecords', raw.segmentRecords ?? DEFAULT_CONFIG.segmentRecords, 1),
    withoutFixes: withoutFixes(raw.withoutFixes ?? []),
    scenario: raw.scenario == null ? null : oneOf('scenario', raw.scenario, SCENARIO_NAMES),
    waitForIsr: boolean('waitForIsr', raw.waitForIsr ?? DEFAULT_CONFIG.waitForIsr),
    producer: producerProperties(raw.producer ?? {}),
    producers: integer('producers', raw.producers ?? DEFAULT_CONFIG.producers, 1, LIMITS.producers),
    budgets: budgets(raw.budgets ?? {}),
  }))));
}

const PRODUCER_FIELDS = Object.keys(DEFAULT_CONFIG.producer) as (keyof ProducerProperties)[];

/** The producer's settings as given: each null (left out, the release's default) or a value in Kafka's range. */
function producerProperties(value: unknown): ProducerProperties {
  const input = record('producer', value);
  noUnknownKeys('producer', input, PRODUCER_FIELDS);
  const count = (key: 'retries' | 'maxInFlight', min: number): number | null => (input[key] == null ? null : integer(`producer.${key}`, input[key], min, MAX_RETRIES));
  return {
    enableIdempotence: input.enableIdempotence == null ? null : boolean('producer.enableIdempotence', input.enableIdempotence),
    retries: count('retries', 0),
    maxInFlight: count('maxInFlight', 1),
  };
}

/**
 * The config, or the ConfigError Kafka's producer raises for its settings (an explicit idempotence with
 * acks=1, ...); several producers need produce requests on the network, where they are told apart.
 */
function withProducer(config: Config): Config {
  if (config.producers > 1 && config.budgets.retries === 0) {
    throw new ConfigError('producers', `${config.producers} producers need a retries budget: without one a produce is one step, whoever sends it (add --retries 1)`);
  }
  const resolved = resolveProducer(config);
  if (!isConflict(resolved)) return config;
  throw new ConfigError(resolved.setting === 'acks' ? 'acks' : `producer.${resolved.setting}`, resolved.message);
}

/** A reassignment moves a replica to a broker outside the data partition's assignment: there must be one. */
function withReassignmentRoom(config: Config): Config {
  if (config.budgets.reassignments === 0 || config.brokers > config.replicationFactor) return config;
  throw new ConfigError(
    'budgets.reassignments',
    `a reassignment needs a broker outside the partition's assignment, but all ${config.brokers} brokers host a replica (replication factor ${config.replicationFactor}): add one with --brokers ${config.replicationFactor + 1}`,
  );
}

/** An operator's unclean election needs the ElectLeaders API (KIP-460, Kafka 2.4). */
function withElectLeaders(config: Config): Config {
  const era = ERA_VERSIONS[config.era];
  if (config.budgets.uncleanElections === 0 || era.electLeaders) return config;
  throw new ConfigError(
    'budgets.uncleanElections',
    `era ${config.era} is Kafka ${era.kafka}, which has no ElectLeaders API (kafka-leader-election.sh, KIP-460, came in 2.4): use kraft or kip-966`,
  );
}

/**
 * About how many bytes the largest state of a configuration takes, by what it holds: a record per
 * broker (and its registration), and per partition a replica per assigned broker whose log (and the
 * fetch responses and ghost copies of it) holds a record per write, plus the leader's record of each
 * follower. The per-item sizes are V8's, rounded up.
 */
export function stateBytes(config: Config): { readonly total: number; readonly brokers: number; readonly replicas: number; readonly records: number } {
  const writes = config.budgets.records + config.budgets.commits;
  let replicas = 0;
  let records = 0;
  for (const { assignment } of partitionLayout(config)) {
    replicas += assignment.length * 600 + assignment.length ** 2 * 80;
    records += assignment.length * writes * 240;
  }
  const brokers = config.brokers * 200;
  return { total: brokers + replicas + records, brokers, replicas, records };
}

/** The config, or a ConfigError naming what makes one of its states too large (LIMITS.stateBytes). */
function withinStateLimit(config: Config): Config {
  const bytes = stateBytes(config);
  if (bytes.total <= LIMITS.stateBytes) return config;
  const field = bytes.records >= bytes.replicas ? 'budgets.records' : 'replicationFactor';
  const mib = (n: number): string => `${Math.ceil(n / 2 ** 20)} MiB`;
  throw new ConfigError(field, `a state of this configuration would take about ${mib(bytes.total)}; the tool's limit is ${mib(LIMITS.stateBytes)} per state`);
}

/**
 * The `__consumer_offsets` partition's assignment: given, or brokers 0..RF-1; its length is
 * `offsets.topic.replication.factor` (both given, they must agree).
 */
function offsetsPlacement(raw: Record<string, unknown>, brokers: number): BrokerId[] {
  const given = raw.offsetsTopicReplicationFactor;
  const rf = given === undefined ? undefined : integer('offsetsTopicReplicationFactor', given, 1);
  if (raw.offsetsTopicAssignment === undefined) {
    const count = rf ?? Math.min(DEFAULT_CONFIG.offsetsTopicReplicationFactor, brokers);
    if (count > brokers) {
      throw new ConfigError(
        'offsetsTopicReplicationFactor',
        `offsets.topic.replication.factor ${count} is larger than the ${brokers} available brokers (Kafka: COORDINATOR_NOT_AVAILABLE until enough brokers are up)`,
      );
    }
    return Array.from({ length: count }, (_, id) => id);
  }
  const assignment = replicaAssignment('offsetsTopicAssignment', raw.offsetsTopicAssignment, brokers);
  if (rf !== undefined && rf !== assignment.length) {
    throw new ConfigError('offsetsTopicAssignment', `names ${assignment.length} replicas, but offsets.topic.replication.factor is ${rf}`);
  }
  return assignment;
}

/** A partition's replica assignment: distinct existing broker ids, at least one (Kafka: INVALID_REPLICA_ASSIGNMENT). */
function replicaAssignment(field: string, value: unknown, brokers: number): BrokerId[] {
  if (!Array.isArray(value) || value.length === 0) throw new ConfigError(field, 'must be a non-empty list of broker ids');
  const ids = value.map((id: unknown, index) => integer(`${field}[${index}]`, id, 0));
  const missing = ids.find((id) => id >= brokers);
  if (missing !== undefined) throw new ConfigError(field, `broker ${missing} does not exist (the cluster has brokers 0..${brokers - 1})`);
  const twice = ids.find((id, index) => ids.indexOf(id) !== index);
  if (twice !== undefined) throw new ConfigError(field, `broker ${twice} is listed twice (Kafka: INVALID_REPLICA_ASSIGNMENT)`);
  return ids;
}

const AUTO_OFFSET_RESETS: readonly AutoOffsetReset[] = ['earliest', 'latest', 'none'];

export const COMMIT_DISCIPLINES: readonly CommitDiscipline[] = ['after-processing', 'before-processing'];

/** `value` if it is one of `known`, else a ConfigError naming `field` and the values it takes. */
function oneOf<T extends string>(field: string, value: unknown, known: readonly T[]): T {
  const found = known.find((candidate) => candidate === value);
  if (found === undefined) {
    const choices = known.length === 1 ? `${known[0]}` : `${known.slice(0, -1).join(', ')} or ${known.at(-1) ?? ''}`;
    throw new ConfigError(field, `must be ${choices}, got ${JSON.stringify(value)}`);
  }
  return found;
}

/** Whether the model has a consumer (and so the group's `__consumer_offsets` partition). */
export function hasConsumer(config: Config): boolean {
  return config.budgets.commits > 0;
}

/** The partition the producer writes and the consumer reads (a topic of its own, one partition). */
export const DATA_PARTITION: PartitionName = 'data-0';

/** The internal topic of a consumer group's commits. */
export const OFFSETS_TOPIC = '__consumer_offsets';

/** The consumer group's partition of `__consumer_offsets` (the group maps to one partition). */
export const OFFSETS_PARTITION: PartitionName = `${OFFSETS_TOPIC}-0`;

/** Where a partition lives and the topic settings it runs under. */
export interface PartitionLayout {
  readonly name: PartitionName;
  readonly assignment: readonly BrokerId[];
  readonly internal: boolean;
  readonly cleanupPolicy: CleanupPolicy;
  /**
   * The acks its writes use: the producer's `acks` on the data partition; always all on
   * `__consumer_offsets`, where the group coordinator appends commits (GroupMetadataManager.storeOffsets).
   */
  readonly acks: Acks;
}

/** Every partition a config describes, whether modelled or not: the data partition, then the group's. */
function layouts(config: Config): [PartitionLayout, PartitionLayout] {
  const data: PartitionLayout = {
    name: DATA_PARTITION,
    assignment: Array.from({ length: config.replicationFactor }, (_, id) => id),
    internal: false,
    cleanupPolicy: 'delete',
    acks: config.acks,
  };
  // Compacted (cleanup.policy=compact), so retention deletes nothing; only the coordinator writes it.
  const offsets: PartitionLayout = { name: OFFSETS_PARTITION, assignment: config.offsetsTopicAssignment, internal: true, cleanupPolicy: 'compact', acks: 'all' };
  return [data, offsets];
}

/** The partitions a config models, the data partition first (`__consumer_offsets` only with a consumer). */
export function partitionLayout(config: Config): PartitionLayout[] {
  const [data, offsets] = layouts(config);
  return hasConsumer(config) ? [data, offsets] : [data];
}

/** The layout of one partition the config describes, modelled or not. */
export function layoutOf(config: Config, name: PartitionName): PartitionLayout {
  const found = layouts(config).find((layout) => layout.name === name);
  if (found === undefined) throw new Error(`no partition ${name} in this configuration`);
  return found;
}

function boolean(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(field, `must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** Legal settings that Kafka accepts but that deserve a word (rules 24, 25). */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.minInsyncReplicas > config.replicationFactor) {
    warnings.push(
      `min.insync.replicas=${config.minInsyncReplicas} is above the replication factor ${config.replicationFactor}: ` +
        'Kafka accepts it; before 3.7 every acks=all write is refused with NOT_ENOUGH_REPLICAS, ' +
        'from 3.7 (KAFKA-15583) the effective value is min(min.insync.replicas, replicas).',
    );
  }
  if (config.uncleanLeaderElection && !ERA_VERSIONS[config.era].honoursUncleanFlag) {
    warnings.push(
      `unclean.leader.election.enable=true is ignored in era ${config.era}: KRaft controllers of Kafka 3.6 to 3.8 never elect ` +
        'outside the ISR by themselves (honoured from 3.9, KAFKA-12670); an operator can force it with ' +
        'kafka-leader-election.sh --election-type unclean (--unclean-elections).',
    );
  }
  return warnings;
}
