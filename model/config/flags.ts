/**
 * The configuration flags every command takes: the knobs and the budgets, with Kafka's .properties
 * files beneath them (properties-file.ts), turned into a Config and validated by the spec's one
 * validation function. Bad input becomes a UsageError naming the flag or the file's line.
 */
import { COMMIT_DISCIPLINES, ConfigError, SCENARIO_NAMES, DEFAULT_BUDGETS, DEFAULT_CONFIG, LIMITS, validateConfig, type Budgets, type Config } from '../../spec/config.js';
import { ERA_NAMES, ERA_VERSIONS, type EraName } from '../../spec/eras/names.js';
import { SWITCH_NAMES } from '../../spec/switches.js';
import { parseCommand, userPath, type OptionSpec } from './command.js';
import { kafkaDefaults, type DefaultedField } from './kafka-defaults.js';
import { loadProperties, PropertiesError, type FileReading, type FileSettings, type Sources } from './properties-file.js';
import { UsageError } from './usage.js';

/** Flags of the configuration, each with the Config field it sets. */
const CONFIG_FLAGS = {
  brokers: 'brokers',
  rf: 'replicationFactor',
  'min-isr': 'minInsyncReplicas',
  acks: 'acks',
  unclean: 'uncleanLeaderElection',
  'flush-messages': 'flushIntervalMessages',
  'offsets-rf': 'offsetsTopicReplicationFactor',
  'offsets-assignment': 'offsetsTopicAssignment',
  'auto-offset-reset': 'autoOffsetReset',
  'commit-discipline': 'commitDiscipline',
  'commit-epochs': 'commitLeaderEpoch',
  'segment-records': 'segmentRecords',
  era: 'era',
  scenario: 'scenario',
  'wait-for-isr': 'waitForIsr',
  producers: 'producers',
} as const;

const BUDGET_FLAGS: Record<string, keyof Budgets> = {
  records: 'records',
  crashes: 'crashes',
  'power-losses': 'powerLosses',
  fences: 'fences',
  shutdowns: 'shutdowns',
  shrinks: 'shrinks',
  commits: 'commits',
  'consumer-restarts': 'consumerRestarts',
  retention: 'retention',
  'unclean-elections': 'uncleanElections',
  'leader-moves': 'leaderMoves',
  'disk-losses': 'diskLosses',
  reassignments: 'reassignments',
  retries: 'retries',
};

/** The flags of the producer's settings, by the Config field each sets. */
const PRODUCER_FLAGS: Record<string, string> = {
  'producer.enableIdempotence': '--idempotence',
  'producer.retries': '--producer-retries',
  'producer.maxInFlight': '--max-in-flight',
};

/** What each budget bounds, for --help. */
const BUDGET_DOCS: Record<keyof Budgets, string> = {
  records: 'produce attempts',
  crashes: 'process crashes (the page cache survives)',
  powerLosses: 'power losses, per broker (unflushed data is gone)',
  fences: 'live brokers fenced for lost heartbeats',
  shutdowns: 'clean shutdowns',
  shrinks: 'lag-driven ISR shrinks, per partition',
  commits: "the consumer's offset commits; 0 leaves the consumer and __consumer_offsets out",
  consumerRestarts: 'consumer restarts (a crash or a rebalance)',
  retention: 'segment deletions by retention on the data partition (1 when a properties file sets retention)',
  uncleanElections: 'unclean elections an operator forces with kafka-leader-election.sh --election-type unclean (ElectLeaders, KIP-460, from 2.4)',
  leaderMoves:
    "preferred leader elections (auto.leader.rebalance.enable, on in Kafka by default, or kafka-leader-election.sh --election-type preferred); 0 here by default: Kafka's rebalance waits out leader.imbalance.check.interval.seconds (300 s) above 10% imbalance, and each move widens the search",
  diskLosses: 'replaced disks: a broker starts again with empty log directories and the same broker id',
  reassignments: 'partition reassignments (kafka-reassign-partitions.sh), each replacing one replica by a broker outside the assignment (needs --brokers above --rf)',
  retries: "the producer's resends of a batch whose answer was an error or never came; above 0, produce requests and answers travel the network (idempotence, retries and max in flight: --idempotence, --producer-retries, --max-in-flight)",
};

