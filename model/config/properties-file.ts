/**
 * Kafka's own configuration files (`server.properties`, `producer.properties`) as a configuration: the
 * settings the model knows become Config fields, every other setting is listed as ignored with the
 * reason, and a setting a file leaves out takes Kafka's own default (not the checker's safe one).
 * Reading the `.properties` format (escapes, continuation lines, `=`, `:` or space separators) is
 * dot-properties' job; a line with a key and no separator is malformed here, since every setting
 * below needs a value. Values are read as Kafka reads them (ConfigDef.parseType: trimmed, booleans in
 * any case, integers as Java parses them, in their Kafka type's range), then checked against what the
 * model needs. A key set twice keeps its last value, as java.util.Properties does, with a warning; so
 * does a UTF-8 byte order mark, which Kafka reads as part of the first key. Errors and warnings name
 * the file and line.
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
  /** `enable.idempotence`; left out, the era's release decides (spec/producer-settings.ts). */
  enableIdempotence?: boolean;
  /** The producer's `retries`; left out, the era's release decides. */
  producerRetries?: number;
  /** `max.in.flight.requests.per.connection`; left out, 5 (or what idempotence needs in 0.11). */
  maxInFlight?: number;
  /**
   * Whether retention deletes anything: `log.retention.hours` (or `.minutes`, `.ms`) or
   * `log.retention.bytes` not -1. Not a Config field: when a file sets it, the retention budget is 1.
   */
  retention?: boolean;
}

/** Where a value came from, for the "which value came from where" lines. */
export type Sources = Partial<Record<keyof FileSettings, string>>;

type Parse = (value: string) => Partial<FileSettings> | string;

/*
 * Kafka reads a value as its setting's type (ConfigDef.parseType): trimmed as Java's String.trim does,
 * then a BOOLEAN is true or false in any case, an INT, SHORT or LONG what Integer.parseInt,
 * Short.parseShort or Long.parseLong accepts, a STRING as it is. The model's own range checks come after.
 */

/** Java's String.trim: every character up to U+0020 off both ends (a no-break space U+00A0 stays). */
function javaTrim(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) <= 0x20) start++;
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
  return value.slice(start, end);
}

/** Java's String.equalsIgnoreCase: equal, or equal in upper case, or in lower case of the upper case, character by character. */
function javaEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const upper = (text: string, i: number): string => (text[i] ?? '').toUpperCase();
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && upper(a, i) !== upper(b, i) && upper(a, i).toLowerCase() !== upper(b, i).toLowerCase()) return false;
  }
  return true;
}

type IntegerType = 'SHORT' | 'INT' | 'LONG';
/** 2^(bits-1): the type holds -HALF_RANGE to HALF_RANGE - 1. */
const HALF_RANGE: Record<IntegerType, bigint> = { SHORT: 2n ** 15n, INT: 2n ** 31n, LONG: 2n ** 63n };

/**
 * A character's value as Java's Character.digit(c, 10) reads it: any Unicode decimal digit, one UTF-16
 * unit (decimal digits come in runs of ten code points, 0 to 9); -1 if it is none.
 */
function javaDigit(char: string): number {
  const isDigit = (code: number): boolean => /^\p{Nd}$/u.test(String.fromCharCode(code));
  const code = char.charCodeAt(0);
  if (!isDigit(code)) return -1;
  let zero = code;
  while (isDigit(zero - 1)) zero--;
  return (code - zero) % 10;
}

/** What Short.parseShort, Integer.parseInt or Long.parseLong make of a trimmed value: an optional sign, digits, in range; null if they refuse it. */
function javaInteger(value: string, type: IntegerType): bigint | null {
  const text = javaTrim(value);
  const signed = text.startsWith('-') || text.startsWith('+');
  if (text.length === (signed ? 1 : 0)) return null;
  let n = 0n;
  for (let i = signed ? 1 : 0; i < text.length; i++) {
    const digit = javaDigit(text[i] ?? '');
    if (digit < 0) return null;
    n = n * 10n + BigInt(digit);
    if (n > HALF_RANGE[type]) return null;
  }
  if (text.startsWith('-')) n = -n;
  return n < -HALF_RANGE[type] || n >= HALF_RANGE[type] ? null : n;
}

