/**
 * Trace files: one JSON file per finding in counterexamples/, or written by hand as a "what if"
 * scenario (steps only, optionally with the verdict the author expects). States are never stored: they
 * are recomputed by replay, so files survive changes to the state's shape.
 *
 * Loading validates every field and fails with one error naming the file and the field. Saving never
 * overwrites a file and never leaves a half-written one: the file is written under a temporary name
 * and linked into place, which fails if the name is taken.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { discardPartialFile, moveIntoPlace, temporaryBeside } from '../config/output.js';
import { join } from 'node:path';
import { z } from 'zod';
import { ACTION_KINDS, ACTIONS, type Action } from '../../spec/actions/index.js';
import type { ParamType } from '../../spec/actions/action.js';
import {
  ConfigError,
  DATA_PARTITION,
  DEFAULT_BUDGETS,
  DEFAULT_CONFIG,
  hasConsumer,
  OFFSETS_PARTITION,
  OFFSETS_TOPIC,
  validateConfig,
  type Config,
} from '../../spec/config.js';
import { DEFAULT_ERA } from '../../spec/eras/names.js';
import { INVARIANT_NAMES } from '../../properties/index.js';

/**
 * The trace format written now. Version 2 names the partition a step addresses (`partition`); version
 * 1, from before partitions had names, named only `__consumer_offsets` (`topic`), and still loads.
 */
export const TRACE_FORMAT = 'kafka-replication-trace/2';
const FORMAT_1 = 'kafka-replication-trace/1';

/** An invariant that failed: which, after which step, and its message (a finding's, or replay's). */
export interface Violation {
  readonly invariant: string;
  /** Index of the step after which the invariant failed (-1: the initial state). */
  readonly step: number;
  readonly message: string;
}

export interface Provenance {
  readonly by: 'check' | 'explore' | 'hand';
  readonly seed?: number;
  readonly runs?: number;
  /** The saved counterexample (file name) of another configuration whose steps this one replays. */
  readonly from?: string;
  readonly tool: string;
}

export interface Expectation {
  readonly verdict: 'holds' | 'violated';
  readonly invariant?: string;
  readonly step?: number;
}

export interface Trace {
  readonly format: typeof TRACE_FORMAT;
  readonly config: Config;
  readonly steps: readonly Action[];
  readonly story: string;
  readonly source?: string;
  /** The violation the finder saw; replay must reproduce it. */
  readonly violation?: Violation;
  /** A hand-written trace's expected verdict. */
  readonly expect?: Expectation;
  readonly found?: Provenance;
}

/** A malformed trace file: names the file and the field. */
export class TraceError extends Error {
  constructor(file: string, field: string, message: string) {
    super(`${file}: ${field}: ${message}`);
    this.name = 'TraceError';
  }
}

const PARAM_SCHEMAS: Record<ParamType, z.ZodType> = {
  broker: z.number().int().min(0),
  write: z.number().int().min(0),
  // Traces from before several producers name none: the one producer, 0.
  producer: z.number().int().min(0).default(0),
  acks: z.union([z.literal(0), z.literal(1), z.literal('all'), z.literal(-1), z.literal('-1')]).transform((a) => (a === 0 || a === 1 ? a : 'all')),
};

const stepSchema = z.discriminatedUnion(
  'kind',
  ACTION_KINDS.map((kind) => {
    const params = ACTIONS[kind].params as Record<string, { type: ParamType }>;
    const shape = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, PARAM_SCHEMAS[p.type]]));
    // Only a partition action addresses a partition (format 2) or topic (format 1); the data partition is the default.
    const where = ACTIONS[kind].scope === 'partition' ? { partition: z.enum([DATA_PARTITION, OFFSETS_PARTITION]).optional(), topic: z.literal(OFFSETS_TOPIC).optional() } : {};
    return z.strictObject({ kind: z.literal(kind), ...shape, ...where });
  }) as unknown as [z.ZodObject, ...z.ZodObject[]],
);