const d = DEFAULT_CONFIG;

/** A knob's default without properties files: the tool's safe baseline, not Kafka's own default. */
const baseline = (value: unknown): string => `${String(value)} (the safe baseline; with a properties file, Kafka's default)`;

/** The configuration flags every command that checks a configuration takes, with Kafka's setting and the default. */
export const CONFIG_OPTIONS: readonly OptionSpec[] = [
  { flags: '--brokers <n>', description: `brokers in the cluster (at most ${LIMITS.brokers})`, defaultText: String(d.brokers) },
  { flags: '--rf <n>', description: 'replication.factor of the data partition', defaultText: 'the broker count' },
  { flags: '--min-isr <n>', description: 'min.insync.replicas (above the RF is legal: a warning, then Kafka\'s rule)', defaultText: baseline(d.minInsyncReplicas) },
  { flags: '--acks <mode>', description: "the producer's acks", defaultText: baseline(d.acks), choices: ['0', '1', 'all', '-1'] },
  { flags: '--unclean <bool>', description: 'unclean.leader.election.enable (ignored by KRaft 3.6 to 3.8, KAFKA-12670)', defaultText: baseline(d.uncleanLeaderElection), choices: ['true', 'false'] },
  { flags: '--flush-messages <n>', description: 'log.flush.interval.messages (1: fsync per message)', defaultText: 'absent: the OS flushes lazily' },
  { flags: '--offsets-rf <n>', description: "offsets.topic.replication.factor of the group's __consumer_offsets partition", defaultText: '3, at most the broker count' },
  { flags: '--offsets-assignment <ids>', description: 'where __consumer_offsets-0 sits, as kafka-topics.sh --replica-assignment writes one partition (3:4:5)', defaultText: 'brokers 0..offsets-rf-1' },
  { flags: '--auto-offset-reset <policy>', description: "the consumer's auto.offset.reset", defaultText: d.autoOffsetReset, choices: ['earliest', 'latest', 'none'] },
  {
    flags: '--commit-discipline <when>',
    description: 'when the application commits: after processing what poll returned (at least once) or before it (at most once: enable.auto.commit with records handed to another thread)',
    defaultText: d.commitDiscipline,
    choices: COMMIT_DISCIPLINES,
  },
  {
    flags: '--commit-epochs <bool>',
    description: "commits carry the last consumed record's leader epoch (from 2.1; false: the two-argument OffsetAndMetadata, whose position a resuming consumer cannot validate)",
    defaultText: String(d.commitLeaderEpoch),
    choices: ['true', 'false'],
  },
  { flags: '--segment-records <n>', description: 'log.segment.bytes as records per segment: retention deletes whole segments', defaultText: String(d.segmentRecords) },
  { flags: '--era <name>', description: 'the protocol era (npm run check -- --list-eras)', defaultText: d.era, choices: ERA_NAMES },
  {
    flags: '--scenario <name>',
    description:
      'an operator procedure the run follows: rolling-restart shuts every broker down cleanly once, in turn, each after the previous one runs again (the shutdowns budget defaults to the broker count; crashes, power losses and fences to 0)',
    defaultText: 'none',
    choices: SCENARIO_NAMES,
  },
  { flags: '--wait-for-isr <bool>', description: 'in a rolling restart, wait for every ISR to be whole before the next broker (under-replicated partitions = 0)', defaultText: String(d.waitForIsr), choices: ['true', 'false'] },
  { flags: '--without-fix <name>', description: 'remove a named fix or check: guard (repeatable)', defaultText: 'none', repeatable: true, choices: SWITCH_NAMES },
  {
    flags: '--server-properties <file>',
    description:
      "read Kafka's server.properties; a setting it leaves out takes Kafka's default in the era's release (e.g. unclean.leader.election.enable=true before 0.11), not this tool's safe baseline",
  },
  {
    flags: '--producer-properties <file>',
    description:
      "read Kafka's producer.properties (acks, enable.idempotence, retries, max.in.flight.requests.per.connection; left out: acks 1 before 3.0, all from 3.0, and the release's delivery defaults)",
  },
  {
    flags: '--idempotence <bool>',
    description: 'enable.idempotence (KIP-98, from 0.11; set, it needs acks=all and at most 5 in flight, 1 in 0.11; left to the default, on from 3.0.1, other settings turn it off, KAFKA-13673)',
    defaultText: "the era's release: on from 3.0.1",
    choices: ['true', 'false'],
  },
  { flags: '--producer-retries <n>', description: "the producer's retries setting (how often one batch may be sent again; --retries bounds the run's retries)", defaultText: "the era's release: 0 before 2.1, 2147483647 from 2.1" },
  { flags: '--max-in-flight <n>', description: 'max.in.flight.requests.per.connection', defaultText: '5 (1 for an idempotent producer in 0.11)' },
  { flags: '--producers <n>', description: 'producers writing the data partition, each with its own connections and sequence numbers (needs --retries above 0)', defaultText: String(d.producers) },
  ...Object.entries(BUDGET_FLAGS).map(([flag, field]) => ({
    flags: `--${flag} <n>`,
    description: `budget: ${BUDGET_DOCS[field]} (at most ${LIMITS.budget})`,
    defaultText: String(DEFAULT_BUDGETS[field]),
  })),
];

