/** The guarantee matrix: its rows, its agreement with the verdict table, shards that merge into one run's table, exit codes. */
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { configFromArgs } from '../../model/config/flags.js';
import { matrixMarkdown, type MatrixDocument } from '../../model/matrix/report.js';
import { ERA_NAMES } from '../../spec/eras/names.js';
import { curatedRows, fullRows, isKafkaDefaults, kafkaDefaultsRow, matches, rowFlags, rowId, shardOf, type ConsumerQuestion, type MatrixRow, type ProducerChoice } from '../../model/matrix/rows.js';
import { ladder } from '../../model/matrix/bounds.js';
import { tracesIn } from '../../model/trace/trace.js';
import type { EraName } from '../../spec/eras/names.js';
import type { CommitDiscipline } from '../../spec/types.js';
import { MATRIX_INVARIANT, settleRow } from '../../model/matrix/settle.js';
import { VERDICTS } from '../../model/verdicts/verdicts.js';
import { rowConfig } from '../verdicts/settle.js';
import { cli, expectBadInput, root, tempDir } from '../cli.js';

describe('matrix rows', () => {
  it('the default sweep is eleven producer questions per era, eight consumer ones, five operations and eight delivery ones (six before 0.11), the full sweep the whole product, every id distinct', () => {
    expect(curatedRows()).toHaveLength(70 + 48 + 30 + 46);
    // Each era's Kafka's-defaults question once, with RF 3: acks=1 before 3.0 (KIP-679), unclean on before 0.11 (KIP-106).
    for (const era of ERA_NAMES) expect(curatedRows().filter((row) => row.era === era && isKafkaDefaults(row))).toHaveLength(1);
    expect(kafkaDefaultsRow('hw-truncation')).toMatchObject({ acks: 1, minIsr: 1, rf: 3, unclean: true });
    expect(kafkaDefaultsRow('kip-320')).toMatchObject({ acks: 1, minIsr: 1, rf: 3, unclean: false });
    expect(kafkaDefaultsRow('kraft')).toMatchObject({ acks: 'all', minIsr: 1, rf: 3, unclean: false });
    expect(fullRows()).toHaveLength(6 * 3 * 2 * 2 * 2 * 2 * 3 + 48 + 30 + 46);
    expect(curatedRows().filter((row) => matches(row, { era: 'kraft', question: 'operation-loses' })).map(rowId)).toEqual([
      'kraft operation-loses rolling-restart',
      'kraft operation-loses rolling-restart-no-wait',
      'kraft operation-loses leader-moves',
      'kraft operation-loses disk-loss',
      'kraft operation-loses reassignment',
    ]);
    for (const rows of [curatedRows(), fullRows()]) expect(new Set(rows.map(rowId)).size).toBe(rows.length);
  });

  it('filters match on every given field, and shards split the rows exactly once each', () => {
    const kraft = curatedRows().filter((row) => matches(row, { era: 'kraft', acks: 'all' }));
    expect(kraft.every((row) => row.question === 'acked-lost' && row.era === 'kraft' && row.acks === 'all')).toBe(true);
    expect(kraft.length).toBeGreaterThan(4);
    const consumer = curatedRows().filter((row) => matches(row, { era: 'kraft', question: 'consumer-misses' }));
    expect(consumer.map(rowId)).toEqual([
      'kraft consumer-misses after-processing epochs-in-commits',
      'kraft consumer-misses after-processing commits-without-epochs',
      'kraft consumer-misses before-processing epochs-in-commits',
      'kraft consumer-misses before-processing commits-without-epochs',
    ]);
    const all = fullRows();
    const shards = [1, 2, 3, 4].flatMap((i) => shardOf(all, i, 4));
    expect(shards).toHaveLength(all.length);
    expect(new Set(shards)).toEqual(new Set(all));
  });
});

describe('the matrix agrees with the verdict table on every row they share', () => {
  const shared = VERDICTS.filter((v) => v.invariant === MATRIX_INVARIANT && v.check !== undefined).flatMap((verdict) => {
    const config = rowConfig(verdict);
    const row = curatedRows().find((candidate) => isDeepStrictEqual(configFromArgs(rowFlags(candidate)), config));
    return row === undefined ? [] : [{ verdict, row }];
  });

  it('shares rows with it', () => {
    expect(shared.map(({ verdict }) => verdict.id)).toEqual(expect.arrayContaining(['default-acked', 'flush-per-message', 'kip-966-two-power-losses']));
  });

  it.each(shared.map(({ verdict, row }) => [verdict.id, verdict, row] as const))('%s', (_, verdict, row) => {
    const check = verdict.check ?? { seed: 1, runs: 1 };
    const result = settleRow(0, row, { runs: check.runs, seed: check.seed, rowStates: 20_000, out: tempDir(), saved: [] });
    expect(result.verdict === 'holds' ? 'holds' : 'violated').toBe(verdict.expected);
    if (verdict.judged !== undefined) expect(result.verdict).toBe(verdict.judged);
  });
});

