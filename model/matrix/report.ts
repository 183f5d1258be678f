/**
 * The matrix as an operator reads it (docs/guarantees.md) and as data (JSON), and the merge of shard
 * files. The Markdown leaves out timings, so one run and merged shards give the same table.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { COMMIT_DISCIPLINES } from '../../spec/config.js';
import { ERA_NAMES, ERA_VERSIONS } from '../../spec/eras/names.js';
import { ERAS } from '../../spec/eras/index.js';
import { boundsText, CONSUMER_ROW_STATES, CRASH_ROW_STATES, DELIVERY_ROW_STATES, OPERATION_ROW_STATES, POWER_ROW_STATES } from './bounds.js';
import {
  CONSUMER_QUESTIONS,
  DELIVERY_QUESTIONS,
  isDeliveryRow,
  isKafkaDefaults,
  OPERATION_NAMES,
  OPERATIONS,
  PRODUCER_CHOICE_NAMES,
  PRODUCER_CHOICES,
  type ConsumerQuestion,
  type ConsumerRow,
  type DeliveryQuestion,
  type DeliveryRow,
  type MatrixRow,
  type OperationRow,
  type ProducerRow,
} from './rows.js';
import { MATRIX_INVARIANT, QUESTION_INVARIANTS, type MatrixResult, type Search } from './settle.js';

export interface MatrixDocument {
  readonly tool: string;
  readonly invariant: string;
  readonly seed: number;
  readonly runs: number;
  /** Distinct states the explorer could keep over each row's searches; null: each row's ladder said. */
  readonly rowStates: number | null;
  /** `all`, or the slice this file holds (`2/4`). */
  readonly shard: string;
  readonly rows: readonly MatrixResult[];
}

const VERDICTS = { holds: 'holds', allowed: 'loss allowed', broken: '**BROKEN PROMISE**' } as const;

/** A consumer's question answered: no, yes as a price Kafka documents, or yes as a broken promise. */
const CONSUMER_VERDICTS = { holds: 'no', allowed: 'yes, allowed', broken: '**BROKEN PROMISE**' } as const;

const CONSUMER_QUESTION_TEXT: Readonly<Record<ConsumerRow['question'], string>> = {
  'consumer-misses': 'misses a committed record',
  'consumer-sees-twice': 'sees two records at one offset',
};

/** How each delivery question reads in a table. */
const DELIVERY_QUESTION_TEXT: Readonly<Record<DeliveryQuestion, string>> = {
  'retry-duplicates': 'a retry duplicates a record',
  'retry-reorders': 'records land out of the order sent',
};

type ResultOf<R extends MatrixRow> = MatrixResult & { readonly row: R };

function isProducer(result: MatrixResult): result is ResultOf<ProducerRow> {
  return result.row.question === 'acked-lost';
}

function isConsumer(result: MatrixResult): result is ResultOf<ConsumerRow> {
  return CONSUMER_QUESTIONS.includes(result.row.question as ConsumerQuestion);
}

function isOperation(result: MatrixResult): result is ResultOf<OperationRow> {
  return result.row.question === 'operation-loses';
}

function isDelivery(result: MatrixResult): result is ResultOf<DeliveryRow> {
  return isDeliveryRow(result.row);
}

/** A question whose "yes" is not a loss: a consumer's, or a delivery question. */
function answered(result: MatrixResult): boolean {
  return isConsumer(result) || isDelivery(result);
}

function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}

const FOUND = {
  explore: 'the shortest, found by the explorer',
  check: 'found by random runs, shrunk',
  hand: 'written by hand',
} as const;

/** A complete search as the cell names it: its bounds and states, and a weak proof marked. */
function proofOf(search: Search): string {
  const weak = search.weak ? `; **weak**: reached none of ${search.missed.join(', ')}` : '';
  return `proved within bounds (${boundsText(search.bounds)}; ${count(search.states, 'state')})${weak}`;
}

