/**
 * The explorer's share of a matrix row: the bounds it searches exhaustively, smallest first, and the
 * states it may spend on them. A search that completes proves the row's question within its bounds;
 * the next, larger one runs on the states left, and when they run out it still says to which depth it
 * saw every state. Budgets are states, not seconds, so a row's evidence is the same on every machine;
 * together they keep the curated matrix within about ten minutes on two cores.
 */
import type { Budgets } from '../../spec/config.js';
import { isDeliveryRow, type MatrixRow, type Operation } from './rows.js';

/** The faults and writes a proof bounds, and for a consumer's question its commits and restarts. */
export type Bounds = Pick<Budgets, 'records' | 'crashes' | 'powerLosses' | 'fences' | 'shutdowns' | 'shrinks'> &
  Partial<Pick<Budgets, 'commits' | 'consumerRestarts' | 'leaderMoves' | 'diskLosses' | 'reassignments' | 'retries'>>;

const NOTHING: Bounds = { records: 1, crashes: 0, powerLosses: 0, fences: 0, shutdowns: 0, shrinks: 0 };

/** A row's searches, smallest bounds first, and the distinct states they may keep in all. */
export interface Ladder {
  readonly rungs: readonly Bounds[];
  readonly states: number;
}

/**
 * Distinct states for a row of process crashes: enough for each era's ISR-shrink search to complete
 * (kip-966 needs 637,184 states for it and the crash search before it) and for KAFKA-7128's loss to be
 * found in the eras before it (kip-279: 645,116 states over the three searches), about a minute and a
 * half of one core.
 */
export const CRASH_ROW_STATES = 700_000;

/** Distinct states for a row of power losses: one power loss searched completely in every era, then as many as the row has. */
export const POWER_ROW_STATES = 300_000;

/**
 * Distinct states for a consumer's row. A consumer brings a second partition (`__consumer_offsets`)
 * whose replication interleaves with the data partition's: even one record, one crash and one commit do
 * not complete within them (every state to depth 12 or 13), so a consumer's "no" is random only, with
 * the depth the explorer covered. That bound alone is larger than any row's share: a search of it in
 * `kraft` passed 3.9 million states at depth 19 with a million still queued.
 */
export const CONSUMER_ROW_STATES = 300_000;

/**
 * Distinct states for an operation's row: a rolling restart of two brokers, two preferred leader
 * elections' one around a clean shutdown, one replaced disk and a reassignment (a fourth broker:
 * 79,000 to 97,000 states) each complete within them (one record).
 */
export const OPERATION_ROW_STATES = 400_000;

/**
 * Distinct states for a delivery row: two writes with one retry, then two, complete within them in
 * every era; the third search adds a crash and a fence (a leader change under the retries) and runs on
 * what is left.
 */
export const DELIVERY_ROW_STATES = 300_000;

/**
 * A delivery row's searches: two writes and one retry (a lost answer, a refusal: a duplicate), two
 * retries (two batches re-sent: a reordering), then a crash and a fence to move the leader between them.
 * Request timeouts are the producer's and unbudgeted.
 */
const DELIVERY_RUNGS: readonly Bounds[] = [
  { ...NOTHING, records: 2, retries: 1 },
  { ...NOTHING, records: 2, retries: 2 },
  { ...NOTHING, records: 2, retries: 2, crashes: 1, fences: 1 },
];

/** A roll of one broker, then of two. */
const ROLL: readonly Bounds[] = [{ ...NOTHING, shutdowns: 1 }, { ...NOTHING, shutdowns: 2 }];

/** An operation's searches: the operation once (a roll of one broker, then of two) with one record. */
const OPERATION_RUNGS: Readonly<Record<Operation, readonly Bounds[]>> = {
  'rolling-restart': ROLL,
  'rolling-restart-no-wait': ROLL,
  // The preferred replica must lose leadership first: a clean shutdown moves it.
  'leader-moves': [{ ...NOTHING, shutdowns: 1, leaderMoves: 1 }],
  'disk-loss': [{ ...NOTHING, diskLosses: 1 }, { ...NOTHING, diskLosses: 1, crashes: 1 }],
  reassignment: [{ ...NOTHING, reassignments: 1 }],
};

/**
 * The searches of a row, within its own budgets (a row with no power losses gets none). Process
 * crashes first, then the ISR shrink that lets a lagging follower back in, then a fence (the
 * controller's own election): KAFKA-7128's loss needs all three. A row with power losses asks about
 * them: one, then as many as the row has. A consumer's row: one commit and a broker crash, then a
 * consumer restart and a second record. Each search runs on the states the ones before it left.
 */
export function ladder(row: MatrixRow): Ladder {
  if (row.question === 'operation-loses') {
    // Every rung names the operation's budgets, so the row's own (two moves, three shutdowns) never leak in.
    const none = { leaderMoves: 0, diskLosses: 0, reassignments: 0 };
    return { rungs: OPERATION_RUNGS[row.operation].map((rung) => ({ ...none, ...rung })), states: OPERATION_ROW_STATES };
  }
  if (isDeliveryRow(row)) return { rungs: DELIVERY_RUNGS, states: DELIVERY_ROW_STATES };
  if (row.question !== 'acked-lost') {
    const consumer = { ...NOTHING, crashes: 1, commits: 1, consumerRestarts: 0 };
    return { rungs: [consumer, { ...consumer, records: 2, consumerRestarts: 1 }], states: CONSUMER_ROW_STATES };
  }
  if (row.powerLosses === 0) {
    return {
      rungs: [
        { ...NOTHING, crashes: 1 },
        { ...NOTHING, crashes: 1, shrinks: 1 },
        { ...NOTHING, crashes: 1, shrinks: 1, fences: 1 },
      ],
      states: CRASH_ROW_STATES,
    };
  }
  const rungs = [{ ...NOTHING, powerLosses: 1 }];
  if (row.powerLosses > 1) rungs.push({ ...NOTHING, powerLosses: row.powerLosses });
  return { rungs, states: POWER_ROW_STATES };
}

const NAMES: Readonly<Record<keyof Bounds, string>> = {
  records: 'records',
  crashes: 'crashes',
  powerLosses: 'power losses',
  fences: 'fences',
  shutdowns: 'clean shutdowns',
  shrinks: 'ISR shrinks',
  commits: 'commits',
  consumerRestarts: 'consumer restarts',
  leaderMoves: 'preferred leader elections',
  diskLosses: 'replaced disks',
  reassignments: 'reassignments',
  retries: 'retries',
};

/** `records ≤ 1, crashes ≤ 1, ISR shrinks ≤ 1`: the bounds a search names (a fault it leaves out goes unnamed). */
export function boundsText(bounds: Bounds): string {
  return (Object.keys(NAMES) as (keyof Bounds)[])
    .filter((key) => (bounds[key] ?? 0) > 0)
    .map((key) => `${NAMES[key]} ≤ ${bounds[key]}`)
    .join(', ');
}
