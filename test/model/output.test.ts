/** Where commands write: checked first, never over an existing file unless forced, never half-written. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputError, outputDir, outputFile, writeOutput } from '../../model/config/output.js';
import { tempDir } from '../cli.js';

describe('output files', () => {
  it('writes a new file whole and leaves no temporary file', () => {
    const dir = tempDir();
    writeOutput('--out', join(dir, 'a.txt'), ['one ', 'two'], false);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one two');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('refuses an existing file unless forced, and keeps it', () => {
    const dir = tempDir();
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'mine');
    expect(() => outputFile('--svg', file, false)).toThrow(OutputError);
    expect(() => writeOutput('--svg', file, 'new', false)).toThrow(/--svg: .*a\.txt: already exists \(give --force to replace it\)/);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    writeOutput('--svg', file, 'new', true);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('leaves nothing behind when a write fails midway', () => {
    const dir = tempDir();
    function* pieces(): Generator<string> {
      yield 'start';
      throw new Error('disk full');
    }
    expect(() => writeOutput('--itf', join(dir, 'b.txt'), pieces(), false)).toThrow(/disk full/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('creates a missing folder, and refuses a file where a folder should be', () => {
    const dir = tempDir();
    expect(outputDir('--out', join(dir, 'x', 'y'))).toBe(join(dir, 'x', 'y'));
    writeFileSync(join(dir, 'f'), '');
    expect(() => outputDir('--out', join(dir, 'f'))).toThrow(/--out: .*f: is a file, not a folder/);
    expect(() => outputFile('--out', join(dir, 'f', 'g.html'), false)).toThrow(/--out: /);
  });
});