/** What the explorer showed for a row that holds: its largest proof, and how deep the next search got. */
function proofText(result: MatrixResult): string {
  const proof = result.searches.filter((search) => search.complete).at(-1);
  const beyond = result.searches.find((search) => !search.complete);
  const random = `${count(result.runs, 'run')}, ${count(result.steps, 'step')}`;
  if (proof === undefined) {
    const covered = beyond === undefined ? 'no search ran' : `the explorer's ${count(beyond.states, 'state')} covered ${boundsText(beyond.bounds)} only to depth ${beyond.depth}`;
    return `**random only**: ${random}; ${covered}`;
  }
  const deeper = beyond === undefined ? '' : `; beyond them, nothing found within ${count(beyond.depth, 'step')} at ${boundsText(beyond.bounds)} (${count(beyond.states, 'state')}, then the state budget ran out)`;
  return `${proofOf(proof)}${deeper}; random: ${random}`;
}

function evidence(result: MatrixResult, mdDir: string): string {
  const found = result.counterexample;
  if (found === undefined) return proofText(result);
  const carried = found.from === undefined ? '' : `; its steps are [${found.from}](${relative(mdDir, join(dirname(found.trace), found.from))})'s, replayed under this row's settings`;
  const which = answered(result) ? `\`${found.invariant}\` ` : '';
  const violated = `${which}violated: [${count(found.length, 'step')}](${relative(mdDir, found.trace)}) ([picture](${picturePath(found.trace)}); ${FOUND[found.found]}${carried}): ${found.reason}`;
  return result.verdict === 'allowed' ? `${violated}${lookedOn(result.searches)}` : violated;
}

/** For an excused loss: how far the search for a broken promise went beyond it. */
function lookedOn(searches: readonly Search[]): string {
  const search = searches.at(-1);
  if (search === undefined) return '';
  const covered = search.complete ? `every one of its ${count(search.states, 'state')}` : `${count(search.states, 'state')}, to depth ${search.depth}`;
  return `; no broken promise within ${boundsText(search.bounds)} (${covered})`;
}

/** The era's counterexamples drawn, folded away under the table. */
function pictures(rows: readonly MatrixResult[]): string[] {
  const drawn = rows.flatMap((r) => (r.counterexample === undefined ? [] : [{ id: r.id, verdict: (answered(r) ? CONSUMER_VERDICTS : VERDICTS)[r.verdict], trace: r.counterexample.trace }]));
  // A consumer's cells often replay one trace: draw it once.
  const once = drawn.filter((r, i) => drawn.findIndex((other) => other.trace === r.trace) === i);
  if (drawn.length === 0) return [];
  return [
    '<details><summary>The counterexamples, drawn</summary>',
    '',
    ...once.flatMap((r) => [`**${r.id}**: ${r.verdict}`, '', `![${r.id}](${picturePath(r.trace)})`, '']),
    '</details>',
    '',
  ];
}

/** Where a row's picture goes, relative to the table's folder. */
export function picturePath(trace: string): string {
  return `pictures/${basename(trace, '.json')}.svg`;
}