/** A value Kafka refuses for the setting's type: what the model expects, and what Kafka reads. */
function notA(type: IntegerType, expected: string, value: string): string {
  return `${expected}, got "${javaTrim(value)}" (Kafka reads ${type === 'INT' ? 'an' : 'a'} ${type}: an optional sign, then decimal digits, ${-HALF_RANGE[type]} to ${HALF_RANGE[type] - 1n})`;
}

/** A setting of Kafka type `type` that the model needs at least `min` (1 unless said). */
function positive(type: IntegerType, field: keyof FileSettings, min = 1n): Parse {
  return (value) => {
    const n = javaInteger(value, type);
    if (n === null) return notA(type, `expected ${min === 1n ? 'a positive' : 'a non-negative'} integer`, value);
    return n < min ? `must be at least ${min}, got ${n}` : { [field]: Number(n) };
  };
}

/** Kafka's default `log.flush.interval.messages` is Long.MAX_VALUE: never forced, the OS flushes lazily. */
const flushMessages: Parse = (value) => {
  const n = javaInteger(value, 'LONG');
  return n !== null && n >= 2n ** 53n ? { flushIntervalMessages: null } : positive('LONG', 'flushIntervalMessages')(value);
};

function bool(field: 'uncleanLeaderElection' | 'enableIdempotence'): Parse {
  return (value) => {
    const text = javaTrim(value);
    const on = javaEqualsIgnoreCase(text, 'true');
    return on || javaEqualsIgnoreCase(text, 'false') ? { [field]: on } : `expected true or false (in any case), got "${text}"`;
  };
}

/** A retention limit of Kafka type `type`: -1 is unlimited; any other value (at least 0) lets retention delete segments. */
function retentionLimit(type: IntegerType): Parse {
  return (value) => {
    const expected = 'expected -1 (unlimited) or a non-negative integer';
    const n = javaInteger(value, type);
    if (n === null) return notA(type, expected, value);
    return n < -1n ? `${expected}, got ${n}` : { retention: n !== -1n };
  };
}

/** Kafka's `acks` is a STRING (trimmed) that must be one of all, -1, 0 or 1, as spelt. */
const acks: Parse = (value) => {
  const text = javaTrim(value);
  const parsed = acksOf(text);
  return parsed === null ? `expected 0, 1, all or -1, got "${text}"` : { acks: parsed };
};

/**
 * The settings the model maps; each with what it sets, read as its Kafka type (KafkaConfig,
 * ServerLogConfigs, ReplicationConfigs, GroupCoordinatorConfig and ProducerConfig at Kafka 3.8.0), or
 * why it is read but not modelled.
 */
const SETTINGS: Record<PropertiesKind, Record<string, Parse | { ignored: string }>> = {
  server: {
    'default.replication.factor': positive('INT', 'replicationFactor'),
    'min.insync.replicas': positive('INT', 'minInsyncReplicas'),
    'unclean.leader.election.enable': bool('uncleanLeaderElection'),
    'log.flush.interval.messages': flushMessages,
    'log.flush.interval.ms': { ignored: 'time is not modelled: only the message-count flush policy is' },
    'offsets.topic.replication.factor': positive('SHORT', 'offsetsTopicReplicationFactor'),
    'transaction.state.log.replication.factor': { ignored: 'transactions are not modelled' },
    'transaction.state.log.min.isr': { ignored: 'transactions are not modelled' },
    'num.partitions': { ignored: 'one partition is modelled; partitions replicate independently' },
    'log.retention.hours': retentionLimit('INT'),
    'log.retention.minutes': retentionLimit('INT'),
    'log.retention.ms': retentionLimit('LONG'),
    'log.retention.bytes': retentionLimit('LONG'),
    'log.segment.bytes': {
      ignored: 'segments are one record each (they also roll by time, log.roll.hours, so any offset may start one); --segment-records coarsens them',
    },
    'log.retention.check.interval.ms': { ignored: 'time is not modelled: retention may run at any moment' },
  },
  producer: {
    acks,
    'enable.idempotence': bool('enableIdempotence'),
    retries: positive('INT', 'producerRetries', 0n),
    'max.in.flight.requests.per.connection': positive('INT', 'maxInFlight'),
  },
};

