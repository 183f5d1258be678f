/**
 * `check`'s exhaustive pass: when the random runs find nothing, the explorer searches the same budgets
 * breadth first, so a loss random walks miss is still found (a shortest one), and a clean result says
 * whether it covered every state within the budgets.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../cli.js';

/** One record and one crash on two brokers: 3,160 states in all. */
const SMALL = ['--brokers', '2', '--records', '1', '--crashes', '1', '--fences', '0', '--shutdowns', '0', '--shrinks', '0', '--commits', '0'];

describe('check: the exhaustive pass after the random runs', () => {
  it('finds, as a shortest counterexample, the loss random runs too short to reach missed', () => {
    // acks=1 loses a record in 4 steps; runs of 2 steps cannot.
    const out = tempDir();
    const result = cli('check', '--acks', '1', '--max-steps', '2', '--runs', '50', '--seed', '1', '--out', out, '--json');
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout) as { runs: number; pass: unknown; finding: { by: string; steps: number; invariant: string; file: string } };
    expect(summary.runs).toBe(50);
    expect(summary.finding).toMatchObject({ by: 'explore', steps: 4, invariant: 'acked-never-lost' });
    const saved = JSON.parse(readFileSync(summary.finding.file, 'utf8')) as { found: { by: string } };
    expect(saved.found.by).toBe('explore');
  });

  it('says so when it covered every state within the budgets', () => {
    const result = cli('check', ...SMALL, '--runs', '50', '--seed', '1', '--out', tempDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/exhaustive pass: 3,160 distinct states to depth 21/);
    expect(result.stdout).toMatch(/verdict: no violation found \(seed 1\) and none in any of the 3,160 states within the budgets: proved within them/);
  });

  it('says how deep it saw every state when --pass-states stopped it, and runs no pass at 0', () => {
    const stopped = cli('check', ...SMALL, '--runs', '50', '--seed', '1', '--pass-states', '500', '--out', tempDir());
    expect(stopped.status).toBe(0);
    expect(stopped.stdout).toMatch(/and none in every state within \d+ steps \(5\d\d states; the --pass-states limit stopped the exhaustive pass\)/);
    const none = cli('check', ...SMALL, '--runs', '50', '--seed', '1', '--pass-states', '0', '--out', tempDir());
    expect(none.stdout).not.toMatch(/exhaustive pass:/);
    expect(none.stdout).toMatch(/verdict: no violation found \(seed 1\) \(random runs only: --pass-states 0\)$/m);
  });

  it("finds KAFKA-7128's 12-step loss in kip-279, which the random runs miss, on two threads", () => {
    const out = tempDir();
    const flags = ['--era', 'kip-279', '--records', '1', '--crashes', '1', '--fences', '1', '--shrinks', '1', '--shutdowns', '0', '--commits', '0'];
    const result = cli('check', ...flags, '--seed', '3', '--workers', '2', '--out', out, '--json');
    expect(result.status).toBe(1);
    const summary = JSON.parse(result.stdout) as { runs: number; finding: { by: string; steps: number; judged: string } };
    expect(summary.runs).toBe(10_000);
    expect(summary.finding).toMatchObject({ by: 'explore', steps: 12, judged: 'broken' });
  }, 300_000);
});
