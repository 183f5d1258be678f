/** `npm run explore` as a user runs it: bad input, a proof within bounds, a saved shortest counterexample. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, expectBadInput, tempDir } from '../cli.js';

const SMALL = ['--brokers', '2', '--rf', '2', '--records', '1', '--crashes', '1', '--power-losses', '0', '--fences', '0', '--shutdowns', '0', '--shrinks', '0', '--commits', '0'];

describe('explore: bad input exits 2 with one line naming the field', () => {
  it.each([
    [['--workers', '0'], /--workers: must be at least 1/],
    [['--max-depth', 'deep'], /--max-depth: expected an integer/],
    [['--rf', '4', '--brokers', '3'], /replication factor 4 is larger than the 3 available brokers/],
  ])('%j', (args, message) => {
    expectBadInput('explore', args, message);
  });
});

describe('explore', () => {
  it('proves a small safe configuration within its budgets, with two workers', () => {
    const result = cli('explore', ...SMALL, '--workers', '2');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/2 workers/);
    expect(result.stdout).toMatch(/no violation: [\d,]+ distinct states, depth \d+, every state within the budgets/);
    // Each witness is judged against these bounds: reached, impossible here, or a weakness of the bounds.
    expect(result.stdout).toMatch(/witness truncation-after-leader-change: reached/);
    expect(result.stdout).toMatch(/witness unclean-election: not possible in this configuration/);
    expect(result.stdout).toMatch(/witness stale-fetch-dropped: NOT reached: a weakness of these bounds/);
  }, 60_000);

  it('exits 3 when a limit stops it, and says on its last line how far it got', () => {
    const result = cli('explore', ...SMALL, '--max-states', '500', '--workers', '1', '--out', tempDir());
    expect(result.status).toBe(3);
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/^NOT A PROOF: stopped by the state limit \(--max-states\) with every state within depth \d+ seen; [\d,]+ states still queued/);
  }, 60_000);

  it.each([1, 16, 64, 256])('returns at once with --max-states %i', (states) => {
    const started = Date.now();
    const result = cli('explore', '--max-states', String(states), '--workers', '1', '--out', tempDir());
    expect(result.status).toBe(3);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('exits 0 only for a search that covered the whole bounded space', () => {
    const complete = cli('explore', ...SMALL, '--workers', '1', '--out', tempDir());
    expect(complete.status).toBe(0);
    expect(complete.stdout.trim().split('\n').at(-1)).toMatch(/^no violation: [\d,]+ distinct states, depth \d+, every state within the budgets/);
    expect(cli('explore', ...SMALL, '--workers', '1', '--max-depth', '3', '--out', tempDir()).status).toBe(3);
  }, 60_000);

  it('exits 1 on acks=1 with the shortest counterexample, saved once', () => {
    const out = tempDir();
    const result = cli('explore', '--acks', '1', '--records', '1', '--crashes', '0', '--fences', '1', '--shutdowns', '0', '--shrinks', '0', '--commits', '0', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/shortest counterexample: \d+ steps/);
    expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  }, 60_000);
});
