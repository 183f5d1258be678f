/**
 * The guarantee matrix's rows: the questions an operator asks, one configuration each. A producer's
 * row asks whether an acknowledged record can be lost, under the seed's knobs (acks,
 * min.insync.replicas, replication factor, unclean election, flush policy) and a fault budget (process
 * crashes as the checker's default, and 0, 1 or 2 power losses), in one era. A consumer's row asks
 * whether a consumer can miss a committed record, or see two records at one offset, under how the
 * application commits (after or before processing, with or without the leader epoch) where an unclean
 * election can truncate the log below it. An operation's row asks whether an operator's procedure (a
 * rolling restart, preferred leader elections, a replaced disk, a reassignment) can lose an
 * acknowledged record at the safe setting. A delivery row asks whether a retry can duplicate a record,
 * or records arrive out of order, under the producer settings users pick. The default sweep is a curated set per era; `--full` is the
 * whole product, meant to be sharded.
 */
import { COMMIT_DISCIPLINES } from '../../spec/config.js';
import { atLeast, ERA_NAMES, ERA_VERSIONS, type EraName } from '../../spec/eras/names.js';
import { kafkaDefaults } from '../config/kafka-defaults.js';
import type { Acks, CommitDiscipline } from '../../spec/types.js';

export type FlushPolicy = 'lazy' | 'fsync';

/** What a row asks; each question is checked by the invariants settle.ts names for it. */
export type Question = 'acked-lost' | ConsumerQuestion | 'operation-loses' | DeliveryQuestion;

/** "Can a retry duplicate a record?" and "can records arrive out of order?" */
export type DeliveryQuestion = 'retry-duplicates' | 'retry-reorders';

export const DELIVERY_QUESTIONS: readonly DeliveryQuestion[] = ['retry-duplicates', 'retry-reorders'];

/**
 * The producer settings users pick, each as the flags that set them: the release's own defaults, no
 * idempotence with retries on and one or five requests in flight, and idempotence on (from 0.11).
 */
export const PRODUCER_CHOICES = {
  defaults: { flags: [], text: "the release's defaults" },
  'plain-1': { flags: ['--idempotence', 'false', '--producer-retries', '2147483647', '--max-in-flight', '1'], text: 'idempotence off, retries on, 1 in flight' },
  'plain-5': { flags: ['--idempotence', 'false', '--producer-retries', '2147483647', '--max-in-flight', '5'], text: 'idempotence off, retries on, 5 in flight' },
  idempotent: { flags: ['--idempotence', 'true'], text: 'idempotence on' },
} as const;

export type ProducerChoice = keyof typeof PRODUCER_CHOICES;

export const PRODUCER_CHOICE_NAMES = Object.keys(PRODUCER_CHOICES) as ProducerChoice[];

/** A delivery question under one producer setting. */
export interface DeliveryRow {
  readonly question: DeliveryQuestion;
  readonly era: EraName;
  readonly producer: ProducerChoice;
}

/** "Can my consumer miss a committed record?" and "can it see two records at one offset?" */
export type ConsumerQuestion = 'consumer-misses' | 'consumer-sees-twice';

export const CONSUMER_QUESTIONS: readonly ConsumerQuestion[] = ['consumer-misses', 'consumer-sees-twice'];

export type MatrixRow = ProducerRow | ConsumerRow | OperationRow | DeliveryRow;

/** No fault but the operation's own (and `shutdowns` clean ones): the question is the operation's, not the crashes' around it. */
const alone = (shutdowns = 0): string[] => ['--crashes', '0', '--fences', '0', '--shutdowns', String(shutdowns)];

/**
 * The operators' procedures the matrix asks about, each as the flags that run it at the safe setting
 * (acks=all, min.insync.replicas=2, RF 3, clean elections) with writes and lag-driven ISR shrinks but
 * no other fault, and how the tables name it.
 */
export const OPERATIONS = {
  'rolling-restart': { flags: ['--scenario', 'rolling-restart'], text: 'a rolling restart, waiting for the ISR' },
  'rolling-restart-no-wait': { flags: ['--scenario', 'rolling-restart', '--wait-for-isr', 'false'], text: 'a rolling restart, not waiting for the ISR' },
  // The preferred replica must lose leadership before a rebalance can give it back: one clean restart.
  'leader-moves': { flags: ['--leader-moves', '2', ...alone(1)], text: 'a clean restart and two preferred leader elections' },
  'disk-loss': { flags: ['--disk-losses', '1', ...alone()], text: 'a broker returning on an empty disk' },
  reassignment: { flags: ['--brokers', '4', '--rf', '3', '--reassignments', '1', ...alone()], text: 'a reassignment to a fourth broker' },
} as const;

