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

  it('says how far it got when a limit stops it', () => {
    const result = cli('explore', ...SMALL, '--max-states', '500', '--workers', '1');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/no violation so far: stopped by the state limit \(--max-states\)/);
  }, 60_000);

  it('exits 1 on acks=1 with the shortest counterexample, saved once', () => {
    const out = tempDir();
    const result = cli('explore', '--acks', '1', '--records', '1', '--crashes', '0', '--fences', '1', '--shutdowns', '0', '--shrinks', '0', '--commits', '0', '--out', out);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/shortest counterexample: \d+ steps/);
    expect(readdirSync(out).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  }, 60_000);
});