describe('a row the random runs leave holding', () => {
  const row = curatedRows().find((c) => c.question === 'acked-lost' && c.era === 'kip-966' && c.acks === 'all' && c.minIsr === 2 && !c.unclean && c.powerLosses === 0);
  if (row === undefined) throw new Error('no safe kip-966 row');
  const settle = (rowStates: number) => settleRow(0, row, { runs: 1, seed: 1, rowStates, out: tempDir(), saved: [] });

  it('is proved within the bounds the explorer completed, each search naming the witnesses it reached', () => {
    const result = settle(20_000);
    expect(result).toMatchObject({ verdict: 'holds', by: 'explorer' });
    const [proof, beyond] = result.searches;
    expect(proof).toMatchObject({ bounds: { records: 1, crashes: 1, shrinks: 0 }, complete: true, weak: false });
    expect(proof?.reached.length).toBeGreaterThan(0);
    expect(beyond).toMatchObject({ bounds: { shrinks: 1 }, complete: false });
    const cell = matrixMarkdown({ tool: 'test', invariant: MATRIX_INVARIANT, seed: 1, runs: 1, rowStates: 20_000, shard: 'all', rows: [result] }, join(tempDir(), 'm.md'));
    expect(cell).toMatch(/\| holds \| proved within bounds \(records ≤ 1, crashes ≤ 1; [\d,]+ states\); beyond them, nothing found within \d+ steps at records ≤ 1, crashes ≤ 1, ISR shrinks ≤ 1/);
  }, 60_000);

  it('says "random only" when no search completed, and marks a search that reached no witness weak', () => {
    const result = settle(5);
    expect(result.searches).toHaveLength(1);
    expect(result.searches[0]).toMatchObject({ complete: false, weak: true, reached: [] });
    expect(result.searches[0]?.missed.length).toBeGreaterThan(0);
    const cell = matrixMarkdown({ tool: 'test', invariant: MATRIX_INVARIANT, seed: 1, runs: 1, rowStates: 5, shard: 'all', rows: [result] }, join(tempDir(), 'm.md'));
    expect(cell).toMatch(/\| holds \| \*\*random only\*\*: 1 run, \d+ steps; the explorer's \d+ states covered records ≤ 1, crashes ≤ 1 only to depth \d+ \|/);
    const weakProof = { ...result, searches: [{ ...result.searches[0]!, complete: true }] };
    expect(matrixMarkdown({ tool: 'test', invariant: MATRIX_INVARIANT, seed: 1, runs: 1, rowStates: 5, shard: 'all', rows: [weakProof] }, join(tempDir(), 'm.md'))).toMatch(/proved within bounds \(records ≤ 1, crashes ≤ 1; \d+ states\); \*\*weak\*\*: reached none of /);
  });
});

describe('a row with an excused loss', () => {
  it('keeps looking for a broken one: with the unclean flag on, the 0.10 truncation path still breaks the promise', () => {
    const row = curatedRows().find((r) => r.question === 'acked-lost' && r.era === 'hw-truncation' && r.unclean && r.minIsr === 2);
    if (row === undefined) throw new Error('no hw-truncation unclean row');
    const result = settleRow(0, row, { runs: 2000, seed: 1, rowStates: 20_000, out: tempDir(), saved: [] });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.reason).toMatch(/^w0@0 was committed, and lost with no unclean election/);
  }, 120_000);
});