export type Operation = keyof typeof OPERATIONS;

export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[];

/** "Can this operation lose an acknowledged record?" */
export interface OperationRow {
  readonly question: 'operation-loses';
  readonly era: EraName;
  readonly operation: Operation;
}

export interface ConsumerRow {
  readonly question: ConsumerQuestion;
  readonly era: EraName;
  readonly discipline: CommitDiscipline;
  /** Whether commits carry the leader epoch of the last record consumed (`--commit-epochs`). */
  readonly commitEpochs: boolean;
}

export interface ProducerRow {
  readonly question: 'acked-lost';
  readonly era: EraName;
  readonly acks: Acks;
  readonly minIsr: number;
  readonly rf: number;
  readonly unclean: boolean;
  readonly flush: FlushPolicy;
  readonly powerLosses: number;
}

/**
 * `kip-966 acks=all min.isr=2 rf=3 clean lazy power-losses=1`, `kraft consumer-misses after-processing
 * epochs-in-commits`: how rows are named everywhere.
 */
export function rowId(row: MatrixRow): string {
  if (row.question === 'operation-loses') return `${row.era} operation-loses ${row.operation}`;
  if (isDeliveryRow(row)) return `${row.era} ${row.question} ${row.producer}`;
  if (row.question !== 'acked-lost') return `${row.era} ${row.question} ${row.discipline} ${row.commitEpochs ? 'epochs-in-commits' : 'commits-without-epochs'}`;
  return `${row.era} acks=${row.acks} min.isr=${row.minIsr} rf=${row.rf} ${row.unclean ? 'unclean' : 'clean'} ${row.flush} power-losses=${row.powerLosses}`;
}

export function isDeliveryRow(row: MatrixRow): row is DeliveryRow {
  return DELIVERY_QUESTIONS.includes(row.question as DeliveryQuestion);
}

/**
 * The unclean election a consumer's row allows: the flag where the era's controller honours it, else
 * (KRaft 3.6, KAFKA-12670) one an operator forces through ElectLeaders (KIP-460).
 */
function uncleanElectionFlags(era: EraName): string[] {
  return ERA_VERSIONS[era].honoursUncleanFlag ? ['--unclean', 'true'] : ['--unclean-elections', '1'];
}

/**
 * The row as `check` flags. A producer's row: the knobs, the power-loss budget, the checker's other
 * default budgets, and no consumer (it asks about acknowledged writes). A consumer's row: the checker's
 * default budgets with the consumer, min.insync.replicas=1 and an unclean election possible (what can
 * truncate a log below a consumer), and how the application commits. An operation's row: the safe
 * setting, the operation's flags, the checker's other default budgets, and no consumer. A delivery
 * row: the producer's settings, three writes and two retries over the checker's default faults, no consumer.
 */
export function rowFlags(row: MatrixRow): string[] {
  if (row.question === 'operation-loses') return ['--era', row.era, ...OPERATIONS[row.operation].flags, '--commits', '0'];
  if (isDeliveryRow(row)) return ['--era', row.era, ...PRODUCER_CHOICES[row.producer].flags, '--records', '3', '--retries', '2', '--commits', '0'];
  if (row.question !== 'acked-lost') {
    return ['--era', row.era, '--min-isr', '1', ...uncleanElectionFlags(row.era), '--commit-discipline', row.discipline, '--commit-epochs', String(row.commitEpochs)];
  }
  return [
    '--era', row.era,
    '--acks', String(row.acks),
    '--min-isr', String(row.minIsr),
    '--brokers', String(row.rf),
    '--rf', String(row.rf),
    '--unclean', String(row.unclean),
    ...(row.flush === 'fsync' ? ['--flush-messages', '1'] : []),
    '--power-losses', String(row.powerLosses),
    '--commits', '0',
  ];
}

const SAFE = { acks: 'all', minIsr: 2, rf: 3, unclean: false, flush: 'lazy' } as const;

/**
 * "Kafka's defaults": the era's release with every setting at Kafka's default (kafka-defaults.ts) but
 * RF 3, since Kafka's own `default.replication.factor` of 1 replicates nothing.
 */