/** docs/guarantees.md: a summary of what holds, then one table per era. */
export function matrixMarkdown(doc: MatrixDocument, mdPath: string): string {
  const mdDir = dirname(mdPath);
  const broken = doc.rows.filter((r) => r.verdict === 'broken');
  const lines = [
    '# Which settings keep acknowledged messages safe',
    '',
    `Each row asks one question: can a record acknowledged to its producer be lost (\`${doc.invariant}\`)? The`,
    'evidence comes first from the saved counterexamples (of any era) that replay under its era and settings, then',
    `from random runs (seed ${doc.seed}, up to ${doc.runs.toLocaleString('en-US')} runs of up to 50 steps at the checker’s default budgets: 3`,
    'records, 2 process crashes, a fence, a clean shutdown, 2 ISR shrinks, and the row’s power losses), then from',
    'the explorer, which searches every state within smaller bounds (one record and the faults the cell names;',
    `up to ${doc.rowStates === null ? `${CRASH_ROW_STATES.toLocaleString('en-US')} distinct states for a row of crashes, ${POWER_ROW_STATES.toLocaleString('en-US')} for one of power losses` : `${doc.rowStates.toLocaleString('en-US')} distinct states a row`}).`,
    'Its search is breadth first with sleep sets, which skip transitions between independent steps but reach the',
    'same states at the same depths, so every counterexample it finds is a shortest one and every proof is whole.',
    '',
    '- **proved within bounds**: no state within those bounds loses an acknowledged record; the cell names the',
    '  largest bounds searched completely, and how deep the next, larger search got before the state budget ran',
    '  out. A proof is **weak** when it reached none of the witnesses (leader changes, truncations, refused',
    '  writes ...) its bounds make possible.',
    '- **random only**: no loss found, and no search within bounds completed.',
    '- **loss allowed** or **BROKEN PROMISE**: a counterexample, judged by what happened in its run (below), linked',
    '  with its picture: the explorer’s are the shortest within its bounds.',
    '',    'A row marked **Kafka’s defaults** asks the question of the era’s release with every setting at Kafka’s own',
    'default (`acks=1` before 3.0, KIP-679; unclean election on before 0.11, KIP-106; `min.insync.replicas=1`; the',
    'OS flushes) except the replication factor: Kafka’s default of 1 replicates nothing, so the row takes RF 3.',
    '',
    '## How a loss is judged',
    '',
    'Kafka promises that a committed record (one below the leader’s high watermark, so held by every in-sync',
    'replica) is not lost as long as one in-sync replica remains alive (Kafka documentation, Design > Replication).',
    'Each record the run lost is judged from the run’s history (`properties/judgement.ts`), never from the',
    'settings alone:',
    '',
    '- *expired*: retention deleted it after it was committed: allowed;',
    '- *never committed*: acknowledged under acks=0 or acks=1 before any leader’s HW passed it: allowed (the',
    '  producer did not wait for replication);',
    '- *unclean election*: after it was committed, a leader from outside the ISR (and ELR) was elected without it,',
    '  through `unclean.leader.election.enable` where the release honours it (ZooKeeper; KRaft from 3.9, so not the',
    '  `kraft` era, 3.6: KAFKA-12670), an operator’s `kafka-leader-election.sh --election-type unclean` (ElectLeaders,',
    '  KIP-460, 2.4), or KIP-966’s recovery of the last known leader: allowed;',
    '- *no in-sync replica kept it*: a power loss took it (unflushed) and no ISR member holds it: allowed before',
    '  KIP-966 (“last replica standing”, KIP-966’s motivation); under KIP-966 only once min.insync.replicas unclean',
    '  shutdowns came since the ISR last held that many members (KIP-966, KAFKA-RULES.md rule 22);',
    '- otherwise a **broken promise**, whatever acks, min.insync.replicas or the unclean flag say: the KIP-101',
    '  truncation to a stale high watermark, or KAFKA-7128’s follower let back into the ISR at a lagging one, break',
    '  it even with min.insync.replicas=1. A run is broken when any record it lost is.',
    '',
    'Each judgement names its steps (when the record was committed, the election or power loss that took it).',
    '',
    'Generated by `npm run matrix`.',
    '',
    broken.length === 0 ? 'No row breaks Kafka’s promise.' : `${count(broken.length, 'row')} ${broken.length === 1 ? 'breaks' : 'break'} Kafka’s promise: ${broken.map((r) => r.id).join('; ')}.`,
    '',
  ];
  if (doc.rows.some(isConsumer)) lines.push(...CONSUMER_INTRO);
  if (doc.rows.some(isOperation)) lines.push(...OPERATIONS_INTRO);
  if (doc.rows.some(isDelivery)) lines.push(...DELIVERY_INTRO);
  for (const era of ERA_NAMES) {
    const rows = doc.rows.filter((r) => r.row.era === era);
    if (rows.length === 0) continue;
    const producer = rows.filter(isProducer);
    const consumer = rows.filter(isConsumer);
    lines.push(`## ${era}: Kafka ${ERAS[era].kafka}`, '');
    if (producer.length > 0) {
      lines.push(
        '| acks | min.insync.replicas | RF | unclean election | flush | power losses | verdict | evidence |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...producer.map(
          (result) =>
            `| ${isKafkaDefaults(result.row) ? "**Kafka's defaults:** " : ''}${result.row.acks} | ${result.row.minIsr} | ${result.row.rf} | ${result.row.unclean ? 'on' : 'off'} | ${result.row.flush === 'fsync' ? 'every message' : 'OS (lazy)'} | ${result.row.powerLosses} | ${VERDICTS[result.verdict]} | ${evidence(result, mdDir)} |`,
        ),
        '',
      );
    }
    lines.push(
      ...captioned(rows.filter(isOperation), 'Operations, at the safe setting (acks=all, min.insync.replicas=2, RF 3, clean elections):', ['can an acknowledged record be lost during ...', 'verdict'], (result) => [
        OPERATIONS[result.row.operation].text,
        VERDICTS[result.verdict],
      ], mdDir),
      ...captioned(rows.filter(isDelivery), 'Producers that retry (three writes, two retries, the checker’s default faults):', ['can ...', 'producer', 'answer'], (result) => [
        DELIVERY_QUESTION_TEXT[result.row.question],
        PRODUCER_CHOICES[result.row.producer].text,
        CONSUMER_VERDICTS[result.verdict],
      ], mdDir),
      ...captioned(
        consumer,
        `The consumer, with min.insync.replicas=1 and ${ERA_VERSIONS[era].honoursUncleanFlag ? 'unclean.leader.election.enable=true' : 'an operator’s unclean election (the flag is ignored)'}:`,
        ['can the consumer ...', 'commits', 'leader epoch in commits', 'answer'],
        (result) => [CONSUMER_QUESTION_TEXT[result.row.question], result.row.discipline.replace('-', ' '), result.row.commitEpochs ? 'yes' : 'no', CONSUMER_VERDICTS[result.verdict]],
        mdDir,
      ),
    );
    lines.push(...pictures(rows));
  }
  return lines.join('\n');
}