/** A rolling restart's own faults: a clean shutdown of each broker, and no other stop unless asked for. */
function rollingRestartBudgets(brokers: number): Partial<Budgets> {
  return { shutdowns: brokers, crashes: 0, powerLosses: 0, fences: 0 };
}

/** The flag that sets a Config field, for error messages. */
function flagOf(field: string): string {
  const producer = PRODUCER_FLAGS[field];
  if (producer !== undefined) return producer;
  const budget = field.startsWith('budgets.') ? field.slice('budgets.'.length) : null;
  const entry = budget === null
    ? Object.entries(CONFIG_FLAGS).find(([, f]) => f === field)
    : Object.entries(BUDGET_FLAGS).find(([, f]) => f === budget);
  if (field === 'withoutFixes') return '--without-fix';
  return entry === undefined ? field : `--${entry[0]}`;
}

/** An integer flag's value, within [min, max]; undefined when the flag is absent. */
export function integerFlag(flag: string, value: string | undefined, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${flag}: expected an integer, got "${value}"`);
  const n = Number(value);
  if (n < min) throw new UsageError(`--${flag}: must be at least ${min}, got ${n}`);
  if (n > max) throw new UsageError(`--${flag}: must be at most ${max} (the tool's limit), got ${value.trim()}`);
  return n;
}

/** A replica assignment as `kafka-topics.sh --replica-assignment` writes one partition's: broker ids joined by colons. */
function assignmentFlag(flag: string, value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(:\d+)*$/.test(value.trim())) throw new UsageError(`--${flag}: expected broker ids joined by colons (as kafka-topics.sh --replica-assignment writes them, e.g. 3:4:5), got "${value}"`);
  return value.trim().split(':').map(Number);
}

function booleanFlag(flag: string, value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`--${flag}: expected true or false, got "${value}"`);
}

/** A configuration with, when properties files were given, where each file-settable value came from. */
export interface LoadedConfig {
  readonly config: Config;
  /** Lines saying where each value came from and which settings were ignored (empty without files). */
  readonly sources: readonly string[];
  /** What the files hold that Kafka reads differently from how it looks (a byte order mark, a key given twice). */
  readonly warnings: readonly string[];
}