describe('a delivery row', () => {
  const deliveryRow = (era: EraName, question: 'retry-duplicates' | 'retry-reorders', producer: ProducerChoice): MatrixRow => {
    const found = curatedRows().find((row) => matches(row, { era, question, producer }));
    if (found === undefined) throw new Error('no such delivery row');
    return found;
  };

  it('asks under the producer settings users pick, with no idempotent choice before 0.11', () => {
    expect(curatedRows().filter((row) => matches(row, { era: 'hw-truncation', question: 'retry-duplicates' })).map(rowId)).toEqual([
      'hw-truncation retry-duplicates defaults',
      'hw-truncation retry-duplicates plain-1',
      'hw-truncation retry-duplicates plain-5',
    ]);
    expect(rowFlags(deliveryRow('kip-279', 'retry-reorders', 'plain-5'))).toEqual(['--era', 'kip-279', '--idempotence', 'false', '--producer-retries', '2147483647', '--max-in-flight', '5', '--records', '3', '--retries', '2', '--commits', '0']);
    expect(ladder(deliveryRow('kraft', 'retry-duplicates', 'defaults')).rungs.map((rung) => rung.retries)).toEqual([1, 2, 2]);
  });

  it('without idempotence finds the duplicate at random and judges it allowed; the idempotent producer is proved within bounds', () => {
    const options = { runs: 500, seed: 1, rowStates: 60_000, out: tempDir(), saved: [] };
    const plain = settleRow(0, deliveryRow('kraft', 'retry-duplicates', 'plain-5'), options);
    expect(plain).toMatchObject({ verdict: 'allowed', by: 'random', counterexample: { invariant: 'no-duplicates' } });
    const idempotent = settleRow(1, deliveryRow('kraft', 'retry-duplicates', 'idempotent'), options);
    expect(idempotent).toMatchObject({ verdict: 'holds', by: 'explorer' });
    expect(idempotent.searches[0]).toMatchObject({ bounds: { records: 2, retries: 1 }, complete: true, reached: expect.arrayContaining(['duplicate-answered']) });
    const table = matrixMarkdown({ tool: 'test', invariant: MATRIX_INVARIANT, seed: 1, runs: 500, rowStates: 60_000, shard: 'all', rows: [plain, idempotent] }, join(tempDir(), 'm.md'));
    expect(table).toContain('## What a producer that retries writes');
    expect(table).toMatch(/\| a retry duplicates a record \| idempotence off, retries on, 5 in flight \| yes, allowed \| `no-duplicates` violated: \[\d+ steps\]/);
    expect(table).toMatch(/\| a retry duplicates a record \| idempotence on \| no \| proved within bounds \(records ≤ 2, retries ≤ [12]; /);
  }, 120_000);
});

describe('a consumer’s row', () => {
  const consumerRow = (era: EraName, question: ConsumerQuestion, discipline: CommitDiscipline, commitEpochs: boolean): MatrixRow => {
    const found = curatedRows().find((row) => matches(row, { era, question, discipline, commitEpochs }));
    if (found === undefined) throw new Error('no such consumer row');
    return found;
  };

  it('asks with min.insync.replicas=1 and an unclean election the era allows: the flag, or in KRaft 3.6 an operator’s', () => {
    expect(rowFlags(consumerRow('kip-320', 'consumer-sees-twice', 'after-processing', true))).toEqual(['--era', 'kip-320', '--min-isr', '1', '--unclean', 'true', '--commit-discipline', 'after-processing', '--commit-epochs', 'true']);
    expect(rowFlags(consumerRow('kraft', 'consumer-misses', 'before-processing', false))).toEqual(['--era', 'kraft', '--min-isr', '1', '--unclean-elections', '1', '--commit-discipline', 'before-processing', '--commit-epochs', 'false']);
  });

  it('settles on a saved trace of its question and configuration: in 2.1 a consumer sees a rewritten offset with no notice', () => {
    const row = consumerRow('kip-320', 'consumer-sees-twice', 'after-processing', true);
    const result = settleRow(0, row, { runs: 1, seed: 1, rowStates: 0, out: tempDir(), saved: tracesIn(join(root, 'counterexamples')) });
    expect(result).toMatchObject({ verdict: 'allowed', by: 'replay', counterexample: { invariant: 'consistent-offsets', trace: expect.stringMatching(/consistent-offsets--kip-320-/) } });
    const table = matrixMarkdown({ tool: 'test', invariant: MATRIX_INVARIANT, seed: 1, runs: 1, rowStates: 0, shard: 'all', rows: [result] }, join(tempDir(), 'm.md'));
    expect(table).toContain('## What a consumer sees');
    expect(table).toMatch(/\| sees two records at one offset \| after processing \| yes \| yes, allowed \| `consistent-offsets` violated: \[\d+ steps\]/);
  });

  it('under commit-before-processing finds the record committed and never processed, at random, and judges it at most once by choice', () => {
    const row = consumerRow('kip-966', 'consumer-misses', 'before-processing', true);
    const result = settleRow(0, row, { runs: 500, seed: 1, rowStates: 0, out: tempDir(), saved: [] });
    expect(result.verdict).toBe('allowed');
    expect(result.counterexample?.reason).toMatch(/at most once by choice/);
  }, 60_000);
});

describe('npm run matrix', () => {
  it('shards merged give the same table as one run, and say where each counterexample is', () => {
    // Each run starts from the same (empty) set of saved traces, as machines sharing a commit do; the
    // shards' findings are gathered into one folder before the merge, as a CI job collects artifacts.
    const [one, shards] = [tempDir(), tempDir()];
    const flags = (dir: string): string[] => ['--era', 'kraft', '--power-losses', '0', '--runs', '100', '--row-states', '2000', '--workers', '2', '--out', join(dir, 'ce')];
    const whole = cli('matrix', ...flags(one), '--json-out', join(one, 'm.json'), '--md-out', join(one, 'm.md'));
    expect(whole.status).toBe(0);
    expect(whole.stdout).toMatch(/rows: 6; holds \d, loss allowed \d, broken promise 0/);
    for (const shard of ['1/2', '2/2']) {
      expect(cli('matrix', ...flags(shards), '--shard', shard, '--json-out', join(shards, `shard-${shard[0]}.json`)).status).toBe(0);
      renameSync(join(shards, 'ce'), join(shards, `ce-${shard[0]}`));
    }
    for (const shard of ['1', '2']) cpSync(join(shards, `ce-${shard}`), join(shards, 'ce'), { recursive: true });
    const merged = cli('matrix', '--merge', join(shards, 'shard-1.json'), join(shards, 'shard-2.json'), '--out', join(shards, 'ce'), '--json-out', join(shards, 'm.json'), '--md-out', join(shards, 'm.md'));
    expect(merged.status).toBe(0);
    const table = readFileSync(join(one, 'm.md'), 'utf8');
    expect(readFileSync(join(shards, 'm.md'), 'utf8')).toBe(table);
    expect(table).toMatch(/\| 1 \| 2 \| 3 \| off \| OS \(lazy\) \| 0 \| loss allowed \| violated: \[\d+ steps\]\(ce\/acked-never-lost--kraft-acks1/);
  }, 120_000);

  it("a filtered run keeps each row's place in the whole sweep, so its file merges into the whole one", () => {
    const dir = tempDir();
    const run = cli('matrix', '--operation', 'disk-loss', '--era', 'kip-966', '--runs', '20', '--row-states', '0', '--out', join(dir, 'ce'), '--json-out', join(dir, 'disk.json'));
    expect(run.status).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'disk.json'), 'utf8')) as MatrixDocument;
    const place = curatedRows().findIndex((row) => rowId(row) === 'kip-966 operation-loses disk-loss');
    expect(doc.rows.map((r) => [r.index, r.id])).toEqual([[place, 'kip-966 operation-loses disk-loss']]);
    expect(doc.rows[0]?.flags).toEqual(['--era', 'kip-966', '--disk-losses', '1', '--crashes', '0', '--fences', '0', '--shutdowns', '0', '--commits', '0']);
  }, 60_000);

  it('exits 1 when a row breaks Kafka’s promise, and draws it loudly', () => {
    const dir = tempDir();
    const row = curatedRows().find((candidate) => candidate.era === 'kip-966');
    if (row === undefined) throw new Error('no kip-966 row');
    const broken: MatrixDocument = {
      tool: 'test',
      invariant: MATRIX_INVARIANT,
      seed: 1,
      runs: 1,
      rowStates: 0,
      shard: '1/1',
      rows: [
        {
          ...{ index: 0, id: rowId(row), row, flags: rowFlags(row), verdict: 'broken', by: 'replay', runs: 0, steps: 0, searches: [], ms: 1 },
          counterexample: { trace: join(root, 'counterexamples', 'kafka-7128.json'), invariant: MATRIX_INVARIANT, length: 21, found: 'hand', judged: 'broken', reason: 'inside Kafka’s promise' },
        },
      ],
    };
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    const result = cli('matrix', '--merge', join(dir, 'broken.json'), '--json-out', join(dir, 'm.json'), '--md-out', join(dir, 'm.md'));
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`BROKEN PROMISE: ${rowId(row)}`);
    expect(matrixMarkdown(broken, join(dir, 'm.md'))).toContain(`1 row breaks Kafka’s promise: ${rowId(row)}.`);
    expect(readFileSync(join(dir, 'm.md'), 'utf8')).toContain('**BROKEN PROMISE**');
  }, 30_000);

  it.each([
    [['--shard', '3/2'], /--shard: expected i\/n with 1 <= i <= n, got "3\/2"/],
    [['--era', 'kafka-0.7'], /--era: unknown value "kafka-0.7" \(known: hw-truncation, /],
    [['--flush', 'sometimes'], /--flush: unknown value "sometimes" \(known: lazy, fsync\)/],
    [['--merge'], /--merge: give the shard JSON files/],
    [['--era', 'kraft', '--rf', '5'], /no row matches the filters/],
  ])('bad input %j exits 2 naming it', (args, message) => {
    expectBadInput('matrix', args, message);
  });
});
