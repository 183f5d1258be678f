/** The two entry points every checker uses: what may happen next, and making it happen. */
import { produce } from 'immer';
import { ACTION_KINDS, ACTIONS, actionSpec, type Action } from './actions/index.js';
import { describeAction } from './describe.js';
import type { State } from './types.js';

/** Why an action cannot be taken: not enabled where it stands, with the guard's reason. */
export class ActionRefused extends Error {
  constructor(
    readonly action: Action,
    readonly reason: string,
  ) {
    super(`${describeAction(action)} is not enabled: ${reason}`);
    this.name = 'ActionRefused';
  }
}

/** Why `action` is not enabled in `state`, or null when it is. */
export function refusal(state: State, action: Action): string | null {
  return actionSpec(action).refusal(state, action);
}

/** Every enabled action with its parameters, in a deterministic order (registry order, then brokers). */
export function enabledActions(state: State): Action[] {
  const enabled: Action[] = [];
  for (const kind of ACTION_KINDS) {
    const spec = ACTIONS[kind] as unknown as { candidates(s: State): Action[]; refusal(s: State, a: Action): string | null };
    for (const action of spec.candidates(state)) {
      if (spec.refusal(state, action) === null) enabled.push(action);
    }
  }
  return enabled;
}

/** Applies one enabled action; throws ActionRefused, with the guard's reason, for a disabled one. */
export function step(state: State, action: Action): State {
  const reason = refusal(state, action);
  if (reason !== null) throw new ActionRefused(action, reason);
  const spec = actionSpec(action);
  return produce(state, (draft) => spec.apply(draft, action));
}