const invariantName = z.string().refine((name) => INVARIANT_NAMES.includes(name), {
  message: `unknown invariant (known: ${INVARIANT_NAMES.join(', ')})`,
});

/**
 * The most steps a trace may have: replay recomputes a state per step and the viewer draws each one, so
 * a longer file is refused at load, before its steps are read (a saved finding is shrunk to a few dozen).
 */
export const MAX_TRACE_STEPS = 100_000;

const fileSchema = z.strictObject({
  format: z.enum([FORMAT_1, TRACE_FORMAT]).optional(),
  era: z.string().optional(),
  config: z.record(z.string(), z.unknown()).optional(),
  story: z.string().optional(),
  source: z.string().optional(),
  // zod checks the length before it reads the elements.
  steps: z
    .array(stepSchema)
    .min(1)
    .max(MAX_TRACE_STEPS, { error: (issue) => `${(issue.input as unknown[]).length} steps; at most ${MAX_TRACE_STEPS} are replayed` }),
  violation: z.strictObject({ invariant: invariantName, step: z.number().int().min(-1), message: z.string() }).optional(),
  expect: z
    .strictObject({ verdict: z.enum(['holds', 'violated']), invariant: invariantName.optional(), step: z.number().int().min(-1).optional() })
    .optional(),
  found: z
    .strictObject({
      by: z.enum(['check', 'explore', 'hand']),
      seed: z.number().int().optional(),
      runs: z.number().int().min(0).optional(),
      from: z.string().optional(),
      tool: z.string(),
    })
    .optional(),
});

function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '') || '(root)';
}

/**
 * A trace that names no commits budget predates the consumer: it had none. (Saved traces record every
 * budget, so only those and hand-written ones omit it.)
 */
function withoutConsumerByDefault(budgets: unknown): unknown {
  if (budgets === undefined) return { commits: 0 };
  if (typeof budgets !== 'object' || budgets === null || Array.isArray(budgets)) return budgets;
  return { commits: 0, ...budgets };
}

/** A step as a file may spell it: format 1 names `__consumer_offsets` by its topic. */
type StepInput = Action & { readonly topic?: typeof OFFSETS_TOPIC };

/**
 * A step in the current form: a format-1 `topic` becomes its partition, and the data partition, the
 * default, is left unnamed (so a step reads the same whichever way it was written). A hand-written
 * trace (no format) may use either spelling; a versioned one only its own.
 */
function currentStep(file: string, format: string | undefined, { topic, ...step }: StepInput, index: number): Action {
  const field = (name: string): string => `steps[${index}].${name}`;
  if (topic !== undefined && format === TRACE_FORMAT) throw new TraceError(file, field('topic'), `format 2 names the partition: "partition": "${OFFSETS_PARTITION}"`);
  if (step.partition !== undefined && format === FORMAT_1) throw new TraceError(file, field('partition'), 'format 1 names no partition (only "topic": "__consumer_offsets")');
  if (topic !== undefined && step.partition !== undefined) throw new TraceError(file, field('topic'), 'name the partition or the topic, not both');
  const partition = topic === undefined ? step.partition : OFFSETS_PARTITION;
  const { partition: _named, ...rest } = step;
  return partition === undefined || partition === DATA_PARTITION ? (rest as Action) : { ...rest, partition } as Action;
}

/** The fields of a trace file, outside its config. */
const TOP_LEVEL_FIELDS: readonly string[] = Object.keys(fileSchema.shape);

/**
 * A config field that belongs at the top level is refused naming it, not taken or ignored: the config
 * would accept `era` (a Config field) and the top-level era, or the default, would silently replace it.
 */
