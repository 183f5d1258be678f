/**
 * What `check` and `explore` share: choosing invariants, judging a violation against Kafka's promise,
 * and saving and showing a finding.
 */
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { describeAction } from '../../spec/describe.js';
import type { State } from '../../spec/types.js';
import { INVARIANTS, invariantNamed, type Invariant } from '../../properties/index.js';
import { judge } from '../../properties/judge.js';
import { replayTrace } from '../trace/replay.js';
import { renderReplay } from '../render/render.js';
import type { Violation } from '../check/runner.js';
import { saveTrace, TRACE_FORMAT, type Provenance, type Trace } from '../trace/trace.js';
import { UsageError } from './options.js';

/** The flags every finding command takes besides the configuration. */
export const FINDING_OPTIONS = {
  out: { type: 'string', default: 'counterexamples' },
  invariant: { type: 'string', multiple: true },
} as const;

export function selectInvariants(names: readonly string[] | undefined): Invariant[] {
  if (names === undefined || names.length === 0) return [...INVARIANTS];
  return names.map((name) => {
    try {
      return invariantNamed(name);
    } catch (error) {
      throw new UsageError(`--invariant: ${(error as Error).message}`);
    }
  });
}

export function describeInvariants(invariants: readonly Invariant[]): string {
  return `invariants: ${invariants.length === INVARIANTS.length ? `all (${invariants.length})` : invariants.map((i) => i.name).join(', ')}`;
}

/** The verdict line: a broken promise, or loss the configuration allows, judged on the run's faults. */
export function verdictLine(config: Config, violation: Violation, state: State): string {
  const { judged, reason } = judge(config, violation.invariant, state);
  return judged === 'broken'
    ? `verdict: BROKEN PROMISE: ${violation.invariant} fails, ${reason}`
    : `verdict: ${violation.invariant} violated: loss allowed by the configuration (${reason})`;
}

/** The one-line story of a finding: what broke, after which faults and elections. */
export function story(steps: readonly Action[], violation: Violation): string {
  const events = steps.filter((a) => /Crash|PowerLoss|Shutdown|Fence|ElectLeader|ShrinkIsr/.test(a.kind)).map(describeAction);
  return events.length === 0 ? violation.message : `${violation.message}; after ${events.join(', ')}`;
}

export interface Found {
  readonly steps: readonly Action[];
  readonly violation: Violation;
  readonly provenance: Provenance;
}

/** A finding as the trace that is saved. */
export function findingTrace(config: Config, found: Found): Trace {
  return {
    format: TRACE_FORMAT,
    config,
    steps: found.steps,
    story: story(found.steps, found.violation),
    violation: found.violation,
    found: found.provenance,
  };
}

/** Saves a finding (once) and prints where, how to replay it, and its step table. */
export function saveAndShow(out: (line: string) => void, dir: string, config: Config, found: Found, invariants: readonly Invariant[]): void {
  const trace = findingTrace(config, found);
  const saved = saveTrace(dir, trace);
  out(saved.created ? `saved: ${saved.file}` : `already saved as ${saved.file} (same config and steps)`);
  out(`replay: npm run replay -- ${saved.file}`);
  out('');
  out(renderReplay(saved.file, trace, replayTrace(trace, invariants)));
}
