/**
 * The random checker's swarm (model/check/swarm.ts): worker threads with seeds base + i find the violation a
 * verdict row's single-worker run finds (test/verdicts enforces that one), report the winner's seed so
 * one worker reproduces the finding, and sum their runs; `npm run check -- --workers N` as a user runs it.
 */
import { readdirSync } from 'node:fs';
import { setAutoFreeze } from 'immer';
import { beforeAll, describe, expect, it } from 'vitest';
import { invariantNamed } from '../../properties/index.js';
import { judge } from '../../properties/judge.js';
import { checkRandom, DEFAULT_MAX_STEPS } from '../../model/check/check.js';
import { runActions } from '../../model/check/runner.js';
import { checkSwarm, swarmSeeds } from '../../model/check/swarm.js';
import { VERDICTS, type VerdictRow } from '../../model/verdicts/verdicts.js';
import { cli, expectBadInput, tempDir } from '../cli.js';
import { rowConfig } from '../verdicts/settle.js';

beforeAll(() => setAutoFreeze(false));

function row(id: string): VerdictRow & { check: NonNullable<VerdictRow['check']> } {
  const found = VERDICTS.find((candidate) => candidate.id === id);
  if (found?.check === undefined) throw new Error(`no verdict row ${id} with a check seed`);
  return { ...found, check: found.check };
}

const swarmOf = (r: ReturnType<typeof row>, runs = r.check.runs): ReturnType<typeof checkSwarm> =>
  checkSwarm({ config: rowConfig(r), invariants: [invariantNamed(r.invariant)], runs, seed: r.check.seed, maxSteps: DEFAULT_MAX_STEPS, workers: 2 });

const memo = new Map<string, ReturnType<typeof checkSwarm>>();
const swarmOfRow = (id: string): ReturnType<typeof checkSwarm> => {
  const result = memo.get(id) ?? swarmOf(row(id));
  memo.set(id, result);
  return result;
};

describe('two workers find what one worker finds on a bug row', () => {
  // acks-1: loss acks=1 allows; kafka-6361-present: a broken promise, logs diverge in the kip-101 era.
  for (const id of ['acks-1', 'kafka-6361-present']) {
    it(id, async () => {
      const r = row(id);
      const config = rowConfig(r);
      const result = await swarmOfRow(id);
      expect(result.seeds).toEqual([r.check.seed, r.check.seed + 1]);
      const finding = result.finding;
      expect(finding?.result.violation?.invariant, 'no violation found').toBe(r.invariant);
      expect(result.winner).not.toBeNull();
      expect(result.seeds).toContain(result.winner?.seed);
      expect(result.runs).toBeGreaterThanOrEqual(finding?.runsToFind ?? Infinity);
      // The finding came back whole: it replays to the same violation at its last step, judged as the row says.
      const steps = finding?.result.steps ?? [];
      const replayed = runActions(config, steps, [invariantNamed(r.invariant)]);
      expect(replayed?.violation?.invariant).toBe(r.invariant);
      expect(replayed?.violation?.step).toBe(steps.length - 1);
      expect(replayed?.final).toEqual(finding?.result.final);
      if (finding !== null) expect(judge(config, r.invariant, finding.result.final).judged).toBe(r.judged);
    }, 30_000);
  }

  it('the winner’s seed with one worker reproduces the same finding (acks-1)', async () => {
    const r = row('acks-1');
    const result = await swarmOfRow('acks-1');
    const seed = result.winner?.seed ?? NaN;
    const one = checkRandom({ config: rowConfig(r), invariants: [invariantNamed(r.invariant)], runs: r.check.runs, seed, maxSteps: DEFAULT_MAX_STEPS });
    expect(one.finding?.result.steps).toEqual(result.finding?.result.steps);
    expect(one.finding?.runsToFind).toBe(result.finding?.runsToFind);
  }, 30_000);
});

describe('on a safe row (default-acked), two workers', () => {
  it('find nothing and run twice the runs, one set per worker', async () => {
    const result = await swarmOf(row('default-acked'), 150);
    expect(result.finding).toBeNull();
    expect(result.winner).toBeNull();
    expect(result.seeds).toEqual(swarmSeeds(1, 2));
    expect(result.runs).toBe(2 * 150);
    expect(result.steps).toBeGreaterThan(result.runs);
  }, 30_000);
});

describe('check --workers', () => {
  it.each([
    [['--workers', '0'], /--workers: must be at least 1, got 0/],
    [['--workers', '1.5'], /--workers: expected an integer, got "1.5"/],
  ])('%j exits 2 with one line naming the flag', (args, message) => {
    expectBadInput('check', args, message);
  });

  it('prints each worker’s seed, saves the winner’s finding, and says how one worker reproduces it', () => {
    const out = tempDir();
    const flags = [...row('acks-1').flags, '--runs', '200', '--out', out];
    const swarm = cli('check', ...flags, '--seed', '1', '--workers', '2');
    expect(swarm.status).toBe(1);
    expect(swarm.stdout).toMatch(/seed 1, runs 200 per worker, max steps 50, 2 workers/);
    expect(swarm.stdout).toMatch(/^worker 0: seed 1$/m);
    expect(swarm.stdout).toMatch(/^worker 1: seed 2$/m);
    expect(swarm.stdout).toMatch(/across 2 workers/);
    expect(swarm.stdout).toMatch(/acked-never-lost +VIOLATED/);
    const winner = /found by worker (\d) \(seed (\d+)\)/.exec(swarm.stdout);
    expect(winner?.[2]).toBe(String(1 + Number(winner?.[1])));
    const hint = /^reproduce with one worker: npm run check -- (.*)$/m.exec(swarm.stdout)?.[1] ?? '';
    expect(hint).toBe([...flags, '--seed', winner?.[2], '--workers', '1'].join(' '));
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    const one = cli('check', ...hint.split(' '));
    expect(one.status).toBe(1);
    expect(one.stdout).toMatch(new RegExp(`seed ${winner?.[2]}, runs 200, max steps 50`));
    expect(one.stdout).toMatch(/already saved as/);
    expect(readdirSync(out)).toEqual(files);
  }, 60_000);
});
