/**
 * `npm run matrix -- [--full] [--shard i/n] [filters] [--runs N] [--seed N] [--workers N]
 * [--json-out FILE] [--md-out FILE] [--out DIR] [--json]`, or `npm run matrix -- --merge FILE...`: the
 * guarantee matrix. Rows run in parallel on worker threads with a progress bar and an ETA. The whole
 * default sweep (and a merge) rewrites the repository's docs/guarantees.*; anything narrower writes
 * only the files it is given.
 */
import { join, relative } from 'node:path';
import { acksOf } from '../../spec/config.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { mergeMatrix, matrixMarkdown, picturePath, type MatrixDocument } from '../matrix/report.js';
import {
  CONSUMER_QUESTIONS,
  curatedRows,
  DELIVERY_QUESTIONS,
  fullRows,
  matches,
  OPERATION_NAMES,
  PRODUCER_CHOICE_NAMES,
  shardOf,
  type MatrixRow,
  type Operation,
  type ProducerChoice,
  type ProducerRow,
  type RowFilter,
} from '../matrix/rows.js';
import { CRASH_ROW_STATES, POWER_ROW_STATES } from '../matrix/bounds.js';
import { carryOver, runMatrix } from '../matrix/run.js';
import { MATRIX_INVARIANT, type MatrixResult } from '../matrix/settle.js';
import { traceSvg } from '../render/svg.js';
import { replayTrace } from '../trace/replay.js';
import { loadTrace } from '../trace/trace.js';
import { TOOL } from '../version.js';
import { defaultWorkers } from '../workers/spawn.js';
import { main, parseCommand, userPath, type CommandSpec } from '../config/command.js';
import { integerFlag } from '../config/flags.js';
import { outputDir, outputFile, writeOutput } from '../config/output.js';
import { UsageError } from '../config/usage.js';
import { tracker } from './progress.js';
import { COUNTEREXAMPLES } from './search.js';

const DEFAULT_RUNS = 3000;
const DOCS = join(import.meta.dirname, '..', '..', 'docs');

const MATRIX: CommandSpec = {
  name: 'matrix',
  summary:
    "The guarantee matrix: for each era and setting, can an acknowledged record be lost, can a consumer miss a committed record or see two at one offset, and can a retry duplicate a record or reorder records? The whole default sweep (or a merge of its shards) rewrites the repository's docs/guarantees.md and .json; a narrower sweep writes only the files it is given.",
  arguments: '[shard-file...]',
  options: [
    { flags: '--full', description: 'the whole product of the settings (meant to be sharded) instead of the curated rows', default: false },
    { flags: '--shard <i/n>', description: 'settle the i-th of n slices; give --json-out for its file, then --merge' },
    { flags: '--merge', description: "join shard files, or a filtered run's file with the whole sweep's (the arguments), checked whole before anything is written", default: false },
    { flags: '--runs <n>', description: 'random runs per row', defaultText: String(DEFAULT_RUNS) },
    {
      flags: '--row-states <n>',
      description: "distinct states the explorer may keep over each row's searches (0: random runs only)",
      defaultText: `${CRASH_ROW_STATES.toLocaleString('en-US')} for a row of crashes, ${POWER_ROW_STATES.toLocaleString('en-US')} for one of power losses`,
    },
    { flags: '--seed <n>', description: 'the seed of every row', defaultText: '1' },
    { flags: '--workers <n>', description: 'rows settled in parallel', defaultText: 'one per core' },
    { flags: '--json-out <file>', description: 'write the matrix as JSON here', defaultText: "docs/guarantees.json for the whole sweep; none otherwise" },
    { flags: '--md-out <file>', description: 'write the table here, with its pictures in pictures/ beside it', defaultText: 'docs/guarantees.md for the whole sweep; none otherwise' },
    { flags: '--force', description: 'replace existing --json-out and --md-out files', default: false },
    { flags: '--out <dir>', description: 'where new counterexamples are saved', defaultText: "the repository's counterexamples/" },
    { flags: '--json', description: 'print one JSON summary object on stdout', default: false },
    { flags: '--era <name>', description: 'only rows of this era', choices: ERA_NAMES },
    {
      flags: '--question <name>',
      description:
        "only rows asking this: an acknowledged record lost (the producer's rows), a consumer missing a committed record or seeing two at one offset, an acknowledged record lost during an operator's procedure, a retry duplicating a record or records landing out of order",
      choices: ['acked-lost', ...CONSUMER_QUESTIONS, 'operation-loses', ...DELIVERY_QUESTIONS],
    },
    { flags: '--operation <name>', description: "only the rows of this operator's procedure", choices: OPERATION_NAMES },
    { flags: '--producer <settings>', description: 'only the delivery rows of these producer settings', choices: PRODUCER_CHOICE_NAMES },
    { flags: '--acks <mode>', description: 'only rows with this acks', choices: ['0', '1', 'all', '-1'] },
    { flags: '--min-isr <n>', description: 'only rows with this min.insync.replicas' },
    { flags: '--rf <n>', description: 'only rows with this replication factor' },
    { flags: '--unclean <bool>', description: 'only rows with unclean election on or off', choices: ['true', 'false'] },
    { flags: '--flush <policy>', description: 'only rows with this flush policy', choices: ['lazy', 'fsync'] },
    { flags: '--power-losses <n>', description: 'only rows with this many power losses' },
  ],
  examples: [
    "npm run matrix                                  # the curated sweep: rewrites docs/guarantees.md and .json",
    'npm run matrix -- --era kraft --json-out kraft.json --md-out kraft.md',
    'npm run matrix -- --full --shard 1/4 --json-out shard-1.json   # ... then --merge shard-*.json',
  ],
  exits: '0 no row breaks Kafka’s promise; 1 one does',
};

