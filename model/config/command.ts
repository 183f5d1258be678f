/**
 * The command line every command shares, on commander: options with their defaults and examples in
 * `--help`, the exit codes, negative numbers as values (`--acks -1`), unknown names answered with the
 * known ones, an option given twice refused, bad input as one line and exit 2, an internal error as one
 * line naming the report file and exit 70, and Ctrl-C as exit 130 with no partial file left behind.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { INTERRUPTED } from './output.js';
import { UsageError } from './usage.js';

export { UsageError };

/** The exit codes every command shares (each command says what 0 and 1 mean for it). */
export const EXIT = { badInput: 2, internal: 70, interrupted: INTERRUPTED } as const;

export interface OptionSpec {
  /** As commander writes them: `--runs <n>`, `--json`. */
  readonly flags: string;
  readonly description: string;
  /** The value when the option is absent, shown in --help. */
  readonly default?: string | boolean;
  /** How --help shows a default the command computes (`one per core`), or the checker's default of a knob. */
  readonly defaultText?: string;
  /** Each occurrence adds to a list; any other option given twice is an error. */
  readonly repeatable?: boolean;
  /** The values accepted; another is refused with this list. */
  readonly choices?: readonly string[];
}

export interface CommandSpec {
  /** The npm script: `check`. */
  readonly name: string;
  readonly summary: string;
  /** Positional arguments as commander writes them (`<trace...>`), if any. */
  readonly arguments?: string;
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  /** What exit codes 0 and 1 mean for this command. */
  readonly exits: string;
}

/** Options by their long name without the dashes (`min-isr`), and the positional arguments. */
export interface Parsed {
  readonly values: Readonly<Record<string, unknown>>;
  readonly args: readonly string[];
}

const flagName = (option: Option): string => (option.long ?? '').replace(/^--/, '');

function build(spec: CommandSpec): Command {
  const program = new Command(`npm run ${spec.name} --`)
    .description(spec.summary)
    .exitOverride()
    .configureOutput({ writeErr: () => {}, outputError: () => {} })
    .showSuggestionAfterError()
    .allowExcessArguments(false)
    .helpOption('-h, --help', 'print this help and exit');
  if (spec.arguments !== undefined) program.argument(spec.arguments);
  const given = new Set<string>();
  for (const o of spec.options) {
    // A default the command computes itself is shown in the text: commander shows only values it sets.
    const shown = o.default === undefined && o.defaultText !== undefined ? ` (default: ${o.defaultText})` : '';
    const option = new Option(o.flags, `${o.description}${shown}`);
    if (o.default !== undefined) option.default(o.default, o.defaultText);
    const name = flagName(option);
    const choices = o.choices;
    if (choices !== undefined) option.argChoices = [...choices];
    if (option.required) {
      option.argParser((value: string, previous: unknown) => {
        if (choices !== undefined && !choices.includes(value)) throw new UsageError(`--${name}: unknown value "${value}" (known: ${choices.join(', ')})`);
        return o.repeatable === true ? [...(Array.isArray(previous) ? previous : []), value] : value;
      });
    }
    program.addOption(option);
    if (o.repeatable !== true) {
      program.on(`option:${option.name()}`, () => {
        if (given.has(name)) throw new UsageError(`--${name}: given twice (give each option once)`);
        given.add(name);
      });
    }
  }
  const examples = spec.examples.map((example) => `  ${example}`).join('\n');
  program.addHelpText('after', `\nExamples:\n${examples}\n\nExit codes: ${spec.exits}; 2 bad input (one line naming the flag, file or field); ${EXIT.internal} an internal error (one line naming a report file); ${EXIT.interrupted} interrupted.\nRelative paths are read from the folder you ran the command in.`);
  return program;
}

/** The command line's options and arguments, or null when --help was asked for (and printed). */
export function parseCommand(spec: CommandSpec, argv: readonly string[]): Parsed | null {
  const program = build(spec);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') return null;
    throw new UsageError(error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' '));
  }
  const opts = program.opts();
  const values: Record<string, unknown> = {};
  for (const option of program.options) {
    const value = opts[option.attributeName()];
    values[flagName(option)] = option.negate ? value === false : value;
  }
  return { values, args: program.args };
}

/** The --help text of a command (for the docs and the tests). */
export function helpText(spec: CommandSpec): string {
  return build(spec).helpInformation();
}

/**
 * A path the user typed, read from where they typed it: npm runs scripts in the package's folder and
 * says where it was called from in INIT_CWD.
 */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

/** Writes the full report of an internal error where the user can find it; returns its path. */
function reportInternalError(error: unknown, argv: readonly string[]): string {
  const file = join(tmpdir(), `kafka-replication-checked-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeFileSync(file, `command: ${process.argv.slice(0, 2).join(' ')} ${argv.join(' ')}\nnode ${process.version}\n\n${stack}\n`);
  return file;
}

/**
 * Runs a command: its exit code on success; bad input (a UsageError, or what `isBadInput` says is
 * one) as one line and exit 2; anything else as one line naming the report file and exit 70. Ctrl-C
 * stops it (130, or killed by SIGINT, as a shell reports it), leaving no partial file (output.ts).
 */
export async function main(run: () => Promise<number> | number, isBadInput: (error: unknown) => boolean = () => false, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    process.exitCode = await run();
  } catch (error) {
    if (error instanceof UsageError || isBadInput(error)) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = EXIT.badInput;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`internal error: ${message.split('\n')[0]} (full report: ${reportInternalError(error, argv)})\n`);
    process.exitCode = EXIT.internal;
  }
}
