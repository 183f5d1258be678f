/**
 * The two entry points every checker uses: what may happen next, and making it happen. This is also
 * where an action meets the partition it addresses: a partition action runs on the data partition or,
 * naming the topic, on `__consumer_offsets`; a broker event runs on every partition the broker hosts
 * at once (one process, one machine); a consumer action sees the whole state.
 */
import { produce, type Draft } from 'immer';
import { ACTION_KINDS, ACTIONS, OFFSETS_TOPIC, type Action } from './actions/index.js';
import type { ActionSpec, ConsumerActionSpec } from './actions/action.js';
import { describeAction } from './describe.js';
import { isReplica } from './isr.js';
import type { PartitionState, State } from './types.js';

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

type AnySpec = ActionSpec<Action> | ConsumerActionSpec<Action>;

function specOf(action: Action): AnySpec {
  return ACTIONS[action.kind] as unknown as AnySpec;
}

function brokerOf(action: Action): number {
  return (action as { readonly broker: number }).broker;
}

/** Why `action` is not enabled in `state`, or null when it is. */
export function refusal(state: State, action: Action): string | null {
  const spec = specOf(action);
  if (spec.scope === 'consumer') {
    if (action.topic !== undefined) return `${action.kind} is a consumer action: it names no topic`;
    return state.consumer === null ? 'no consumer is modelled (a commits budget of 0)' : spec.refusal(state, action);
  }
  if (spec.scope === 'broker') {
    if (action.topic !== undefined) return `${action.kind} happens to a whole broker: it names no topic`;
    const broker = brokerOf(action);
    let hosted = false;
    for (const partition of [state, state.offsetsTopic]) {
      if (partition === null || !isReplica(partition.config, broker)) continue;
      hosted = true;
      const reason = spec.refusal(partition, action);
      if (reason !== null) return reason;
    }
    return hosted ? null : spec.refusal(state, action);
  }
  if (action.topic === undefined) return spec.refusal(state, action);
  if (state.offsetsTopic === null) return `no ${OFFSETS_TOPIC} partition is modelled (a commits budget of 0)`;
  if (action.kind === 'producerSend') return `producers write the data partition; commits reach ${OFFSETS_TOPIC} through consumerCommit`;
  return spec.refusal(state.offsetsTopic, action);
}

/** The candidates of one kind, each tagged with the partition it addresses. */
function candidates(state: State, spec: AnySpec): Action[] {
  if (spec.scope === 'consumer') return state.consumer === null ? [] : spec.candidates(state);
  const data = spec.candidates(state);
  const offsets = state.offsetsTopic;
  if (offsets === null || spec.kind === 'producerSend') return data;
  const more = spec.candidates(offsets);
  if (spec.scope === 'partition') return [...data, ...more.map((action) => ({ ...action, topic: OFFSETS_TOPIC }))];
  // Broker events: the data partition's replicas are brokers 0..RF-1; add the offsets partition's others.
  const rf = state.config.replicationFactor;
  return [...data, ...more.filter((action) => brokerOf(action) >= rf)];
}

/** Every enabled action with its parameters, in a deterministic order (registry order, then partitions, then brokers). */
export function enabledActions(state: State): Action[] {
  const enabled: Action[] = [];
  for (const kind of ACTION_KINDS) {
    for (const action of candidates(state, ACTIONS[kind] as unknown as AnySpec)) {
      if (refusal(state, action) === null) enabled.push(action);
    }
  }
  return enabled;
}

/** Applies one enabled action; throws ActionRefused, with the guard's reason, for a disabled one. */
export function step(state: State, action: Action): State {
  const reason = refusal(state, action);
  if (reason !== null) throw new ActionRefused(action, reason);
  const spec = specOf(action);
  return produce(state, (draft) => {
    if (spec.scope === 'consumer') return spec.apply(draft, action);
    const offsets = draft.offsetsTopic as Draft<PartitionState> | null;
    if (spec.scope === 'broker') {
      spec.apply(draft, action);
      if (offsets !== null) spec.apply(offsets, action);
      return;
    }
    spec.apply(action.topic === undefined || offsets === null ? draft : offsets, action);
  });
}
