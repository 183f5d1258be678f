/**
 * Where a command writes, checked before any work starts, and written so that nothing is lost or left
 * half-written: an existing file is kept unless the user says `--force`; a file is written whole under
 * a temporary name and then moved into place; Ctrl-C removes what was not moved yet.
 */
import { accessSync, closeSync, constants, linkSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './usage.js';

/** Temporary files being written, removed if the command is interrupted. */
const partial = new Set<string>();

/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as a shell reports one killed by it. */
export const INTERRUPTED = 130;

/**
 * Ctrl-C while a file is being written: remove what was not moved into place, and exit 130. Listened
 * for only then, so that at any other time Ctrl-C stops a command at once, as a shell expects.
 */
function interrupted(): void {
  for (const file of partial) rmSync(file, { force: true });
  process.exit(INTERRUPTED);
}

function track(temp: string): void {
  if (partial.size === 0) process.on('SIGINT', interrupted);
  partial.add(temp);
}

/** A bad output location: bad input, naming the flag and the path. */
export class OutputError extends UsageError {
  constructor(flag: string, path: string, problem: string) {
    super(`${flag}: ${path}: ${problem}`);
    this.name = 'OutputError';
  }
}

function isDirectory(path: string): boolean | null {
  try {
    return statSync(path).isDirectory();
  } catch {
    return null;
  }
}

function writable(flag: string, dir: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OutputError(flag, dir, 'cannot write there (permission denied)');
  }
}

/** A folder to write into: created if missing; refused if it is a file or cannot be written. */
export function outputDir(flag: string, dir: string): string {
  if (isDirectory(dir) === false) throw new OutputError(flag, dir, 'is a file, not a folder');
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new OutputError(flag, dir, `cannot create the folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  writable(flag, dir);
  return dir;
}

/** A file to write: its folder must be writable, and an existing file is refused unless `force`. */
export function outputFile(flag: string, file: string, force: boolean): string {
  const kind = isDirectory(file);
  if (kind === true) throw new OutputError(flag, file, 'is a folder');
  if (kind === false && !force) throw new OutputError(flag, file, 'already exists (give --force to replace it)');
  outputDir(flag, dirname(file));
  return file;
}

/** A fresh temporary name beside `file`, removed on Ctrl-C until it is moved into place. */
export function temporaryBeside(file: string): string {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  track(temp);
  return temp;
}

/** Removes a temporary file (and forgets it): after a failed write, or once linked into place. */
export function discardPartialFile(temp: string): void {
  partial.delete(temp);
  if (partial.size === 0) process.off('SIGINT', interrupted);
  rmSync(temp, { force: true });
}

/**
 * Moves a finished temporary file into place: replacing what is there when `force`, else only if the
 * name is free (an exclusive link, so two runs cannot both write it); false when it was taken. The
 * temporary file is gone afterwards, unless `keep` (the caller tries another name, then discards it).
 */
export function moveIntoPlace(temp: string, file: string, force: boolean, keep = false): boolean {
  try {
    if (force) renameSync(temp, file);
    else linkSync(temp, file);
    return true;
  } catch (error) {
    if (!force && (error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    if (!keep) discardPartialFile(temp);
  }
}

/**
 * Writes `content` (text, or pieces of it for a long document) to `file` whole (see `moveIntoPlace`);
 * refuses, naming the flag, if the name was taken meanwhile.
 */
export function writeOutput(flag: string, file: string, content: string | Iterable<string>, force: boolean): void {
  const temp = temporaryBeside(file);
  const fd = openSync(temp, 'wx');
  try {
    for (const piece of typeof content === 'string' ? [content] : content) writeSync(fd, piece);
  } catch (error) {
    closeSync(fd);
    discardPartialFile(temp);
    throw error;
  }
  closeSync(fd);
  if (!moveIntoPlace(temp, file, force)) throw new OutputError(flag, file, 'already exists (give --force to replace it)');
}
