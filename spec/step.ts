/**
 * The two entry points every checker uses: what may happen next, and making it happen. This is where
 * the rules a configuration runs under are resolved (once), and where an action meets what it
 * addresses: a partition action runs on the partition it names (the data partition by default); a
 * broker event changes the broker once and every replica it hosts (one process, one machine); a
 * consumer action sees the whole state.
 */
import { castDraft, produce, type Draft } from 'immer';
import { ACTION_KINDS, ACTIONS, type Action, type ActionKind } from './actions/index.js';
import { budgetLeft, hasBudget, type ClusterActionSpec, type PartitionActionSpec } from './actions/action.js';
import { mutableCopy } from './clone.js';
import { draftPartitionSite, partitionSite } from './cluster.js';
import { DATA_PARTITION, OFFSETS_PARTITION } from './config.js';
import { describeAction } from './actions/describe.js';
import type { Footprint } from './footprint.js';
import { rulesOf } from './eras/index.js';
import type { PartitionSite, Rules, Site } from './rules.js';
import type { PartitionName, State } from './types.js';

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

type AnySpec = PartitionActionSpec<Action> | ClusterActionSpec<Action>;

function specOf(action: Action): AnySpec {
  return ACTIONS[action.kind] as unknown as AnySpec;
}

/** Why the partition an action names is not there. */
function missingPartition(name: PartitionName): string {
  return name === OFFSETS_PARTITION ? `no ${OFFSETS_PARTITION} partition is modelled (a commits budget of 0)` : `no partition ${name} is modelled`;
}

/** Why the kind's budget refuses it (spent), or null when it has none or room left. */
function spentBudget(at: Site, spec: AnySpec): string | null {
  return spec.budget === undefined ? null : budgetLeft(at, spec.budget);
}

function refusalAt(at: Site, action: Action): string | null {
  const spec = specOf(action);
  if (spec.scope === 'partition') {
    const name = action.partition ?? DATA_PARTITION;
    const site = partitionSite(at, name);
    return site === null ? missingPartition(name) : (spentBudget(at, spec) ?? spec.refusal(site, action));
  }
  if (action.partition !== undefined) {
    return spec.scope === 'broker' ? `${action.kind} happens to a whole broker: it names no partition` : `${action.kind} is a consumer action: it names no partition`;
  }
  if (spec.scope === 'consumer' && at.state.consumer === null) return 'no consumer is modelled (a commits budget of 0)';
  return spentBudget(at, spec) ?? spec.refusal(at, action);
}

/**
 * The places an enabled action reads and writes in `state` (spec/footprint.ts), or null when its spec
 * declares none: then it is dependent on every other action.
 */
export function footprintOf(state: State, action: Action): Footprint | null {
  const spec = specOf(action);
  if (spec.footprint === undefined) return null;
  const at: Site = { state, rules: rulesOf(state.config) };
  if (spec.scope !== 'partition') return spec.footprint(at, action);
  const site = partitionSite(at, action.partition ?? DATA_PARTITION);
  return site === null ? null : spec.footprint(site, action);
}

/** Why `action` is not enabled in `state`, or null when it is. */
export function refusal(state: State, action: Action): string | null {
  return refusalAt({ state, rules: rulesOf(state.config) }, action);
}

/**
 * Every enabled action with its parameters, in a deterministic order (registry order, then partitions,
 * then brokers). A partition action is tagged with its partition, unless it is the data partition.
 * With `kinds`, only the actions of those kinds, in the same order (the random checker leaves out the
 * kinds its weighting would never pick).
 */
export function enabledActions(state: State, kinds?: ReadonlySet<ActionKind>): Action[] {
  const at: Site = { state, rules: rulesOf(state.config) };
  const sites = (Object.keys(state.partitions) as PartitionName[]).map((name) => partitionSite(at, name) as PartitionSite);
  const enabled: Action[] = [];
  for (const kind of ACTION_KINDS) {
    if (kinds !== undefined && !kinds.has(kind)) continue;
    const spec = ACTIONS[kind] as unknown as AnySpec;
    // A spent budget refuses every candidate: skipped without listing them or writing the reason.
    if ((spec.budget !== undefined && !hasBudget(state, spec.budget)) || spec.modelled?.(state.config) === false) continue;
    if (spec.scope !== 'partition') {
      if (spec.scope === 'consumer' && state.consumer === null) continue;
      for (const action of spec.candidates(at)) if (spec.refusal(at, action) === null) enabled.push(action);
      continue;
    }
    for (const site of sites) {
      for (const action of spec.candidates(site)) {
        if (spec.refusal(site, action) !== null) continue;
        enabled.push(site.name === DATA_PARTITION ? action : { ...action, partition: site.name });
      }
    }
  }
  return enabled;
}

/** Applies one enabled action; throws ActionRefused, with the guard's reason, for a disabled one. */
export function step(state: State, action: Action): State {
  const rules: Rules = rulesOf(state.config);
  const reason = refusalAt({ state, rules }, action);
  if (reason !== null) throw new ActionRefused(action, reason);
  return applyAt(state, action, rules);
}

/**
 * Applies an action that `enabledActions(state)` listed, without asking its guard again: the checkers'
 * path, which takes every action from that list. Anything else goes through `step`. The same recipe
 * runs on a mutable copy (clone.ts) rather than an immer draft: about three times faster, and equal
 * state for state (test/model/fast-successors.test.ts). The result shares nothing but values no recipe
 * edits, and, for a partition action, the partitions it does not run on.
 */
export function applyEnabled(state: State, action: Action): State {
  const copy = mutableCopy(state, specOf(action).scope === 'partition' ? (action.partition ?? DATA_PARTITION) : null);
  runRecipe(castDraft(copy), state, action, rulesOf(state.config));
  return copy;
}

/**
 * Applies an action that `enabledActions(state)` listed by editing `state` itself: the random checker's
 * path, which never looks back at an earlier state of a run and so need not copy one (its run starts on
 * a `mutableCopy` of the initial state that no one else holds). The recipe reads the state before the
 * step (`base`) in two places only, the partitions a broker hosts and a restarting broker's ghost
 * fetches, and reads them before it writes anything there; test/model/fast-successors.test.ts shows the
 * result equal to `step`'s, step for step.
 */
export function applyInPlace(state: State, action: Action): State {
  runRecipe(castDraft(state), state, action, rulesOf(state.config));
  return state;
}

function applyAt(state: State, action: Action, rules: Rules): State {
  return produce(state, (draft) => runRecipe(draft, state, action, rules));
}

/** Runs the action's recipe on `draft`, a draft or a mutable copy of `base`. */
function runRecipe(draft: Draft<State>, base: State, action: Action, rules: Rules): void {
  const spec = specOf(action);
  if (spec.scope !== 'partition') {
    spec.apply({ state: draft, base, rules }, action);
    return;
  }
  const site = draftPartitionSite({ state: draft, base, rules }, action.partition ?? DATA_PARTITION);
  if (site !== null) spec.apply(site, action);
}
