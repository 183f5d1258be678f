/**
 * Kafka's own defaults for the settings a properties file leaves out, in the one release each era
 * stands for (KAFKA-RULES.md rule 30): a file describes a cluster that runs with Kafka's defaults, not
 * with the checker's safe baseline. Each default is its history, the releases where it changed, and
 * the source of each change.
 */
import { atLeast, ERA_VERSIONS, type EraName } from '../../spec/eras/names.js';
import type { FileSettings } from './properties-file.js';

/** The producer's delivery settings, whose defaults the spec resolves with the era (spec/producer-settings.ts). */
export type ProducerField = 'enableIdempotence' | 'producerRetries' | 'maxInFlight';

export type DefaultedField = keyof Required<Omit<FileSettings, 'retention' | ProducerField>>;
type Value = Required<FileSettings>[DefaultedField];

export interface KafkaDefault {
  readonly setting: string;
  readonly field: DefaultedField;
  /** From which release each value is the default, oldest first. */
  readonly history: readonly (readonly [since: string, value: Value])[];
  readonly source: string;
}

export const KAFKA_DEFAULTS: readonly KafkaDefault[] = [
  { setting: 'acks', field: 'acks', history: [['0.8', 1], ['3.0', 'all']], source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-679%3A+Producer+will+enable+the+strongest+delivery+guarantee+by+default' },
  { setting: 'unclean.leader.election.enable', field: 'uncleanLeaderElection', history: [['0.8', true], ['0.11', false]], source: 'https://cwiki.apache.org/confluence/display/KAFKA/KIP-106+-+Change+Default+unclean.leader.election.enabled+from+True+to+False' },
  { setting: 'min.insync.replicas', field: 'minInsyncReplicas', history: [['0.8', 1]], source: 'https://kafka.apache.org/documentation/#brokerconfigs_min.insync.replicas' },
  { setting: 'default.replication.factor', field: 'replicationFactor', history: [['0.8', 1]], source: 'https://kafka.apache.org/documentation/#brokerconfigs_default.replication.factor' },
  { setting: 'log.flush.interval.messages', field: 'flushIntervalMessages', history: [['0.8', null]], source: 'https://kafka.apache.org/documentation/#brokerconfigs_log.flush.interval.messages' },
  { setting: 'offsets.topic.replication.factor', field: 'offsetsTopicReplicationFactor', history: [['0.8.2', 3]], source: 'https://kafka.apache.org/documentation/#brokerconfigs_offsets.topic.replication.factor' },
];

/** A default's value in `era`'s release. */
export function defaultIn(entry: KafkaDefault, era: EraName): Value {
  const release = ERA_VERSIONS[era].release;
  const current = entry.history.filter(([since]) => atLeast(release, since)).at(-1) ?? entry.history[0];
  if (current === undefined) throw new Error(`${entry.setting} has no default`);
  return current[1];
}

/** Every file-settable setting at Kafka's default in `era`'s release. */
export function kafkaDefaults(era: EraName): Required<Omit<FileSettings, 'retention' | ProducerField>> {
  return Object.fromEntries(KAFKA_DEFAULTS.map((entry) => [entry.field, defaultIn(entry, era)])) as Required<Omit<FileSettings, 'retention' | ProducerField>>;
}

/** How a default reads in a table: Long.MAX_VALUE for the flush interval, else the value. */
function shown(value: Value): string {
  return value === null ? 'Long.MAX_VALUE (the OS flushes)' : String(value);
}

/** The table of Kafka's defaults per era, with sources (README, `npm run docs`). */
export function defaultsTable(eras: readonly EraName[]): string {
  const header = ['setting', ...eras.map((era) => `\`${era}\` (${ERA_VERSIONS[era].release})`), 'source'];
  const rows = KAFKA_DEFAULTS.map((entry) => [`\`${entry.setting}\``, ...eras.map((era) => shown(defaultIn(entry, era))), entry.source]);
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