/** The files' settings over Kafka's defaults in `era`'s release; null when no file was given. */
function fromFiles(values: Record<string, unknown>, era: EraName): (FileReading & { settings: ReturnType<typeof kafkaDefaults> & FileSettings }) | null {
  // Read from where the user typed the command; named in messages as they typed it.
  const read = (kind: 'server' | 'producer', file: unknown): FileReading | null => (typeof file === 'string' ? loadProperties(kind, userPath(file), file) : null);
  const server = read('server', values['server-properties']);
  const producer = read('producer', values['producer-properties']);
  if (server === null && producer === null) return null;
  const readings = [server, producer].filter((r): r is FileReading => r !== null);
  return {
    settings: Object.assign(kafkaDefaults(era), ...readings.map((r) => r.settings)) as ReturnType<typeof kafkaDefaults> & FileSettings,
    sources: Object.assign({}, ...readings.map((r) => r.sources)) as Sources,
    ignored: readings.flatMap((r) => r.ignored),
    warnings: readings.flatMap((r) => r.warnings),
  };
}

type FileField = DefaultedField;

/** Each file-settable field's Kafka setting and the flag that overrides it. */
const FILE_FIELDS: Record<FileField, { readonly setting: string; readonly flag: string }> = {
  replicationFactor: { setting: 'default.replication.factor', flag: 'rf' },
  minInsyncReplicas: { setting: 'min.insync.replicas', flag: 'min-isr' },
  uncleanLeaderElection: { setting: 'unclean.leader.election.enable', flag: 'unclean' },
  flushIntervalMessages: { setting: 'log.flush.interval.messages', flag: 'flush-messages' },
  offsetsTopicReplicationFactor: { setting: 'offsets.topic.replication.factor', flag: 'offsets-rf' },
  acks: { setting: 'acks', flag: 'acks' },
};

/**
 * The Config the flags (and properties files) describe, or a UsageError naming the flag or the file's
 * line. Flags override files; a file leaves the rest at Kafka's defaults in the era's release (without
 * files, the tool's own safe baseline applies: DEFAULT_CONFIG), and without `--brokers` the
 * replication factor decides the broker count (at least 3).
 */
