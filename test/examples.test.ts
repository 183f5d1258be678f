/**
 * examples/seed.md is checked, not just read: every `npm run check -- ... # exit N` line in its code
 * blocks is run as a user would run it, and must exit as the document says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, root, tempDir } from './cli.js';

const COMMAND = /^npm run check -- (.*?)\s+# exit (\d)$/;

const commands = readFileSync(join(root, 'examples', 'seed.md'), 'utf8')
  .split('\n')
  .map((line) => COMMAND.exec(line.trim()))
  .filter((match): match is RegExpExecArray => match !== null)
  .map((match) => ({ args: (match[1] ?? '').split(/\s+/), exit: Number(match[2]) }));

describe('examples/seed.md', () => {
  it('has commands with both verdicts', () => {
    expect(commands.filter((c) => c.exit === 0).length).toBeGreaterThanOrEqual(3);
    expect(commands.filter((c) => c.exit === 1).length).toBeGreaterThanOrEqual(3);
  });

  for (const { args, exit } of commands) {
    it(`npm run check -- ${args.join(' ')} exits ${exit}`, () => {
      const result = cli('check', ...args, '--out', tempDir());
      expect(result.stderr).not.toMatch(/error/i);
      expect(result.status).toBe(exit);
    }, 150_000);
  }
});