export function kafkaDefaultsRow(era: EraName): ProducerRow {
  const defaults = kafkaDefaults(era);
  return {
    question: 'acked-lost',
    era,
    acks: defaults.acks,
    minIsr: defaults.minInsyncReplicas,
    rf: 3,
    unclean: defaults.uncleanLeaderElection,
    flush: defaults.flushIntervalMessages === 1 ? 'fsync' : 'lazy',
    powerLosses: 0,
  };
}

/** Whether a row is its era's Kafka's-defaults question. */
export function isKafkaDefaults(row: MatrixRow): boolean {
  return rowId(row) === rowId(kafkaDefaultsRow(row.era));
}

/** Every consumer question of an era, under each commit discipline, with and without epochs in commits. */
function consumerRows(era: EraName): ConsumerRow[] {
  return CONSUMER_QUESTIONS.flatMap((question) =>
    COMMIT_DISCIPLINES.flatMap((discipline) => [true, false].map((commitEpochs) => ({ question, era, discipline, commitEpochs }))),
  );
}

/** Every operation of an era. */
function operationRows(era: EraName): OperationRow[] {
  return OPERATION_NAMES.map((operation) => ({ question: 'operation-loses', era, operation }));
}

/** Both delivery questions of an era under each producer setting it has (no idempotent producer before 0.11). */
function deliveryRows(era: EraName): DeliveryRow[] {
  const choices = PRODUCER_CHOICE_NAMES.filter((choice) => choice !== 'idempotent' || atLeast(ERA_VERSIONS[era].release, '0.11'));
  return DELIVERY_QUESTIONS.flatMap((question) => choices.map((producer) => ({ question, era, producer })));
}

/** The questions every sweep asks after the producer's: the consumer's, the operations', the delivery questions. */
function otherRows(): MatrixRow[] {
  return [...ERA_NAMES.flatMap(consumerRows), ...ERA_NAMES.flatMap(operationRows), ...ERA_NAMES.flatMap(deliveryRows)];
}

/**
 * Per era: the safe setting under 0, 1 and 2 power losses, fsync per message, each unsafe knob alone,
 * and Kafka's defaults; then the consumer's questions; then the operations; then retries.
 */
export function curatedRows(): MatrixRow[] {
  return [...ERA_NAMES.flatMap(producerRows), ...otherRows()];
}

/** An era's producer questions (see curatedRows). */
function producerRows(era: EraName): ProducerRow[] {
  const row = (change: Partial<ProducerRow>, powerLosses: number): ProducerRow => ({ question: 'acked-lost', era, ...SAFE, ...change, powerLosses });
  const rows = [
    row({}, 0),
    row({}, 1),
    row({}, 2),
    row({ flush: 'fsync' }, 1),
    row({ flush: 'fsync' }, 2),
    row({ acks: 1 }, 0),
    row({ acks: 0 }, 0),
    row({ minIsr: 1 }, 0),
    row({ minIsr: 1 }, 1),
    row({ unclean: true }, 0),
    row({ minIsr: 1, unclean: true }, 0),
  ];
  const defaults = kafkaDefaultsRow(era);
  return rows.some(isKafkaDefaults) ? rows : [...rows, defaults];
}

/** The whole product of the knobs, for sharded runs, then the consumer's questions. */
export function fullRows(): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const era of ERA_NAMES)
    for (const acks of ['all', 1, 0] as const)
      for (const rf of [2, 3])
        for (const minIsr of [1, 2])
          for (const unclean of [false, true])
            for (const flush of ['lazy', 'fsync'] as const)
              for (const powerLosses of [0, 1, 2]) rows.push({ question: 'acked-lost', era, acks, minIsr, rf, unclean, flush, powerLosses });
  return [...rows, ...otherRows()];
}

/** Every field a row may have. */
type RowFields = Omit<ProducerRow, 'question'> & Omit<ConsumerRow, 'question'> & Omit<OperationRow, 'question'> & Omit<DeliveryRow, 'question'> & { readonly question: Question };

/** Row filters as the command line gives them; an absent field matches every row, a field a row lacks none. */
export type RowFilter = { readonly [K in keyof RowFields]?: RowFields[K] };

export function matches(row: MatrixRow, filter: RowFilter): boolean {
  const fields = new Map<string, unknown>(Object.entries(row));
  return Object.entries(filter).every(([key, value]) => value === undefined || fields.get(key) === value);
}

/** Slice `index` (1-based) of `count`: every count-th row, so slices take a fair share of each era. */
export function shardOf<T>(rows: readonly T[], index: number, count: number): T[] {
  return rows.filter((_, i) => i % count === index - 1);
}
