/** Running a CLI command as a user does, in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export const root = join(import.meta.dirname, '..');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type Command = 'check' | 'replay' | 'explore' | 'matrix' | 'view' | 'docs' | 'bench';

/** tsx's loader, named by its path: a command run from another folder must still find it. */
export const TSX = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

/** The file `npm run <command>` runs. */
export function entry(command: Command): string {
  return command === 'bench' ? join(root, 'model', 'bench', 'run.ts') : join(root, 'model', 'cli', `${command}.ts`);
}

/**
 * The environment a command runs in: the tests' own, without npm's INIT_CWD (which `npm test` sets),
 * so that where a relative path lands is decided by `cwd`, never by where the tests were started.
 */
export function environment(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (extra.INIT_CWD === undefined) delete env.INIT_CWD;
  return env;
}

/** Runs a command as `npm run <command> -- args` would, from `cwd` (the repository by default). */
export function cliIn(cwd: string, env: Readonly<Record<string, string>>, command: Command, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', TSX, entry(command), ...args], {
    cwd,
    env: environment(env),
    encoding: 'utf8',
    // A long trace's step table is large: the default 1 MiB would cut the command short.
    maxBuffer: 2 ** 28,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function cli(command: Command, ...args: string[]): CliResult {
  return cliIn(root, {}, command, ...args);
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'cli-'));

/** Bad input: exit 2 and a single line on stderr matching `message` (it names the field). */
export function expectBadInput(command: Command, args: readonly string[], message: RegExp): void {
  const result = cli(command, ...args);
  expect(result.status).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}
