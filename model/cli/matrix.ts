/**
 * `npm run matrix -- [--full] [--shard i/n] [filters] [--runs N] [--seed N] [--workers N] [--json FILE]
 * [--md FILE] [--out DIR]`, or `npm run matrix -- --merge FILE...`: the guarantee matrix. Rows run in
 * parallel on worker threads with a progress bar and an ETA; `--shard i/n` settles one slice and writes
 * its JSON, `--merge` joins slices into the same table one run gives. Exit 0 when no row breaks Kafka's
 * promise, 1 when one does, 2 on bad input.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { acksOf } from '../../spec/config.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { mergeMatrix, matrixMarkdown, picturePath, type MatrixDocument } from '../matrix/report.js';
import { replayTrace } from '../trace/replay.js';
import { traceSvg } from '../render/svg.js';
import { loadTrace } from '../trace/trace.js';
import { curatedRows, fullRows, matches, shardOf, type MatrixRow, type RowFilter } from '../matrix/rows.js';
import { runMatrix } from '../matrix/run.js';
import { MATRIX_INVARIANT } from '../matrix/settle.js';
import { TOOL } from '../version.js';
import { defaultWorkers } from '../workers/spawn.js';
import { integerFlag } from '../config/flags.js';
import { main, parse, UsageError } from '../config/usage.js';

const OPTIONS = {
  full: { type: 'boolean', default: false },
  shard: { type: 'string' },
  merge: { type: 'boolean', default: false },
  runs: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  json: { type: 'string' },
  md: { type: 'string' },
  out: { type: 'string', default: 'counterexamples' },
  era: { type: 'string' },
  acks: { type: 'string' },
  'min-isr': { type: 'string' },
  rf: { type: 'string' },
  unclean: { type: 'string' },
  flush: { type: 'string' },
  'power-losses': { type: 'string' },
} as const;

const DEFAULT_RUNS = 2000;

function filterOf(values: Record<string, unknown>): RowFilter {
  const text = (flag: string): string | undefined => values[flag] as string | undefined;
  const era = text('era');
  if (era !== undefined && !ERA_NAMES.some((name) => name === era)) throw new UsageError(`--era: unknown era "${era}" (known: ${ERA_NAMES.join(', ')})`);
  const acks = text('acks') === undefined ? undefined : acksOf(text('acks'));
  if (acks === null) throw new UsageError(`--acks: must be 0, 1, all or -1, got "${text('acks')}"`);
  const unclean = text('unclean');
  if (unclean !== undefined && unclean !== 'true' && unclean !== 'false') throw new UsageError(`--unclean: expected true or false, got "${unclean}"`);
  const flush = text('flush');
  if (flush !== undefined && flush !== 'lazy' && flush !== 'fsync') throw new UsageError(`--flush: expected lazy or fsync, got "${flush}"`);
  return {
    era: era as MatrixRow['era'] | undefined,
    acks,
    minIsr: integerFlag('min-isr', text('min-isr'), 1),
    rf: integerFlag('rf', text('rf'), 1),
    unclean: unclean === undefined ? undefined : unclean === 'true',
    flush: flush as MatrixRow['flush'] | undefined,
    powerLosses: integerFlag('power-losses', text('power-losses'), 0),
  } as RowFilter;
}

function shardOption(value: string | undefined): { index: number; count: number } | null {
  if (value === undefined) return null;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/n with 1 <= i <= n, got "${value}"`);
  return { index, count };
}

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function report(doc: MatrixDocument, jsonFile: string, mdFile: string | null): number {
  write(jsonFile, `${JSON.stringify(doc, null, 1)}\n`);
  process.stdout.write(`json: ${jsonFile}\n`);
  if (mdFile !== null) {
    write(mdFile, matrixMarkdown(doc, mdFile));
    for (const { trace } of doc.rows) {
      if (trace === undefined) continue;
      const loaded = loadTrace(trace);
      write(join(dirname(mdFile), picturePath(trace)), traceSvg(loaded, replayTrace(loaded)));
    }
    process.stdout.write(`table: ${mdFile} (and the pictures it links, in ${join(dirname(mdFile), 'pictures')})\n`);
  }
  const count = (verdict: string): number => doc.rows.filter((r) => r.verdict === verdict).length;
  process.stdout.write(`rows: ${doc.rows.length}; holds ${count('holds')}, loss allowed ${count('allowed')}, broken promise ${count('broken')}\n`);
  for (const row of doc.rows.filter((r) => r.verdict === 'broken')) process.stdout.write(`BROKEN PROMISE: ${row.id}: ${row.trace ?? ''}\n`);
  return count('broken') > 0 ? 1 : 0;
}

async function run(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args, OPTIONS, true);
  const md = (values.md as string | undefined) ?? 'docs/guarantees.md';
  if (values.merge === true) {
    if (positionals.length === 0) throw new UsageError('--merge: give the shard JSON files');
    let merged: MatrixDocument;
    try {
      merged = mergeMatrix(positionals);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    return report(merged, (values.json as string | undefined) ?? 'docs/guarantees.json', md);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (files are for --merge)`);
  const shard = shardOption(values.shard as string | undefined);
  const runs = integerFlag('runs', values.runs as string | undefined, 1) ?? DEFAULT_RUNS;
  const seed = integerFlag('seed', values.seed as string | undefined, 0) ?? 1;
  const workers = integerFlag('workers', values.workers as string | undefined, 1) ?? defaultWorkers();
  const filter = filterOf(values);
  const selected = (values.full === true ? fullRows() : curatedRows()).filter((row) => matches(row, filter));
  const indexed = selected.map((row, index) => ({ index, row }));
  const jobs = shard === null ? indexed : shardOf(indexed, shard.index, shard.count);
  if (jobs.length === 0) throw new UsageError('no row matches the filters');
  process.stdout.write(`${TOOL}: guarantee matrix, ${jobs.length} rows${shard === null ? '' : ` (shard ${shard.index}/${shard.count} of ${selected.length})`}, seed ${seed}, up to ${runs} runs a row, ${workers} workers\n`);
  const bar = new SingleBar({ format: 'rows {bar} {value}/{total} | {percentage}% | eta {eta_formatted} | {last}', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 });
  bar.start(jobs.length, 0, { last: '' });
  const results = await runMatrix(jobs, {
    runs,
    seed,
    out: values.out as string,
    workers,
    onResult: (result, done) => bar.update(done, { last: `${result.id}: ${result.verdict}` }),
  });
  bar.stop();
  const doc: MatrixDocument = { tool: TOOL, invariant: MATRIX_INVARIANT, seed, runs, shard: shard === null ? 'all' : `${shard.index}/${shard.count}`, rows: results };
  const json = (values.json as string | undefined) ?? (shard === null ? 'docs/guarantees.json' : `matrix-shard-${shard.index}-of-${shard.count}.json`);
  return report(doc, json, shard === null ? md : null);
}

await main(() => run(process.argv.slice(2)));
