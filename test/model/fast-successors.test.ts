/**
 * The checkers' fast paths equal the spec's: `applyEnabled` runs each action's recipe on a mutable copy
 * (spec/clone.ts) where `step` runs it in immer, and the explorer keeps a successor only after sharing
 * its unchanged parts with its parent (spec/clone.ts, sharedWith); the random checker's
 * `applyInPlace` runs the whole run on one copy of the initial state, edited step after step. Every
 * step of every saved counterexample, and of random runs over the configuration of every verdict row,
 * goes through all three paths from a deeply frozen state (the in-place run from its own copy): the
 * resulting states must be equal, and no path may write into a state it does not own (a write into a
 * frozen object throws, so a recipe that edits something a copy shares fails here). An edit in place
 * that reaches an object two places of the state share shows up as a difference at a later step.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../spec/actions/index.js';
import type { Config } from '../../spec/config.js';
import { initialState } from '../../spec/init.js';
import { applyEnabled, applyInPlace, enabledActions, step } from '../../spec/step.js';
import type { State } from '../../spec/types.js';
import { mutableCopy, sharedWith } from '../../spec/clone.js';
import { loadTrace } from '../../model/trace/trace.js';
import { verdictConfigs } from '../verdicts/settle.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key in value) deepFreeze(value[key]);
  }
  return value;
}

/**
 * A run through every path: `state` (frozen first) steps by `step` and `applyEnabled`, and `inPlace`,
 * the same state as the run's own copy, by `applyInPlace`.
 */
class Paths {
  private state: State;
  private inPlace: State;

  constructor(config: Config) {
    this.state = deepFreeze(initialState(config));
    this.inPlace = mutableCopy(this.state);
  }

  get current(): State {
    return this.state;
  }

  take(action: Action, where: string): void {
    const { state } = this;
    const slow = step(state, action);
    const fast = applyEnabled(state, action);
    if (!isDeepStrictEqual(fast, slow)) expect(fast, `${where}: the fast path differs from step`).toStrictEqual(slow);
    const kept = sharedWith(fast, state);
    if (!isDeepStrictEqual(kept, fast)) expect(kept, `${where}: sharing with the parent changed the state`).toStrictEqual(fast);
    this.inPlace = applyInPlace(this.inPlace, action);
    if (!isDeepStrictEqual(this.inPlace, slow)) expect(this.inPlace, `${where}: the run in place differs from step`).toStrictEqual(slow);
    this.state = deepFreeze(kept);
  }
}

const configs = verdictConfigs();
const RUNS = 3000;
const MAX_STEPS = 40;

const dir = join(import.meta.dirname, '..', '..', 'counterexamples');
const traces = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();

describe('the fast paths equal step', () => {
  it('on every step of every saved counterexample', () => {
    let steps = 0;
    for (const name of traces) {
      const trace = loadTrace(join(dir, name));
      const paths = new Paths(trace.config);
      trace.steps.forEach((action, i) => {
        paths.take(action, `${name} step ${i}`);
        steps += 1;
      });
    }
    expect(steps).toBeGreaterThan(500);
  });

  it(`on ${RUNS} random runs over the verdict rows' configurations (${MAX_STEPS} steps each)`, () => {
    let steps = 0;
    fc.assert(
      fc.property(fc.nat({ max: configs.length - 1 }), fc.array(fc.nat(), { minLength: MAX_STEPS, maxLength: MAX_STEPS }), (index, choices) => {
        const paths = new Paths(configs[index] as Config);
        for (const [i, choice] of choices.entries()) {
          const enabled = enabledActions(paths.current);
          if (enabled.length === 0) break;
          paths.take(enabled[choice % enabled.length] as Action, `config ${index}, step ${i}`);
          steps += 1;
        }
      }),
      { seed: 20, numRuns: RUNS },
    );
    expect(steps).toBeGreaterThan(RUNS * 20);
  });
});

describe('sharing with the parent', () => {
  it('keeps what did not change as the parent\'s own objects', () => {
    const parent = deepFreeze(initialState(configs[0] as Config));
    const action = enabledActions(parent).find((a) => a.kind === 'producerSend') as Action;
    const kept = sharedWith(applyEnabled(parent, action), parent);
    expect(kept.config).toBe(parent.config);
    expect(kept.controller).toBe(parent.controller);
    expect(kept.brokers).toBe(parent.brokers);
    expect(kept.producer).not.toBe(parent.producer);
    expect(sharedWith(applyEnabled(parent, action), parent)).toStrictEqual(kept);
  });
});