export interface FileReading {
  readonly settings: FileSettings;
  readonly sources: Sources;
  /** One line per setting the model does not use, with the reason. */
  readonly ignored: readonly string[];
  /**
   * What Kafka reads differently from what the file seems to say, one line each naming `file:line`: a
   * UTF-8 byte order mark that spoils the first key, a key set twice (the last value counts). The
   * caller prints them (`warning: ...` on stderr); reading never does.
   */
  readonly warnings: readonly string[];
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * A UTF-8 byte order mark as Kafka reads it: java.util.Properties.load(InputStream) decodes ISO-8859-1,
 * so the mark is three characters of the first key, not whitespace.
 */
const BOM_AS_LATIN1 = '\u00ef\u00bb\u00bf';

/** One key's value that counts (java.util.Properties keeps the last), and where it was read. */
interface Entry {
  readonly value: string;
  readonly where: string;
  readonly hasSeparator: boolean;
}

/**
 * Reads one properties file's text, the file's bytes as ISO-8859-1 (as Kafka reads them; a U+FEFF,
 * from a caller that decoded UTF-8, is read as the mark's three bytes); `name` is how errors, sources
 * and warnings call it.
 */
export function readProperties(kind: PropertiesKind, name: string, input: string): FileReading {
  const text = input.replaceAll('\ufeff', BOM_AS_LATIN1);
  const warnings: string[] = [];
  const entries = new Map<string, Entry>();
  for (const node of parseLines(text, true)) {
    if (node.type !== 'PAIR') continue;
    const pair = node as unknown as { key: string; value: string; range: number[]; separator(src: string): string | null };
    const where = `${name}:${lineOf(text, pair.range[0] ?? 0)}`;
    const first = entries.get(pair.key);
    if (first !== undefined) warnings.push(`${where}: ${pair.key} is set again (first at ${first.where}): Kafka keeps the last value`);
    // Delete first, so that the entries are in the order of the values that count.
    entries.delete(pair.key);
    entries.set(pair.key, { value: pair.value, where, hasSeparator: (pair.separator(text) ?? '') !== '' });
  }
  const settings: FileSettings = {};
  const sources: Sources = {};
  const ignored: string[] = [];
  for (const [key, { value, where, hasSeparator }] of entries) {
    if (key.startsWith(BOM_AS_LATIN1)) {
      const meant = key.slice(BOM_AS_LATIN1.length);
      warnings.push(
        `${where}: a UTF-8 byte order mark starts the line: Kafka reads .properties files as ISO-8859-1, so the key is "${key}", not "${meant}", and is ignored (save the file without the mark)`,
      );
      ignored.push(`${where} ${key}: not a setting: a byte order mark starts the key`);
      continue;
    }
    if (!hasSeparator) throw new PropertiesError(`${where}: "${key}" has no value (expected key=value)`);
    const setting = SETTINGS[kind][key];
    if (setting === undefined) {
      ignored.push(`${where} ${key}: not a setting the model uses`);
      continue;
    }
    if ('ignored' in setting) {
      ignored.push(`${where} ${key}: ${setting.ignored}`);
      continue;
    }
    const parsed = setting(value);
    if (typeof parsed === 'string') throw new PropertiesError(`${where}: ${key}: ${parsed}`);
    Object.assign(settings, parsed);
    for (const field of Object.keys(parsed) as (keyof FileSettings)[]) sources[field] = where;
  }
  return { settings, sources, ignored, warnings };
}

/** Reads a properties file from disk; an unreadable file is bad input naming it. */
export function loadProperties(kind: PropertiesKind, path: string, name = path): FileReading {
  let text: string;
  try {
    text = readFileSync(path, 'latin1');
  } catch (error) {
    throw new PropertiesError(`--${kind}-properties: cannot read ${name}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return readProperties(kind, name, text);
}
