/**
 * Kafka's own configuration files (`server.properties`, `producer.properties`) as a configuration: the
 * settings the model knows become Config fields, every other setting is listed as ignored with the
 * reason, and a setting a file leaves out takes Kafka's own default (not the checker's safe one).
 * Reading the `.properties` format (escapes, continuation lines, `=`, `:` or space separators) is
 * dot-properties' job; a line with a key and no separator is malformed here, since every setting
 * below needs a value. Errors name the file and line.
 */
import { readFileSync } from 'node:fs';
import { parseLines } from 'dot-properties';
import { acksOf } from '../../spec/config.js';
import type { Acks } from '../../spec/types.js';

export type PropertiesKind = 'server' | 'producer';

/** Bad input in a properties file: names the file and line. */
export class PropertiesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertiesError';
  }
}

/** The Config fields a properties file can set. */
export interface FileSettings {
  replicationFactor?: number;
  minInsyncReplicas?: number;
  uncleanLeaderElection?: boolean;
  flushIntervalMessages?: number | null;
  offsetsTopicReplicationFactor?: number;
  acks?: Acks;
  /**
   * Whether retention deletes anything: `log.retention.hours` (or `.minutes`, `.ms`) or
   * `log.retention.bytes` not -1. Not a Config field: when a file sets it, the retention budget is 1.
   */
  retention?: boolean;
}

/** Where a value came from, for the "which value came from where" lines. */
export type Sources = Partial<Record<keyof FileSettings, string>>;

type Parse = (value: string) => Partial<FileSettings> | string;

function positive(field: keyof FileSettings): Parse {
  return (value) => {
    if (!/^\d+$/.test(value)) return `expected a positive integer, got "${value}"`;
    const n = Number(value);
    return n < 1 ? `must be at least 1, got ${n}` : { [field]: n };
  };
}

/** Kafka's default `log.flush.interval.messages` is Long.MAX_VALUE: never forced, the OS flushes lazily. */
const flushMessages: Parse = (value) =>
  /^\d+$/.test(value) && BigInt(value) >= 2n ** 53n ? { flushIntervalMessages: null } : positive('flushIntervalMessages')(value);

const bool: Parse = (value) => (value === 'true' || value === 'false' ? { uncleanLeaderElection: value === 'true' } : `expected true or false, got "${value}"`);

/** A retention limit: -1 is unlimited; any other value (at least 0) lets retention delete segments. */
const retentionLimit: Parse = (value) => {
  if (!/^-?\d+$/.test(value) || Number(value) < -1) return `expected -1 (unlimited) or a non-negative integer, got "${value}"`;
  return { retention: Number(value) !== -1 };
};

const acks: Parse = (value) => {
  const parsed = acksOf(value);
  return parsed === null ? `expected 0, 1, all or -1, got "${value}"` : { acks: parsed };
};

/** The settings the model maps; each with what it sets, or why it is read but not modelled. */
const SETTINGS: Record<PropertiesKind, Record<string, Parse | { ignored: string }>> = {
  server: {
    'default.replication.factor': positive('replicationFactor'),
    'min.insync.replicas': positive('minInsyncReplicas'),
    'unclean.leader.election.enable': bool,
    'log.flush.interval.messages': flushMessages,
    'log.flush.interval.ms': { ignored: 'time is not modelled: only the message-count flush policy is' },
    'offsets.topic.replication.factor': positive('offsetsTopicReplicationFactor'),
    'transaction.state.log.replication.factor': { ignored: 'transactions are not modelled' },
    'transaction.state.log.min.isr': { ignored: 'transactions are not modelled' },
    'num.partitions': { ignored: 'one partition is modelled; partitions replicate independently' },
    'log.retention.hours': retentionLimit,
    'log.retention.minutes': retentionLimit,
    'log.retention.ms': retentionLimit,
    'log.retention.bytes': retentionLimit,
    'log.segment.bytes': {
      ignored: 'segments are one record each (they also roll by time, log.roll.hours, so any offset may start one); --segment-records coarsens them',
    },
    'log.retention.check.interval.ms': { ignored: 'time is not modelled: retention may run at any moment' },
  },
  producer: {
    acks,
    'enable.idempotence': { ignored: 'idempotence is not modelled: each produce attempt is one send' },
    retries: { ignored: 'retries are not modelled: each produce attempt is one send' },
  },
};

/** Kafka's defaults for the settings a file leaves out (acks=all is the producer default since 3.0, KIP-679). */
export const KAFKA_DEFAULTS: Required<Omit<FileSettings, 'retention'>> = {
  replicationFactor: 1,
  minInsyncReplicas: 1,
  uncleanLeaderElection: false,
  flushIntervalMessages: null,
  offsetsTopicReplicationFactor: 3,
  acks: 'all',
};

export interface FileReading {
  readonly settings: FileSettings;
  readonly sources: Sources;
  /** One line per setting the model does not use, with the reason. */
  readonly ignored: readonly string[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Reads one properties file's text; `name` is how errors and sources call it. */
export function readProperties(kind: PropertiesKind, name: string, text: string): FileReading {
  const settings: FileSettings = {};
  const sources: Sources = {};
  const ignored: string[] = [];
  for (const node of parseLines(text, true)) {
    if (node.type !== 'PAIR') continue;
    const pair = node as unknown as { key: string; value: string; range: number[]; separator(src: string): string | null };
    const where = `${name}:${lineOf(text, pair.range[0] ?? 0)}`;
    if ((pair.separator(text) ?? '') === '') throw new PropertiesError(`${where}: "${pair.key}" has no value (expected key=value)`);
    const setting = SETTINGS[kind][pair.key];
    if (setting === undefined) {
      ignored.push(`${where} ${pair.key}: not a setting the model uses`);
      continue;
    }
    if ('ignored' in setting) {
      ignored.push(`${where} ${pair.key}: ${setting.ignored}`);
      continue;
    }
    const parsed = setting(pair.value.trim());
    if (typeof parsed === 'string') throw new PropertiesError(`${where}: ${pair.key}: ${parsed}`);
    Object.assign(settings, parsed);
    for (const field of Object.keys(parsed) as (keyof FileSettings)[]) sources[field] = where;
  }
  return { settings, sources, ignored };
}

/** Reads a properties file from disk; an unreadable file is bad input naming it. */
export function loadProperties(kind: PropertiesKind, path: string): FileReading {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (error) {
    throw new PropertiesError(`--${kind}-properties: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return readProperties(kind, path, text);
}
