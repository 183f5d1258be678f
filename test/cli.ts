/** Running a CLI command as a user does, in a child process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cli(command: 'check' | 'replay' | 'explore', ...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'model', 'cli', `${command}.ts`), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'cli-'));
