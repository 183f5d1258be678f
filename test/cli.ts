/** Running a CLI command as a user does, in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

export const root = join(import.meta.dirname, '..');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export type Command = 'check' | 'replay' | 'explore' | 'matrix' | 'view';

export function cli(command: Command, ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'model', 'cli', `${command}.ts`), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'cli-'));

/** Bad input: exit 2 and a single line on stderr matching `message` (it names the field). */
export function expectBadInput(command: Command, args: readonly string[], message: RegExp): void {
  const result = cli(command, ...args);
  expect(result.status).toBe(2);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}
