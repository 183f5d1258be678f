/**
 * The configuration flags every command takes: the knobs and the budgets, with Kafka's .properties
 * files beneath them (properties-file.ts), turned into a Config and validated by the spec's one
 * validation function. Bad input becomes a UsageError naming the flag or the file's line.
 */
import { ConfigError, DEFAULT_BUDGETS, validateConfig, type Budgets, type Config } from '../../spec/config.js';
import { KAFKA_DEFAULTS, loadProperties, PropertiesError, type FileReading, type FileSettings, type Sources } from './properties-file.js';
import { parse, UsageError, type Options } from './usage.js';

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
  'segment-records': 'segmentRecords',
  era: 'era',
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
};

export const CONFIG_OPTIONS: Options = {
  ...Object.fromEntries([...Object.keys(CONFIG_FLAGS), ...Object.keys(BUDGET_FLAGS)].map((flag) => [flag, { type: 'string' }])),
  'without-fix': { type: 'string', multiple: true },
  'server-properties': { type: 'string' },
  'producer-properties': { type: 'string' },
};

/** The flag that sets a Config field, for error messages. */
function flagOf(field: string): string {
  const budget = field.startsWith('budgets.') ? field.slice('budgets.'.length) : null;
  const entry = budget === null
    ? Object.entries(CONFIG_FLAGS).find(([, f]) => f === field)
    : Object.entries(BUDGET_FLAGS).find(([, f]) => f === budget);
  if (field === 'withoutFixes') return '--without-fix';
  return entry === undefined ? field : `--${entry[0]}`;
}

export function integerFlag(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${flag}: expected an integer, got "${value}"`);
  const n = Number(value);
  if (n < min) throw new UsageError(`--${flag}: must be at least ${min}, got ${n}`);
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
}

/** The files' settings over Kafka's defaults; null when no file was given. */
function fromFiles(values: Record<string, unknown>): (FileReading & { settings: Required<Omit<FileSettings, 'retention'>> & FileSettings }) | null {
  const server = typeof values['server-properties'] === 'string' ? loadProperties('server', values['server-properties']) : null;
  const producer = typeof values['producer-properties'] === 'string' ? loadProperties('producer', values['producer-properties']) : null;
  if (server === null && producer === null) return null;
  const readings = [server, producer].filter((r): r is FileReading => r !== null);
  return {
    settings: Object.assign({ ...KAFKA_DEFAULTS }, ...readings.map((r) => r.settings)) as typeof KAFKA_DEFAULTS & FileSettings,
    sources: Object.assign({}, ...readings.map((r) => r.sources)) as Sources,
    ignored: readings.flatMap((r) => r.ignored),
  };
}

type FileField = keyof typeof KAFKA_DEFAULTS;

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
 * line. Flags override files; a file leaves the rest at Kafka's defaults, and without `--brokers` the
 * replication factor decides the broker count (at least 3).
 */
export function loadConfig(values: Record<string, unknown>): LoadedConfig {
  const text = (flag: string): string | undefined => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  let files: ReturnType<typeof fromFiles>;
  try {
    files = fromFiles(values);
  } catch (error) {
    if (error instanceof PropertiesError) throw new UsageError(error.message);
    throw error;
  }
  const { retention: fileRetention, ...fileSettings } = files?.settings ?? {};
  const input: Record<string, unknown> = { ...fileSettings };
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
  if (text('era') !== undefined) input.era = text('era');
  input.withoutFixes = values['without-fix'] ?? [];
  // A file that sets retention makes one segment deletion part of the search (a flag overrides it).
  const budgetDefaults = { ...DEFAULT_BUDGETS, retention: fileRetention === true ? 1 : DEFAULT_BUDGETS.retention };
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
  if (files === null) return { config, sources: [] };
  const fields = Object.keys(FILE_FIELDS) as FileField[];
  const origin = (field: FileField): string =>
    text(FILE_FIELDS[field].flag) !== undefined ? `--${FILE_FIELDS[field].flag}` : files.sources[field] ?? "Kafka's default";
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
  };
}

/** The Config the flags describe (defaults elsewhere), or a UsageError naming the flag. */
export function configFromFlags(values: Record<string, unknown>): Config {
  return loadConfig(values).config;
}

/** The Config a command line with these configuration flags checks (verdict rows are such lines). */
export function configFromArgs(args: readonly string[]): Config {
  return configFromFlags(parse(args, CONFIG_OPTIONS).values);
}