export function loadConfig(values: Record<string, unknown>): LoadedConfig {
  const text = (flag: string): string | undefined => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  // An unknown era is validateConfig's to report; the defaults meanwhile are the default era's.
  const era = ERA_NAMES.find((name) => name === text('era')) ?? DEFAULT_CONFIG.era;
  let files: ReturnType<typeof fromFiles>;
  try {
    files = fromFiles(values, era);
  } catch (error) {
    if (error instanceof PropertiesError) throw new UsageError(error.message);
    throw error;
  }
  const { retention: fileRetention, enableIdempotence, producerRetries, maxInFlight, ...fileSettings } = files?.settings ?? {};
  const input: Record<string, unknown> = { ...fileSettings };
  const idempotence = text('idempotence');
  input.producer = {
    enableIdempotence: idempotence === undefined ? (enableIdempotence ?? null) : booleanFlag('idempotence', idempotence),
    retries: integerFlag('producer-retries', text('producer-retries'), -Infinity) ?? producerRetries ?? null,
    maxInFlight: integerFlag('max-in-flight', text('max-in-flight'), -Infinity) ?? maxInFlight ?? null,
  };
  const brokers = integerFlag('brokers', text('brokers'), -Infinity);
  if (brokers !== undefined) input.brokers = brokers;
  input.replicationFactor = integerFlag('rf', text('rf'), -Infinity) ?? input.replicationFactor ?? brokers;
  const offsetsRf = integerFlag('offsets-rf', text('offsets-rf'), -Infinity);
  if (offsetsRf !== undefined) input.offsetsTopicReplicationFactor = offsetsRf;
  const offsetsAssignment = assignmentFlag('offsets-assignment', text('offsets-assignment'));
  if (offsetsAssignment !== undefined) {
    input.offsetsTopicAssignment = offsetsAssignment;
    // The assignment decides the replication factor; a file's (or Kafka's default) gives way to it.
    if (offsetsRf === undefined) delete input.offsetsTopicReplicationFactor;
  }
  if (files !== null && brokers === undefined) {
    input.brokers = Math.max(3, input.replicationFactor as number, (input.offsetsTopicReplicationFactor as number | undefined) ?? 0, ...(offsetsAssignment ?? []).map((id) => id + 1));
  }
  const minIsr = integerFlag('min-isr', text('min-isr'), -Infinity);
  if (minIsr !== undefined) input.minInsyncReplicas = minIsr;
  const acks = text('acks');
  if (acks !== undefined) input.acks = acks;
  const unclean = text('unclean');
  if (unclean !== undefined) input.uncleanLeaderElection = booleanFlag('unclean', unclean);
  const flush = integerFlag('flush-messages', text('flush-messages'), -Infinity);
  if (flush !== undefined) input.flushIntervalMessages = flush;
  const segments = integerFlag('segment-records', text('segment-records'), -Infinity);
  if (segments !== undefined) input.segmentRecords = segments;
  if (text('auto-offset-reset') !== undefined) input.autoOffsetReset = text('auto-offset-reset');
  if (text('commit-discipline') !== undefined) input.commitDiscipline = text('commit-discipline');
  const commitEpochs = text('commit-epochs');
  if (commitEpochs !== undefined) input.commitLeaderEpoch = booleanFlag('commit-epochs', commitEpochs);
  if (text('era') !== undefined) input.era = text('era');
  input.withoutFixes = values['without-fix'] ?? [];
  if (text('scenario') !== undefined) input.scenario = text('scenario');
  const producers = integerFlag('producers', text('producers'), -Infinity);
  if (producers !== undefined) input.producers = producers;
  const waitForIsr = text('wait-for-isr');
  if (waitForIsr !== undefined) input.waitForIsr = booleanFlag('wait-for-isr', waitForIsr);
  // A file that sets retention makes one segment deletion part of the search (a flag overrides it).
  const budgetDefaults = {
    ...DEFAULT_BUDGETS,
    retention: fileRetention === true ? 1 : DEFAULT_BUDGETS.retention,
    ...(input.scenario === 'rolling-restart' ? rollingRestartBudgets((input.brokers as number | undefined) ?? DEFAULT_CONFIG.brokers) : {}),
  };
  input.budgets = Object.fromEntries(
    Object.entries(BUDGET_FLAGS).map(([flag, field]) => [field, integerFlag(flag, text(flag), -Infinity) ?? budgetDefaults[field]]),
  );
  if (input.replicationFactor === undefined) delete input.replicationFactor;
  let config: Config;
  try {
    config = validateConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${flagOf(error.field)} (${error.field}): ${error.message.slice(error.field.length + 2)}`);
    throw error;
  }
  if (files === null) return { config, sources: [], warnings: [] };
  const fields = Object.keys(FILE_FIELDS) as FileField[];
  const origin = (field: FileField): string =>
    text(FILE_FIELDS[field].flag) !== undefined ? `--${FILE_FIELDS[field].flag}` : files.sources[field] ?? `Kafka ${ERA_VERSIONS[era].release}'s default`;
  const retentionOrigin =
    text('retention') !== undefined ? '--retention' : fileRetention === undefined ? 'no retention setting in the files' : `log.retention.* at ${files.sources.retention}`;
  return {
    config,
    sources: [
      ...fields.map((field) => `from: ${FILE_FIELDS[field].setting}=${config[field] ?? '(lazy)'} (${origin(field)})`),
      `from: brokers ${config.brokers} (${brokers === undefined ? 'the largest replication factor, at least 3' : '--brokers'})`,
      `from: retention budget ${config.budgets.retention} (${retentionOrigin})`,
      ...files.ignored.map((line) => `ignored: ${line}`),
    ],
    warnings: files.warnings,
  };
}

/** The Config the flags describe (defaults elsewhere), or a UsageError naming the flag. */
export function configFromFlags(values: Record<string, unknown>): Config {
  return loadConfig(values).config;
}

/** The Config a command line with these configuration flags checks (verdict rows are such lines). */
export function configFromArgs(args: readonly string[]): Config {
  const parsed = parseCommand({ name: 'check', summary: '', options: CONFIG_OPTIONS, examples: [], exits: '' }, args);
  if (parsed === null) throw new UsageError('--help is not a configuration');
  return configFromFlags(parsed.values);
}
