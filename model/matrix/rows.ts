/**
 * The guarantee matrix's rows: the questions an operator asks, one configuration each. A row is the
 * seed's knobs (acks, min.insync.replicas, replication factor, unclean election, flush policy) and a
 * fault budget (process crashes as the checker's default, and 0, 1 or 2 power losses), in one era. The
 * default sweep is a curated set per era; `--full` is the whole product, meant to be sharded.
 */
import { ERA_NAMES, type EraName } from '../../spec/eras/names.js';
import { kafkaDefaults } from '../config/kafka-defaults.js';
import type { Acks } from '../../spec/types.js';

export type FlushPolicy = 'lazy' | 'fsync';

export interface MatrixRow {
  readonly era: EraName;
  readonly acks: Acks;
  readonly minIsr: number;
  readonly rf: number;
  readonly unclean: boolean;
  readonly flush: FlushPolicy;
  readonly powerLosses: number;
}

/** `kip-966 acks=all min.isr=2 rf=3 clean lazy power-losses=1`: how rows are named everywhere. */
export function rowId(row: MatrixRow): string {
  return `${row.era} acks=${row.acks} min.isr=${row.minIsr} rf=${row.rf} ${row.unclean ? 'unclean' : 'clean'} ${row.flush} power-losses=${row.powerLosses}`;
}

/**
 * The row as `check` flags: the knobs, the power-loss budget, the checker's other default budgets, and
 * no consumer (the matrix asks about acknowledged writes).
 */
export function rowFlags(row: MatrixRow): string[] {
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
export function kafkaDefaultsRow(era: EraName): MatrixRow {
  const defaults = kafkaDefaults(era);
  return {
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

/** Per era: the safe setting under 0, 1 and 2 power losses, fsync per message, each unsafe knob alone, and Kafka's defaults. */
export function curatedRows(): MatrixRow[] {
  return ERA_NAMES.flatMap((era) => {
    const row = (change: Partial<MatrixRow>, powerLosses: number): MatrixRow => ({ era, ...SAFE, ...change, powerLosses });
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
  });
}

/** The whole product of the knobs, for sharded runs. */
export function fullRows(): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const era of ERA_NAMES)
    for (const acks of ['all', 1, 0] as const)
      for (const rf of [2, 3])
        for (const minIsr of [1, 2])
          for (const unclean of [false, true])
            for (const flush of ['lazy', 'fsync'] as const)
              for (const powerLosses of [0, 1, 2]) rows.push({ era, acks, minIsr, rf, unclean, flush, powerLosses });
  return rows;
}

/** Row filters as the command line gives them; an absent field matches every row. */
export type RowFilter = { readonly [K in keyof MatrixRow]?: MatrixRow[K] };

export function matches(row: MatrixRow, filter: RowFilter): boolean {
  return (Object.keys(filter) as (keyof MatrixRow)[]).every((key) => filter[key] === undefined || filter[key] === row[key]);
}

/** Slice `index` (1-based) of `count`: every count-th row, so slices take a fair share of each era. */
export function shardOf<T>(rows: readonly T[], index: number, count: number): T[] {
  return rows.filter((_, i) => i % count === index - 1);
}