function nothingMisplaced(file: string, config: Readonly<Record<string, unknown>> | undefined): void {
  const misplaced = Object.keys(config ?? {}).find((name) => TOP_LEVEL_FIELDS.includes(name));
  if (misplaced !== undefined) {
    throw new TraceError(file, `config.${misplaced}`, `the ${misplaced} ${misplaced === 'steps' ? 'are' : 'is'} given at the top level ("${misplaced}": ...), not in config`);
  }
}

/** Validates a parsed trace document; `file` names it in errors. */
export function parseTrace(input: unknown, file: string): Trace {
  const parsed = fileSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TraceError(file, fieldPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
  const doc = parsed.data;
  nothingMisplaced(file, doc.config);
  let config: Config;
  try {
    config = validateConfig({ ...doc.config, budgets: withoutConsumerByDefault(doc.config?.budgets), era: doc.era ?? DEFAULT_ERA });
  } catch (error) {
    if (error instanceof ConfigError) throw new TraceError(file, error.field === 'era' ? 'era' : `config.${error.field}`, error.message.slice(error.field.length + 2));
    throw error;
  }
  const steps = (doc.steps as unknown as StepInput[]).map((step, index) => currentStep(file, doc.format, step, index));
  steps.forEach((action, index) => {
    const types = ACTIONS[action.kind].params as Record<string, { readonly type: ParamType }>;
    for (const [name, value] of Object.entries(action)) {
      if (types[name]?.type === 'broker' && typeof value === 'number' && value >= config.brokers) {
        throw new TraceError(file, `steps[${index}].${name}`, `broker ${value} does not exist (the cluster has brokers 0..${config.brokers - 1})`);
      }
      if (types[name]?.type === 'producer' && typeof value === 'number' && value >= config.producers) {
        throw new TraceError(file, `steps[${index}].${name}`, `producer ${value} does not exist (the run has producers 0..${config.producers - 1})`);
      }
    }
  });
  return {
    format: TRACE_FORMAT,
    config,
    steps,
    story: doc.story ?? '',
    ...(doc.source === undefined ? {} : { source: doc.source }),
    ...(doc.violation === undefined ? {} : { violation: doc.violation }),
    ...(doc.expect === undefined ? {} : { expect: stripUndefined(doc.expect) as Expectation }),
    ...(doc.found === undefined ? {} : { found: stripUndefined(doc.found) as Provenance }),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Reads and validates a trace file. */
export function loadTrace(file: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new TraceError(file, '(file)', (error as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TraceError(file, '(json)', (error as Error).message);
  }
  return parseTrace(json, file);
}

/** The JSON document of a trace: era on top, the config without it, steps one per line. */
export function serializeTrace(trace: Trace): string {
  const { era, ...config } = trace.config;
  const doc = {
    format: trace.format,
    era,
    story: trace.story,
    ...(trace.source === undefined ? {} : { source: trace.source }),
    config,
    ...(trace.violation === undefined ? {} : { violation: trace.violation }),
    ...(trace.expect === undefined ? {} : { expect: trace.expect }),
    ...(trace.found === undefined ? {} : { found: trace.found }),
    steps: trace.steps,
  };
  const text = JSON.stringify(doc, null, 2);
  // One step per line keeps the file readable and its diffs small.
  return `${text.replace(/\{\n\s+"kind": ([^}]*?)\n\s+\}/g, (_, body: string) => `{ "kind": ${body.replace(/\n\s+/g, ' ')} }`)}\n`;
}

/** What identifies a finding: its configuration and its steps. */
function identity(trace: Pick<Trace, 'config' | 'steps'>): string {
  return JSON.stringify({ config: trace.config, steps: trace.steps });
}

function slug(trace: Trace): string {
  const c = trace.config;
  const flush = c.flushIntervalMessages === null ? '' : `-flush${c.flushIntervalMessages}`;
  const unclean = c.uncleanLeaderElection ? '-unclean' : '';
  const offsetsRf = hasConsumer(c) && c.offsetsTopicReplicationFactor !== DEFAULT_CONFIG.offsetsTopicReplicationFactor ? `-offsetsrf${c.offsetsTopicReplicationFactor}` : '';
  const placed = hasConsumer(c) && c.offsetsTopicAssignment.some((broker, index) => broker !== index);
  const offsets = `${offsetsRf}${placed ? `-offsets-on-${c.offsetsTopicAssignment.map((broker) => `b${broker}`).join('')}` : ''}`;
  const reset = hasConsumer(c) && c.autoOffsetReset !== DEFAULT_CONFIG.autoOffsetReset ? `-reset-${c.autoOffsetReset}` : '';
  const discipline = hasConsumer(c) && c.commitDiscipline !== DEFAULT_CONFIG.commitDiscipline ? `-commit-${c.commitDiscipline}` : '';
  const epochs = hasConsumer(c) && !c.commitLeaderEpoch ? '-commits-without-epochs' : '';
  const scenario = c.scenario === null ? '' : `-${c.scenario}${c.waitForIsr ? '' : '-no-wait'}`;
  const without = c.withoutFixes.length > 0 ? `-without-${c.withoutFixes.join('-').replaceAll(':', '-')}` : '';
  const { enableIdempotence, retries, maxInFlight } = c.producer;
  const producer = `${enableIdempotence === null ? '' : `-idempotence-${enableIdempotence ? 'on' : 'off'}`}${retries === null ? '' : `-producer-retries${retries}`}${maxInFlight === null ? '' : `-inflight${maxInFlight}`}`;
  const budgets = Object.entries(c.budgets)
    .filter(([name, value]) => DEFAULT_BUDGETS[name as keyof typeof DEFAULT_BUDGETS] !== value)
    .map(([name, value]) => `-${name}${value}`)
    .join('');
  const hash = createHash('sha256').update(identity(trace)).digest('hex').slice(0, 8);
  return `${trace.violation?.invariant ?? 'trace'}--${c.era}-acks${c.acks}-rf${c.replicationFactor}-isr${c.minInsyncReplicas}${offsets}${reset}${discipline}${epochs}${unclean}${flush}${scenario}${producer}${without}${budgets}--${hash}`;
}

/** The trace files in a folder, with their parsed content (unreadable files are skipped). */
export function tracesIn(dir: string): { file: string; trace: Trace }[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = join(dir, name);
    try {
      return [{ file, trace: loadTrace(file) }];
    } catch {
      return [];
    }
  });
}

export interface SaveResult {
  readonly file: string;
  /** False when a trace with the same config and steps was already saved there. */
  readonly created: boolean;
}

/** Whether `file` holds a trace with the same config and steps (a finding another run saved). */
function holdsSame(file: string, trace: Trace): boolean {
  try {
    return identity(loadTrace(file)) === identity(trace);
  } catch {
    return false;
  }
}

/**
 * Saves a trace into `dir` unless one with the same config and steps is there; never overwrites, and
 * never leaves a half-written file: it is written under a temporary name and linked into place, which
 * fails if the name is taken. The name carries a hash of the config and steps, so two runs saving the
 * same finding at once race for one name: the loser finds its finding there and saves nothing.
 */
export function saveTrace(dir: string, trace: Trace): SaveResult {
  mkdirSync(dir, { recursive: true });
  const same = tracesIn(dir).find((saved) => identity(saved.trace) === identity(trace));
  if (same !== undefined) return { file: same.file, created: false };
  const base = slug(trace);
  const temp = temporaryBeside(join(dir, `${base}.json`));
  try {
    writeFileSync(temp, serializeTrace(trace), { flag: 'wx' });
    for (let n = 0; ; n++) {
      const file = join(dir, n === 0 ? `${base}.json` : `${base}-${n}.json`);
      if (moveIntoPlace(temp, file, false, true)) return { file, created: true };
      if (holdsSame(file, trace)) return { file, created: false };
    }
  } finally {
    discardPartialFile(temp);
  }
}
