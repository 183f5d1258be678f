/** What the figures were measured on: they mean little without the machine, the load and the commit. */
import { execFileSync } from 'node:child_process';
import { arch, availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import { TOOL } from '../version.js';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly availableParallelism: number;
  readonly node: string;
  readonly os: string;
  readonly totalMemoryBytes: number;
  /** The 1, 5 and 15 minute load averages when the bench started: other work skews every figure. */
  readonly loadAverage: readonly number[];
  readonly tool: string;
  /** The commit, with "+dirty" when the work tree has changes; null outside a git checkout. */
  readonly commit: string | null;
  readonly startedAt: string;
}

function commit(): string | null {
  try {
    const cwd = new URL('../..', import.meta.url).pathname;
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return null;
  }
}

export function machine(): Machine {
  const all = cpus();
  return {
    cpu: all[0]?.model.trim() ?? 'unknown',
    cores: all.length,
    availableParallelism: availableParallelism(),
    node: process.version,
    os: `${platform()} ${release()} ${arch()}`,
    totalMemoryBytes: totalmem(),
    loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
    tool: TOOL,
    commit: commit(),
    startedAt: new Date().toISOString(),
  };
}
