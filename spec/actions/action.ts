/**
 * The shape of one action: who acts, what Kafka does, its guard (why it is not enabled, or null when
 * it is) and its effect (an immer recipe that only mutates the draft).
 */
import type { Draft } from 'immer';
import type { Acks, BrokerId, State } from '../types.js';

/** The type of each action parameter, so traces can be validated and documented from the registry. */
export type ParamType = 'broker' | 'acks';

export interface ActionDoc {
  /** Who acts: the producer, a leader, a follower, a broker, the controller. */
  readonly who: string;
  /** What Kafka does, in a sentence or two. */
  readonly what: string;
  /** The KIP, JIRA or document it follows. */
  readonly source: string;
}

export interface ActionSpec<A extends { readonly kind: string }> {
  readonly kind: A['kind'];
  readonly doc: ActionDoc;
  readonly params: { readonly [P in Exclude<keyof A, 'kind'>]: { readonly type: ParamType; readonly doc: string } };
  /** Every parameterisation that might be enabled in `state`, in a deterministic order. */
  readonly candidates: (state: State) => A[];
  /** Why the action is not enabled in `state`, or null when it is. */
  readonly refusal: (state: State, action: A) => string | null;
  readonly apply: (draft: Draft<State>, action: A) => void;
}

/** The ids of the brokers that host a replica of the partition (the assignment: 0..RF-1). */
export function replicaIds(state: State): BrokerId[] {
  return state.brokers.slice(0, state.config.replicationFactor).map((broker) => broker.id);
}

/** One candidate per replica broker: the common shape of broker and controller actions. */
export function perReplica<K extends string>(kind: K): (state: State) => { kind: K; broker: BrokerId }[] {
  return (state) => replicaIds(state).map((broker) => ({ kind, broker }));
}

/** Broker ids print as Kafka's logs print them: b0, b1, ... */
export function b(broker: BrokerId): string {
  return `b${broker}`;
}

/** Guard helper: the broker exists, hosts a replica and is running; else why not. */
export function runningReplica(state: State, broker: BrokerId): string | null {
  const target = state.brokers[broker];
  if (target === undefined || broker >= state.config.replicationFactor) return `${b(broker)} hosts no replica`;
  return target.status === 'running' ? null : `${b(broker)} is down`;
}

/** Guard helper: a perturbation budget still has room. */
export function budgetLeft(state: State, budget: keyof State['budget']): string | null {
  return state.budget[budget] < state.config.budgets[budget] ? null : `the ${budget} budget is spent`;
}

export type { Acks };
