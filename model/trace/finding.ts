/**
 * A finding as the trace that is saved: its configuration and steps, the violation, a one-line story
 * and how it was found. `check`, `explore` and the matrix save their findings this way.
 */
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { describeAction } from '../../spec/actions/describe.js';
import { TRACE_FORMAT, type Provenance, type Trace, type Violation } from './trace.js';

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
