/**
 * Bad input on a command line: strict parsing with node:util's parseArgs (no dependency needed), and
 * a command's main that turns a UsageError (or other bad input) into one line and exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with strict flags; unknown flags and missing values become UsageErrors. */
export function parse(args: readonly string[], options: Options, allowPositionals = false): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, strict: true, allowPositionals });
    return { values: values as Record<string, unknown>, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
}

/** Runs a command's main; maps UsageError and other bad input to exit code 2 with one line. */
export async function main(run: () => Promise<number> | number, isBadInput: (error: unknown) => boolean = () => false): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (error) {
    if (error instanceof UsageError || isBadInput(error)) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