/** A captioned table of one kind of row, the evidence in its last column; nothing when there is no such row. */
function captioned<R extends MatrixResult>(results: readonly R[], caption: string, header: readonly string[], cells: (result: R) => readonly string[], mdDir: string): string[] {
  if (results.length === 0) return [];
  const columns = [...header, 'evidence'];
  return [caption, '', `| ${columns.join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...results.map((result) => `| ${[...cells(result), evidence(result, mdDir)].join(' | ')} |`), ''];
}

/** How the consumer's questions are asked, before the eras' tables. */
const CONSUMER_INTRO: readonly string[] = [
  '## What a consumer sees',
  '',
  'Below each era’s producer table, two questions about a consumer: can it **miss a committed record**',
  `(${QUESTION_INVARIANTS['consumer-misses'].map((name) => `\`${name}\``).join(', ')}: it reads or jumps on past one it never processed, or resumes from a`,
  'commit past one), and can it **see two records at one offset** with nothing telling it the log was truncated',
  `in between (${QUESTION_INVARIANTS['consumer-sees-twice'].map((name) => `\`${name}\``).join(', ')})? Each is asked where the log can be truncated below a consumer:`,
  'min.insync.replicas=1 with an unclean election possible (the flag where the release honours it, else an',
  'operator’s `kafka-leader-election.sh --election-type unclean`), at the checker’s default budgets with a',
  'consumer (2 commits, a consumer restart), for the two ways an application commits (after processing: at',
  'least once; before: at most once) and with or without the leader epoch in its commits (KIP-320; the',
  'two-argument `OffsetAndMetadata` commits none, KAFKA-19902). Position validation (KAFKA-7747) came in 2.3,',
  'so only `kraft` and `kip-966` use the epoch. An answer is judged as a loss is: a record an unclean election',
  'took cannot be seen (allowed), and a record committed before the application processed it is at most once',
  `by choice (allowed). A consumer brings \`__consumer_offsets\` into every search, so within its ${CONSUMER_ROW_STATES.toLocaleString('en-US')} states a`,
  'row the explorer does not complete even one record, one crash and one commit, let alone the unclean election:',
  'a “no” rests on the random runs (**random only**), and the cell says how deep the explorer saw every state.',
  '',
];

/** How the operations are asked, before the eras' tables. */
const OPERATIONS_INTRO: readonly string[] = [
  '## What operators do',
  '',
  'Below each era’s producer table, the same question during an operator’s procedure, at the safe setting, with',
  'three writes and lag-driven ISR shrinks but no other fault, so the answer is the procedure’s: a **rolling',
  'restart** (`--scenario rolling-restart`: every broker shut down cleanly once, in any order, each after the',
  'previous one runs again; waiting, or not, for every ISR to be whole before the next), a clean restart and',
  '**two preferred leader elections** (`--leader-moves 2`, `auto.leader.rebalance.enable`: the restart takes',
  'leadership away, the rebalance gives it back), a broker returning on an **empty disk** (`--disk-losses 1`) and',
  'a **reassignment** of one replica to a fourth broker (`--reassignments 1`, KIP-455). A disk loss is judged',
  'as an unclean shutdown that lost everything (rule 32). The explorer’s searches take one record and the',
  `operation once, then a little more (a roll of two brokers; a disk loss and a crash), within ${OPERATION_ROW_STATES.toLocaleString('en-US')} states a row;`,
  'where a search does not complete (a reassignment brings a fourth broker), a “holds” is **random only** and',
  'names the depth the explorer covered.',
  '',
];

/** How the delivery questions are asked, before the eras' tables. */
const DELIVERY_INTRO: readonly string[] = [
  '## What a producer that retries writes',
  '',
  'Below each era’s tables, two questions about a producer whose requests travel the network and may be',
  `retried (\`--retries\`): can a retry **duplicate a record** in the committed log (\`${QUESTION_INVARIANTS['retry-duplicates'].join('`, `')}\`), and can`,
  `records **land out of the order sent** (\`${QUESTION_INVARIANTS['retry-reorders'].join('`, `')}\`)? Each is asked under the settings users pick: the`,
  'release’s own defaults (`retries` is 0 before 2.1, so a failed send is the application’s to resend; idempotence',
  'is on from 3.0.1), idempotence off with retries on and one or five requests in flight, and idempotence on',
  '(KIP-98, from 0.11; one request in flight in 0.11). A “yes” is judged by what the run’s producer did: a retry',
  'without idempotence may append a batch again, and with more than one request in flight may overtake a later',
  'batch (allowed: Kafka documents both); with idempotence, or one request in flight for order, a “yes” would be',
  'a broken promise. The explorer’s searches take two writes and one retry, then two, then a crash and a fence',
  `between them, within ${DELIVERY_ROW_STATES.toLocaleString('en-US')} states a row (request timeouts are the producer’s and unbudgeted).`,
  '',
];

const deliveryRowSchema = z.strictObject({
  question: z.enum(DELIVERY_QUESTIONS),
  era: z.enum(ERA_NAMES),
  producer: z.enum(PRODUCER_CHOICE_NAMES),
});

const operationRowSchema = z.strictObject({
  question: z.literal('operation-loses'),
  era: z.enum(ERA_NAMES),
  operation: z.enum(OPERATION_NAMES),
});

const consumerRowSchema = z.strictObject({
  question: z.enum(CONSUMER_QUESTIONS),
  era: z.enum(ERA_NAMES),
  discipline: z.enum(COMMIT_DISCIPLINES),
  commitEpochs: z.boolean(),
});

const producerRowSchema = z.strictObject({
  question: z.literal('acked-lost'),
  era: z.enum(ERA_NAMES),
  acks: z.union([z.literal(0), z.literal(1), z.literal('all')]),
  minIsr: z.number().int().min(1),
  rf: z.number().int().min(1),
  unclean: z.boolean(),
  flush: z.enum(['lazy', 'fsync']),
  powerLosses: z.number().int().min(0),
});

const count0 = z.number().int().min(0);

const boundsSchema = z.strictObject({
  records: count0,
  crashes: count0,
  powerLosses: count0,
  fences: count0,
  shutdowns: count0,
  shrinks: count0,
  commits: count0.optional(),
  consumerRestarts: count0.optional(),
  leaderMoves: count0.optional(),
  diskLosses: count0.optional(),
  reassignments: count0.optional(),
  retries: count0.optional(),
});

const searchSchema = z.strictObject({
  bounds: boundsSchema,
  states: count0,
  depth: count0,
  complete: z.boolean(),
  reached: z.array(z.string()),
  missed: z.array(z.string()),
  weak: z.boolean(),
  ms: z.number().min(0),
});

const counterexampleSchema = z.strictObject({
  trace: z.string(),
  invariant: z.string(),
  length: count0,
  found: z.enum(['check', 'explore', 'hand']),
  from: z.string().optional(),
  judged: z.enum(['allowed', 'broken']),
  reason: z.string(),
});

const documentSchema = z.strictObject({
  tool: z.string(),
  invariant: z.literal(MATRIX_INVARIANT),
  seed: z.number().int(),
  runs: z.number().int().min(1),
  rowStates: count0.nullable(),
  shard: z.string().regex(/^(all|\d+\/\d+)$/),
  rows: z.array(
    z.strictObject({
      index: count0,
      id: z.string(),
      row: z.discriminatedUnion('question', [producerRowSchema, consumerRowSchema, operationRowSchema, deliveryRowSchema]),
      flags: z.array(z.string()),
      verdict: z.enum(['holds', 'allowed', 'broken']),
      by: z.enum(['replay', 'random', 'explorer']),
      runs: count0,
      steps: count0,
      searches: z.array(searchSchema),
      counterexample: counterexampleSchema.optional(),
      ms: z.number().min(0),
    }),
  ),
});

/** One shard file, validated: an error names the file and the field. */
function readShard(file: string): MatrixDocument {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`--merge: ${file}: ${(error as Error).message}`);
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--merge: ${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'not a matrix file'}`);
  }
  return parsed.data as MatrixDocument;
}

/**
 * Joins shard files into one document, rows in sweep order. Every file is read and checked before
 * anything is written: each must be a matrix file of the same sweep (seed, runs), no row may appear
 * twice, and the shards of a split sweep must all be there.
 */
export function mergeMatrix(files: readonly string[]): MatrixDocument {
  const docs = files.map(readShard);
  const [first] = docs;
  if (first === undefined) throw new Error('--merge: give the shard files');
  const seen = new Map<number, string>();
  for (const [i, doc] of docs.entries()) {
    const file = files[i] ?? '';
    if (doc.seed !== first.seed || doc.runs !== first.runs || doc.rowStates !== first.rowStates) {
      throw new Error(`--merge: ${file} was run with other settings (seed ${doc.seed}, runs ${doc.runs}, row states ${doc.rowStates}) than ${files[0]}`);
    }
    for (const row of doc.rows) {
      const twice = seen.get(row.index);
      if (twice !== undefined) throw new Error(`--merge: row ${row.index} (${row.id}) is in both ${twice} and ${file}`);
      seen.set(row.index, file);
    }
  }
  const shards = new Set(docs.map((doc) => doc.shard));
  const split = [...shards].find((shard) => shard !== 'all');
  const total = split === undefined ? 1 : Number(split.split('/')[1]);
  const missing = Array.from({ length: total }, (_, k) => `${k + 1}/${total}`).filter((shard) => split !== undefined && !shards.has(shard));
  if (missing.length > 0) throw new Error(`--merge: shard${missing.length === 1 ? '' : 's'} ${missing.join(', ')} of this sweep ${missing.length === 1 ? 'is' : 'are'} missing`);
  const rows = docs.flatMap((doc) => doc.rows).sort((a, b) => a.index - b.index);
  return { tool: first.tool, invariant: MATRIX_INVARIANT, seed: first.seed, runs: first.runs, rowStates: first.rowStates, shard: 'all', rows };
}

/**
 * A row as the question it asks: a producer's relative to the safe setting (acks=all,
 * min.insync.replicas=2, RF 3), a consumer's with how it commits.
 */
function question(row: MatrixRow): string {
  if (row.question === 'operation-loses') return `during ${OPERATIONS[row.operation].text}`;
  if (isDeliveryRow(row)) return `${DELIVERY_QUESTION_TEXT[row.question]} (${PRODUCER_CHOICES[row.producer].text})`;
  if (row.question !== 'acked-lost') {
    return `consumer ${CONSUMER_QUESTION_TEXT[row.question]} (commits ${row.discipline.replace('-', ' ')}, ${row.commitEpochs ? 'with' : 'without'} epochs)`;
  }
  const parts = [
    row.acks === 'all' ? '' : `acks=${row.acks}`,
    row.minIsr === 2 ? '' : `min.insync.replicas=${row.minIsr}`,
    row.rf === 3 ? '' : `RF ${row.rf}`,
    row.unclean ? 'unclean election' : '',
    row.flush === 'fsync' ? 'fsync per message' : '',
    row.powerLosses === 0 ? '' : count(row.powerLosses, 'power loss', 'power losses'),
  ].filter((part) => part !== '');
  return parts.length === 0 ? 'the safe setting, crashes only' : parts.join(', ');
}

/** A row in a word: proved (within bounds), random only, loss (allowed), or a broken promise. */
function short(result: MatrixResult): string {
  if (result.verdict === 'broken') return '**BROKEN**';
  if (result.verdict === 'allowed') return answered(result) ? 'yes, allowed' : 'loss';
  return result.searches.some((search) => search.complete) ? 'proved' : 'random only';
}

/**
 * The short form for the README: one line per question, one column per era. "proved" is proved within
 * the bounds docs/guarantees.md names, "random only" searched at random without a proof, "loss" is a loss
 * its run excuses ("yes, allowed" for a consumer's question), **BROKEN** a broken promise.
 */
export function matrixSummary(doc: MatrixDocument): string {
  const eras = ERA_NAMES.filter((era) => doc.rows.some((r) => r.row.era === era));
  // A question only the Kafka's-defaults rows ask is shown as that one line.
  const asked = (q: string): boolean => doc.rows.some((r) => question(r.row) === q && !isKafkaDefaults(r.row));
  const questions = [...new Set(doc.rows.map((r) => question(r.row)))].filter(asked);
  const line = (label: string, pick: (r: MatrixDocument['rows'][number]) => boolean): string =>
    `| ${label} | ${eras.map((era) => {
      const found = doc.rows.find((r) => r.row.era === era && pick(r));
      return found === undefined ? '' : short(found);
    }).join(' | ')} |`;
  return [
    `| question | ${eras.map((era) => `${era}<br>Kafka ${ERAS[era].kafka}`).join(' | ')} |`,
    `| --- | ${eras.map(() => '---').join(' | ')} |`,
    ...questions.map((q) => line(q, (r) => question(r.row) === q)),
    ...(doc.rows.some((r) => isKafkaDefaults(r.row)) ? [line("Kafka's defaults (RF 3)", (r) => isKafkaDefaults(r.row))] : []),
  ].join('\n');
}
