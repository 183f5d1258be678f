/**
 * Command-line flags shared by every command: the configuration knobs and the budgets, parsed with
 * node:util's parseArgs (no dependency needed) and validated by the spec's one validation function.
 * Bad input becomes a UsageError: one line naming the flag, exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError, DEFAULT_BUDGETS, validateConfig, type Budgets, type Config } from '../../spec/config.js';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags of the configuration, each with the Config field it sets. */
const CONFIG_FLAGS = {
  brokers: 'brokers',
  rf: 'replicationFactor',
  'min-isr': 'minInsyncReplicas',
  acks: 'acks',
  unclean: 'uncleanLeaderElection',
  'flush-messages': 'flushIntervalMessages',
  era: 'era',
} as const;

const BUDGET_FLAGS: Record<string, keyof Budgets> = {
  records: 'records',
  crashes: 'crashes',
  'power-losses': 'powerLosses',
  fences: 'fences',
  shutdowns: 'shutdowns',
  shrinks: 'shrinks',
};

export const CONFIG_OPTIONS: Options = {
  ...Object.fromEntries([...Object.keys(CONFIG_FLAGS), ...Object.keys(BUDGET_FLAGS)].map((flag) => [flag, { type: 'string' }])),
  'without-fix': { type: 'string', multiple: true },
};

/** The flag that sets a Config field, for error messages. */
function flagOf(field: string): string {
  const budget = field.startsWith('budgets.') ? field.slice('budgets.'.length) : null;
  const entry = budget === null
    ? Object.entries(CONFIG_FLAGS).find(([, f]) => f === field)
    : Object.entries(BUDGET_FLAGS).find(([, f]) => f === budget);
  if (field === 'withoutFixes') return '--without-fix';
  return entry === undefined ? field : `--${entry[0]}`;
}

export function integerFlag(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`--${flag}: expected an integer, got "${value}"`);
  const n = Number(value);
  if (n < min) throw new UsageError(`--${flag}: must be at least ${min}, got ${n}`);
  return n;
}

function acksFlag(value: string): unknown {
  return value === 'all' || value === '-1' ? 'all' : value === '0' ? 0 : value === '1' ? 1 : value;
}

function booleanFlag(flag: string, value: string): boolean {
  if (value === 'true' || value === 'false') return value === 'true';
  throw new UsageError(`--${flag}: expected true or false, got "${value}"`);
}

/** The Config the flags describe (defaults elsewhere), or a UsageError naming the flag. */
export function configFromFlags(values: Record<string, unknown>): Config {
  const text = (flag: string): string | undefined => (typeof values[flag] === 'string' ? (values[flag] as string) : undefined);
  const input: Record<string, unknown> = {};
  const brokers = integerFlag('brokers', text('brokers'), -Infinity);
  if (brokers !== undefined) input.brokers = brokers;
  input.replicationFactor = integerFlag('rf', text('rf'), -Infinity) ?? brokers;
  const minIsr = integerFlag('min-isr', text('min-isr'), -Infinity);
  if (minIsr !== undefined) input.minInsyncReplicas = minIsr;
  const acks = text('acks');
  if (acks !== undefined) input.acks = acksFlag(acks);
  const unclean = text('unclean');
  if (unclean !== undefined) input.uncleanLeaderElection = booleanFlag('unclean', unclean);
  const flush = integerFlag('flush-messages', text('flush-messages'), -Infinity);
  if (flush !== undefined) input.flushIntervalMessages = flush;
  if (text('era') !== undefined) input.era = text('era');
  input.withoutFixes = values['without-fix'] ?? [];
  input.budgets = Object.fromEntries(
    Object.entries(BUDGET_FLAGS).map(([flag, field]) => [field, integerFlag(flag, text(flag), -Infinity) ?? DEFAULT_BUDGETS[field]]),
  );
  if (input.replicationFactor === undefined) delete input.replicationFactor;
  try {
    return validateConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${flagOf(error.field)} (${error.field}): ${error.message.slice(error.field.length + 2)}`);
    throw error;
  }
}

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

/** One line describing a configuration, as every command prints it. */
export function describeConfig(config: Config): string[] {
  const b = config.budgets;
  return [
    `config: era ${config.era}; brokers ${config.brokers}, replication.factor ${config.replicationFactor}, ` +
      `min.insync.replicas ${config.minInsyncReplicas}, acks ${config.acks}, unclean.leader.election.enable ${config.uncleanLeaderElection}, ` +
      `log.flush.interval.messages ${config.flushIntervalMessages ?? '(OS default, lazy)'}` +
      (config.withoutFixes.length > 0 ? `; without ${config.withoutFixes.join(', ')}` : ''),
    `budgets: records ${b.records}, crashes ${b.crashes}, power-losses ${b.powerLosses}, fences ${b.fences}, shutdowns ${b.shutdowns}, shrinks ${b.shrinks}`,
  ];
}