function filterOf(values: Readonly<Record<string, unknown>>): RowFilter {
  const text = (flag: string): string | undefined => values[flag] as string | undefined;
  const unclean = text('unclean');
  return {
    era: text('era') as MatrixRow['era'] | undefined,
    acks: text('acks') === undefined ? undefined : (acksOf(text('acks')) ?? undefined),
    minIsr: integerFlag('min-isr', text('min-isr'), 1),
    rf: integerFlag('rf', text('rf'), 1),
    unclean: unclean === undefined ? undefined : unclean === 'true',
    flush: text('flush') as ProducerRow['flush'] | undefined,
    question: text('question') as MatrixRow['question'] | undefined,
    operation: text('operation') as Operation | undefined,
    producer: text('producer') as ProducerChoice | undefined,
    powerLosses: integerFlag('power-losses', text('power-losses'), 0),
  } as RowFilter;
}

const FILTERS = ['era', 'question', 'operation', 'producer', 'acks', 'min-isr', 'rf', 'unclean', 'flush', 'power-losses'];

function shardOption(value: string | undefined): { index: number; count: number } | null {
  if (value === undefined) return null;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected i/n with 1 <= i <= n, got "${value}"`);
  return { index, count };
}

/** Where the matrix goes: the files given (checked now, before any row runs), or the repository's docs for the whole sweep. */
interface Targets {
  readonly json: string | null;
  readonly md: string | null;
  /** Whether an existing file is replaced: the repository's own docs always are, given files only with --force. */
  readonly force: boolean;
}

function targets(values: Readonly<Record<string, unknown>>, whole: boolean): Targets {
  const given = (flag: string): string | null => (typeof values[flag] === 'string' ? userPath(values[flag] as string) : null);
  const [json, md] = [given('json-out'), given('md-out')];
  if (json === null && md === null && whole) return { json: join(DOCS, 'guarantees.json'), md: join(DOCS, 'guarantees.md'), force: true };
  const force = values.force === true;
  return { json: json === null ? null : outputFile('--json-out', json, force), md: md === null ? null : outputFile('--md-out', md, force), force };
}

function write(doc: MatrixDocument, to: Targets): string[] {
  const written: string[] = [];
  if (to.json !== null) {
    writeOutput('--json-out', to.json, `${JSON.stringify(doc, null, 1)}\n`, to.force);
    written.push(to.json);
  }
  if (to.md !== null) {
    writeOutput('--md-out', to.md, matrixMarkdown(doc, to.md), to.force);
    written.push(to.md);
    // The pictures are drawn from the saved traces: a picture of the same trace is the same picture.
    outputDir('--md-out', join(to.md, '..', 'pictures'));
    for (const { counterexample } of doc.rows) {
      if (counterexample === undefined) continue;
      const { trace } = counterexample;
      const loaded = loadTrace(trace);
      writeOutput('--md-out', join(to.md, '..', picturePath(trace)), traceSvg(loaded, replayTrace(loaded)), true);
    }
  }
  return written;
}

function report(doc: MatrixDocument, to: Targets, json: boolean): number {
  const written = write(doc, to);
  const count = (verdict: string): number => doc.rows.filter((r) => r.verdict === verdict).length;
  const broken = doc.rows.filter((r) => r.verdict === 'broken');
  if (json) {
    const summary = { command: 'matrix', tool: TOOL, seed: doc.seed, runs: doc.runs, shard: doc.shard, rows: doc.rows.length, holds: count('holds'), allowed: count('allowed'), broken: broken.map((r) => ({ id: r.id, trace: r.counterexample?.trace ?? null })), written };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } else {
    for (const file of written) process.stdout.write(`written: ${file}${file === to.md ? ` (and the pictures it links, in ${join(file, '..', 'pictures')})` : ''}\n`);
    process.stdout.write(`rows: ${doc.rows.length}; holds ${count('holds')}, loss allowed ${count('allowed')}, broken promise ${broken.length}\n`);
    for (const row of broken) process.stdout.write(`BROKEN PROMISE: ${row.id}: ${row.counterexample?.trace ?? ''}\n`);
  }
  return broken.length > 0 ? 1 : 0;
}

function counterexamplesDir(out: unknown): string {
  return outputDir('--out', out === undefined ? COUNTEREXAMPLES : userPath(out as string));
}

/** Trace paths as the repository names them (npm runs the command there), so the documents do not depend on the machine. */
function repositoryPaths(rows: readonly MatrixResult[]): MatrixResult[] {
  return rows.map((row) =>
    row.counterexample === undefined ? row : { ...row, counterexample: { ...row.counterexample, trace: relative(process.cwd(), row.counterexample.trace) } },
  );
}

async function run(args: readonly string[]): Promise<number> {
  const parsed = parseCommand(MATRIX, args);
  if (parsed === null) return 0;
  const { values } = parsed;
  const json = values.json === true;
  if (values.merge === true) {
    if (parsed.args.length === 0) throw new UsageError('--merge: give the shard JSON files');
    let merged: MatrixDocument;
    try {
      merged = mergeMatrix(parsed.args.map(userPath));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    // As after one whole run: a row that held replays a loss another shard found.
    const out = counterexamplesDir(values.out);
    return report({ ...merged, rows: repositoryPaths(carryOver(merged.rows, out)) }, targets(values, true), json);
  }
  if (parsed.args.length > 0) throw new UsageError(`unexpected argument "${parsed.args[0]}" (files are for --merge)`);
  const shard = shardOption(values.shard as string | undefined);
  const runs = integerFlag('runs', values.runs as string | undefined, 1, 2 ** 31 - 1) ?? DEFAULT_RUNS;
  const seed = integerFlag('seed', values.seed as string | undefined, -(2 ** 31), 2 ** 31 - 1) ?? 1;
  const workers = integerFlag('workers', values.workers as string | undefined, 1, 256) ?? defaultWorkers();
  const rowStates = integerFlag('row-states', values['row-states'] as string | undefined, 0, Number.MAX_SAFE_INTEGER) ?? null;
  const filter = filterOf(values);
  const whole = values.full !== true && shard === null && FILTERS.every((flag) => values[flag] === undefined);
  const to = targets(values, whole);
  if (shard !== null && to.json === null) throw new UsageError("--shard: give --json-out FILE for the shard's rows (to --merge them later)");
  const out = counterexamplesDir(values.out);
  // Each row keeps its place in the whole sweep, so a filtered run's file merges into the whole one.
  const indexed = (values.full === true ? fullRows() : curatedRows()).map((row, index) => ({ index, row })).filter(({ row }) => matches(row, filter));
  const selected = indexed.map(({ row }) => row);
  const jobs = shard === null ? indexed : shardOf(indexed, shard.index, shard.count);
  if (jobs.length === 0) throw new UsageError('no row matches the filters');
  process.stderr.write(`${TOOL}: guarantee matrix, ${jobs.length} rows${shard === null ? '' : ` (shard ${shard.index}/${shard.count} of ${selected.length})`}, seed ${seed}, up to ${runs} runs a row, ${workers} workers\n`);
  const progress = tracker('rows');
  const results = await runMatrix(jobs, {
    runs,
    seed,
    rowStates,
    out,
    workers,
    onResult: (result, done) => progress.update(done, jobs.length, `${result.id}: ${result.verdict}`),
  });
  progress.stop();
  const doc: MatrixDocument = { tool: TOOL, invariant: MATRIX_INVARIANT, seed, runs, rowStates, shard: shard === null ? 'all' : `${shard.index}/${shard.count}`, rows: repositoryPaths(results) };
  return report(doc, to, json);
}

await main(() => run(process.argv.slice(2)));
