/**
 * Replay: re-derives every state of a trace from its config and steps, checks every invariant after
 * every step, reports a step that is not enabled where it stands, and compares the outcome with the
 * verdict the trace records (a finding) or expects (a hand-written scenario).
 */
import type { Action } from '../../spec/actions/index.js';
import { initialState } from '../../spec/init.js';
import { refusal, step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { INVARIANTS, type Invariant } from '../../properties/index.js';
import { judgeViolation, withSteps, type Judgement } from '../../properties/judgement.js';
import type { Expectation, Trace, Violation } from './trace.js';

export interface ReplayedStep {
  readonly index: number;
  readonly action: Action;
  /** Why the step is not enabled where it stands; replay stops there. */
  readonly refused?: string;
  /** The state after the step (absent when refused). */
  readonly state?: State;
  /** Invariants violated in this state. */
  readonly violations: readonly Violation[];
}

export interface ReplayResult {
  readonly initial: State;
  readonly steps: readonly ReplayedStep[];
  /** The first step at which each violated invariant failed. */
  readonly firstViolations: readonly Violation[];
  readonly refused: ReplayedStep | null;
  /** What the trace says should happen, if it says. */
  readonly expected: Expectation | null;
  readonly reproduced: boolean;
  /** One line: what happened compared with what was expected. */
  readonly verdict: string;
  /** Each first violation judged on the state it happened in, the steps of its story named. */
  readonly judgements: readonly (Judgement & { readonly invariant: string })[];
}

/** Each first violation judged at its step, with the run up to it as its history. */
function judgementsOf(config: Trace['config'], initial: State, steps: readonly ReplayedStep[], first: readonly Violation[], invariants: readonly Invariant[], expected: Expectation | null): ReplayResult['judgements'] {
  const history = steps.flatMap((s) => (s.state === undefined ? [] : [s.state]));
  return first.flatMap((violation) => {
    const invariant = invariants.find((i) => i.name === violation.invariant);
    if (invariant === undefined) return [];
    // The violation the trace was saved for, where it names one: it may follow an excused one.
    const at = expected?.invariant === violation.invariant && expected.step !== undefined && expected.step > violation.step ? expected.step : violation.step;
    const state = at === -1 ? initial : history[at];
    if (state === undefined) return [];
    return [{ invariant: invariant.name, ...withSteps(judgeViolation(config, invariant, state), history.slice(0, at + 1)) }];
  });
}

function violationsIn(state: State, index: number, invariants: readonly Invariant[]): Violation[] {
  return invariants.flatMap((invariant) => {
    const message = invariant.check(state);
    return message === null ? [] : [{ invariant: invariant.name, step: index, message }];
  });
}

/** The verdict a trace records or expects, if any. */
export function expectation(trace: Trace): Expectation | null {
  if (trace.violation !== undefined) {
    return { verdict: 'violated', invariant: trace.violation.invariant, step: trace.violation.step };
  }
  return trace.expect ?? null;
}

function judge(expected: Expectation | null, first: readonly Violation[], refused: ReplayedStep | null, steps: readonly ReplayedStep[]): { reproduced: boolean; verdict: string } {
  if (refused !== null) return { reproduced: false, verdict: `step ${refused.index} is not enabled: ${refused.refused}` };
  const seen = first.map((v) => `${v.invariant} at step ${v.step}`).join(', ');
  if (expected === null) return { reproduced: true, verdict: first.length === 0 ? 'every step enabled; no invariant violated' : `every step enabled; violated: ${seen}` };
  if (expected.verdict === 'holds') {
    return first.length === 0 ? { reproduced: true, verdict: 'holds, as expected' } : { reproduced: false, verdict: `expected to hold, but violated: ${seen}` };
  }
  const match = first.find((v) => expected.invariant === undefined || v.invariant === expected.invariant);
  const wanted = `${expected.invariant ?? 'an invariant'}${expected.step === undefined ? '' : ` at step ${expected.step}`}`;
  if (match === undefined) return { reproduced: false, verdict: `expected ${wanted} to be violated, but ${first.length === 0 ? 'nothing was' : `saw only ${seen}`}` };
  // A search for broken promises passes over excused violations: the one it saved may follow them.
  const later = expected.step !== undefined && match.step < expected.step && steps[expected.step]?.violations.some((v) => v.invariant === match.invariant) === true;
  if (expected.step !== undefined && match.step !== expected.step && !later) {
    return { reproduced: false, verdict: `expected ${wanted}, but it was first violated at step ${match.step}` };
  }
  if (later) return { reproduced: true, verdict: `reproduced: ${match.invariant} violated at step ${expected.step} (first at step ${match.step})` };
  return { reproduced: true, verdict: `reproduced: ${match.invariant} violated at step ${match.step}` };
}

export function replayTrace(trace: Trace, invariants: readonly Invariant[] = INVARIANTS): ReplayResult {
  const initial = initialState(trace.config);
  const steps: ReplayedStep[] = [];
  const first = new Map<string, Violation>();
  const note = (violations: readonly Violation[]): void => {
    for (const v of violations) if (!first.has(v.invariant)) first.set(v.invariant, v);
  };
  note(violationsIn(initial, -1, invariants));
  let state = initial;
  let refused: ReplayedStep | null = null;
  for (const [index, action] of trace.steps.entries()) {
    const reason = refusal(state, action);
    if (reason !== null) {
      refused = { index, action, refused: reason, violations: [] };
      steps.push(refused);
      break;
    }
    state = step(state, action);
    const violations = violationsIn(state, index, invariants);
    note(violations);
    steps.push({ index, action, state, violations });
  }
  const firstViolations = [...first.values()];
  const expected = expectation(trace);
  const judgements = judgementsOf(trace.config, initial, steps, firstViolations, invariants, expected);
  return { initial, steps, firstViolations, refused, expected, ...judge(expected, firstViolations, refused, steps), judgements };
}
